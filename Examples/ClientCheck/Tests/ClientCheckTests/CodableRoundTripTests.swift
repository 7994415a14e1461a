import Foundation
import PureJWT
import Testing

// Sign a Codable struct, verify it back as the struct. Oracles: Foundation's JSONDecoder reads
// the signed payload back to the same value, `openssl dgst -sha256 -verify` accepts the signature,
// and the payload bytes are the members in declaration order with no whitespace (JSON.stringify).

@Suite struct CodableRoundTripTests {
    struct Session: Codable, Equatable, Sendable {
        struct Scope: Codable, Equatable, Sendable { var name: String; var write: Bool }
        var sub: String
        var iat: Int64
        var exp: Int64
        var scopes: [Scope]
        var plan: String?
        var note: String
    }

    static let key: RSAPrivateKey = {
        try! RSAPrivateKey(pemRepresentation: try! Support.text("Vectors/keys/demo-rsa-2048.pem"))
    }()

    @Test func aCodableStructSignsAndVerifiesBackAsItself() throws {
        let now: Int64 = 1_700_000_000
        let claims = Session(
            sub: "tenant-7", iat: now, exp: now + 3600,
            scopes: [.init(name: "read", write: false), .init(name: "sync", write: true)],
            plan: nil, note: "caf\u{E9} \"quoted\" \u{1F600}")
        let signer = JWTSigner(key: Self.key)
        let token = try signer.sign(claims, keyID: "demo")

        let verifier = JWTVerifier(key: Self.key.publicKey)
        let back = try verifier.verify(token, as: Session.self, now: now + 10)
        #expect(back == claims)

        // Independent readers of the same token.
        #expect(try Support.opensslVerifies(token: token, publicKeyPEMPath: "Vectors/keys/demo-rsa-2048.pub.pem"))
        let parts = token.split(separator: ".")
        let payload = try #require(Support.fromBase64url(parts[1]))
        #expect(try JSONDecoder().decode(Session.self, from: Data(payload)) == claims)
        let header = try #require(Support.fromBase64url(parts[0]))
        #expect(String(decoding: header, as: UTF8.self) == #"{"alg":"RS256","typ":"JWT","kid":"demo"}"#)
        // Members in declaration order, nil left out, as JSON.stringify writes them.
        #expect(
            String(decoding: payload, as: UTF8.self) == """
                {"sub":"tenant-7","iat":1700000000,"exp":1700003600,"scopes":[{"name":"read","write":false},\
                {"name":"sync","write":true}],"note":"caf\u{E9} \\"quoted\\" \u{1F600}"}
                """)
    }

    @Test func aTokenMadeElsewhereDecodesIntoTheStruct() throws {
        // Signed by openssl over JSON written by hand: the library only verifies and decodes.
        let token = try Support.opensslToken(
            header: #"{"typ":"JWT","alg":"RS256"}"#,
            payload: #"{"note":"x","exp":2000000000,"sub":"t","iat":1999990000,"scopes":[{"write":true,"name":"a"}]}"#,
            privateKeyPath: "Vectors/keys/demo-rsa-2048.pem")
        let back = try JWTVerifier(key: Self.key.publicKey).verify(token, as: Session.self, now: 1_999_990_001)
        #expect(
            back
                == Session(
                    sub: "t", iat: 1_999_990_000, exp: 2_000_000_000,
                    scopes: [.init(name: "a", write: true)], plan: nil, note: "x"))
    }

    @Test func anExpiredCodableTokenIsRefusedBeforeDecoding() throws {
        let now: Int64 = 1_700_000_000
        let token = try JWTSigner(key: Self.key).sign(
            Session(sub: "t", iat: now, exp: now + 60, scopes: [], plan: "pro", note: ""))
        #expect(throws: JWTError.expired(at: now + 60, now: now + 61)) {
            try JWTVerifier(key: Self.key.publicKey).verify(token, as: Session.self, now: now + 61)
        }
    }

    @Test func aPayloadOfTheWrongShapeIsATypedErrorNotACrash() throws {
        let token = try Support.opensslToken(
            header: #"{"alg":"RS256"}"#, payload: #"{"sub":5,"iat":1,"exp":2000000000}"#,
            privateKeyPath: "Vectors/keys/demo-rsa-2048.pem")
        #expect(throws: JWTError.self) {
            try JWTVerifier(key: Self.key.publicKey).verify(token, as: Session.self, now: 10)
        }
    }
}
