/// Why a JSON text was refused, and where.
///
/// The parser is strict RFC 8259 plus the limits of ``JSONParsingLimits``; every refusal carries
/// the byte offset at which the problem was found and a ``Reason``. The `description` is a
/// sentence for a person.
public struct JSONError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What exactly was wrong.
    @nonexhaustive
    public enum Reason: Equatable, Sendable {
        /// The text ended where more was required (an empty text, an unterminated string or container).
        case unexpectedEnd
        /// A byte that cannot appear here; `expected` names what the grammar allows.
        case unexpectedByte(UInt8, expected: String)
        /// A complete value was followed by something other than whitespace.
        case trailingData
        /// A number has a leading zero, such as `01` or `-012`.
        case leadingZero
        /// A number breaks the grammar (`1.`, `-`, `1e`, `-a`).
        case invalidNumber
        /// A number is too large in magnitude for a 64-bit float (for example `1e400`).
        case numberOutOfRange
        /// A backslash is followed by a character that is not a JSON escape.
        case invalidEscape(UInt8)
        /// A `\u` escape is not followed by four hexadecimal digits.
        case invalidUnicodeEscape
        /// A `\u` escape names half of a UTF-16 surrogate pair without the other half.
        case loneSurrogate(UInt16)
        /// A raw control character (below U+0020) inside a string; it must be escaped.
        case controlCharacterInString(UInt8)
        /// The bytes are not well-formed UTF-8 (overlong, surrogate, truncated, above U+10FFFF).
        case invalidUTF8
        /// An object has two members with the same name (compared code unit by code unit).
        case duplicateMemberName(String)
        /// Arrays and objects are nested deeper than the limit.
        case tooDeep(limit: Int)
        /// The input is longer than the limit.
        case tooLarge(bytes: Int, limit: Int)
        /// NaN or an infinity was given as a number; JSON has no way to write them.
        case nonFiniteNumber
    }

    /// What was wrong.
    public let reason: Reason
    /// The byte offset in the input at which the problem was found (0 when not tied to input).
    public let offset: Int

    /// Makes an error for `reason` found at byte `offset`.
    ///
    /// - Parameters:
    ///   - reason: what was wrong.
    ///   - offset: the byte offset in the input (0 when the error is not about input bytes).
    @_spi(Internals) public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// A sentence saying what is wrong and at which byte.
    public var description: String {
        let what: String
        switch reason {
        case .unexpectedEnd: what = "the JSON text ends too early"
        case let .unexpectedByte(byte, expected):
            what = "found \(JSONError.show(byte)) where \(expected) was expected"
        case .trailingData: what = "there is more data after the end of the JSON value"
        case .leadingZero: what = "a number may not have a leading zero"
        case .invalidNumber: what = "the number is not written as JSON requires"
        case .numberOutOfRange: what = "the number is too large to be represented as a 64-bit float"
        case let .invalidEscape(byte): what = "backslash followed by \(JSONError.show(byte)) is not a JSON escape sequence"
        case .invalidUnicodeEscape: what = "a \\u escape must be followed by four hexadecimal digits"
        case let .loneSurrogate(unit):
            what = "the \\u escape \(JSONError.hex(unit)) is half of a UTF-16 surrogate pair without its other half"
        case let .controlCharacterInString(byte):
            what = "the control character \(JSONError.hex(UInt16(byte))) appears raw in a string; it must be escaped"
        case .invalidUTF8: what = "the bytes are not valid UTF-8"
        case let .duplicateMemberName(name): what = "the object has the member name \(JSONValue.quotedForMessage(name)) more than once"
        case let .tooDeep(limit): what = "arrays and objects are nested more than \(limit) levels deep"
        case let .tooLarge(bytes, limit): what = "the JSON text is \(bytes) bytes long, more than the limit of \(limit)"
        case .nonFiniteNumber: return "NaN and infinities cannot be written in JSON"
        }
        return "\(what) (at byte \(offset))"
    }

    static func show(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + hex2(byte)
    }

    static func hex2(_ byte: UInt8) -> String {
        let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "a", "b", "c", "d", "e", "f"]
        return String([digits[Int(byte >> 4)], digits[Int(byte & 15)]])
    }

    static func hex(_ unit: UInt16) -> String {
        "U+" + (hex2(UInt8(unit >> 8)) + hex2(UInt8(unit & 0xFF))).uppercased()
    }
}
