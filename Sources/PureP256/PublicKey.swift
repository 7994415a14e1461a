@_spi(Internals) import PureBigNum
import PureSHA2

extension P256.Signing {
    /// A P-256 public key: a point on the curve other than the point at infinity.
    ///
    /// Decoding checks that the coordinates are below p, that the point is on the curve, and
    /// that it is not the identity (P-256 has prime order, so every other curve point is in
    /// the group). Verification is variable time: everything it reads is public.
    public struct PublicKey: Sendable {
        /// The point.
        let point: AffinePoint

        init(point: AffinePoint) {
            self.point = point
        }

        /// Reads a SEC 1 (section 2.3.3) point: uncompressed `04‖x‖y` (65 bytes) or compressed
        /// `02‖x` / `03‖x` (33 bytes, the prefix giving the parity of y).
        ///
        /// - Parameter bytes: The encoded point.
        /// - Throws: ``P256Error`` when the length or prefix is not SEC 1's, a coordinate is
        ///   not below p, the point is not on the curve, or it is the point at infinity.
        public init<Bytes: Collection<UInt8>>(x963Representation bytes: Bytes) throws(P256Error) {
            let bytes = Array(bytes)
            guard let prefix = bytes.first else { throw .invalidPointLength(count: 0) }
            switch prefix {
            case 0x04:
                guard bytes.count == 65 else { throw .invalidPointLength(count: bytes.count) }
                try self.init(rawRepresentation: bytes[1...])
            case 0x02, 0x03:
                guard bytes.count == 33 else { throw .invalidPointLength(count: bytes.count) }
                try self.init(compressedRepresentation: bytes)
            case 0x00 where bytes.count == 1:
                throw .pointAtInfinity
            default:
                throw .unsupportedPointFormat(prefix: prefix)
            }
        }

        /// Reads a compressed SEC 1 point `02‖x` or `03‖x` (33 bytes): y is the square root of
        /// x³ − 3x + b whose parity the prefix gives (p ≡ 3 mod 4, so the root is a power).
        ///
        /// - Parameter bytes: The encoded point.
        /// - Throws: ``P256Error`` when the length or prefix is wrong, x is not below p, or no
        ///   point of the curve has this x.
        public init<Bytes: Collection<UInt8>>(compressedRepresentation bytes: Bytes) throws(P256Error) {
            let bytes = Array(bytes)
            guard bytes.count == 33 else { throw .invalidPointLength(count: bytes.count) }
            guard bytes[0] == 0x02 || bytes[0] == 0x03 else { throw .unsupportedPointFormat(prefix: bytes[0]) }
            guard let x = FieldElement(bigEndianBytes: bytes[1...]) else { throw .coordinateOutOfRange }
            let three = FieldElement.one + FieldElement.one + FieldElement.one
            let rhs = (x.squared() - three) * x + FieldElement.b
            guard let root = rhs.squareRoot() else { throw .pointNotOnCurve }
            let wantOdd: UInt64 = bytes[0] == 0x03 ? 1 : 0
            let isOdd: UInt64 = root.isOdd.declassified() ? 1 : 0
            let y = isOdd == wantOdd ? root : root.negated()
            // y = 0 would make both prefixes name the same point; x³ − 3x + b has no root
            // on P-256 (its order is odd), so it cannot happen, but the check is cheap.
            guard !(y.isZero.declassified() && wantOdd == 1) else { throw .pointNotOnCurve }
            self.init(point: AffinePoint(x: x, y: y))
        }

        /// Reads the raw form x‖y (64 bytes, no prefix), as CryptoKit's `rawRepresentation`.
        ///
        /// - Parameter bytes: The two coordinates, big-endian, 32 bytes each.
        /// - Throws: ``P256Error`` when the length is wrong, a coordinate is not below p, or
        ///   the point is not on the curve.
        public init<Bytes: Collection<UInt8>>(rawRepresentation bytes: Bytes) throws(P256Error) {
            let bytes = Array(bytes)
            guard bytes.count == 64 else { throw .invalidPointLength(count: bytes.count) }
            guard let x = FieldElement(bigEndianBytes: bytes[0..<32]),
                let y = FieldElement(bigEndianBytes: bytes[32..<64])
            else { throw .coordinateOutOfRange }
            let point = AffinePoint(x: x, y: y)
            // (0, 0) is not on the curve (b ≠ 0), so this also refuses zero-filled "infinity".
            guard point.isOnCurve else { throw .pointNotOnCurve }
            self.init(point: point)
        }

        /// The uncompressed SEC 1 encoding `04‖x‖y` (65 bytes).
        public var x963Representation: [UInt8] { [0x04] + rawRepresentation }

        /// The compressed SEC 1 encoding `02‖x` or `03‖x` (33 bytes).
        public var compressedRepresentation: [UInt8] {
            [point.y.isOdd.declassified() ? 0x03 : 0x02] + point.x.bigEndianBytes
        }

        /// The coordinates x‖y (64 bytes).
        public var rawRepresentation: [UInt8] { point.x.bigEndianBytes + point.y.bigEndianBytes }

        /// Whether `signature` is a valid ECDSA signature of `digest` under this key.
        ///
        /// Accepts exactly the signatures FIPS 186-5 section 6.4.2 accepts: 0 < r, s < n and
        /// x(u1·G + u2·Q) ≡ r (mod n). In particular, when (r, s) verifies so does (r, n − s) —
        /// ECDSA signatures are malleable by design and the standard accepts both; callers that
        /// need a unique signature must compare messages, not signatures.
        ///
        /// - Parameters:
        ///   - signature: The signature.
        ///   - digest: The SHA-256 digest of the message.
        /// - Returns: true when the signature is valid.
        public func isValidSignature(_ signature: ECDSASignature, for digest: SHA256Digest) -> Bool {
            ECDSA.verify(r: signature.r, s: signature.s, digest: Limbs256(bigEndian: digest), publicKey: point)
        }

        /// Whether `signature` is a valid ECDSA signature of the SHA-256 hash of `data`.
        ///
        /// - Parameters:
        ///   - signature: The signature.
        ///   - data: The signed message (hashed here with SHA-256).
        /// - Returns: true when the signature is valid.
        public func isValidSignature<Bytes: Sequence<UInt8>>(_ signature: ECDSASignature, for data: Bytes) -> Bool {
            isValidSignature(signature, for: SHA256.hash(data: data))
        }
    }
}
