// Strict DER (ITU-T X.690 section 10) for the few universal types key formats use.

/// Distinguished Encoding Rules: a strict reader and a canonical writer.
///
/// Only what RSA key formats need: single-octet tags, definite lengths of at most four
/// octets, INTEGER, BIT STRING, OCTET STRING, NULL, OBJECT IDENTIFIER and constructed types.
public enum DER {
    /// Bounds a reader enforces so that no input can make it work or nest without limit.
    @_spi(Internals) public struct Limits: Sendable, Equatable {
        /// Largest input, in bytes, the reader accepts.
        @_spi(Internals) public var maximumInputSize: Int
        /// Deepest nesting of constructed elements the reader descends into.
        @_spi(Internals) public var maximumDepth: Int

        /// Creates limits.
        ///
        /// - Parameters:
        ///   - maximumInputSize: Largest input in bytes (default 1 MiB; an RSA key is a few KiB).
        ///   - maximumDepth: Deepest nesting (default 8; key formats need 3).
        @_spi(Internals) public init(maximumInputSize: Int = 1 << 20, maximumDepth: Int = 8) {
            self.maximumInputSize = maximumInputSize
            self.maximumDepth = maximumDepth
        }
    }

    /// An identifier octet (class, constructed bit and tag number in one byte).
    public struct Tag: Hashable, Sendable, CustomStringConvertible {
        /// The identifier octet as it appears on the wire.
        public let rawValue: UInt8

        /// Wraps an identifier octet.
        ///
        /// - Parameter rawValue: The octet, e.g. `0x30` for SEQUENCE.
        @_spi(Internals) public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// INTEGER (universal 2).
        @_spi(Internals) public static let integer = Tag(rawValue: 0x02)
        /// BIT STRING (universal 3, primitive).
        @_spi(Internals) public static let bitString = Tag(rawValue: 0x03)
        /// OCTET STRING (universal 4, primitive).
        @_spi(Internals) public static let octetString = Tag(rawValue: 0x04)
        /// NULL (universal 5).
        @_spi(Internals) public static let null = Tag(rawValue: 0x05)
        /// OBJECT IDENTIFIER (universal 6).
        @_spi(Internals) public static let objectIdentifier = Tag(rawValue: 0x06)
        /// SEQUENCE (universal 16, constructed).
        @_spi(Internals) public static let sequence = Tag(rawValue: 0x30)
        /// SET (universal 17, constructed).
        @_spi(Internals) public static let set = Tag(rawValue: 0x31)

        /// A context-specific tag `[number]`.
        ///
        /// - Parameters:
        ///   - number: The tag number, 0...30.
        ///   - constructed: Whether the element is constructed (EXPLICIT tags are).
        /// - Returns: The tag; numbers above 30 are reduced modulo 31 (they need the multi-byte form).
        package static func contextSpecific(_ number: UInt8, constructed: Bool) -> Tag {
            Tag(rawValue: 0x80 | (constructed ? 0x20 : 0) | (number % 31))
        }

        /// Whether the constructed bit is set (the content is a series of elements).
        @_spi(Internals) public var isConstructed: Bool { rawValue & 0x20 != 0 }

        /// The ASN.1 name (`INTEGER`, `SEQUENCE`, `[0]`, …).
        public var description: String {
            switch rawValue {
            case 0x02: return "INTEGER"
            case 0x03: return "BIT STRING"
            case 0x04: return "OCTET STRING"
            case 0x05: return "NULL"
            case 0x06: return "OBJECT IDENTIFIER"
            case 0x30: return "SEQUENCE"
            case 0x31: return "SET"
            default:
                let number = rawValue & 0x1F
                switch rawValue >> 6 {
                case 2: return "[\(number)]"
                case 1: return "[APPLICATION \(number)]"
                case 3: return "[PRIVATE \(number)]"
                default: return "tag 0x\(hex(rawValue))"
                }
            }
        }
    }

    /// One element: its tag and a view of its content octets (no copy).
    @_spi(Internals) public struct Element: Sendable, Equatable {
        /// The identifier octet.
        @_spi(Internals) public let tag: Tag
        /// The content octets, a slice of the reader's input.
        @_spi(Internals) public let content: ArraySlice<UInt8>
        /// Offset of the identifier octet from the start of the input.
        @_spi(Internals) public let offset: Int
    }

    /// A BIT STRING's value: the count of unused bits in the last byte, and the bytes.
    @_spi(Internals) public struct BitString: Sendable, Equatable {
        /// Unused bits at the end of the last byte, 0...7 (0 when `bytes` is empty).
        @_spi(Internals) public let unusedBits: Int
        /// The bits, most significant first, packed into bytes.
        @_spi(Internals) public let bytes: ArraySlice<UInt8>
    }

