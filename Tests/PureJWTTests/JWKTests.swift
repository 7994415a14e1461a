import Foundation
@_spi(Internals) import PureDER
@_spi(Internals) import PureRSA
import Testing
@_spi(Internals) @testable import PureJWT

// Oracles: the RFC 7515 key given both as JWK and as PEM (Vectors/jose, converted with Python
// cryptography), and the demo key exported as JWK by Node's crypto (Vectors/cli/generate.sh).

func jwkObject(_ json: String) throws(JWKError) -> JSONObject {
    try JWK.object(parsing: Array(json.utf8))
}

@Test func rfc7515JWKReadsAsTheSameNumbersAsItsPEMForms() throws {
    let jwk = try Keys.joseJWK("rfc7515_a2_rs256.json")
    let fromPEM = try RSAKeyLoader.loadPrivateKey(Keys.text("Vectors/jose/rfc7515_a2_private_pkcs1.pem")).key
    #expect(try RSAPrivateKeyComponents(jwk: jwk) == fromPEM)
    let publicFromPEM = try RSAKeyLoader.loadPublicKey(Keys.text("Vectors/jose/rfc7515_a2_public_spki.pem")).key
    #expect(try RSAPublicKeyComponents(jwk: jwk) == publicFromPEM)
}

@Test func nodeExportedJWKsReadAsTheDemoKey() throws {
    let pem = try RSAKeyLoader.loadPrivateKey(Keys.text("Vectors/keys/demo-rsa-2048.pem")).key
    #expect(try RSAPrivateKeyComponents(jwkText: Array(Keys.text("Vectors/cli/demo-rsa-2048.jwk").utf8)) == pem)
    #expect(try RSAPublicKeyComponents(jwkText: Array(Keys.text("Vectors/cli/demo-rsa-2048.pub.jwk").utf8)) == pem.publicKey)
}

@Test func exportedJWKHasNodesMembersThenAlgAndUse() throws {
    let node = Keys.text("Vectors/cli/demo-rsa-2048.pub.jwk").trimmingCharacters(in: .whitespacesAndNewlines)
    var ours = Keys.demo.publicKey.jwk()
    #expect(ours.keys == ["kty", "n", "e", "alg", "use"])
    #expect(ours["alg"] == .string("RS256"))
    ours["alg"] = nil
    ours["use"] = nil
    #expect(JSONValue.object(ours).serialized == node)
    #expect(Keys.demo.publicKey.jwk(keyID: "k1").keys == ["kty", "n", "e", "kid", "alg", "use"])
    // And it reads back.
    let back = try RSAPublicKey(jwk: try jwkObject(Keys.demo.publicKey.jwkRepresentation))
    #expect(back.components == Keys.demo.publicKey.components)
}

@Test func aSetPicksTheKeyByKidOrItsOnlySigningKey() throws {
    let demo = JSONValue.object(Keys.demo.publicKey.jwk(keyID: "demo"))
    let other = JSONValue.object(try RSAPublicKeyComponents(jwk: try Keys.joseJWK("rfc7520_4_1_rs256.json")).jwk(keyID: "bilbo"))
    let encryption: JSONValue = .object(["kty": .string("RSA"), "use": .string("enc"), "n": .string("AQAB"), "e": .string("AQAB")])
    let ec: JSONValue = .object(["kty": .string("EC"), "crv": .string("P-256")])
    let set: JSONObject = ["keys": .array([ec, encryption, demo, other])]
    #expect(try JWK.select(from: set, keyID: "demo") == demo.objectValue)
    #expect(try JWK.select(from: set, keyID: "bilbo") == other.objectValue)
    #expect(throws: JWKError.keyIDNotFound("nope")) { try JWK.select(from: set, keyID: "nope") }
    #expect(throws: JWKError.ambiguousKeySet(count: 2)) { try JWK.select(from: set, keyID: nil) }
    let single: JSONObject = ["keys": .array([ec, demo])]
    #expect(try JWK.select(from: single, keyID: nil) == demo.objectValue)
}

