extension DER {
    /// Builds canonical DER: shortest lengths, minimal INTEGERs, whole-byte BIT STRINGs.
    ///
    /// Writing cannot fail: every method produces valid DER for any argument.
    @_spi(Internals) public struct Writer: Sendable {
        /// The bytes written so far.
        @_spi(Internals) public private(set) var bytes: [UInt8]

        /// Creates an empty writer.
        @_spi(Internals) public init() { bytes = [] }

        /// Appends one element with the given tag and content.
        ///
        /// - Parameters:
        ///   - tag: The identifier octet.
        ///   - content: The content octets.
        @_spi(Internals) public mutating func writeElement<Bytes: Collection>(_ tag: Tag, content: Bytes)
        where Bytes.Element == UInt8 {
            bytes.append(tag.rawValue)
            appendLength(content.count)
            bytes.append(contentsOf: content)
        }

        /// Appends a constructed element whose content `body` writes.
        ///
        /// - Parameters:
        ///   - tag: The identifier octet (normally with the constructed bit set).
        ///   - body: Writes the content.
        @_spi(Internals) public mutating func writeConstructed(_ tag: Tag, _ body: (inout Writer) -> Void) {
            var inner = Writer()
            body(&inner)
            writeElement(tag, content: inner.bytes)
        }

        /// Appends a SEQUENCE whose fields `body` writes.
        ///
        /// - Parameter body: Writes the fields.
        package mutating func writeSequence(_ body: (inout Writer) -> Void) {
            writeConstructed(.sequence, body)
        }

        /// Appends a non-negative INTEGER given as a big-endian magnitude. Leading zero bytes
        /// are dropped and a `00` octet is added when the top bit is set; an empty or all-zero
        /// magnitude writes 0.
        ///
        /// - Parameter magnitude: Big-endian unsigned bytes.
        @_spi(Internals) public mutating func writeUnsignedInteger<Bytes: Collection>(magnitude: Bytes)
        where Bytes.Element == UInt8 {
            let significant = magnitude.drop(while: { $0 == 0 })
            guard let first = significant.first else {
                writeElement(.integer, content: [0])
                return
            }
            bytes.append(Tag.integer.rawValue)
            let needsSign = first & 0x80 != 0
            appendLength(significant.count + (needsSign ? 1 : 0))
            if needsSign { bytes.append(0) }
            bytes.append(contentsOf: significant)
        }

        /// Appends a small non-negative INTEGER (a version number, say).
        ///
        /// - Parameter value: The value; negative values are written as 0.
        @_spi(Internals) public mutating func writeUnsignedInteger(_ value: Int) {
            var magnitude: [UInt8] = []
            var rest = UInt(max(value, 0))
            while rest != 0 {
                magnitude.insert(UInt8(truncatingIfNeeded: rest), at: 0)
                rest >>= 8
            }
            writeUnsignedInteger(magnitude: magnitude)
        }

        /// Appends a NULL.
        @_spi(Internals) public mutating func writeNull() {
            bytes.append(contentsOf: [Tag.null.rawValue, 0])
        }

        /// Appends an OBJECT IDENTIFIER.
        ///
        /// - Parameter identifier: The identifier.
        @_spi(Internals) public mutating func writeObjectIdentifier(_ identifier: ObjectIdentifier) {
            writeElement(.objectIdentifier, content: identifier.contentBytes)
        }

        /// Appends a BIT STRING of whole bytes (unused-bits octet 0).
        ///
        /// - Parameter bitStringBytes: The bytes.
        @_spi(Internals) public mutating func writeBitString<Bytes: Collection>(_ bitStringBytes: Bytes)
        where Bytes.Element == UInt8 {
            bytes.append(Tag.bitString.rawValue)
            appendLength(bitStringBytes.count + 1)
            bytes.append(0)
            bytes.append(contentsOf: bitStringBytes)
        }

        /// Appends an OCTET STRING.
        ///
        /// - Parameter octets: The content.
        @_spi(Internals) public mutating func writeOctetString<Bytes: Collection>(_ octets: Bytes)
        where Bytes.Element == UInt8 {
            writeElement(.octetString, content: octets)
        }

        /// Appends a definite length in the shortest form.
        private mutating func appendLength(_ length: Int) {
            if length < 0x80 {
                bytes.append(UInt8(length))
                return
            }
            var octets: [UInt8] = []
            var rest = UInt(length)
            while rest != 0 {
                octets.insert(UInt8(truncatingIfNeeded: rest), at: 0)
                rest >>= 8
            }
            bytes.append(0x80 | UInt8(octets.count))
            bytes.append(contentsOf: octets)
        }
    }
}
