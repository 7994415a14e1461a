// Deterministic ECDSA nonces (RFC 6979 section 3.2) for P-256 with SHA-256, the optional
// "additional data" of section 3.6 (hedged signatures), and the public signing API on top.
//
// For P-256 with SHA-256, qlen = hlen = 256, which removes every length adjustment of the RFC:
// - bits2int(b) of a 32-byte string is the string read as a big-endian integer (no shift);
// - bits2octets(h1) = int2octets(bits2int(h1) mod n): one masked subtraction of n, since
//   2^256 < 2n;
// - each candidate T is exactly one HMAC output V (tlen reaches qlen after one block).
//
// Timing contract: HMAC-SHA-256 and SHA-256 are straight-line (their work depends only on
// lengths, which are fixed here); bits2octets is a masked subtraction; the test "1 ≤ k < n"
// is computed as a mask (`Scalar(nonZeroBigEndianBytes:)`, a `Choice`) and only its outcome is
// revealed, as is "r = 0 or s = 0" after the signature equation. Those rejections are the only
// observable events, each with probability about 2^−32 for a candidate, and a rejected
// candidate is never used: what they tell an observer is that a discarded value was out of
// range, nothing about the nonce that signs or about d.

@_spi(Internals) import PureBigNum
import PureSHA2

/// The HMAC_DRBG of RFC 6979 section 3.2, steps b to h, for P-256 with HMAC-SHA-256.
///
/// `candidate()` gives the next k to try (step h.2/h.3: V = HMAC_K(V), k = bits2int(V));
/// `reject()` moves on after a candidate that is out of range or gives r = 0 or s = 0
/// (step h.3: K = HMAC_K(V ‖ 0x00), V = HMAC_K(V)).
struct RFC6979NonceGenerator {
    /// K, the HMAC key of the DRBG.
    private var key: [UInt8]
    /// V, the DRBG's chaining value (its last output).
    private var value: [UInt8]
    /// HMAC-SHA-256 keyed with K, copied for each use (keying costs two compressions).
    private var keyed: HMAC<SHA256>

    /// Steps b to g: instantiates the DRBG from d, the digest and the additional data k'.
    ///
    /// - Parameters:
    ///   - privateKey: int2octets(d), 32 big-endian bytes.
    ///   - digest: h1 = SHA-256(message); reduced mod n here (bits2octets).
    ///   - additionalData: k' of section 3.6, appended after bits2octets(h1) in steps d and f;
    ///     empty for plain RFC 6979.
    init(privateKey: [UInt8], digest: SHA256Digest, additionalData: [UInt8]) {
        let reduced = subtractModulusIfNeeded(Limbs256(bigEndian: digest), carry: 0, Scalar.modulus)
        let h1 = reduced.bigEndianBytes
        value = [UInt8](repeating: 0x01, count: 32)  // b
        key = [UInt8](repeating: 0x00, count: 32)  // c
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
        rekey(separator: 0x00, privateKey, h1, additionalData)  // d
        value = mac(value)  // e
        rekey(separator: 0x01, privateKey, h1, additionalData)  // f
        value = mac(value)  // g
    }

    /// The next candidate k, 32 big-endian bytes (not yet checked against 1 ≤ k < n).
    mutating func candidate() -> [UInt8] {
        value = mac(value)
        return value
    }

    /// Step h.3 after a candidate that could not sign: K = HMAC_K(V ‖ 0x00), V = HMAC_K(V).
    mutating func reject() {
        rekey(separator: 0x00)
        value = mac(value)
    }

    /// K = HMAC_K(V ‖ separator ‖ parts…), and the keyed HMAC follows the new K.
    private mutating func rekey(separator: UInt8, _ parts: [UInt8]...) {
        var hmac = keyed
        hmac.update(data: value)
        hmac.update(data: CollectionOfOne(separator))
        for part in parts { hmac.update(data: part) }
        key = hmac.finalize().bytes
        keyed = HMAC<SHA256>(key: SymmetricKey(data: key))
    }

    /// HMAC_K(bytes).
    private func mac(_ bytes: [UInt8]) -> [UInt8] {
        var hmac = keyed
        hmac.update(data: bytes)
        return hmac.finalize().bytes
    }
}

