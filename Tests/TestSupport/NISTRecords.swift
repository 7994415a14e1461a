// NIST CAVP response files (`.rsp`, `.txt`): `[section]` headers, `key = value` lines, records
// separated by blank lines.
import Foundation

/// One record of a NIST response file: the values in force from its section plus its own lines.
package struct NISTRecord {
    /// The text of the last `[…]` header before the record (e.g. "P-256,SHA-256" or "mod = 2048").
    package var section: String
    /// The record's `key = value` lines, over the values set outside records before it.
    package var fields: [String: String]

    /// The value of `key`, if the record has one.
    package subscript(key: String) -> String? { fields[key] }

    /// The value of `key`; a record without it is malformed test data.
    package func require(_ key: String) throws -> String {
        guard let value = fields[key] else { throw TestDataError(description: "record without \(key) in [\(section)]") }
        return value
    }
}

/// Parses a NIST response file. A record starts at a `recordStartKey` line and ends at a blank
/// line or the next `[…]` header. Values met outside records (n, e, d before SigGen's records;
/// `[mod = 2048]`) carry into the records after them. `key =` with nothing after it is the empty
/// value (an empty message).
package func parseNIST(_ text: String, recordStartKey: String) -> [NISTRecord] {
    var context: [String: String] = [:]
    var section = ""
    var current: [String: String] = [:]
    var records: [NISTRecord] = []
    var inRecord = false
    func flush() {
        if inRecord { records.append(NISTRecord(section: section, fields: context.merging(current) { $1 })) }
        current = [:]
        inRecord = false
    }
    // Split on scalars: in a String, CR LF is one Character and would not match "\n".
    for rawLine in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
        let line = String(String.UnicodeScalarView(rawLine)).trimmingCharacters(in: .whitespacesAndNewlines)
        if line.isEmpty { flush(); continue }
        if line.hasPrefix("#") { continue }
        if line.hasPrefix("[") {
            flush()
            section = String(line.dropFirst().dropLast())
            let parts = section.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { context[parts[0]] = parts[1] }
            continue
        }
        let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        if parts[0] == recordStartKey { flush(); inRecord = true }
        if inRecord { current[parts[0]] = parts[1] } else { context[parts[0]] = parts[1] }
    }
    flush()
    return records
}
