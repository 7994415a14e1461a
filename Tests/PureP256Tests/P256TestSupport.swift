// Helpers for the PureP256 tests: the curve constants and Python (its integers and `cryptography`)
// as the independent oracle; vector files, hex, the NIST reader and the seeded generator come
// from TestSupport.
import Foundation
@testable import PureP256
@_exported import TestSupport

/// The curve constants, as hex, for the Python side and for edge cases.
enum Curve {
    static let p = "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
    static let n = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
}

/// A slow affine reference for P-256 over Python's integers (written here, not taken from
/// any library), prepended to every Python oracle script.
let pythonReference = """
    import sys
    p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff
    n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551
    b = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b
    G = (0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
         0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5)
    def add(P, Q):
        if P is None: return Q
        if Q is None: return P
        (x1, y1), (x2, y2) = P, Q
        if x1 == x2 and (y1 + y2) % p == 0: return None
        if P == Q: l = (3 * x1 * x1 - 3) * pow(2 * y1, -1, p) % p
        else: l = (y2 - y1) * pow(x2 - x1, -1, p) % p
        x3 = (l * l - x1 - x2) % p
        return (x3, (l * (x1 - x3) - y1) % p)
    def mul(k, P):
        R = None
        while k:
            if k & 1: R = add(R, P)
            P = add(P, P); k >>= 1
        return R
    def show(P): return "inf" if P is None else "%064x %064x" % P

    """

/// Runs `python3 -c script` with `input` on stdin and returns its output lines.
func runPython(_ script: String, input: String = "") throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    stdin.fileHandleForWriting.write(Data(input.utf8))
    try stdin.fileHandleForWriting.close()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestDataError(description: "python3 failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}

extension Limbs256 {
    /// From hex (up to 64 digits).
    init(hex text: String) throws {
        self.init(bigEndian: leftPadded(try hexBytes(text), to: 32))
    }

    /// 64 hex digits.
    var hexString: String { hex(bigEndianBytes) }
}

extension ProjectivePoint {
    /// "inf" or "x y" in hex, as the Python reference's `show`.
    var shown: String {
        guard let affine else { return "inf" }
        return hex(affine.x.bigEndianBytes) + " " + hex(affine.y.bigEndianBytes)
    }
}
