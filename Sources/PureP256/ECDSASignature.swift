@_spi(Internals) import PureDER

extension P256.Signing {
    /// An ECDSA P-256 signature (r, s), each a 256-bit integer.
    ///
    /// Decoding checks the form only (64 bytes; strict DER with integers of at most 32
    /// bytes): a value of r or s outside 1…n − 1 decodes, and then never verifies.
    public struct ECDSASignature: Sendable, Equatable {
        /// r, big-endian, 32 bytes.
        let rBytes: [UInt8]
        /// s, big-endian, 32 bytes.
        let sBytes: [UInt8]

        var r: Limbs256 { Limbs256(bigEndian: rBytes) }
        var s: Limbs256 { Limbs256(bigEndian: sBytes) }

        init(r: Limbs256, s: Limbs256) {
            rBytes = r.bigEndianBytes
            sBytes = s.bigEndianBytes
        }

        /// Reads the raw form r‖s (64 bytes, each big-endian), as JWS ES256 uses it
        /// (RFC 7518 section 3.4).
        ///
        /// - Parameter bytes: The 64 bytes.
        /// - Throws: ``P256Error/invalidSignatureLength(count:)`` for any other length.
        public init<Bytes: Collection<UInt8>>(rawRepresentation bytes: Bytes) throws(P256Error) {
            let bytes = Array(bytes)
            guard bytes.count == 64 else { throw .invalidSignatureLength(count: bytes.count) }
            rBytes = Array(bytes[0..<32])
            sBytes = Array(bytes[32..<64])
        }

        /// Reads the DER form `SEQUENCE { INTEGER r, INTEGER s }` (SEC 1 section C.8, as
        /// `openssl dgst -sign` writes it), strictly: minimal lengths and integers, no
        /// negative values, nothing after the sequence.
        ///
        /// - Parameter bytes: The DER bytes.
        /// - Throws: ``P256Error/invalidSignatureDER(_:)`` for anything that is not strict DER,
        ///   ``P256Error/signatureIntegerTooLarge(byteCount:)`` for an integer over 32 bytes.
        public init<Bytes: Collection<UInt8>>(derRepresentation bytes: Bytes) throws(P256Error) {
            let magnitudes: (ArraySlice<UInt8>, ArraySlice<UInt8>)
            do {
                var reader = try DER.Reader(Array(bytes))
                magnitudes = try reader.readSequence { (inner: inout DER.Reader) throws(DERError) in
                    (try inner.readUnsignedInteger(), try inner.readUnsignedInteger())
                }
                try reader.finish()
            } catch {
                throw .invalidSignatureDER(error)
            }
            for magnitude in [magnitudes.0, magnitudes.1] where magnitude.count > 32 {
                throw .signatureIntegerTooLarge(byteCount: magnitude.count)
            }
            rBytes = [UInt8](repeating: 0, count: 32 - magnitudes.0.count) + magnitudes.0
            sBytes = [UInt8](repeating: 0, count: 32 - magnitudes.1.count) + magnitudes.1
        }

        /// The raw form r‖s (64 bytes).
        public var rawRepresentation: [UInt8] { rBytes + sBytes }

        /// The DER form `SEQUENCE { INTEGER r, INTEGER s }`, minimal.
        public var derRepresentation: [UInt8] {
            var writer = DER.Writer()
            writer.writeSequence { inner in
                inner.writeUnsignedInteger(magnitude: rBytes)
                inner.writeUnsignedInteger(magnitude: sBytes)
            }
            return writer.bytes
        }
    }
}
