import Foundation
import PureJWT
import Testing

// A verifier over a JWK Set picks the key by the token's kid and refuses an unknown kid. The set is
// written here from Python cryptography's integers (Vectors/keys/rsa-*.json) with Foundation's
// base64; the tokens are signed by `openssl dgst -sha256 -sign`, so the library only verifies.

@Suite struct JWKSetVerifierTests {
    /// `{"kty":"RSA","kid":…,"n":…,"e":…}` from the vector's hex integers.
    static func jwk(bits: Int, kid: String, extra: String = "") throws -> String {
        let vector = try JSONSerialization.jsonObject(with: Data(try Support.bytes("Vectors/keys/rsa-\(bits).json")))
        let fields = try #require(vector as? [String: Any])
        let n = try #require(fields["n"] as? String), e = try #require(fields["e"] as? String)
        func even(_ hex: String) -> String { hex.count % 2 == 0 ? hex : "0" + hex }
        return
            #"{"kty":"RSA","kid":"\#(kid)","n":"\#(Support.base64url(Support.hex(even(n))))","e":"\#(Support.base64url(Support.hex(even(e))))"\#(extra)}"#
    }

    static func keySet() throws -> String {
        // An EC key and an encryption key sit in the set too, as identity providers publish them;
        // the verifier must skip both.
        let ec =
            #"{"kty":"EC","crv":"P-256","kid":"ec-1","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#
        return
            #"{"keys":[\#(try jwk(bits: 2048, kid: "2024-01")),\#(ec),\#(try jwk(bits: 3072, kid: "2024-02")),\#(try jwk(bits: 4096, kid: "enc", extra: #","use":"enc""#))]}"#
    }

    static func token(kid: String?, signedBy bits: Int, sub: String = "tenant-id") throws -> String {
        let header = kid.map { #"{"alg":"RS256","typ":"JWT","kid":"\#($0)"}"# } ?? #"{"alg":"RS256","typ":"JWT"}"#
        return try Support.opensslToken(
            header: header, payload: #"{"sub":"\#(sub)","iat":1700000000,"exp":1700003600}"#,
            privateKeyPath: "Vectors/keys/rsa-\(bits).pkcs8.pem")
    }

    static let now: Int64 = 1_700_000_100

    @Test func itPicksTheKeyNamedByKid() throws {
        let verifier = try JWTVerifier(jwks: Array(try Self.keySet().utf8))
        #expect(Set(verifier.keys.keys) == ["2024-01", "2024-02"])
        let first = try verifier.verify(try Self.token(kid: "2024-01", signedBy: 2048, sub: "a"), now: Self.now)
        #expect(try first.claims.subject == "a")
        #expect(first.header.keyID == "2024-01")
        let second = try verifier.verify(try Self.token(kid: "2024-02", signedBy: 3072, sub: "b"), now: Self.now)
        #expect(try second.claims.subject == "b")
    }

    @Test func itRefusesAnUnknownKidAndAMissingOne() throws {
        let verifier = try JWTVerifier(jwks: Array(try Self.keySet().utf8))
        #expect(throws: JWTError.unknownKeyID("2023-12")) {
            try verifier.verify(try Self.token(kid: "2023-12", signedBy: 2048), now: Self.now)
        }
        // "enc" is in the set, but as an encryption key: not a verification key.
        #expect(throws: JWTError.unknownKeyID("enc")) {
            try verifier.verify(try Self.token(kid: "enc", signedBy: 4096), now: Self.now)
        }
        #expect(throws: JWTError.missingKeyID) {
            try verifier.verify(try Self.token(kid: nil, signedBy: 2048), now: Self.now)
        }
    }

    @Test func aKidNamingAnotherKeyThanTheSignersFails() throws {
        let verifier = try JWTVerifier(jwks: Array(try Self.keySet().utf8))
        #expect(throws: JWTError.invalidSignature) {
            try verifier.verify(try Self.token(kid: "2024-01", signedBy: 3072), now: Self.now)
        }
    }

    @Test func theTokenCannotChooseTheAlgorithm() throws {
        let verifier = try JWTVerifier(jwks: Array(try Self.keySet().utf8))
        // An HS256 token keyed with the public key's bytes (the classic confusion attack), made by openssl.
        let header = Support.base64url(Array(#"{"alg":"HS256","typ":"JWT","kid":"2024-01"}"#.utf8))
        let payload = Support.base64url(Array(#"{"sub":"x","exp":1700003600}"#.utf8))
        let secret = try Support.bytes("Vectors/keys/rsa-2048.spki.pem")
        let mac = try Support.run(
            "openssl",
            [
                "dgst", "-sha256", "-mac", "HMAC", "-macopt",
                "hexkey:" + secret.map { String(format: "%02x", $0) }.joined(), "-binary",
            ],
            stdin: Array("\(header).\(payload)".utf8))
        #expect(mac.status == 0 && mac.stdout.count == 32)
        #expect(throws: JWTError.algorithmNotAllowed("HS256")) {
            try verifier.verify("\(header).\(payload).\(Support.base64url(mac.stdout))", now: Self.now)
        }
    }

    @Test func aSetWithTwoKeysUnderOneKidIsRefused() throws {
        let set = #"{"keys":[\#(try Self.jwk(bits: 2048, kid: "same")),\#(try Self.jwk(bits: 3072, kid: "same"))]}"#
        #expect(throws: JWKError.duplicateKeyID("same")) { try JWTVerifier(jwks: Array(set.utf8)) }
        #expect(throws: JWKError.self) { try JWTVerifier(jwks: Array(#"{"keys":"#.utf8)) }
    }

    @Test func theSetTheLibraryPublishesIsTheOneItReads() throws {
        // The publishing side, as the backend example does it: the public key's JWK with a kid.
        let key = try RSAPublicKey(pemRepresentation: try Support.text("Vectors/keys/rsa-2048.spki.pem"))
        let published = #"{"keys":[\#(JSONValue.object(key.jwk(keyID: "2024-01")).serialized)]}"#
        // Expected: Python cryptography's n and e (base64url by Foundation), members in the
        // order the library documents (kty, n, e, kid, alg, use).
        let vector = try #require(try JSONSerialization.jsonObject(with: Data(try Support.bytes("Vectors/keys/rsa-2048.json"))) as? [String: Any])
        let n = Support.base64url(Support.hex(try #require(vector["n"] as? String)))
        #expect(published == #"{"keys":[{"kty":"RSA","n":"\#(n)","e":"AQAB","kid":"2024-01","alg":"RS256","use":"sig"}]}"#)
        let verifier = try JWTVerifier(jwks: Array(published.utf8))
        #expect(try verifier.verify(try Self.token(kid: "2024-01", signedBy: 2048), now: Self.now).claims.subject == "tenant-id")
    }
}
