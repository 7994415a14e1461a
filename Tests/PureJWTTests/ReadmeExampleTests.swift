import Foundation
import PureJWT
import Testing

// The README's "Using it from Swift" example, kept compiling and true. Only the source of the
// key differs: the demo key's PEM, base64-encoded as HOTGLUE_SIGNING_KEY holds it.

@Test func readmeSwiftExampleRunsAsWritten() throws {
    let environment = ["HOTGLUE_SIGNING_KEY": Data(Keys.text("Vectors/keys/demo-rsa-2048.pem").utf8).base64EncodedString()]

    let key = try RSAPrivateKey(loading: environment["HOTGLUE_SIGNING_KEY"] ?? "")
    let signer = JWTSigner(key: key)
    let now = Int64(Date().timeIntervalSince1970)

    let token = try signer.tenantToken("tenant-id", now: now)

    var claims = try JWTClaims.tenant("tenant-id", now: now, lifetime: 600)
    claims["role"] = .string("admin")
    let other = try signer.sign(claims, keyID: "2024-01")

    let verifier = JWTVerifier(
        key: key.publicKey,
        options: JWTValidationOptions(leeway: 30, subject: "tenant-id"))
    let verified = try verifier.verify(token, now: now)
    #expect(try verified.claims.subject == "tenant-id")
    #expect(try verified.claims.expiresAt == now + 3600)

    let peek = try JWT.decodeWithoutVerifying(other)
    #expect(peek.header.keyID == "2024-01")
    #expect(peek.claims.serialized == #"{"sub":"tenant-id","iat":\#(now),"exp":\#(now + 600),"role":"admin"}"#)

    struct TenantClaims: Codable, Sendable { var sub: String; var iat: Int64; var exp: Int64; var role: String? }
    let typed = try signer.sign(TenantClaims(sub: "tenant-id", iat: now, exp: now + 3600, role: "admin"))
    let mine = try verifier.verify(typed, as: TenantClaims.self, now: now)
    #expect(mine.role == "admin" && mine.exp == now + 3600)
    #expect(
        try JWT.decodeWithoutVerifying(typed).claims.serialized
            == #"{"sub":"tenant-id","iat":\#(now),"exp":\#(now + 3600),"role":"admin"}"#)
}
