/// Which RSA signature scheme to use: RSASSA-PKCS1-v1_5 or RSASSA-PSS.
///
/// Mirrors swift-crypto's `_RSA.Signing.Padding`, with the same two names. One difference: here
/// the calls without a `padding:` argument keep signing PKCS#1 v1.5 (RS256 is this library's
/// job), where swift-crypto's default is PSS. Pass the padding explicitly to be unambiguous.
public struct RSASigningPadding: Sendable, Hashable {
    enum Backing: Sendable, Hashable {
        case pkcs1v15
        case pss
    }

    let backing: Backing

    private init(_ backing: Backing) { self.backing = backing }

    /// RSASSA-PKCS1-v1_5 (RFC 8017 section 8.2), deterministic: JWA's RS256, RS384, RS512.
    ///
    /// Named as swift-crypto names it; PKCS#1 v1.5 signatures have no known weakness, the name
    /// warns against the encryption padding of the same name.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    public static let insecurePKCS1v1_5 = RSASigningPadding(.pkcs1v15)

    /// RSASSA-PSS (RFC 8017 section 8.1) with MGF1 over the digest's own hash and a random salt
    /// as long as the digest: JWA's PS256, PS384, PS512 (RFC 7518 section 3.5). Verification
    /// accepts that salt length only.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    public static let PSS = RSASigningPadding(.pss)
}
