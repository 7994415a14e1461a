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
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x00..<0x20:
                out += "\\u00".utf8
                out += JSONError.hex2(byte).utf8
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