    /// An OBJECT IDENTIFIER, held as its DER content octets (so equality is exact).
    @_spi(Internals) public struct ObjectIdentifier: Hashable, Sendable, CustomStringConvertible {
        /// The content octets (base-128 sub-identifiers), validated.
        package let contentBytes: [UInt8]

        /// Validates DER content octets of an OBJECT IDENTIFIER.
        ///
        /// - Parameter contentBytes: The content octets (without tag and length).
        /// - Throws: ``DERError/invalidObjectIdentifier(offset:)`` (offset 0) when they are
        ///   empty, have a sub-identifier with a leading `0x80`, end inside a sub-identifier,
        ///   or hold an arc wider than 64 bits.
        @_spi(Internals) public init<Bytes: Collection>(contentBytes: Bytes) throws(DERError) where Bytes.Element == UInt8 {
            let bytes = Array(contentBytes)
            guard ObjectIdentifier.arcs(of: bytes) != nil else { throw .invalidObjectIdentifier(offset: 0) }
            self.contentBytes = bytes
        }

        /// Builds an OBJECT IDENTIFIER from its dotted form, e.g. `"1.2.840.113549.1.1.1"`.
        ///
        /// - Parameter dotted: Decimal arcs separated by dots; at least two arcs, the first
        ///   0, 1 or 2, the second below 40 unless the first is 2.
        /// - Throws: ``DERError/invalidObjectIdentifierString`` otherwise.
        @_spi(Internals) public init<Text: StringProtocol>(_ dotted: Text) throws(DERError) {
            var arcs: [UInt64] = []
            var current: UInt64 = 0
            var digits = 0
            for byte in dotted.utf8 {
                if byte == UInt8(ascii: ".") {
                    guard digits > 0 else { throw .invalidObjectIdentifierString }
                    arcs.append(current)
                    current = 0
                    digits = 0
                } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                    if digits > 0 && current == 0 { throw .invalidObjectIdentifierString }  // leading zero
                    let (times10, o1) = current.multipliedReportingOverflow(by: 10)
                    let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
                    guard !o1 && !o2 else { throw .invalidObjectIdentifierString }
                    current = sum
                    digits += 1
                } else {
                    throw .invalidObjectIdentifierString
                }
            }
            guard digits > 0 else { throw .invalidObjectIdentifierString }
            arcs.append(current)
            guard arcs.count >= 2, arcs[0] <= 2, arcs[0] == 2 || arcs[1] < 40 else {
                throw .invalidObjectIdentifierString
            }
            let (first, overflow) = (arcs[0] * 40).addingReportingOverflow(arcs[1])
            guard !overflow else { throw .invalidObjectIdentifierString }
            var content: [UInt8] = []
            for arc in [first] + arcs.dropFirst(2) {
                var groups: [UInt8] = [UInt8(arc & 0x7F)]
                var rest = arc >> 7
                while rest != 0 {
                    groups.append(UInt8(rest & 0x7F) | 0x80)
                    rest >>= 7
                }
                content.append(contentsOf: groups.reversed())
            }
            self.contentBytes = content
        }

        /// The arcs, e.g. `[1, 2, 840, 113549, 1, 1, 1]`.
        package var arcs: [UInt64] { ObjectIdentifier.arcs(of: contentBytes) ?? [] }

        /// The dotted form, e.g. `"1.2.840.113549.1.1.1"`.
        @_spi(Internals) public var description: String { arcs.map { String($0) }.joined(separator: ".") }

        /// Decodes sub-identifiers; nil when the encoding is not valid DER.
        static func arcs(of bytes: [UInt8]) -> [UInt64]? {
            guard !bytes.isEmpty else { return nil }
            var subidentifiers: [UInt64] = []
            var current: UInt64 = 0
            var started = false
            for byte in bytes {
                if !started && byte == 0x80 { return nil }  // leading zero group: not minimal
                started = true
                guard current >> 57 == 0 else { return nil }  // would overflow 64 bits
                current = current << 7 | UInt64(byte & 0x7F)
                if byte & 0x80 == 0 {
                    subidentifiers.append(current)
                    current = 0
                    started = false
                }
            }
            guard !started else { return nil }  // ended inside a sub-identifier
            let first = subidentifiers[0]
            var arcs: [UInt64] = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80]
            arcs.append(contentsOf: subidentifiers.dropFirst())
            return arcs
        }
    }
}
