import Foundation
@_spi(Internals) import PureDER
@_spi(Internals) import PureRSA
import Testing
@_spi(Internals) @testable import PureJWT
@_spi(Internals) import PureJSON

// Oracles: node-jsonwebtoken's tokens (Vectors/jwt/tokens.json, made by generate.mjs with Node's
// crypto), and the RS256 examples of RFC 7515 A.2 and RFC 7520 4.1 (Vectors/jose).

enum Keys {
    static let root = repositoryRoot

    static func text(_ path: String) -> String {
        do {
            return try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
        } catch {
            fatalError("cannot read \(path): \(error)")
        }
    }

    static let demo: RSAPrivateKey = {
        do {
            return try RSAPrivateKey(pemRepresentation: text("Vectors/keys/demo-rsa-2048.pem"))
        } catch {
            fatalError("cannot load the demo key: \(error)")
        }
    }()

    static let demoSigner = JWTSigner(key: demo)
    static let demoVerifier = JWTVerifier(key: demo.publicKey)

    static func jose(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: root.appendingPathComponent("Vectors/jose/\(name)"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The JWK of a JOSE vector file, read by PureJWT's JSON parser.
    static func joseJWK(_ name: String) throws -> JSONObject {
        let data = try Data(contentsOf: root.appendingPathComponent("Vectors/jose/\(name)"))
        let file = try JSONValue(parsing: [UInt8](data), limits: JSONParsingLimits(maxBytes: 1 << 20))
        return try #require(file.objectValue?["jwk"]?.objectValue)
    }
}

@Test func everyNodeTokenIsReproducedByteForByteSignatureIncluded() throws {
    for c in Vectors.tokens {
        // Every case, lone-surrogate IDs included: sign Node's exact header and payload bytes.
        let token = try Keys.demoSigner.sign(
            headerBytes: Vectors.bytes(hex: c.header_hex),
            payloadBytes: Vectors.bytes(hex: c.payload_hex))
        #expect(token == c.token, "\(c.name)")
    }
}

@Test func claimsAPIGivesNodeTokensSignatureIncluded() throws {
    var signed = 0
    for c in Vectors.tokens where c.swift_representable {
        let claims = JWTClaims(object: c.claims.object)
        let extra = c.header_extra?.object ?? JSONObject()
        let header = try JWSHeader.rs256(keyID: c.keyid, extra: extra)
        let input = Base64URL.encode(header.serializedBytes) + "." + Base64URL.encode(claims.serializedBytes)
        #expect(input == c.token.split(separator: ".").prefix(2).joined(separator: "."), "\(c.name)")
        #expect(try Keys.demoSigner.sign(claims, keyID: c.keyid, extraHeader: extra) == c.token, "\(c.name)")
        #expect(try Keys.demoSigner.sign(claims, header: header) == c.token, "\(c.name)")
        signed += 1
    }
    #expect(signed == Vectors.tokens.count - 3)
}

@Test func tenantTokenEqualsNodeForEveryTenantShapedCase() throws {
    var compared = 0
    for c in Vectors.tokens where c.swift_representable && c.keyid == nil && c.header_extra == nil {
        guard case let .obj(members) = c.claims, members.count == 3,
            members.map({ Tagged.string($0.k) }) == ["sub", "iat", "exp"],
            case let .str(units) = members[0].v, let iat = c.iat, let exp = c.exp
        else { continue }
        let token = try Keys.demoSigner.tenantToken(Tagged.string(units), now: iat, lifetime: exp - iat)
        #expect(token == c.token, "\(c.name)")
        compared += 1
    }
    #expect(compared >= 40)
}

@Test func everyNodeTokenVerifiesAtItsIssueTimeAndNotAtItsExpiry() throws {
    for c in Vectors.tokens where c.swift_representable {
        let verified = try Keys.demoVerifier.verify(c.token, now: c.iat ?? 1)
        #expect(verified.payloadBytes == Vectors.bytes(hex: c.payload_hex), "\(c.name)")
        #expect(sameAsJavaScriptSees(.object(verified.claims.object), .object(c.claims.object)), "\(c.name)")
        if let exp = c.exp {
            #expect(throws: JWTError.expired(at: exp, now: exp), "\(c.name)") {
                try Keys.demoVerifier.verify(c.token, now: exp)
            }
        }
    }
}

@Test(arguments: ["rfc7515_a2_rs256.json", "rfc7520_4_1_rs256.json"])
func rfcExamplesVerifyAndResigningTheirBytesReproducesThem(file: String) throws {
    let vector = try Keys.jose(file)
    let compact = try #require(vector["jws_compact"] as? String)
    let header = Array(try #require(vector["protected_header"] as? String).utf8)
    let payload = Vectors.bytes(hex: try #require(vector["payload_hex"] as? String))

    let key = try RSAPrivateKey(jwk: try Keys.joseJWK(file))
    let (verifiedHeader, verifiedPayload) = try JWTVerifier(key: key.publicKey).verifySignature(of: compact)
    #expect(verifiedHeader.serializedBytes == header)
    #expect(verifiedPayload == payload)
    #expect(try JWTSigner(key: key).sign(headerBytes: header, payloadBytes: payload) == compact)

    // A flipped signature bit is refused.
    var tampered = Array(compact.utf8)
    let last = tampered.count - 2
    tampered[last] = tampered[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    #expect(throws: JWTError.invalidSignature) {
        try JWTVerifier(key: key.publicKey).verifySignature(of: String(decoding: tampered, as: UTF8.self))
    }
}

@Test func rfc7515ExampleIsAJWTThatExpiredIn2011() throws {
    let vector = try Keys.jose("rfc7515_a2_rs256.json")
    let compact = try #require(vector["jws_compact"] as? String)
    let verifier = JWTVerifier(key: try RSAPublicKey(jwk: try Keys.joseJWK("rfc7515_a2_rs256.json")))
    let verified = try verifier.verify(compact, now: 1_300_819_379)
    #expect(try verified.claims.issuer == "joe")
    #expect(verified.claims["http://example.com/is_root"] == .bool(true))
    #expect(throws: JWTError.expired(at: 1_300_819_380, now: 1_300_819_380)) {
        try verifier.verify(compact, now: 1_300_819_380)
    }
}

@Test func tokensFromAnotherKeyAreRefused() throws {
    let other = try RSAPrivateKey(jwk: try Keys.joseJWK("rfc7520_4_1_rs256.json"))
    let token = try JWTSigner(key: other).tenantToken("tenant", now: 1_700_000_000)
    #expect(throws: JWTError.invalidSignature) { try Keys.demoVerifier.verify(token, now: 1_700_000_000) }
}

@Test func signerRefusesToWriteAHeaderThatNamesAnotherAlgorithm() throws {
    let claims = JWTClaims(subject: "t", issuedAt: 1, expiresAt: 2)
    #expect(throws: JWTError.algorithmNotAllowed("HS256")) {
        try Keys.demoSigner.sign(claims, extraHeader: ["alg": .string("HS256")])
    }
    #expect(throws: JWTError.algorithmNotAllowed("none")) {
        try Keys.demoSigner.sign(headerBytes: Array(#"{"alg":"none"}"#.utf8), payloadBytes: [])
    }
    #expect(throws: JWTError.missingAlgorithm) {
        try Keys.demoSigner.sign(claims, header: JWSHeader(object: ["typ": .string("JWT")]))
    }
    #expect(throws: JWTError.self) {
        try Keys.demoSigner.sign(headerBytes: Array("not json".utf8), payloadBytes: [])
    }
}

@Test func decodeWithoutVerifyingShowsContentsButChecksNothing() throws {
    let c = try #require(Vectors.tokens.first { $0.name == "kid header" })
    // Re-sign under another key: decoding still works, verifying does not.
    let other = try RSAPrivateKey(jwk: try Keys.joseJWK("rfc7520_4_1_rs256.json"))
    let foreign = try JWTSigner(key: other).sign(
        headerBytes: Vectors.bytes(hex: c.header_hex),
        payloadBytes: Vectors.bytes(hex: c.payload_hex))
    let decoded = try JWT.decodeWithoutVerifying(foreign)
    #expect(decoded.header.keyID == c.keyid)
    #expect(decoded.payloadBytes == Vectors.bytes(hex: c.payload_hex))
    #expect(decoded.signature.count == 256)
    #expect(throws: JWTError.invalidSignature) { try Keys.demoVerifier.verify(foreign, now: 1) }
}
