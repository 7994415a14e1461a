// PEM textual encoding (RFC 7468), strict and repairing.

/// PEM: base64 DER between `-----BEGIN label-----` and `-----END label-----` lines (RFC 7468).
///
/// ``blocks(in:)`` accepts RFC 7468's strict form only (64-character lines, padded base64,
/// matching labels), with any text before, between and after blocks. Line endings may be LF,
/// CRLF or CR, and the final line ending may be missing: RFC 7468 section 3 allows all of these.
/// ``repairingBlocks(in:)`` also accepts the damage copy and paste or configuration files do,
/// and reports each kind of repair it made so a tool can warn.
public enum PEM {
    /// One RFC 1421-style header line (`Name: value`) between the BEGIN line and the body.
    package struct Header: Sendable, Equatable {
        /// The name before the colon, e.g. `Proc-Type`.
        @_spi(Internals) public let name: String
        /// The value after the colon, trimmed, e.g. `4,ENCRYPTED`.
        @_spi(Internals) public let value: String
    }

    /// One armoured block.
    package struct Block: Sendable, Equatable {
        /// The label, e.g. `RSA PRIVATE KEY`.
        @_spi(Internals) public let label: String
        /// RFC 1421 headers (legacy OpenSSL encryption uses them); empty in RFC 7468 PEM.
        package let headers: [Header]
        /// The decoded body.
        @_spi(Internals) public let der: [UInt8]

        /// Creates a block.
        ///
        /// - Parameters:
        ///   - label: The label.
        ///   - headers: Header lines, if any.
        ///   - der: The body bytes.
        @_spi(Internals) public init(label: String, headers: [Header] = [], der: [UInt8]) {
            self.label = label
            self.headers = headers
            self.der = der
        }

        /// Whether a `Proc-Type` header says the body is encrypted (`Proc-Type: 4,ENCRYPTED`).
        package var isEncrypted: Bool {
            headers.contains { asciiCaselessEqual($0.name.utf8, "proc-type".utf8) && $0.value.utf8.contains(asciiCaseless: "encrypted".utf8) }
        }
    }

    /// The kinds of damage ``repairingBlocks(in:)`` repaired.
    public struct Repairs: OptionSet, Sendable, Hashable, CustomStringConvertible {
        /// The bits of the set.
        public let rawValue: UInt16

        /// Creates a set from raw bits.
        ///
        /// - Parameter rawValue: The bits.
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// Literal `\n` (or `\r\n`) escapes, as `.env` files hold, were turned into line breaks.
        public static let escapedLineBreaks = Repairs(rawValue: 1 << 0)
        /// A BEGIN or END line did not stand on its own line (text or body joined to it).
        public static let missingLineBreaks = Repairs(rawValue: 1 << 1)
        /// Body lines were not 64 characters long (for example the body was one long line).
        public static let reflowedBody = Repairs(rawValue: 1 << 2)
        /// Spaces, tabs or blank lines inside the body were skipped.
        public static let whitespaceInBody = Repairs(rawValue: 1 << 3)
        /// Spaces or tabs before or after a BEGIN or END boundary on its line were ignored.
        public static let whitespaceAroundBoundaries = Repairs(rawValue: 1 << 4)
        /// The base64 body lacked its `=` padding.
        public static let missingPadding = Repairs(rawValue: 1 << 5)
        /// The base64 body used the URL-safe characters `-` or `_`.
        public static let urlSafeAlphabet = Repairs(rawValue: 1 << 6)
        /// The last character of the body carried non-zero unused bits.
        public static let nonCanonicalBase64 = Repairs(rawValue: 1 << 7)

        private static let sentences: [(Repairs, String)] = [
            (.escapedLineBreaks, "literal \\n escapes were read as line breaks"),
            (.missingLineBreaks, "a BEGIN or END line was not on its own line"),
            (.reflowedBody, "the base64 body was not in 64-character lines"),
            (.whitespaceInBody, "spaces or blank lines inside the base64 body were skipped"),
            (.whitespaceAroundBoundaries, "spaces around a BEGIN or END line were ignored"),
            (.missingPadding, "the base64 body was missing its '=' padding"),
            (.urlSafeAlphabet, "the base64 body used URL-safe characters"),
            (.nonCanonicalBase64, "the base64 body ended in a non-canonical character"),
        ]

        /// One sentence per repair, in a fixed order.
        public var sentences: [String] { Repairs.sentences.filter { contains($0.0) }.map { $0.1 } }

        /// The repairs as one line of sentences, or "no repairs".
        public var description: String { sentences.isEmpty ? "no repairs" : sentences.joined(separator: "; ") }
    }

