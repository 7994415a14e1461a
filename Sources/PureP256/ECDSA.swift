@_spi(Internals) import PureBigNum
import PureSHA2

/// The ECDSA equations (FIPS 186-5 sections 6.4.1 and 6.4.2) over P-256 with a 256-bit digest.
enum ECDSA {
    /// Signs with an explicit nonce k: R = k·G, r = x(R) mod n, s = k⁻¹(e + r·d) mod n.
    ///
    /// Timing contract: constant time in d and k (fixed-base masked scan, fixed inversion
    /// chains, Montgomery arithmetic); only "r = 0 or s = 0" is revealed, which is public.
    static func sign(digest: Limbs256, privateKey d: Scalar, nonce k: Scalar) throws(P256Error) -> (r: Limbs256, s: Limbs256) {
        let e = Scalar(reducing: digest)
        let point = ProjectivePoint.generatorMultiplied(bySecret: k.canonical)
        let zInverse = point.z.inverse()
        let x = (point.x * zInverse).canonical
        let r = Scalar(reducing: x)
        let s = k.inverse() * (e + r * d)
        guard !(r.isZero | s.isZero).declassified() else { throw .nonceUnusable }
        return (r.canonical, s.canonical)
    }

    /// Verifies (r, s) for a digest under the public point Q. Variable time (all public).
    static func verify(r: Limbs256, s: Limbs256, digest: Limbs256, publicKey q: AffinePoint) -> Bool {
        guard let (u1, u2) = verificationScalars(r: r, s: s, digest: digest) else { return false }
        return xCoordinate(of: ProjectivePoint(q).verificationCombination(u1: u1, u2: u2), matches: r)
    }

    /// Verifies (r, s) as ``verify(r:s:digest:publicKey:)`` does, with the public point's
    /// comb (the check a private key makes before it releases a signature). Variable time.
    static func verify(r: Limbs256, s: Limbs256, digest: Limbs256, comb: CombTable) -> Bool {
        guard let (u1, u2) = verificationScalars(r: r, s: s, digest: digest) else { return false }
        return xCoordinate(of: JacobianPoint.verificationCombination(u1: u1, u2: u2, comb: comb), matches: r)
    }

    /// u1 = e·s⁻¹ and u2 = r·s⁻¹ (canonical), or nil unless 0 < r < n and 0 < s < n.
    static func verificationScalars(r: Limbs256, s: Limbs256, digest: Limbs256) -> (Limbs256, Limbs256)? {
        let n = Scalar.modulus
        guard r.lessThanWord(n) == 1, s.lessThanWord(n) == 1, r.isZeroWord == 0, s.isZeroWord == 0 else { return nil }
        let e = Scalar(reducing: digest)
        let w = Scalar(reduced: s).inverse()
        let rScalar = Scalar(reduced: r)
        return ((e * w).canonical, (rScalar * w).canonical)
    }

    /// Whether x(R) mod n = r for the point R = u1·G + u2·Q (false for the identity).
    static func xCoordinate(of point: ProjectivePoint, matches r: Limbs256) -> Bool {
        let n = Scalar.modulus
        if point.isIdentity.declassified() { return false }
        // x(R) mod n = r  ⟺  X = r'·Z for r' = r or r' = r + n (when r + n < p), since
        // x = X/Z and 0 ≤ x < p < 2n. Comparing projectively avoids an inversion.
        if point.x.isEqual(FieldElement(reduced: r) * point.z).declassified() { return true }
        var sum = Limbs256.zero
        var carry: UInt64
        (sum.w0, carry) = adc(r.w0, n.w0, 0)
        (sum.w1, carry) = adc(r.w1, n.w1, carry)
        (sum.w2, carry) = adc(r.w2, n.w2, carry)
        (sum.w3, carry) = adc(r.w3, n.w3, carry)
        guard carry == 0, sum.lessThanWord(FieldElement.modulus) == 1 else { return false }
        return point.x.isEqual(FieldElement(reduced: sum) * point.z).declassified()
    }
}

extension P256.Signing {
    /// A P-256 private key: a secret scalar d with 0 < d < n, and its public key d·G.
    ///
    /// Making a key computes d·G and, from that public point, the comb table that the check
    /// before release uses (192 doublings once, 960 bytes kept with the key).
    ///
    /// Timing contract: computing the public key and signing run in constant time in d and
    /// in the nonce (see ``P256/Signing``); only sizes and "valid or not" are revealed.
    public struct PrivateKey: Sendable {
        /// d, in Montgomery form modulo n.
        let scalar: Scalar
        /// d·G.
        public let publicKey: PublicKey
        /// The comb of d·G that the check before release verifies with (960 bytes).
        let comb: CombTable

        /// Reads d as 32 big-endian bytes (SEC 1 section 2.3.6, CryptoKit's
        /// `rawRepresentation`) and computes the public key d·G.
        ///
        /// - Parameter bytes: d, big-endian, exactly 32 bytes.
        /// - Throws: ``P256Error/invalidPrivateKeyLength(count:)`` for another length,
        ///   ``P256Error/scalarOutOfRange`` when d is 0 or not below n.
        public init<Bytes: Collection<UInt8>>(rawRepresentation bytes: Bytes) throws(P256Error) {
            guard bytes.count == 32 else { throw .invalidPrivateKeyLength(count: bytes.count) }
            guard let d = Scalar(nonZeroBigEndianBytes: bytes) else { throw .scalarOutOfRange }
            scalar = d
            // d ≠ 0 and n·G is the only multiple below n·G that is the identity, so this is
            // never the identity.
            let point = ProjectivePoint.generatorMultiplied(bySecret: d.canonical)
            let zInverse = point.z.inverse()
            let q = AffinePoint(x: point.x * zInverse, y: point.y * zInverse)
            publicKey = PublicKey(point: q)
            comb = CombTable(q)
        }

        /// d as 32 big-endian bytes.
        public var rawRepresentation: [UInt8] { scalar.bigEndianBytes }

        /// Signs a SHA-256 digest with the caller's nonce k (FIPS 186-5 section 6.4.1), then
        /// verifies the signature with the public key before returning it.
        ///
        /// This is the primitive under deterministic signing: RFC 6979 derives k from d and
        /// the digest and calls this with each candidate until it does not throw
        /// ``P256Error/nonceUnusable``. It is `package`: a caller-chosen k that repeats or
        /// leaks gives the private key away, so users sign through the deterministic entry point.
        ///
        /// - Parameters:
        ///   - digest: The SHA-256 digest of the message.
        ///   - nonce: k, 32 big-endian bytes, 0 < k < n, secret and never reused.
        /// - Returns: The signature.
        /// - Throws: ``P256Error/scalarOutOfRange`` for a k outside 1…n − 1,
        ///   ``P256Error/nonceUnusable`` when k gives r = 0 or s = 0,
        ///   ``P256Error/signatureSelfCheckFailed`` when the result does not verify.
        package func signature<Nonce: Collection<UInt8>>(
            digest: SHA256Digest, nonce: Nonce
        ) throws(P256Error) -> ECDSASignature {
            guard let k = Scalar(nonZeroBigEndianBytes: nonce) else { throw .scalarOutOfRange }
            let e = Limbs256(bigEndian: digest)
            let (r, s) = try ECDSA.sign(digest: e, privateKey: scalar, nonce: k)
            guard ECDSA.verify(r: r, s: s, digest: e, comb: comb) else {
                throw .signatureSelfCheckFailed
            }
            return ECDSASignature(r: r, s: s)
        }
    }
}
