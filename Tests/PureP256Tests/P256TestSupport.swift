// Shared helpers for the PureP256 tests: vector files, hex, NIST response files, a seeded
// generator, and Python (its integers and `cryptography`) as the independent oracle.
import Foundation
@testable import PureP256

/// The repository's `Vectors/` folder, found from this file's path.
let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Vectors")

/// The text of a vector file.
func vectorText(_ relativePath: String) throws -> String {
    String(decoding: try Data(contentsOf: vectorsDirectory.appendingPathComponent(relativePath)), as: UTF8.self)
}

/// A JSON vector file as a dictionary.
func vectorJSON(_ relativePath: String) throws -> [String: Any] {
    let data = try Data(contentsOf: vectorsDirectory.appendingPathComponent(relativePath))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw TestDataError(description: "\(relativePath) is not a JSON object")
    }
    return object
}

/// Error for malformed test data (so a broken vector file fails loudly, never silently passes).
struct TestDataError: Error, CustomStringConvertible {
    let description: String
}

/// Bytes from hexadecimal; an odd number of digits gets a leading zero.
func hexBytes(_ text: some StringProtocol) throws -> [UInt8] {
    var digits = Array(text.utf8)
    if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
    func value(_ c: UInt8) throws -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: throw TestDataError(description: "not a hex digit: \(c)")
        }
    }
    var bytes: [UInt8] = []
    var i = 0
    while i < digits.count {
        bytes.append(try value(digits[i]) << 4 | value(digits[i + 1]))
        i += 2
    }
    return bytes
}

/// Lower-case hexadecimal of `bytes`.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { String(format: "%02x", $0) }.joined()
}

/// `bytes` left-padded with zeros to `count`.
func leftPadded(_ bytes: [UInt8], to count: Int) -> [UInt8] {
    bytes.count >= count ? bytes : [UInt8](repeating: 0, count: count - bytes.count) + bytes
}

/// One record of a NIST response file: the `[section]` it sits in plus its own lines.
struct NISTRecord {
    var section: String
    var fields: [String: String]
    func require(_ key: String) throws -> String {
        guard let value = fields[key] else { throw TestDataError(description: "record without \(key)") }
        return value
    }
}

/// The records of a NIST CAVP file that start at `recordStartKey`, with their `[section]`.
func parseNIST(_ text: String, recordStartKey: String) -> [NISTRecord] {
    var section = ""
    var current: [String: String] = [:]
    var records: [NISTRecord] = []
    var inRecord = false
    func flush() {
        if inRecord { records.append(NISTRecord(section: section, fields: current)) }
        current = [:]
        inRecord = false
    }
    // Split on scalars: in a String, CR LF is one Character and would not match "\n".
    for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
        let line = String(String.UnicodeScalarView(rawLine)).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty { flush(); continue }
        if line.hasPrefix("#") { continue }
        if line.hasPrefix("[") { flush(); section = String(line.dropFirst().dropLast()); continue }
        let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        if parts[0] == recordStartKey { flush(); inRecord = true }
        if inRecord { current[parts[0]] = parts[1] }
    }
    flush()
    return records
}

/// SplitMix64: reproducible test inputs.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8.random(in: 0...255, using: &self) } }
}

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
