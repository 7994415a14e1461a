import Foundation
import PureJWT
import Testing

// Codable claims end to end. Oracle: Node's crypto signs base64url(header).base64url(JSON.stringify(obj))
// with the same key (what node-jsonwebtoken does for RS256), from a JavaScript object literal
// written by hand next to the Swift value.

struct TenantClaims: Codable, Sendable, Equatable {
    var sub: String
    var iat: Int64
    var exp: Int64
    var role: String?
}

struct RichClaims: Codable, Sendable, Equatable {
    struct Scope: Codable, Sendable, Equatable { var name: String; var write: Bool }
    var sub: String
    var aud: [String]
    var iat: Int64
    var exp: Int64
    var scopes: [Scope]
    var weight: Double
    var label: String
}

/// The RS256 token Node's crypto makes for `object` (a JavaScript expression) with the demo key.
func nodeToken(_ object: String) throws -> String {
    let script = """
        const crypto = require('crypto'), fs = require('fs');
        const key = fs.readFileSync(process.argv[1], 'utf8');
        const b64 = (s) => Buffer.from(s).toString('base64url');
        const input = b64(JSON.stringify({alg: 'RS256', typ: 'JWT'})) + '.' + b64(JSON.stringify(\(object)));
        process.stdout.write(input + '.' + crypto.sign('sha256', Buffer.from(input), key).toString('base64url'));
        """
    let (status, data) = try runNode(script, [Keys.root.appendingPathComponent("Vectors/keys/demo-rsa-2048.pem").path])
    #expect(status == 0)
    return String(decoding: data, as: UTF8.self)
}

@Test func aCodableStructSignsToNodesTokenByteForByte() throws {
    let claims = TenantClaims(sub: "tenant-id", iat: 1_700_000_000, exp: 1_700_003_600, role: nil)
    let token = try Keys.demoSigner.sign(claims)
    #expect(token == (try nodeToken("{sub: 'tenant-id', iat: 1700000000, exp: 1700003600}")))
    #expect(token == (try Keys.demoSigner.tenantToken("tenant-id", now: 1_700_000_000)))

    let rich = RichClaims(
        sub: "t-ü", aud: ["a", "b"], iat: 1_700_000_000, exp: 1_700_000_600,
        scopes: [.init(name: "read", write: false), .init(name: "w\"", write: true)],
        weight: 0.30000000000000004, label: "𝄞\u{2028}")
    #expect(
        try Keys.demoSigner.sign(rich)
            == nodeToken(
                """
                {sub: 't-ü', aud: ['a', 'b'], iat: 1700000000, exp: 1700000600,
                 scopes: [{name: 'read', write: false}, {name: 'w"', write: true}], weight: 0.1 + 0.2, label: '𝄞\\u2028'}
                """))
}

@Test func verifyAsDecodesTheClaimsAfterCheckingTheRegisteredOnes() throws {
    let now: Int64 = 1_700_000_000
    let verifier = JWTVerifier(key: Keys.demo.publicKey)
    let claims = TenantClaims(sub: "tenant-id", iat: now, exp: now + 3600, role: "admin")
    let token = try Keys.demoSigner.sign(claims, keyID: "k1")
    #expect(try verifier.verify(token, as: TenantClaims.self, now: now) == claims)
    #expect(try JWT.decodeWithoutVerifying(token).header.keyID == "k1")

    // exp is still checked, whatever the type declares.
    struct SubOnly: Decodable { var sub: String }
    #expect(throws: JWTError.expired(at: now + 3600, now: now + 3600)) {
        try verifier.verify(token, as: SubOnly.self, now: now + 3600)
    }
    // A token whose claims do not fit the type is refused, naming the member.
    struct NeedsRoleNumber: Decodable { var role: Int }
    #expect {
        try verifier.verify(token, as: NeedsRoleNumber.self, now: now)
    } throws: { error in
        guard case let .malformed(reason) = error as? JWTError else { return false }
        return reason.contains("\"role\"")
    }
}

@Test func claimsThatAreNotAnObjectOrNotRepresentableAreRefusedAtMintTime() throws {
    #expect(throws: JWTError.self) { try Keys.demoSigner.sign(["not", "an", "object"]) }
    struct Bad: Encodable { var sub = "t"; var weight = Double.nan }
    #expect {
        try Keys.demoSigner.sign(Bad())
    } throws: { error in
        guard case let .invalidClaims(reason) = error as? JWTError else { return false }
        return reason.contains("\"weight\"")
    }
}
