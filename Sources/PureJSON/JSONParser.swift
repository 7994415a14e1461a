/// Limits that bound the work the JSON parser does on untrusted input.
public struct JSONParsingLimits: Sendable, Equatable {
    /// The hard ceiling on ``maxDepth``: the serializer and the destruction of a value recurse
    /// once per level, so depth is kept far below any thread's stack size.
    public static let depthCeiling = 512

    /// The deepest nesting of arrays and objects accepted; default 64, at most ``depthCeiling``.
    ///
    /// JWT headers and claims are nearly flat; 64 leaves ample room.
    public let maxDepth: Int
    /// The longest input accepted, in bytes; default 65,536.
    ///
    /// A decoded JWT header or payload is rarely over a few kilobytes (HTTP servers commonly cap
    /// a whole header line at 8 KiB).
    public let maxBytes: Int

    /// Makes limits.
    ///
    /// - Parameters:
    ///   - maxDepth: the deepest nesting accepted (default 64); values outside
    ///     `0...depthCeiling` are clamped into it.
    ///   - maxBytes: the longest input accepted in bytes (default 65,536).
    public init(maxDepth: Int = 64, maxBytes: Int = 65_536) {
        self.maxDepth = min(max(maxDepth, 0), JSONParsingLimits.depthCeiling)
        self.maxBytes = maxBytes
    }

    /// Depth 64, 65,536 bytes.
    public static let `default` = JSONParsingLimits()
}

extension JSONValue {
    /// Parses one JSON value from UTF-8 bytes, strictly (RFC 8259).
    ///
    /// Refused: anything but one value surrounded by optional whitespace (space, tab, LF, CR);
    /// a byte-order mark; trailing commas; leading zeros; `NaN`, `Infinity`, `+1`, `.5`, `1.`;
    /// numbers too large for a float (`1e400`); single quotes; escapes other than
    /// `\" \\ \/ \b \f \n \r \t \uXXXX`; lone surrogate escapes; raw control characters in strings;
    /// ill-formed UTF-8 anywhere; duplicate member names (compared code unit by code unit); nesting
    /// beyond `limits.maxDepth`; input beyond `limits.maxBytes` (checked before reading anything).
    ///
    /// The parser keeps its own stack instead of recursing, so no input can exhaust the call stack;
    /// a million nested `[` fail after `maxDepth + 1` bytes.
    ///
    /// - Parameters:
    ///   - bytes: the JSON text as UTF-8.
    ///   - limits: the depth and size limits (default ``JSONParsingLimits/default``).
    /// - Throws: `JSONError` with the offset and reason of the first problem.
    public init(parsing bytes: [UInt8], limits: JSONParsingLimits = .default) throws(JSONError) {
        guard bytes.count <= limits.maxBytes else {
            throw JSONError(.tooLarge(bytes: bytes.count, limit: limits.maxBytes), at: 0)
        }
        var parser = JSONParser(input: bytes, maxDepth: limits.maxDepth)
        self = try parser.parseDocument()
    }

    /// Parses one JSON value from a string (its UTF-8 form), strictly; see ``init(parsing:limits:)-([UInt8],_)``.
    ///
    /// - Parameters:
    ///   - text: the JSON text.
    ///   - limits: the depth and size limits (default ``JSONParsingLimits/default``).
    /// - Throws: `JSONError` with the offset and reason of the first problem.
    public init(parsing text: String, limits: JSONParsingLimits = .default) throws(JSONError) {
        try self.init(parsing: Array(text.utf8), limits: limits)
    }
}

/// An iterative strict JSON parser over UTF-8 bytes.
struct JSONParser {
    /// One open array or object.
    struct Frame {
        var isObject: Bool
        var values: [JSONValue] = []
        var keys: [String] = []
        var seenKeys: Set<[UInt8]> = []
    }

    let input: [UInt8]
    let maxDepth: Int
    var position = 0
    var stack: [Frame] = []

    init(input: [UInt8], maxDepth: Int) {
        self.input = input
        self.maxDepth = maxDepth
    }