    /// Encodes DER as a strict RFC 7468 block: 64-character lines, LF line endings, final LF.
    ///
    /// - Parameters:
    ///   - label: The label, e.g. `PRIVATE KEY`.
    ///   - der: The bytes to armour.
    /// - Returns: The PEM text.
    @_spi(Internals) public static func encode<Bytes: Collection>(label: String, der: Bytes) -> String where Bytes.Element == UInt8 {
        let body = Array(Base64.encode(der).utf8)
        var text = "-----BEGIN \(label)-----\n"
        var start = 0
        while start < body.count {
            let end = min(start + 64, body.count)
            text += String(decoding: body[start..<end], as: UTF8.self)
            text += "\n"
            start = end
        }
        text += "-----END \(label)-----\n"
        return text
    }

    /// Finds every block in `text`, accepting RFC 7468's strict form only.
    ///
    /// Lines outside blocks are ignored (RFC 7468 explanatory text). A line that looks like a
    /// boundary but is not well formed is an error, not text.
    ///
    /// - Parameter text: The text holding one or more blocks.
    /// - Returns: The blocks in order; at least one.
    /// - Throws: ``PEMError``.
    package static func blocks<Text: StringProtocol>(in text: Text) throws(PEMError) -> [Block] {
        try StrictParser(Array(text.utf8)).parse()
    }

    /// Finds every block in `text`, repairing common damage, and reports what was repaired.
    ///
    /// Repaired: literal `\n` escapes, boundaries not on their own lines, bodies reflowed or
    /// flattened onto one line, spaces and blank lines in the body, spaces around boundaries,
    /// missing padding, URL-safe base64, non-canonical final characters. Not repaired
    /// (refused): mismatched labels, a missing END line, characters outside base64.
    ///
    /// - Parameter text: The text holding one or more blocks.
    /// - Returns: The blocks and the union of repairs made (empty if the text was strict).
    /// - Throws: ``PEMError``.
    package static func repairingBlocks<Text: StringProtocol>(
        in text: Text
    ) throws(PEMError) -> (blocks: [Block], repairs: Repairs) {
        var parser = LenientParser(Array(text.utf8))
        return try parser.parse()
    }
}

/// Why PEM text was refused. Line numbers start at 1.
@nonexhaustive
public enum PEMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No `-----BEGIN …-----` line was found.
    case noBlock
    /// A line that starts like a boundary is not `-----BEGIN label-----` / `-----END label-----`.
    case malformedBoundary(line: Int)
    /// The label has characters RFC 7468 does not allow.
    case invalidLabel(line: Int)
    /// The block labelled so never ends.
    case missingEnd(label: String)
    /// The END line names another label than the BEGIN line.
    case labelMismatch(begin: String, end: String)
    /// A header line (between BEGIN and the blank line) is not `Name: value`.
    case invalidHeader(line: Int)
    /// A body line breaks RFC 7468's strict layout (64 characters, except a shorter last line).
    case bodyLineLength(line: Int, length: Int)
    /// The block has no body.
    case emptyBody(label: String)
    /// The body is not valid base64; the offset in the error counts from the body's start.
    case invalidBase64(label: String, Base64Error)

    /// One sentence saying what is wrong and where.
    public var description: String {
        switch self {
        case .noBlock:
            return "no '-----BEGIN …-----' line was found"
        case let .malformedBoundary(line):
            return "line \(line) looks like a PEM boundary but is not '-----BEGIN label-----' or '-----END label-----'"
        case let .invalidLabel(line):
            return "the label on line \(line) has characters a PEM label cannot have"
        case let .missingEnd(label):
            return "the '\(label)' block has no '-----END \(label)-----' line"
        case let .labelMismatch(begin, end):
            return "the block begins as '\(begin)' but ends as '\(end)'"
        case let .invalidHeader(line):
            return "line \(line) should be a 'Name: value' header"
        case let .bodyLineLength(line, length):
            return "line \(line) of the base64 body has \(length) characters where strict PEM needs 64 (shorter only on the last line)"
        case let .emptyBody(label):
            return "the '\(label)' block is empty"
        case let .invalidBase64(label, error):
            return "the body of the '\(label)' block is not valid base64: \(error)"
        }
    }
}

// MARK: - Shared helpers

private func asciiLower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

private func asciiCaselessEqual<A: Collection, B: Collection>(_ a: A, _ b: B) -> Bool
where A.Element == UInt8, B.Element == UInt8 {
    a.count == b.count && zip(a, b).allSatisfy { asciiLower($0) == asciiLower($1) }
}

