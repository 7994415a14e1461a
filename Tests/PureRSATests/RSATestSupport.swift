// Shared helpers for the PureRSA tests: vector files, hex, and a parser for NIST's
// `key = value` response files.
import Foundation
@testable import PureRSA
import PureSHA2

/// The repository's `Vectors/` folder, found from this file's path.
let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Vectors")

/// The bytes of a vector file.
func vectorData(_ relativePath: String) throws -> Data {
    try Data(contentsOf: vectorsDirectory.appendingPathComponent(relativePath))
}

/// The text of a vector file.
func vectorText(_ relativePath: String) throws -> String {
    String(decoding: try vectorData(relativePath), as: UTF8.self)
}

/// A JSON vector file as a dictionary.
func vectorJSON(_ relativePath: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: vectorData(relativePath)) as? [String: Any] else {
        throw TestDataError(description: "\(relativePath) is not a JSON object")
    }
    return object
}

/// Error for malformed test data (so a broken vector file fails loudly, never silently passes).
struct TestDataError: Error, CustomStringConvertible {
    let description: String
}

/// Bytes from hexadecimal; an odd number of digits gets a leading zero (NIST drops leading
/// zero nibbles).
func hexBytes(_ text: some StringProtocol) throws -> [UInt8] {
    var digits = Array(text.utf8)
    if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(digits.count / 2)
    func value(_ c: UInt8) throws -> UInt8 {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: throw TestDataError(description: "not a hex digit: \(c)")
        }
    }
    var i = 0
    while i < digits.count {
        bytes.append(try value(digits[i]) << 4 | value(digits[i + 1]))
        i += 2
    }
    return bytes
}

/// `bytes` left-padded with zeros to `count`.
func leftPadded(_ bytes: [UInt8], to count: Int) -> [UInt8] {
    bytes.count >= count ? bytes : [UInt8](repeating: 0, count: count - bytes.count) + bytes
}

/// Bytes from unpadded base64url (JWK members).
func base64URLBytes(_ text: String) throws -> [UInt8] {
    var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while standard.count % 4 != 0 { standard += "=" }
    guard let data = Data(base64Encoded: standard) else {
        throw TestDataError(description: "bad base64url: \(text.prefix(20))…")
    }
    return Array(data)
}

/// One record of a NIST response file: the `[section]` values in force plus its own lines.
struct NISTRecord {
    var fields: [String: String]
    subscript(key: String) -> String? { fields[key] }
    func require(_ key: String) throws -> String {
        guard let value = fields[key] else { throw TestDataError(description: "record without \(key): \(fields)") }
        return value
    }
}

/// Parses NIST CAVP `.rsp`/`.txt` files: `[mod = N]` sections, `key = value` lines. A record
/// starts at `recordStartKey` and ends at a blank line. Keys met outside records (n, e, d in
/// SigGen) carry into later records.
func parseNIST(_ text: String, recordStartKey: String) -> [NISTRecord] {
    var context: [String: String] = [:]
    var current: [String: String] = [:]
    var records: [NISTRecord] = []
    var inRecord = false
    func flush() {
        if inRecord { records.append(NISTRecord(fields: context.merging(current) { $1 })) }
        current = [:]
        inRecord = false
    }
    for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map({ String(String.UnicodeScalarView($0)) }) {
        let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty { flush(); continue }
        if line.hasPrefix("#") { continue }
        if line.hasPrefix("[") {
            flush()
            let inner = line.dropFirst().dropLast()
            let parts = inner.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { context[parts[0]] = parts[1] }
            continue
        }
        let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        if parts[0] == recordStartKey { flush(); inRecord = true }
        if inRecord { current[parts[0]] = parts[1] } else { context[parts[0]] = parts[1] }
    }
    flush()
    return records
}