extension P256.Signing.PrivateKey {
    /// Signs a SHA-256 digest with the nonce of RFC 6979 (deterministic ECDSA): the same key
    /// and digest always give the same signature, and no random number generator is involved.
    ///
    /// The digest is signed as it is, never hashed again (FIPS 186-5 section 6.4.1 with
    /// e = the digest). The signature is verified with the public key before it is returned.
    ///
    /// Timing: constant time in d and in the nonce; see ``P256/Signing``. The only observable
    /// event is the rejection of a nonce candidate (out of range, or r = 0 or s = 0), which
    /// happens with probability about 2^−32 and concerns a value that is then discarded.
    ///
    /// - Parameter digest: SHA-256 of the message.
    /// - Returns: The signature (r, s).
    /// - Throws: ``P256Error/signatureSelfCheckFailed`` when the signature does not verify
    ///   (a fault while signing); the signature is then withheld.
    public func signature(for digest: SHA256Digest) throws(P256Error) -> P256.Signing.ECDSASignature {
        try signature(digest: digest, additionalData: [])
    }

    /// Hashes a message with SHA-256 and signs the digest with the nonce of RFC 6979
    /// (deterministic ECDSA), as ``signature(for:)-(SHA256Digest)`` does.
    ///
    /// - Parameter message: The message bytes (for ES256, the JWS signing input).
    /// - Returns: The signature (r, s).
    /// - Throws: ``P256Error/signatureSelfCheckFailed`` when the signature does not verify
    ///   (a fault while signing); the signature is then withheld.
    public func signature<Message: Sequence<UInt8>>(for message: Message) throws(P256Error) -> P256.Signing.ECDSASignature {
        try signature(for: SHA256.hash(data: message))
    }

    /// Signs a SHA-256 digest with a hedged nonce: RFC 6979's derivation with 32 fresh bytes
    /// from `SystemRandomNumberGenerator` as the additional data k' (section 3.6).
    ///
    /// The signature is an ordinary ECDSA signature and verifies like any other, but it is not
    /// reproducible: two calls give different signatures. The nonce stays secret and unique
    /// as long as either the generator or the RFC 6979 derivation is sound, and the fresh input
    /// makes fault attacks that rely on signing the same digest twice with the same nonce
    /// harder. Where the platform's generator is weak (a wasm runtime that supplies a fixed
    /// `arc4random_buf`), this degrades to deterministic signing, never to a repeated nonce
    /// for different digests.
    ///
    /// Timing: as ``signature(for:)-(SHA256Digest)``.
    ///
    /// - Parameter digest: SHA-256 of the message, signed as it is (not hashed again).
    /// - Returns: The signature (r, s).
    /// - Throws: ``P256Error/signatureSelfCheckFailed`` when the signature does not verify
    ///   (a fault while signing); the signature is then withheld.
    public func hedgedSignature(for digest: SHA256Digest) throws(P256Error) -> P256.Signing.ECDSASignature {
        var generator = SystemRandomNumberGenerator()
        var fresh = [UInt8](repeating: 0, count: 32)
        for index in 0..<4 {
            let word = generator.next()
            for byte in 0..<8 { fresh[index * 8 + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
        }
        return try signature(digest: digest, additionalData: fresh)
    }

    /// Hashes a message with SHA-256 and signs the digest with a hedged nonce, as
    /// ``hedgedSignature(for:)-(SHA256Digest)`` does: valid, but not reproducible.
    ///
    /// - Parameter message: The message bytes (for ES256, the JWS signing input).
    /// - Returns: The signature (r, s).
    /// - Throws: ``P256Error/signatureSelfCheckFailed`` when the signature does not verify
    ///   (a fault while signing); the signature is then withheld.
    public func hedgedSignature<Message: Sequence<UInt8>>(for message: Message) throws(P256Error) -> P256.Signing.ECDSASignature {
        try hedgedSignature(for: SHA256.hash(data: message))
    }

    /// RFC 6979 signing with the additional data k' of section 3.6 (empty: plain RFC 6979).
    ///
    /// Tries the DRBG's candidates through the explicit-nonce entry point (which checks
    /// 1 ≤ k < n as a mask, refuses r = 0 or s = 0, and verifies before release) until one
    /// signs. The loop has no bound: each candidate fails with probability about 2^−32.
    ///
    /// - Parameters:
    ///   - digest: SHA-256 of the message.
    ///   - additionalData: k', any length.
    /// - Returns: The signature.
    /// - Throws: ``P256Error/signatureSelfCheckFailed`` when the signature does not verify.
    package func signature(digest: SHA256Digest, additionalData: [UInt8]) throws(P256Error) -> P256.Signing.ECDSASignature {
        var generator = RFC6979NonceGenerator(privateKey: rawRepresentation, digest: digest, additionalData: additionalData)
        while true {
            let k = generator.candidate()
            do {
                return try signature(digest: digest, nonce: k)
            } catch {
                switch error {
                case .scalarOutOfRange, .nonceUnusable: generator.reject()
                default: throw error
                }
            }
        }
    }
}
