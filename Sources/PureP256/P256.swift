/// The NIST P-256 curve (secp256r1, prime256v1) of FIPS 186-5 and SEC 2.
///
/// Names follow swift-crypto: `P256.Signing.PublicKey`, `P256.Signing.ECDSASignature`,
/// `isValidSignature(_:for:)`, `x963Representation`, `compressedRepresentation`.
public enum P256 {
    /// ECDSA over P-256 with SHA-256 (FIPS 186-5 section 6, SEC 1 section 4.1), as JWS's ES256.
    public enum Signing {}
}
