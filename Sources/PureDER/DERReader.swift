extension DER {
    /// Reads DER elements one after another from a byte slice, without copying.
    ///
    /// Every length is checked against the bytes that remain before anything is sliced, so a
    /// claimed length of gigabytes fails at once with ``DERError/truncated(needed:available:)``
    /// and nothing is allocated. Nested readers (``readSequence(_:)``) count depth against
    /// ``Limits/maximumDepth`` and refuse leftovers with ``DERError/trailingData(count:)``.
    @_spi(Internals) public struct Reader: Sendable {
        /// The limits this reader (and the readers nested in it) enforce.
        @_spi(Internals) public let limits: Limits
        /// How many constructed elements enclose this reader (0 at the top).
        @_spi(Internals) public let depth: Int
        /// The index in the original array where offsets start.
        private let origin: Int
        /// The bytes not read yet.
        private var remaining: ArraySlice<UInt8>

        /// Starts reading at the beginning of `bytes`.
        ///
        /// - Parameters:
        ///   - bytes: The DER input. Offsets in errors count from its first byte.
        ///   - limits: Size and depth limits.
        /// - Throws: ``DERError/inputTooLarge(size:limit:)`` when `bytes` exceeds the size limit.
        @_spi(Internals) public init(_ bytes: ArraySlice<UInt8>, limits: Limits = Limits()) throws(DERError) {
            guard bytes.count <= limits.maximumInputSize else {
                throw .inputTooLarge(size: bytes.count, limit: limits.maximumInputSize)
            }
            self.limits = limits
            self.depth = 0
            self.origin = bytes.startIndex
            self.remaining = bytes
        }

        /// Starts reading at the beginning of `bytes`.
        ///
        /// - Parameters:
        ///   - bytes: The DER input.
        ///   - limits: Size and depth limits.
        /// - Throws: ``DERError/inputTooLarge(size:limit:)`` when `bytes` exceeds the size limit.
        @_spi(Internals) public init(_ bytes: [UInt8], limits: Limits = Limits()) throws(DERError) {
            try self.init(bytes[...], limits: limits)
        }

        private init(nested content: ArraySlice<UInt8>, parent: Reader) {
            self.limits = parent.limits
            self.depth = parent.depth + 1
            self.origin = parent.origin
            self.remaining = content
        }

        /// Whether every byte has been read.
        @_spi(Internals) public var isAtEnd: Bool { remaining.isEmpty }

        /// Offset of the next unread byte from the start of the input.
        @_spi(Internals) public var offset: Int { remaining.startIndex - origin }

        /// The tag of the next element, without reading it; nil at the end.
        @_spi(Internals) public var nextTag: Tag? { remaining.first.map { Tag(rawValue: $0) } }

        /// Refuses unread bytes.
        ///
        /// - Throws: ``DERError/trailingData(count:)`` when bytes remain.
        package func finish() throws(DERError) {
            guard remaining.isEmpty else { throw .trailingData(count: remaining.count) }
        }

        /// Reads the next element, whatever its tag.
        ///
        /// - Returns: The element; its content is a slice of the input.
        /// - Throws: ``DERError`` for a missing, truncated or non-DER header.
        @_spi(Internals) public mutating func readElement() throws(DERError) -> Element {
            let start = remaining.startIndex
            let available = remaining.count
            guard available >= 2 else { throw .truncated(needed: 2, available: available) }
            let tagByte = remaining[start]
            guard tagByte & 0x1F != 0x1F else { throw .unsupportedTag(offset: start - origin) }
            let first = remaining[start + 1]
            var headerLength = 2
            var length: UInt64
            if first < 0x80 {
                length = UInt64(first)
            } else if first == 0x80 {
                throw .indefiniteLength(offset: start - origin)
            } else {
                let octets = Int(first & 0x7F)
                guard octets <= 4 else { throw .lengthTooLarge(offset: start + 1 - origin) }
                headerLength += octets
                guard available >= headerLength else {
                    throw .truncated(needed: headerLength, available: available)
                }
                guard remaining[start + 2] != 0 else { throw .nonMinimalLength(offset: start + 1 - origin) }
                length = 0
                for i in 0..<octets { length = length << 8 | UInt64(remaining[start + 2 + i]) }
                guard length >= 0x80 else { throw .nonMinimalLength(offset: start + 1 - origin) }
            }
            let room = UInt64(available - headerLength)
            guard length <= room else {
                throw .truncated(needed: Int(clamping: length + UInt64(headerLength)), available: available)
            }
            let contentStart = start + headerLength
            let end = contentStart + Int(length)
            let element = Element(
                tag: Tag(rawValue: tagByte), content: remaining[contentStart..<end],
                offset: start - origin)
            remaining = remaining[end...]
            return element
        }

        /// Reads the next element and checks its tag.
        ///
        /// - Parameter tag: The tag the format requires here.
        /// - Returns: The element.
        /// - Throws: ``DERError/missingElement(expected:)`` at the end of input,
        ///   ``DERError/unexpectedTag(expected:found:offset:)`` for another tag, or a header error.
        @_spi(Internals) public mutating func readElement(_ tag: Tag) throws(DERError) -> Element {
            guard let found = nextTag else { throw .missingElement(expected: tag) }
            guard found == tag else { throw .unexpectedTag(expected: tag, found: found, offset: offset) }
            return try readElement()
        }

        /// Reads a constructed element with the given tag and lets `body` read its content;
        /// then refuses anything `body` left unread.
        ///
        /// - Parameters:
        ///   - tag: The expected tag (must have the constructed bit).
        ///   - body: Reads the content with a nested reader.
        /// - Returns: What `body` returns.
        /// - Throws: ``DERError/tooDeep(limit:)`` beyond the depth limit,
        ///   ``DERError/trailingData(count:)`` when content is left over, or `body`'s error.
        package mutating func readConstructed<T>(
            _ tag: Tag, _ body: (inout Reader) throws(DERError) -> T
        ) throws(DERError) -> T {
            var inner = try enterConstructed(tag)
            let value = try body(&inner)
            try inner.finish()
            return value
        }

        /// Reads a constructed element and returns a reader over its content, for callers
        /// that decide field by field; call ``finish()`` on it to refuse leftovers.
        ///
        /// - Parameter tag: The expected tag.
        /// - Returns: A nested reader, one level deeper; offsets still count from the input start.
        /// - Throws: ``DERError/tooDeep(limit:)`` beyond the depth limit, or a tag or header error.
        @_spi(Internals) public mutating func enterConstructed(_ tag: Tag) throws(DERError) -> Reader {
            let element = try readElement(tag)
            guard depth < limits.maximumDepth else { throw .tooDeep(limit: limits.maximumDepth) }
            return Reader(nested: element.content, parent: self)
        }

        /// Reads a SEQUENCE and returns a reader over its fields (see ``enterConstructed(_:)``).
        ///
        /// - Returns: A nested reader.
        /// - Throws: As ``enterConstructed(_:)``.
        package mutating func enterSequence() throws(DERError) -> Reader {
            try enterConstructed(.sequence)
        }

        /// Reads a SEQUENCE and lets `body` read its fields; nothing may be left over.
        ///
        /// - Parameter body: Reads the fields with a nested reader.
        /// - Returns: What `body` returns.
        /// - Throws: As ``readConstructed(_:_:)``.
        @_spi(Internals) public mutating func readSequence<T>(_ body: (inout Reader) throws(DERError) -> T) throws(DERError) -> T {
            try readConstructed(.sequence, body)
        }

        /// Reads an INTEGER and returns its two's-complement content octets, checked minimal.
        ///
        /// - Returns: The content octets (at least one).
        /// - Throws: ``DERError/emptyInteger(offset:)`` or ``DERError/nonMinimalInteger(offset:)``.
        @_spi(Internals) public mutating func readInteger() throws(DERError) -> ArraySlice<UInt8> {
            let element = try readElement(.integer)
            let content = element.content
            guard let first = content.first else { throw .emptyInteger(offset: element.offset) }
            if content.count > 1 {
                let second = content[content.startIndex + 1]
                if (first == 0x00 && second & 0x80 == 0) || (first == 0xFF && second & 0x80 != 0) {
                    throw .nonMinimalInteger(offset: element.offset)
                }
            }
            return content
        }

        /// Reads a non-negative INTEGER and returns its magnitude, big-endian, without the
        /// `00` sign octet DER adds before a set top bit. Zero is returned as an empty slice.
        ///
        /// - Returns: The magnitude; its first byte is never zero.
        /// - Throws: ``DERError/negativeInteger(offset:)`` for a negative value, or an INTEGER error.
        @_spi(Internals) public mutating func readUnsignedInteger() throws(DERError) -> ArraySlice<UInt8> {
            let start = offset
            let content = try readInteger()
            let first = content[content.startIndex]
            guard first & 0x80 == 0 else { throw .negativeInteger(offset: start) }
            return first == 0 ? content.dropFirst() : content
        }

        /// Reads a small non-negative INTEGER (a version number, say).
        ///
        /// - Returns: The value.
        /// - Throws: ``DERError/integerOutOfRange(offset:)`` above `Int32.max`,
        ///   ``DERError/negativeInteger(offset:)`` below zero, or an INTEGER error.
        package mutating func readSmallUnsignedInteger() throws(DERError) -> Int {
            let start = offset
            let magnitude = try readUnsignedInteger()
            guard magnitude.count <= 4, magnitude.count < 4 || (magnitude.first ?? 0) < 0x80 else {
                throw .integerOutOfRange(offset: start)
            }
            var value = 0
            for byte in magnitude { value = value << 8 | Int(byte) }
            return value
        }

        /// Reads a NULL.
        ///
        /// - Throws: ``DERError/invalidNull(offset:)`` when it has content.
        @_spi(Internals) public mutating func readNull() throws(DERError) {
            let element = try readElement(.null)
            guard element.content.isEmpty else { throw .invalidNull(offset: element.offset) }
        }

        /// Reads an OBJECT IDENTIFIER.
        ///
        /// - Returns: The identifier.
        /// - Throws: ``DERError/invalidObjectIdentifier(offset:)`` when it is not valid DER.
        @_spi(Internals) public mutating func readObjectIdentifier() throws(DERError) -> ObjectIdentifier {
            let element = try readElement(.objectIdentifier)
            do {
                return try ObjectIdentifier(contentBytes: element.content)
            } catch {
                throw .invalidObjectIdentifier(offset: element.offset)
            }
        }

        /// Reads a BIT STRING, checking the DER rules for unused bits (at most 7, none in an
        /// empty string, and the unused bits themselves zero).
        ///
        /// - Returns: The unused-bit count and the bytes.
        /// - Throws: ``DERError/invalidBitString(offset:)``.
        package mutating func readBitString() throws(DERError) -> BitString {
            let element = try readElement(.bitString)
            let content = element.content
            guard let unused = content.first, unused <= 7 else { throw .invalidBitString(offset: element.offset) }
            let bytes = content.dropFirst()
            if let last = bytes.last {
                guard last & ((1 << unused) - 1) == 0 else { throw .invalidBitString(offset: element.offset) }
            } else if unused != 0 {
                throw .invalidBitString(offset: element.offset)
            }
            return BitString(unusedBits: Int(unused), bytes: bytes)
        }

        /// Reads a BIT STRING that must hold whole bytes (unused-bits octet 0), as key
        /// structures require.
        ///
        /// - Returns: The bytes.
        /// - Throws: ``DERError/unusedBitsNotZero(count:offset:)`` or a BIT STRING error.
        @_spi(Internals) public mutating func readByteAlignedBitString() throws(DERError) -> ArraySlice<UInt8> {
            let start = offset
            let bits = try readBitString()
            guard bits.unusedBits == 0 else { throw .unusedBitsNotZero(count: bits.unusedBits, offset: start) }
            return bits.bytes
        }

        /// Reads an OCTET STRING.
        ///
        /// - Returns: Its content, a slice of the input.
        /// - Throws: A tag or header error.
        @_spi(Internals) public mutating func readOctetString() throws(DERError) -> ArraySlice<UInt8> {
            try readElement(.octetString).content
        }
    }

    /// Checks that `bytes` is exactly one well-formed DER element, descending into every
    /// constructed element (within the depth limit) to check each header.
    ///
    /// This checks framing only (tags, lengths, nesting, nothing left over), not the rules of
    /// each universal type.
    ///
    /// - Parameters:
    ///   - bytes: The input.
    ///   - limits: Size and depth limits.
    /// - Throws: The first ``DERError`` found.
    @_spi(Internals) public static func validateStructure(_ bytes: [UInt8], limits: Limits = Limits()) throws(DERError) {
        var reader = try Reader(bytes, limits: limits)
        let element = try reader.readElement()
        try reader.finish()
        if element.tag.isConstructed {
            try reader.validateChildren(of: element)
        }
    }
}

extension DER.Reader {
    fileprivate func validateChildren(of element: DER.Element) throws(DERError) {
        guard depth < limits.maximumDepth else { throw .tooDeep(limit: limits.maximumDepth) }
        var inner = DER.Reader(nested: element.content, parent: self)
        while !inner.isAtEnd {
            let child = try inner.readElement()
            if child.tag.isConstructed { try inner.validateChildren(of: child) }
        }
    }
}