    mutating func fail(_ reason: JSONError.Reason) -> JSONError {
        JSONError(reason, at: position)
    }

    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func parseDocument() throws(JSONError) -> JSONValue {
        skipWhitespace()
        var value = try parseValueStart()
        while true {
            // `value` is complete: attach it to the innermost open container, or finish.
            guard !stack.isEmpty else { break }
            let top = stack.count - 1
            stack[top].values.append(value)
            skipWhitespace()
            guard position < input.count else { throw fail(.unexpectedEnd) }
            let byte = input[position]
            let close = stack[top].isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if byte == UInt8(ascii: ",") {
                position += 1
                skipWhitespace()
                if stack[top].isObject { try parseMemberName() }
                value = try parseValueStart()
            } else if byte == close {
                position += 1
                let frame = stack.removeLast()
                value = JSONParser.finish(frame)
            } else {
                throw fail(.unexpectedByte(byte, expected: stack[top].isObject ? "',' or '}'" : "',' or ']'"))
            }
        }
        skipWhitespace()
        guard position == input.count else { throw fail(.trailingData) }
        return value
    }

    static func finish(_ frame: Frame) -> JSONValue {
        guard frame.isObject else { return .array(frame.values) }
        var members: [JSONObject.Member] = []
        members.reserveCapacity(frame.keys.count)
        for (key, value) in zip(frame.keys, frame.values) {
            members.append(JSONObject.Member(key: key, value: value))
        }
        return .object(JSONObject(distinctMembers: members))
    }

