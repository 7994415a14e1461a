extension JSONValue {
    /// The value as JavaScript's `JSON.stringify` writes it (no whitespace), as UTF-8 bytes.
    ///
    /// Strings escape exactly `"`, `\` and the characters below U+0020 (`\b \f \n \r \t` in short
    /// form, the others as `\u00xx` with lowercase hex); everything else (DEL, U+2028, U+2029,
    /// non-ASCII, characters outside the BMP) is written raw as UTF-8. Numbers are written as
    /// ``JSONNumber/description`` says. Object members come in ``JSONObject`` order.
    ///
    /// Nesting is handled by recursion; values from the parser are at most
    /// ``JSONParsingLimits/maxDepth`` deep.
    public var serializedBytes: [UInt8] {
        var out: [UInt8] = []
        JSONValue.write(self, into: &out)
        return out
    }

    /// The value as JavaScript's `JSON.stringify` writes it (see ``serializedBytes``).
    public var serialized: String {
        String(decoding: serializedBytes, as: UTF8.self)
    }

    static func write(_ value: JSONValue, into out: inout [UInt8]) {
        switch value {
        case .null: out += "null".utf8
        case let .bool(b): out += (b ? "true" : "false").utf8
        case let .number(n): out += n.description.utf8
        case let .string(s): writeString(s, into: &out)
        case let .array(elements):
            out.append(UInt8(ascii: "["))
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case let .object(object):
            out.append(UInt8(ascii: "{"))
            for (i, member) in object.members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                writeString(member.key, into: &out)
                out.append(UInt8(ascii: ":"))
                write(member.value, into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in s.utf8 {
            if !writeEscape(ofASCII: byte, quotes: true, into: &out) { out.append(byte) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Writes JSON's escape for an ASCII byte that needs one (`"`, `\` when `quotes`, and the
    /// characters below U+0020) and returns true; returns false for every other byte.
    /// The one escaping table: the serializer and the message quoting below both use it.
    static func writeEscape(ofASCII byte: UInt8, quotes: Bool, into out: inout [UInt8]) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"):
            guard quotes else { return false }
            out += [UInt8(ascii: "\\"), byte]
        case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
        case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
        case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
        case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
        case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
        case 0x00..<0x20:
            out += "\\u00".utf8
            out += JSONError.hex2(byte).utf8
        default: return false
        }
        return true
    }
}

// MARK: - Untrusted text inside messages

extension JSONValue {
    /// How many characters of an untrusted text a message quotes before it cuts the text short.
    package static let messageQuoteLimit = 80

    /// `text` made safe to put inside a one-line message (an error `description`, a line on
    /// stderr, a log entry): JSON's escapes for `"`, `\` (when `escapingQuotes`) and C0 controls,
    /// plus `\u007f` for DEL, `\u0080`…`\u009f` for the C1 controls (CSI, NEL…), and `\uXXXX`
    /// for the line and paragraph separators U+2028/U+2029 and the bidirectional controls
    /// (U+200E/F, U+202A–E, U+2066–9) that would make a terminal or log viewer show something
    /// else than the bytes say. After `limit` characters the text is cut, and `… (N bytes)` says so.
    ///
    /// The result never contains a control character or a line break, whatever `text` holds.
    ///
    /// - Parameters:
    ///   - text: the untrusted text.
    ///   - limit: the most characters (Unicode scalars) kept, or `nil` for no limit.
    ///   - escapingQuotes: whether `"` and `\` are escaped too (true when the text is quoted).
    /// - Returns: the escaped text, without surrounding quotes.
    package static func escapedForMessage<Text: StringProtocol>(
        _ text: Text, limit: Int? = messageQuoteLimit, escapingQuotes: Bool = true
    ) -> String {
        let (body, cut) = messageBody(text, limit: limit, escapingQuotes: escapingQuotes)
        return cut.map { body + "… (\($0) bytes)" } ?? body
    }

    /// `text` in double quotes, escaped and cut as ``escapedForMessage(_:limit:escapingQuotes:)``
    /// says: `"abc"`, or `"abc"… (300 bytes)` when it was cut.
    ///
    /// - Parameters:
    ///   - text: the untrusted text.
    ///   - limit: the most characters kept.
    /// - Returns: the quoted text.
    package static func quotedForMessage<Text: StringProtocol>(_ text: Text, limit: Int = messageQuoteLimit) -> String {
        let (body, cut) = messageBody(text, limit: limit, escapingQuotes: true)
        return "\"" + body + "\"" + (cut.map { "… (\($0) bytes)" } ?? "")
    }

    /// The escaped body and, when it was cut, the length of the whole text in UTF-8 bytes.
    private static func messageBody<Text: StringProtocol>(
        _ text: Text, limit: Int?, escapingQuotes: Bool
    ) -> (String, Int?) {
        var out: [UInt8] = []
        var count = 0
        for scalar in text.unicodeScalars {
            if let limit, count == limit { return (String(decoding: out, as: UTF8.self), text.utf8.count) }
            count += 1
            let value = scalar.value
            if value < 0x80, value != 0x7F {
                let byte = UInt8(value)
                if !writeEscape(ofASCII: byte, quotes: escapingQuotes, into: &out) { out.append(byte) }
            } else if value == 0x7F || (0x80...0x9F).contains(value) || value == 0x200E || value == 0x200F
                || (0x2028...0x202E).contains(value) || (0x2066...0x2069).contains(value)
            {
                out += "\\u".utf8
                out += JSONError.hex2(UInt8(value >> 8)).utf8
                out += JSONError.hex2(UInt8(value & 0xFF)).utf8
            } else {
                out += String(scalar).utf8
            }
        }
        return (String(decoding: out, as: UTF8.self), nil)
    }
}
