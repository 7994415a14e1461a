// Reading the NIST CAVP `.rsp` files (and files in the same format) under Vectors/sha256,
// Vectors/sha2 and Vectors/hmac.
import Foundation
@_exported import TestSupport

/// One `Len` / `Msg` / `MD` record.
struct MessageVector: CustomStringConvertible {
    let message: [UInt8]
    let digestHex: String
    var description: String { "\(message.count)-byte message" }
}

/// The `key = value` lines of a vector file in `Vectors/folder`, in order, with CR, comments and
/// headers dropped.
func keyValueLines(_ fileName: String, folder: String = "sha256") throws -> [(key: String, value: String)] {
    let url = vectorsDirectory.appendingPathComponent(folder).appendingPathComponent(fileName)
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
        case "Msg": message = (try? hexBytes(value))
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
