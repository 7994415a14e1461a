// Entry points for the valgrind harness of Scripts/constant-time.sh (ct-check), which is a
// separate package and so cannot reach `package` declarations. SPI, not API: reached only with
// `@_spi(ConstantTimeTesting) import PureP256`, the way PureRSA's key-generation check reaches
// its seeded generator (`@_spi(KeyGenerationTesting)`). Each forwards to the `package`
// declaration the library itself uses, so the check runs exactly the shipped code.
import PureSHA2

/// The package-level signing and key-generation primitives, for the constant-time check only.
@_spi(ConstantTimeTesting)
public enum P256ConstantTimeHooks {
    /// Signs with an explicit nonce k: `PrivateKey.signature(digest:nonce:)`, the primitive
    /// under RFC 6979 signing (range check of k, the signature equation, the check before
    /// release). FOR THE CONSTANT-TIME CHECK ONLY: a caller-chosen k that repeats or leaks
    /// gives the private key away.
    ///
    /// - Parameters:
    ///   - key: The private key.
    ///   - digest: The SHA-256 digest to sign.
    ///   - nonce: k, 32 big-endian bytes.
    /// - Returns: The signature.
    /// - Throws: As `PrivateKey.signature(digest:nonce:)`.
    public static func signature(
        _ key: P256.Signing.PrivateKey, digest: SHA256Digest, nonce: [UInt8]
    ) throws(P256Error) -> P256.Signing.ECDSASignature {
        try key.signature(digest: digest, nonce: nonce)
    }

    /// The check a private key runs on a finished signature before it releases it: the
    /// verification of (r, s) with the key's comb of Q (`ECDSA.verify(r:s:digest:comb:)`),
    /// exactly as `signature(digest:nonce:)` calls it. Variable time on public values by design;
    /// the constant-time check counts it on its own and subtracts it from a signing. FOR THE
    /// CONSTANT-TIME CHECK ONLY.
    ///
    /// - Parameters:
    ///   - key: The private key that made the signature.
    ///   - signature: The signature.
    ///   - digest: The SHA-256 digest it signs.
    /// - Returns: Whether the check passes.
    public static func checkBeforeRelease(
        _ key: P256.Signing.PrivateKey, _ signature: P256.Signing.ECDSASignature, digest: SHA256Digest
    ) -> Bool {
        ECDSA.verify(r: signature.r, s: signature.s, digest: Limbs256(bigEndian: digest), comb: key.comb)
    }

    /// Generates a key from the caller's generator: `PrivateKey.init(using:)` (FIPS 186-5
    /// A.2.2, rejection sampling), which ``P256/Signing/PrivateKey/init()`` calls with
    /// `SystemRandomNumberGenerator`. FOR THE CONSTANT-TIME CHECK ONLY.
    ///
    /// - Parameter generator: The source of the random bits.
    /// - Returns: The new key.
    public static func generateKey<R: RandomNumberGenerator>(using generator: inout R) -> P256.Signing.PrivateKey {
        P256.Signing.PrivateKey(using: &generator)
    }
}
