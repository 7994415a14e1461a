// vapor/jwt-kit 5: JWTKeyCollection with an RS256 key (RSA through swift-crypto, so BoringSSL).
import Foundation
import JWTKit

/// The tenant token's claims, in the order PureJWT writes them; checked as of `Inputs.now`
/// (as PureJWT's verifier is given `now`), so a 2023 token is not "expired".
struct TenantClaims: JWTPayload {
    var sub: SubjectClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim

    func verify(using _: some JWTAlgorithm) async throws {
        try exp.verifyNotExpired(currentDate: Date(timeIntervalSince1970: TimeInterval(Inputs.now)))
    }
}

enum JWTKitPeer {
    /// The tenant token as jwt-kit mints it, and the bodies minting and verifying it.
    static func jwt(pem: String) async throws -> (token: String, mint: Body, verify: Body, keys: JWTKeyCollection) {
        let keys = JWTKeyCollection()
        await keys.add(rsa: try Insecure.RSA.PrivateKey(pem: pem), digestAlgorithm: .sha256)
        let claims = TenantClaims(
            sub: SubjectClaim(value: Inputs.tenant),
            iat: IssuedAtClaim(value: Date(timeIntervalSince1970: TimeInterval(Inputs.now))),
            exp: ExpirationClaim(value: Date(timeIntervalSince1970: TimeInterval(Inputs.now + Inputs.lifetime))))
        let token = try await keys.sign(claims)
        return (
            token,
            { n in for _ in 0..<n { blackHole(try? await keys.sign(claims)) } },
            { n in for _ in 0..<n { blackHole(try? await keys.verify(token, as: TenantClaims.self)) } },
            keys
        )
    }

    /// Whether jwt-kit accepts `token` (signature and claims).
    static func accepts(_ token: String, keys: JWTKeyCollection) async -> Bool {
        (try? await keys.verify(token, as: TenantClaims.self)) != nil
    }
}
