/// Why DER input was refused, or why a value could not be written as DER.
///
/// Every case has a `description` that is one sentence for a person. Offsets count bytes from
/// the start of the input handed to ``DER/Reader``.
@nonexhaustive
public enum DERError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An element claims more bytes than the input still holds.
    case truncated(needed: Int, available: Int)
    /// Bytes remain after the element (or after the last field of a SEQUENCE).
    case trailingData(count: Int)
    /// An element was expected but its enclosing input ended.
    case missingElement(expected: DER.Tag)
    /// A length uses more octets than it needs (DER requires the shortest form).
    case nonMinimalLength(offset: Int)
    /// The indefinite-length form (`0x80`), allowed in BER, is not DER.
    case indefiniteLength(offset: Int)
    /// A length needs more than four octets, or uses the reserved first octet `0xFF`.
    case lengthTooLarge(offset: Int)
    /// A tag in the high-tag-number form (low five bits all ones), which no key format uses.
    case unsupportedTag(offset: Int)
    /// The element at this position has another tag than the format requires.
    case unexpectedTag(expected: DER.Tag, found: DER.Tag, offset: Int)
    /// An INTEGER has no content octets.
    case emptyInteger(offset: Int)
    /// An INTEGER starts with a redundant `00` or `FF` octet.
    case nonMinimalInteger(offset: Int)
    /// An INTEGER that must not be negative is negative.
    case negativeInteger(offset: Int)
    /// An INTEGER does not fit the range the field allows.
    case integerOutOfRange(offset: Int)
    /// A BIT STRING has no unused-bits octet, an unused-bits count above 7, or unused bits
    /// that are not zero, or unused bits in an empty string.
    case invalidBitString(offset: Int)
    /// A BIT STRING that must hold whole bytes (as key BIT STRINGs do) has unused bits.
    case unusedBitsNotZero(count: Int, offset: Int)
    /// NULL carries content octets.
    case invalidNull(offset: Int)
    /// An OBJECT IDENTIFIER is empty, has a non-minimal sub-identifier, ends mid-arc, or has an
    /// arc too large to represent.
    case invalidObjectIdentifier(offset: Int)
    /// Elements are nested deeper than the reader's limit.
    case tooDeep(limit: Int)
    /// The input is larger than the reader's limit.
    case inputTooLarge(size: Int, limit: Int)
    /// A dotted OID string given to the writer is not a valid object identifier.
    case invalidObjectIdentifierString

    /// One sentence saying what is wrong and where.
    public var description: String {
        switch self {
        case let .truncated(needed, available):
            return "the data is cut short: an element needs \(needed) bytes but only \(available) remain"
        case let .trailingData(count):
            return "\(count) unexpected byte\(count == 1 ? "" : "s") after the end of the structure"
        case let .missingElement(expected):
            return "the structure ends where \(expected) was expected"
        case let .nonMinimalLength(offset):
            return "the length at offset \(offset) is not in the shortest form DER requires"
        case let .indefiniteLength(offset):
            return "the element at offset \(offset) uses an indefinite length, which DER forbids"
        case let .lengthTooLarge(offset):
            return "the length at offset \(offset) is too large or uses a reserved form"
        case let .unsupportedTag(offset):
            return "the tag at offset \(offset) uses the multi-byte form, which no supported structure has"
        case let .unexpectedTag(expected, found, offset):
            return "expected \(expected) at offset \(offset) but found \(found)"
        case let .emptyInteger(offset):
            return "the INTEGER at offset \(offset) has no content"
        case let .nonMinimalInteger(offset):
            return "the INTEGER at offset \(offset) has redundant leading bytes, which DER forbids"
        case let .negativeInteger(offset):
            return "the INTEGER at offset \(offset) is negative where only non-negative values are allowed"
        case let .integerOutOfRange(offset):
            return "the INTEGER at offset \(offset) is outside the range this field allows"
        case let .invalidBitString(offset):
            return "the BIT STRING at offset \(offset) is malformed (bad unused-bits count or non-zero padding bits)"
        case let .unusedBitsNotZero(count, offset):
            return "the BIT STRING at offset \(offset) declares \(count) unused bits where whole bytes are required"
        case let .invalidNull(offset):
            return "the NULL at offset \(offset) has content, which NULL never has"
        case let .invalidObjectIdentifier(offset):
            return "the OBJECT IDENTIFIER at offset \(offset) is malformed"
        case let .tooDeep(limit):
            return "the elements are nested more than \(limit) levels deep"
        case let .inputTooLarge(size, limit):
            return "the input is \(size) bytes, more than the limit of \(limit)"
        case .invalidObjectIdentifierString:
            return "the object identifier string is not a valid dotted list of arcs"
        }
    }
}
