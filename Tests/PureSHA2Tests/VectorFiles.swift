// Reading the NIST CAVP `.rsp` files (and files in the same format) under Vectors/sha256,
// Vectors/sha2 and Vectors/hmac.
import Foundation

/// The folder `Vectors` of this repository, found from this file's path.
let vectorRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // PureSHA2Tests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repository root
    .appendingPathComponent("Vectors")

/// One `Len` / `Msg` / `MD` record.
struct MessageVector: CustomStringConvertible {
    let message: [UInt8]
    let digestHex: String
    var description: String { "\(message.count)-byte message" }
}

/// The `key = value` lines of a vector file in `Vectors/folder`, in order, with CR, comments and
/// headers dropped.
func keyValueLines(_ fileName: String, folder: String = "sha256") throws -> [(key: String, value: String)] {
    let url = vectorRoot.appendingPathComponent(folder).appendingPathComponent(fileName)
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }).compactMap { line in
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("#"), !trimmed.hasPrefix("["),
            let equals = trimmed.firstIndex(of: "=")
        else { return nil }
        return (
            trimmed[..<equals].trimmingCharacters(in: .whitespaces),
            trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        )
    }
}

/// The records of a `Len`/`Msg`/`MD` file. `Len = 0` with `Msg = 00` is the empty message.
func messageVectors(_ fileName: String, folder: String = "sha256") throws -> [MessageVector] {
    var vectors: [MessageVector] = []
    var bitLength: Int?
    var message: [UInt8]?
    for (key, value) in try keyValueLines(fileName, folder: folder) {
        switch key {
        case "Len": bitLength = Int(value)
        case "Msg": message = bytes(hex: value)
        case "MD":
            guard let bits = bitLength, let msg = message, bits % 8 == 0, bits / 8 <= msg.count else {
                throw VectorFileError(file: fileName, reason: "MD without a valid Len/Msg before it")
            }
            vectors.append(MessageVector(message: Array(msg.prefix(bits / 8)), digestHex: value.lowercased()))
            bitLength = nil
            message = nil
        default: continue
        }
    }
    return vectors
}

struct VectorFileError: Error, CustomStringConvertible {
    let file: String
    let reason: String
    var description: String { "\(file): \(reason)" }
}

/// Decodes hexadecimal text (even length, no separators); nil if it is not hex.
func bytes(hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count % 2 == 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(digits.count / 2)
    var index = 0
    while index < digits.count {
        guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
        out.append(high << 4 | low)
        index += 2
    }
    return out
}

private func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
    default: nil
    }
}

/// Lowercase hex of bytes, computed independently of `SHA256Digest.description`.
func hex(_ bytes: [UInt8]) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }.joined()
}

/// A small seeded generator (SplitMix64), so a failing random test can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