extension Collection where Element == UInt8 {
    /// Whether `needle` occurs, ignoring ASCII case.
    fileprivate func contains<Needle: Collection>(asciiCaseless needle: Needle) -> Bool where Needle.Element == UInt8 {
        let hay = Array(self), pattern = Array(needle)
        guard !pattern.isEmpty else { return true }
        guard hay.count >= pattern.count else { return false }
        for start in 0...(hay.count - pattern.count)
        where asciiCaselessEqual(hay[start..<(start + pattern.count)], pattern) { return true }
        return false
    }
}

private let dashes: [UInt8] = Array("-----".utf8)
private let beginMarker: [UInt8] = Array("-----BEGIN ".utf8)
private let endMarker: [UInt8] = Array("-----END ".utf8)

private func isSpaceOrTab(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
private func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0A || byte == 0x0D }

/// RFC 7468 label: printable ASCII; `-` and single spaces only between label characters.
private func isValidLabel(_ label: ArraySlice<UInt8>) -> Bool {
    var previousWasSeparator = true  // no separator at the start
    for byte in label {
        if byte == 0x2D || byte == 0x20 {
            if previousWasSeparator { return false }
            previousWasSeparator = true
        } else if byte >= 0x21 && byte <= 0x7E {
            previousWasSeparator = false
        } else {
            return false
        }
    }
    return !previousWasSeparator || label.isEmpty
}

private func hasPrefix(_ bytes: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
    bytes.count >= prefix.count && bytes.prefix(prefix.count).elementsEqual(prefix)
}

private func hasSuffix(_ bytes: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
    bytes.count >= suffix.count && bytes.suffix(suffix.count).elementsEqual(suffix)
}

private func firstIndex(of needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, bytes.count >= needle.count else { return nil }
    var i = start
    while i + needle.count <= bytes.count {
        if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        i += 1
    }
    return nil
}