    /// Parses a value, or opens a container and returns once a complete value is available:
    /// an empty container, or a scalar after descending into any number of opened containers.
    mutating func parseValueStart() throws(JSONError) -> JSONValue {
        while true {
            guard position < input.count else { throw fail(.unexpectedEnd) }
            let byte = input[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard stack.count < maxDepth else { throw fail(.tooDeep(limit: maxDepth)) }
                let isObject = byte == UInt8(ascii: "{")
                position += 1
                skipWhitespace()
                if position < input.count && input[position] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    return isObject ? .object(JSONObject()) : .array([])
                }
                stack.append(Frame(isObject: isObject))
                if isObject { try parseMemberName() }
            case UInt8(ascii: "\""):
                return .string(try parseString().string)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                return .null
            default:
                throw fail(.unexpectedByte(byte, expected: "a JSON value"))
            }
        }
    }

    /// Reads `"name" :` inside the innermost object, refusing a name already seen there.
    mutating func parseMemberName() throws(JSONError) {
        guard position < input.count else { throw fail(.unexpectedEnd) }
        guard input[position] == UInt8(ascii: "\"") else {
            throw fail(.unexpectedByte(input[position], expected: "a member name in double quotes"))
        }
        let start = position
        let (name, bytes) = try parseString()
        let top = stack.count - 1
        guard stack[top].seenKeys.insert(bytes).inserted else {
            throw JSONError(.duplicateMemberName(name), at: start)
        }
        stack[top].keys.append(name)
        skipWhitespace()
        guard position < input.count else { throw fail(.unexpectedEnd) }
        guard input[position] == UInt8(ascii: ":") else {
            throw fail(.unexpectedByte(input[position], expected: "':'"))
        }
        position += 1
        skipWhitespace()
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONError) {
        let start = position
        var i = 0
        let text = literal.utf8Start
        while i < literal.utf8CodeUnitCount {
            guard position < input.count else { throw fail(.unexpectedEnd) }
            guard input[position] == text[i] else {
                let found = input[position]
                position = start
                throw JSONError(.unexpectedByte(found, expected: "a JSON value"), at: start + i)
            }
            position += 1
            i += 1
        }
    }

    /// Reads a string starting at its opening quote; returns it and its UTF-8 bytes.
    mutating func parseString() throws(JSONError) -> (string: String, bytes: [UInt8]) {
        position += 1  // opening quote
        var out: [UInt8] = []
        while position < input.count {
            let byte = input[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return (String(decoding: out, as: UTF8.self), out)
            case UInt8(ascii: "\\"):
                try parseEscape(into: &out)
            case 0x00..<0x20:
                throw fail(.controlCharacterInString(byte))
            case 0x20..<0x80:
                out.append(byte)
                position += 1
            default:
                let length = try validUTF8SequenceLength()
                out += input[position..<position + length]
                position += length
            }
        }
        throw fail(.unexpectedEnd)
    }

    /// The length of the well-formed UTF-8 sequence at `position` (Unicode Table 3-7).
    mutating func validUTF8SequenceLength() throws(JSONError) -> Int {
        let lead = input[position]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; high = 0x9F  // no surrogates
        case 0xF0: length = 4; low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; high = 0x8F  // nothing above U+10FFFF
        default: throw fail(.invalidUTF8)
        }
        guard position + length <= input.count else { throw fail(.invalidUTF8) }
        let second = input[position + 1]
        guard second >= low && second <= high else { throw fail(.invalidUTF8) }
        var i = 2
        while i < length {
            guard input[position + i] & 0xC0 == 0x80 else { throw fail(.invalidUTF8) }
            i += 1
        }
        return length
    }

    mutating func parseEscape(into out: inout [UInt8]) throws(JSONError) {
        position += 1  // backslash
        guard position < input.count else { throw fail(.unexpectedEnd) }
        let byte = input[position]
        let simple: UInt8
        switch byte {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"):
            let escapeStart = position - 1
            position += 1
            let unit = try parseHex4()
            var scalar = UInt32(unit)
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard position + 1 < input.count, input[position] == UInt8(ascii: "\\"),
                    input[position + 1] == UInt8(ascii: "u")
                else {
                    throw JSONError(.loneSurrogate(unit), at: escapeStart)
                }
                position += 2
                let low = try parseHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONError(.loneSurrogate(unit), at: escapeStart)
                }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONError(.loneSurrogate(unit), at: escapeStart)
            }
            JSONParser.appendUTF8(scalar, to: &out)
            return
        default:
            throw fail(.invalidEscape(byte))
        }
        out.append(simple)
        position += 1
    }

    mutating func parseHex4() throws(JSONError) -> UInt16 {
        var value: UInt16 = 0
        for _ in 0..<4 {
            guard position < input.count else { throw fail(.unexpectedEnd) }
            let byte = input[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail(.invalidUnicodeEscape)
            }
            value = value << 4 | UInt16(digit)
            position += 1
        }
        return value
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | scalar >> 6))
            out.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | scalar >> 12))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        default:
            out.append(UInt8(0xF0 | scalar >> 18))
            out.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            out.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            out.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Reads a number: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    mutating func parseNumber() throws(JSONError) -> JSONNumber {
        let start = position
        var negative = false
        if input[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        func isDigit(_ at: Int) -> Bool {
            at < input.count && input[at] >= UInt8(ascii: "0") && input[at] <= UInt8(ascii: "9")
        }
        guard isDigit(position) else {
            throw position < input.count ? fail(.invalidNumber) : fail(.unexpectedEnd)
        }
        var magnitude: UInt64 = 0
        var fitsInteger = true
        if input[position] == UInt8(ascii: "0") {
            position += 1
            if isDigit(position) { throw fail(.leadingZero) }
        } else {
            while isDigit(position) {
                let (m, o1) = magnitude.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(UInt64(input[position] - UInt8(ascii: "0")))
                if o1 || o2 { fitsInteger = false }
                magnitude = s
                position += 1
            }
        }
        var isInteger = true
        if position < input.count && input[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard isDigit(position) else { throw fail(.invalidNumber) }
            while isDigit(position) { position += 1 }
        }
        if position < input.count && (input[position] == UInt8(ascii: "e") || input[position] == UInt8(ascii: "E")) {
            isInteger = false
            position += 1
            if position < input.count && (input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-")) {
                position += 1
            }
            guard isDigit(position) else { throw fail(.invalidNumber) }
            while isDigit(position) { position += 1 }
        }
        let text = String(decoding: input[start..<position], as: UTF8.self)
        if isInteger && fitsInteger {
            if !negative && magnitude <= UInt64(Int64.max) {
                return JSONNumber(storage: .integer(Int64(magnitude)), sourceText: text)
            }
            if negative && magnitude <= UInt64(Int64.max) + 1 {
                return JSONNumber(storage: .integer(Int64(truncatingIfNeeded: 0 &- magnitude)), sourceText: text)
            }
        }
        guard let value = Double(text), value.isFinite else {
            throw JSONError(.numberOutOfRange, at: start)
        }
        return JSONNumber(storage: .double(value), sourceText: text)
    }
}
