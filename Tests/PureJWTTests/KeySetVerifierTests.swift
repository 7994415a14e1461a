import Foundation
@_spi(Internals) import PureJWT
import Testing
@_spi(Internals) import PureJSON

// A verifier over a JWK Set picks the key by the token's kid and never lets the token choose the
// algorithm. The key set is written by Node's crypto (KeyObject.export({format: 'jwk'})) from the
// OpenSSL-made PEM files, so the JWK reading has an independent oracle.

/// `{"keys": [...]}` made by Node from `members`: (PEM file under Vectors/keys, kid, extra JSON members).
func nodeKeySet(_ members: [(file: String, kid: String, extra: String)], more: [String] = []) throws -> [UInt8] {
    let entries =
        members.map { m in
            "Object.assign(crypto.createPublicKey(fs.readFileSync('\(Keys.root.path)/Vectors/keys/\(m.file)')).export({format: 'jwk'}), {kid: '\(m.kid)'}, \(m.extra.isEmpty ? "{}" : m.extra))"
        } + more
    let script =
        "const crypto = require('crypto'), fs = require('fs'); process.stdout.write(JSON.stringify({keys: [\(entries.joined(separator: ", "))]}))"
    let (status, data) = try runNode(script)
    #expect(status == 0)
    return Array(data)
}

let keySetNow: Int64 = 1_700_000_000

func privateKey(_ file: String) throws -> RSAPrivateKey {
    try RSAPrivateKey(pemRepresentation: Keys.text("Vectors/keys/\(file)"))
}

@Test func aKeySetVerifierPicksTheKeyByKidAndRefusesUnknownOrMissingKids() throws {
    let jwks = try nodeKeySet(
        [
            ("rsa-2048.spki.pem", "a", ""), ("rsa-3072.spki.pem", "b", "{use: 'sig', alg: 'RS256'}"),
            ("rsa-4096.spki.pem", "enc", "{use: 'enc'}"),
        ],
        more: [
            "{kty: 'EC', crv: 'P-256', kid: 'ec', x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU', y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0'}"
        ])
    let verifier = try JWTVerifier(jwks: jwks)
    #expect(verifier.key == nil && Set(verifier.keys.keys) == ["a", "b"])

    let a = JWTSigner(key: try privateKey("rsa-2048.pkcs8.pem"))
    let b = JWTSigner(key: try privateKey("rsa-3072.pkcs8.pem"))
    let claims = try JWTClaims.tenant("t", now: keySetNow)
    #expect(try verifier.verify(try a.sign(claims, keyID: "a"), now: keySetNow).claims.subject == "t")
    #expect(try verifier.verify(try b.sign(claims, keyID: "b"), now: keySetNow).claims.subject == "t")
    #expect(throws: JWTError.invalidSignature) { try verifier.verify(try a.sign(claims, keyID: "b"), now: keySetNow) }
    #expect(throws: JWTError.unknownKeyID("enc")) { try verifier.verify(try a.sign(claims, keyID: "enc"), now: keySetNow) }
    #expect(throws: JWTError.unknownKeyID("zz")) { try verifier.verify(try a.sign(claims, keyID: "zz"), now: keySetNow) }
    #expect(throws: JWTError.missingKeyID) { try verifier.verify(try a.sign(claims), now: keySetNow) }
    // The token never picks the algorithm: an HS256 header is refused before any key is chosen.
    let hs = "eyJhbGciOiJIUzI1NiIsImtpZCI6ImEifQ.e30.c2ln"  // {"alg":"HS256","kid":"a"}.{}.sig
    #expect(throws: JWTError.algorithmNotAllowed("HS256")) { try verifier.verify(hs, now: keySetNow) }

    // A dictionary of keys does the same.
    let byHand = JWTVerifier(keys: ["k": try #require(a.key).publicKey])
    #expect(try byHand.verify(try a.sign(claims, keyID: "k"), now: keySetNow).claims.subject == "t")
    #expect(throws: JWTError.unknownKeyID("a")) { try byHand.verify(try a.sign(claims, keyID: "a"), now: keySetNow) }
}

@Test func keySetsThatCannotSayWhichKeyToUseAreRefused() throws {
    #expect(throws: JWKError.duplicateKeyID("a")) {
        try JWTVerifier(jwks: try nodeKeySet([("rsa-2048.spki.pem", "a", ""), ("rsa-3072.spki.pem", "a", "")]))
    }
    #expect(throws: JWKError.notAKeySet) { try JWTVerifier(jwks: Array(#"{"kty":"RSA"}"#.utf8)) }
    #expect(throws: JWKError.ambiguousKeySet(count: 0)) { try JWTVerifier(jwks: Array(#"{"keys":[]}"#.utf8)) }
    #expect {
        try JWTVerifier(jwks: try nodeKeySet([("rsa-1024.spki.pem", "old", "")]))
    } throws: { error in
        guard case .invalidKeyInSet(kid: "old", _) = error as? JWKError else { return false }
        return "\(error)".contains("\"old\"")
    }
    // The legacy policy admits it.
    #expect(try JWTVerifier(jwks: try nodeKeySet([("rsa-1024.spki.pem", "old", "")]), policy: .allowingLegacySizes).keys.count == 1)
}

@Test func maxAgeRefusesTokensOlderThanItAsNodeJsonwebtokenDoes() throws {
    let signer = Keys.demoSigner
    func verify(iat: JSONValue?, now: Int64, maxAge: UInt32, leeway: UInt32 = 0) throws {
        var claims = JWTClaims(object: ["sub": .string("t")])
        claims["iat"] = iat
        let token = try signer.sign(headerBytes: Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8), payloadBytes: claims.serializedBytes)
        _ = try JWTVerifier(key: Keys.demo.publicKey, options: JWTValidationOptions(leeway: leeway, maxAge: maxAge)).verify(token, now: now)
    }
    // node-jsonwebtoken: refused when now >= iat + maxAge + clockTolerance.
    try verify(iat: .integer(1000), now: 1099, maxAge: 100)
    #expect(throws: JWTError.maxAgeExceeded(issuedAt: 1000, maxAge: 100, now: 1100)) { try verify(iat: .integer(1000), now: 1100, maxAge: 100) }
    try verify(iat: .integer(1000), now: 1100, maxAge: 100, leeway: 1)
    try verify(iat: try .double(999.5), now: 1099, maxAge: 100)  // 1099 < 1099.5
    #expect(throws: JWTError.self) { try verify(iat: try .double(999.5), now: 1100, maxAge: 100) }
    #expect(throws: JWTError.missingClaim("iat")) { try verify(iat: nil, now: 1100, maxAge: 100) }
    // Off by default.
    #expect(
        try JWTVerifier(key: Keys.demo.publicKey).verify(try signer.tenantToken("t", now: 1000, lifetime: 1_000_000), now: 500_000).claims.subject
            == "t")
}

@Test func issuedInTheFutureIsRefusedOnlyWhenAsked() throws {
    let token = try Keys.demoSigner.tenantToken("t", now: keySetNow + 10)
    let strict = { (leeway: UInt32) in
        JWTVerifier(key: Keys.demo.publicKey, options: JWTValidationOptions(leeway: leeway, rejectsIssuedInFuture: true))
    }
    #expect(throws: JWTError.issuedInFuture(at: keySetNow + 10, now: keySetNow)) { try strict(9).verify(token, now: keySetNow) }
    #expect(try strict(10).verify(token, now: keySetNow).claims.subject == "t")
    #expect(try JWTVerifier(key: Keys.demo.publicKey).verify(token, now: keySetNow).claims.subject == "t")
}