private func string(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

/// Parses one `Name: value` header line; nil if it is not one.
private func header(_ line: ArraySlice<UInt8>) -> PEM.Header? {
    guard let colon = line.firstIndex(of: 0x3A), colon > line.startIndex else { return nil }
    let name = line[line.startIndex..<colon]
    guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
    var value = line[(colon + 1)...]
    while let f = value.first, isSpaceOrTab(f) { value = value.dropFirst() }
    while let l = value.last, isSpaceOrTab(l) { value = value.dropLast() }
    return PEM.Header(name: string(name), value: string(value))
}

// MARK: - Strict

private struct StrictParser {
    let text: [UInt8]
    /// Line content ranges (line breaks excluded).
    var lines: [Range<Int>] = []

    init(_ text: [UInt8]) {
        self.text = text
        var start = 0
        var i = 0
        while i < text.count {
            if text[i] == 0x0A || text[i] == 0x0D {
                lines.append(start..<i)
                if text[i] == 0x0D && i + 1 < text.count && text[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        if start < text.count { lines.append(start..<text.count) }
    }

    /// Label of a boundary line with the given marker; throws when the line starts like one
    /// but is malformed; nil when the line is not a boundary of that kind.
    func boundaryLabel(_ index: Int, marker: [UInt8]) throws(PEMError) -> String? {
        let line = text[lines[index]]
        guard hasPrefix(line, marker) else {
            // "-----BEGIN" without the space, or the marker later in the line.
            if line.contains(0x2D), firstIndex(of: Array(marker.dropLast()), in: Array(line), from: 0) != nil {
                throw .malformedBoundary(line: index + 1)
            }
            return nil
        }
        guard line.count >= marker.count + dashes.count, hasSuffix(line, dashes) else {
            throw .malformedBoundary(line: index + 1)
        }
        let label = line[(line.startIndex + marker.count)..<(line.endIndex - dashes.count)]
        guard isValidLabel(label) else { throw .invalidLabel(line: index + 1) }
        return string(label)
    }

    func parse() throws(PEMError) -> [PEM.Block] {
        var blocks: [PEM.Block] = []
        var index = 0
        while index < lines.count {
            if try boundaryLabel(index, marker: endMarker) != nil { throw .malformedBoundary(line: index + 1) }
            guard let label = try boundaryLabel(index, marker: beginMarker) else {
                index += 1
                continue
            }
            index += 1
            // Headers: lines with a colon right after BEGIN, ended by a blank line.
            var headers: [PEM.Header] = []
            if index < lines.count, text[lines[index]].contains(0x3A) {
                while index < lines.count, !lines[index].isEmpty {
                    let line = text[lines[index]]
                    if let first = line.first, isSpaceOrTab(first), !headers.isEmpty {
                        index += 1  // folded continuation of the previous header
                        continue
                    }
                    guard let parsed = header(line) else { throw .invalidHeader(line: index + 1) }
                    headers.append(parsed)
                    index += 1
                }
                index += 1  // the blank line
            }
            var body: [UInt8] = []
            var ended = false
            var previousShort: Int?
            while index < lines.count {
                if let endLabel = try boundaryLabel(index, marker: endMarker) {
                    guard endLabel == label else { throw .labelMismatch(begin: label, end: endLabel) }
                    ended = true
                    index += 1
                    break
                }
                if try boundaryLabel(index, marker: beginMarker) != nil { throw .missingEnd(label: label) }
                let line = lines[index]
                if let short = previousShort { throw .bodyLineLength(line: short + 1, length: lines[short].count) }
                if line.count > 64 || line.isEmpty { throw .bodyLineLength(line: index + 1, length: line.count) }
                if line.count < 64 { previousShort = index }
                body.append(contentsOf: text[line])
                index += 1
            }
            guard ended else { throw .missingEnd(label: label) }
            guard !body.isEmpty else { throw .emptyBody(label: label) }
            let der: [UInt8]
            do {
                der = try Base64.decode(utf8: body, alphabet: .standard, padding: true, mode: .strict)
            } catch {
                throw .invalidBase64(label: label, error)
            }
            blocks.append(PEM.Block(label: label, headers: headers, der: der))
        }
        guard !blocks.isEmpty else { throw .noBlock }
        return blocks
    }
}

// MARK: - Lenient

private struct LenientParser {
    var text: [UInt8]
    var repairs: PEM.Repairs = []

    init(_ text: [UInt8]) {
        self.text = text
    }

    /// Line number (1-based) of a byte offset, for error messages.
    func lineNumber(_ offset: Int) -> Int {
        var line = 1
        var i = 0
        while i < offset && i < text.count {
            if text[i] == 0x0A || (text[i] == 0x0D && (i + 1 >= text.count || text[i + 1] != 0x0A)) { line += 1 }
            i += 1
        }
        return line
    }

    /// Turns `\r\n`, `\n` and `\r` escapes into line breaks when the text holds a PEM boundary.
    mutating func unescapeLineBreaks() {
        guard firstIndex(of: beginMarker, in: text, from: 0) != nil,
            firstIndex(of: [0x5C, 0x6E], in: text, from: 0) != nil
        else { return }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if text[i] == 0x5C, i + 1 < text.count, text[i + 1] == 0x6E || text[i + 1] == 0x72 {
                if text[i + 1] == 0x6E { out.append(0x0A) }  // \r escapes are dropped, \n kept
                i += 2
                repairs.insert(.escapedLineBreaks)
                continue
            }
            out.append(text[i])
            i += 1
        }
        text = out
    }

    /// Checks what precedes a boundary at `start` on its line.
    mutating func checkBefore(_ start: Int) {
        var i = start
        var sawSpace = false
        while i > 0 {
            let byte = text[i - 1]
            if isLineBreak(byte) { break }
            if isSpaceOrTab(byte) {
                sawSpace = true
            } else {
                repairs.insert(.missingLineBreaks)
                return
            }
            i -= 1
        }
        if sawSpace { repairs.insert(.whitespaceAroundBoundaries) }
    }

    /// Checks what follows a boundary ending at `end` on its line.
    mutating func checkAfter(_ end: Int) {
        var i = end
        var sawSpace = false
        while i < text.count {
            let byte = text[i]
            if isLineBreak(byte) { break }
            if isSpaceOrTab(byte) {
                sawSpace = true
            } else {
                repairs.insert(.missingLineBreaks)
                return
            }
            i += 1
        }
        if sawSpace { repairs.insert(.whitespaceAroundBoundaries) }
    }

    /// Reads the label after a marker at `start`; returns the label and the offset after the
    /// closing dashes.
    func label(at start: Int, marker: [UInt8]) throws(PEMError) -> (String, Int) {
        let labelStart = start + marker.count
        guard let close = firstIndex(of: dashes, in: text, from: labelStart) else {
            throw .malformedBoundary(line: lineNumber(start))
        }
        let label = text[labelStart..<close]
        guard isValidLabel(label) else { throw .invalidLabel(line: lineNumber(start)) }
        return (string(label), close + dashes.count)
    }

    mutating func parse() throws(PEMError) -> ([PEM.Block], PEM.Repairs) {
        unescapeLineBreaks()
        var blocks: [PEM.Block] = []
        var position = 0
        while let begin = firstIndex(of: beginMarker, in: text, from: position) {
            let (label, afterBegin) = try label(at: begin, marker: beginMarker)
            guard let end = firstIndex(of: endMarker, in: text, from: afterBegin) else {
                throw .missingEnd(label: label)
            }
            if let nested = firstIndex(of: beginMarker, in: text, from: afterBegin), nested < end {
                throw .missingEnd(label: label)
            }
            let (endLabel, afterEnd) = try self.label(at: end, marker: endMarker)
            guard endLabel == label else { throw .labelMismatch(begin: label, end: endLabel) }
            checkBefore(begin)
            checkAfter(afterBegin)
            checkBefore(end)
            checkAfter(afterEnd)
            blocks.append(try block(label: label, region: afterBegin..<end))
            position = afterEnd
        }
        guard !blocks.isEmpty else { throw .noBlock }
        return (blocks, repairs)
    }

    /// Parses headers and body between the boundaries.
    mutating func block(label: String, region: Range<Int>) throws(PEMError) -> PEM.Block {
        // Split into lines, dropping the remainder of the BEGIN line and the END line's start.
        var lines: [ArraySlice<UInt8>] = []
        var start = region.lowerBound
        var i = region.lowerBound
        while i < region.upperBound {
            if isLineBreak(text[i]) {
                lines.append(text[start..<i])
                if text[i] == 0x0D && i + 1 < region.upperBound && text[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        lines.append(text[start..<region.upperBound])
        func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
            var line = line
            while let f = line.first, isSpaceOrTab(f) { line = line.dropFirst() }
            while let l = line.last, isSpaceOrTab(l) { line = line.dropLast() }
            return line
        }
        // The first and last pieces are the rest of the boundary lines; checkBefore/After
        // already classified them, so treat them as ordinary body text.
        var headers: [PEM.Header] = []
        var index = 0
        var firstText = 0
        while firstText < lines.count && trimmed(lines[firstText]).isEmpty { firstText += 1 }
        if firstText < lines.count, lines[firstText].contains(0x3A) {
            // RFC 1421 headers, normally ended by a blank line; a line without a colon also
            // ends them here (the blank line got lost).
            index = firstText
            while index < lines.count, !trimmed(lines[index]).isEmpty {
                if let first = lines[index].first, isSpaceOrTab(first), !headers.isEmpty,
                    !lines[index].contains(0x3A)
                {
                    index += 1
                    continue
                }
                guard let parsed = header(trimmed(lines[index])) else {
                    if headers.isEmpty { throw .invalidHeader(line: lineNumber(lines[index].startIndex)) }
                    break
                }
                headers.append(parsed)
                index += 1
            }
        }
        // Body: everything else. Classify layout damage, then decode leniently.
        let bodyLines = Array(lines[index...])
        var body: [UInt8] = []
        var contentLines: [Int] = []
        var sawInnerWhitespace = false
        for (n, line) in bodyLines.enumerated() {
            let core = trimmed(line)
            if core.isEmpty {
                // Blank lines are fine only as the very first/last pieces (the boundary lines).
                if n != 0 && n != bodyLines.count - 1 { sawInnerWhitespace = true }
                continue
            }
            if core.count != line.count || core.contains(where: isSpaceOrTab) { sawInnerWhitespace = true }
            contentLines.append(core.count)
            body.append(contentsOf: core)
        }
        if sawInnerWhitespace { repairs.insert(.whitespaceInBody) }
        if let last = contentLines.last,
            contentLines.dropLast().contains(where: { $0 != 64 }) || last > 64
        {
            repairs.insert(.reflowedBody)
        }
        guard !body.isEmpty else { throw .emptyBody(label: label) }
        if body.contains(0x2D) || body.contains(0x5F) { repairs.insert(.urlSafeAlphabet) }
        let der: [UInt8]
        do {
            der = try Base64.decode(utf8: body, mode: .lenient)
        } catch {
            throw .invalidBase64(label: label, error)
        }
        // Whatever strict decoding would have refused beyond layout.
        let symbols = body.filter { $0 != 0x3D && !isSpaceOrTab($0) }
        if symbols.count % 4 != 0 && !body.contains(0x3D) { repairs.insert(.missingPadding) }
        let canonical = Base64.encode(der, alphabet: .standard, padding: false).utf8
        let given = symbols.map { $0 == 0x2D ? 0x2B : $0 == 0x5F ? 0x2F : $0 }
        if !given.elementsEqual(canonical) { repairs.insert(.nonCanonicalBase64) }
        return PEM.Block(label: label, headers: headers, der: der)
    }
}