@Test(arguments: [
    (#"{"kty":"EC","crv":"P-256","x":"AQAB","y":"AQAB"}"#, JWKError.notRSA("EC")),
    (#"{"n":"AQAB","e":"AQAB"}"#, .missingKeyType),
    (#"{"kty":"RSA","alg":"RS512","n":"AQAB","e":"AQAB"}"#, .algorithmNotRS256("RS512")),
    (#"{"kty":"RSA","use":"enc","n":"AQAB","e":"AQAB"}"#, .notForSignatures("enc")),
    (#"{"kty":"RSA","e":"AQAB"}"#, .missingMember("n")),
    (#"{"kty":"RSA","n":65537,"e":"AQAB"}"#, .memberNotAString("n")),
    (#"{"kty":"RSA","n":"AAAA","e":"AQAB"}"#, .zeroInteger("n")),
    (#"{"kty":"RSA","n":"","e":"AQAB"}"#, .zeroInteger("n")),
    (#"{"kty":"RSA","n":"AQAB","e":"AQAB","d":"AQAB","oth":[]}"#, .multiPrimeKey),
])
func malformedJWKsAreRefusedWithTheirReason(json: String, expected: JWKError) throws {
    #expect(throws: expected) { try RSAPublicKeyComponents(jwk: try jwkObject(json)) }
}

@Test func jwkIntegersMustBeStrictBase64URL() throws {
    for n in ["AQAB=", "AQ+B", "AQ/B", "AQ B", "AQB"] {
        let json = #"{"kty":"RSA","n":"\#(n)","e":"AQAB"}"#
        #expect(throws: JWKError.self, "\(n)") { try RSAPublicKeyComponents(jwk: try jwkObject(json)) }
        do {
            _ = try RSAPublicKeyComponents(jwk: try jwkObject(json))
        } catch {
            guard case .invalidBase64URL(member: "n", _) = error else {
                Issue.record("\(n): \(error)")
                continue
            }
        }
    }
    // Leading zero bytes, which some producers write, are removed.
    let padded = try RSAPublicKeyComponents(jwk: try jwkObject(#"{"kty":"RSA","n":"AAEAAQ","e":"AQAB"}"#))
    #expect(padded.modulus == [1, 0, 1])
}

@Test func privateJWKsNeedEveryCRTMember() throws {
    var jwk = try Keys.joseJWK("rfc7515_a2_rs256.json")
    jwk["dq"] = nil
    #expect(throws: JWKError.missingCRTMember("dq")) { try RSAPrivateKeyComponents(jwk: jwk) }
    #expect(throws: JWKError.publicKeyNotPrivate) {
        try RSAPrivateKeyComponents(jwkText: Array(Keys.text("Vectors/cli/demo-rsa-2048.pub.jwk").utf8))
    }
    // Inconsistent numbers are caught by the key type.
    var wrong = try Keys.joseJWK("rfc7515_a2_rs256.json")
    wrong["qi"] = wrong["dp"]
    #expect(throws: JWKError.self) { try RSAPrivateKey(jwk: wrong) }
}

@Test func keySizePolicyAppliesToJWKs() throws {
    // A 1024-bit public key from the 2048-bit one's top half is refused by default.
    var n = Array(Keys.demo.publicKey.components.modulus.prefix(128))
    n[127] |= 1
    let jwk: JSONObject = ["kty": .string("RSA"), "n": .string(Base64URL.encode(n)), "e": .string("AQAB")]
    #expect(throws: JWKError.invalidKey(.keyTooSmall(bits: 1024, minimum: 2048))) { try RSAPublicKey(jwk: jwk) }
}

@Test func jwkErrorDescriptionsAreSentences() {
    let errors: [JWKError] = [
        .notAnObject, .missingKeyType, .notRSA("EC"), .missingMember("n"), .multiPrimeKey,
        .publicKeyNotPrivate, .ambiguousKeySet(count: 2), .keyIDNotFound("k"),
    ]
    for error in errors {
        #expect(error.description.hasPrefix("the JSON Web Key"))
    }
}
