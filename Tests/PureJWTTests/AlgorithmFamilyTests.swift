import Foundation
@_spi(Internals) import PureJWT
import Testing
@_spi(Internals) import PureJSON

// The whole algorithm family through one signer/verifier. Oracle: Node's crypto, run once per
// test: for RS* and HS* it builds the token node-jsonwebtoken builds (header
// {"alg":…,"typ":"JWT"}, JSON.stringify of the claims, createSign / createHmac), which must equal
// ours byte for byte; for PS* (salt = digest length) and ES256 (ieee-p1363, r‖s) it signs its
// own token, which ours must accept, and verifies ours.

let familyNow: Int64 = 1_700_000_000

/// What Node made and decided, by algorithm name.
struct NodeVerdicts: Decodable {
    let tokens: [String: String]
    let acceptsOurs: [String: Bool]
}

/// Runs Node over our tokens: `secretHex` is the HMAC secret, `ecJWK` the P-256 private key.
func nodeFamily(ours: [String: String], secretHex: String, ecJWK: [String: String]) throws -> NodeVerdicts {
    let script = #"""
        const crypto = require('crypto'), fs = require('fs');
        const job = JSON.parse(fs.readFileSync(0, 'utf8'));
        const rsa = crypto.createPrivateKey(fs.readFileSync(job.keyPath, 'utf8'));
        const rsaPublic = crypto.createPublicKey(rsa);
        const ec = crypto.createPrivateKey({key: job.ecJWK, format: 'jwk'});
        const ecPublic = crypto.createPublicKey(ec);
        const secret = Buffer.from(job.secretHex, 'hex');
        const b64 = (s) => Buffer.from(s).toString('base64url');
        const claims = {sub: 'tenant-id', iat: job.now, exp: job.now + 3600};
        const tokens = {}, acceptsOurs = {};
        for (const alg of ['RS256','RS384','RS512','PS256','PS384','PS512','HS256','HS384','HS512','ES256']) {
            const hash = alg === 'ES256' ? 'sha256' : 'sha' + alg.slice(2);
            const input = b64(JSON.stringify({alg, typ: 'JWT'})) + '.' + b64(JSON.stringify(claims));
            const pss = {padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8};
            let sig;
            if (alg[0] === 'R') sig = crypto.sign(hash, Buffer.from(input), rsa);
            if (alg[0] === 'P') sig = crypto.sign(hash, Buffer.from(input), {key: rsa, ...pss});
            if (alg[0] === 'H') sig = crypto.createHmac(hash, secret).update(input).digest();
            if (alg[0] === 'E') sig = crypto.sign(hash, Buffer.from(input), {key: ec, dsaEncoding: 'ieee-p1363'});
            tokens[alg] = input + '.' + sig.toString('base64url');
            const [h, p, s] = job.ours[alg].split('.');
            const theirs = Buffer.from(s, 'base64url'), data = Buffer.from(h + '.' + p);
            if (alg[0] === 'P') acceptsOurs[alg] = crypto.verify(hash, data, {key: rsaPublic, ...pss}, theirs);
            if (alg[0] === 'E') acceptsOurs[alg] = crypto.verify(hash, data, {key: ecPublic, dsaEncoding: 'ieee-p1363'}, theirs);
        }
        process.stdout.write(JSON.stringify({tokens, acceptsOurs}));
        """#
    let job: [String: Any] = [
        "keyPath": Keys.root.appendingPathComponent("Vectors/keys/demo-rsa-2048.pem").path,
        "secretHex": secretHex, "ecJWK": ecJWK, "ours": ours, "now": familyNow,
    ]
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["node", "-e", script]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: job))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "node failed")
    return try JSONDecoder().decode(NodeVerdicts.self, from: data)
}

func base64URL(_ bytes: [UInt8]) -> String {
    Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
        .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
}

/// One signer and one verifier per algorithm over the demo RSA key, a random 64-byte HMAC
/// secret and a random P-256 key.
struct Family {
    let secret: [UInt8]
    let ecKey: P256.Signing.PrivateKey
    let signers: [JWTAlgorithm: JWTSigner]
    let verifiers: [JWTAlgorithm: JWTVerifier]

    init() throws {
        var generator = SystemRandomNumberGenerator()
        secret = (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var ec: P256.Signing.PrivateKey?
        while ec == nil { ec = try? P256.Signing.PrivateKey(rawRepresentation: (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }) }
        ecKey = ec!
        var signers: [JWTAlgorithm: JWTSigner] = [:], verifiers: [JWTAlgorithm: JWTVerifier] = [:]
        for algorithm in JWTAlgorithm.all {
            switch algorithm.name.first {
            case "R", "P":
                signers[algorithm] = try JWTSigner(key: Keys.demo, algorithm: algorithm)
                verifiers[algorithm] = try JWTVerifier(key: Keys.demo.publicKey, algorithm: algorithm)
            case "H":
                signers[algorithm] = try JWTSigner(secret: SymmetricKey(data: secret), algorithm: algorithm)
                verifiers[algorithm] = try JWTVerifier(secret: SymmetricKey(data: secret), algorithm: algorithm)
            default:
                signers[algorithm] = JWTSigner(key: ecKey)
                verifiers[algorithm] = JWTVerifier(key: ecKey.publicKey)
            }
        }
        self.signers = signers
        self.verifiers = verifiers
    }

    var ecJWK: [String: String] {
        let raw = ecKey.publicKey.rawRepresentation
        return [
            "kty": "EC", "crv": "P-256", "d": base64URL(ecKey.rawRepresentation),
            "x": base64URL(Array(raw[0..<32])), "y": base64URL(Array(raw[32...])),
        ]
    }
}

@Test func everyAlgorithmAgreesWithNode() throws {
    let family = try Family()
    var ours: [String: String] = [:]
    for algorithm in JWTAlgorithm.all {
        ours[algorithm.name] = try #require(family.signers[algorithm]).tenantToken("tenant-id", now: familyNow)
    }
    let node = try nodeFamily(ours: ours, secretHex: hex(family.secret), ecJWK: family.ecJWK)
    for algorithm in JWTAlgorithm.all {
        let name = algorithm.name
        let mine = try #require(ours[name]), theirs = try #require(node.tokens[name])
        let verifier = try #require(family.verifiers[algorithm])
        #expect(try verifier.verify(mine, now: familyNow).claims.subject == "tenant-id", "\(name): ours refused by ours")
        #expect(try verifier.verify(theirs, now: familyNow).claims.subject == "tenant-id", "\(name): Node's refused")
        #expect(try verifier.verify(theirs, now: familyNow).header.algorithm == name)
        switch name.first {
        case "R", "H": #expect(mine == theirs, "\(name): not byte-identical to node-jsonwebtoken's bytes")
        default:
            #expect(node.acceptsOurs[name] == true, "\(name): Node refused ours")
            #expect(mine != theirs)  // randomised (PS*) or another nonce (ES256)
        }
        // Every other verifier refuses the token before looking at the signature.
        for other in JWTAlgorithm.all where other != algorithm {
            let wrong = try #require(family.verifiers[other])
            #expect(throws: JWTError.self, "\(name) token accepted by \(other.name) verifier") { try wrong.verify(mine, now: familyNow) }
            let expected = other == .rs256 ? JWTError.algorithmNotAllowed(name) : JWTError.unexpectedAlgorithm(name, expected: other.name)
            #expect(throws: expected) { try wrong.verify(theirs, now: familyNow) }
        }
        // A flipped signature bit is refused.
        var bytes = Array(mine.utf8)
        let index = bytes.count - 3
        bytes[index] = bytes[index] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        #expect(throws: JWTError.invalidSignature) { try verifier.verify(String(decoding: bytes, as: UTF8.self), now: familyNow) }
    }
}

/// The classic attack: a token signed with HMAC whose secret is the RSA public key's PEM text,
/// presented to an RSA verifier, is refused by its header; no way exists to turn the RSA public
/// key into an HMAC secret or to give an RSA key to an HMAC algorithm.
@Test func keyConfusionIsRefused() throws {
    let publicPEM = Keys.demo.publicKey.pemRepresentation
    let forger = try JWTSigner(secret: SymmetricKey(data: Array(publicPEM.utf8)), algorithm: .hs256)
    let forged = try forger.tenantToken("admin", now: familyNow)
    #expect(throws: JWTError.algorithmNotAllowed("HS256")) { try Keys.demoVerifier.verify(forged, now: familyNow) }
    for rsaAlgorithm in [JWTAlgorithm.rs256, .rs384, .rs512, .ps256, .ps384, .ps512] {
        let verifier = try JWTVerifier(key: Keys.demo.publicKey, algorithm: rsaAlgorithm)
        #expect(throws: JWTError.self) { try verifier.verify(forged, now: familyNow) }
        #expect(throws: JWTError.keyNotForAlgorithm(key: "an HMAC secret", algorithm: rsaAlgorithm.name)) {
            try JWTVerifier(secret: SymmetricKey(data: Array(publicPEM.utf8)), algorithm: rsaAlgorithm)
        }
    }
    for hmac in [JWTAlgorithm.hs256, .hs384, .hs512, .es256] {
        #expect(throws: JWTError.keyNotForAlgorithm(key: "an RSA key", algorithm: hmac.name)) {
            try JWTVerifier(key: Keys.demo.publicKey, algorithm: hmac)
        }
        #expect(throws: JWTError.keyNotForAlgorithm(key: "an RSA key", algorithm: hmac.name)) {
            try JWTSigner(key: Keys.demo, algorithm: hmac)
        }
        #expect(throws: JWTError.keyNotForAlgorithm(key: "an RSA key", algorithm: hmac.name)) {
            try JWTVerifier(keys: ["k": Keys.demo.publicKey], algorithm: hmac)
        }
    }
    // An RS256 signature relabelled RS384 or PS256 fails: the verifier's algorithm decides.
    let token = try Keys.demoSigner.tenantToken("t", now: familyNow)
    let signature = token.split(separator: ".")[2]
    for relabel in [JWTAlgorithm.rs384, .ps256] {
        let header = base64URL(Array(#"{"alg":"\#(relabel.name)","typ":"JWT"}"#.utf8))
        let payload = token.split(separator: ".")[1]
        let verifier = try JWTVerifier(key: Keys.demo.publicKey, algorithm: relabel)
        #expect(throws: JWTError.invalidSignature) { try verifier.verify("\(header).\(payload).\(signature)", now: familyNow) }
    }
}

/// RFC 7518 §3.2: a secret shorter than the hash output is refused, with the length it needs.
@Test(arguments: [(JWTAlgorithm.hs256, 32), (.hs384, 48), (.hs512, 64)])
func shortHMACSecretsAreRefused(algorithm: JWTAlgorithm, minimum: Int) throws {
    let short = SymmetricKey(data: [UInt8](repeating: 7, count: minimum - 1))
    let error = JWTError.secretTooShort(algorithm: algorithm.name, bytes: minimum - 1, minimum: minimum)
    #expect(throws: error) { try JWTSigner(secret: short, algorithm: algorithm) }
    #expect(throws: error) { try JWTVerifier(secret: short, algorithm: algorithm) }
    #expect(
        error.description
            == "an \(algorithm.name) secret must be at least \(minimum) bytes long (RFC 7518 section 3.2), and this one has \(minimum - 1)")
    let enough = SymmetricKey(data: [UInt8](repeating: 7, count: minimum))
    let token = try JWTSigner(secret: enough, algorithm: algorithm).tenantToken("t", now: familyNow)
    #expect(try JWTVerifier(secret: enough, algorithm: algorithm).verify(token, now: familyNow).claims.subject == "t")
}

/// JWK `alg` is honoured per algorithm; `kty: oct` keys are HMAC secrets, nothing else is.
@Test func jwkAlgorithmsAreHonoured() throws {
    var jwk = Keys.demo.publicKey.jwk()
    jwk["alg"] = .string("PS256")
    #expect(throws: JWKError.algorithmNotRS256("PS256")) { try RSAPublicKey(jwk: jwk) }
    #expect(throws: JWKError.algorithmMismatch(found: "PS256", expected: "PS384")) { try RSAPublicKey(jwk: jwk, algorithm: .ps384) }
    let key = try RSAPublicKey(jwk: jwk, algorithm: .ps256)
    #expect(key.components == Keys.demo.publicKey.components)

    let secret = [UInt8](repeating: 0x5A, count: 48)
    let oct: JSONObject = ["kty": .string("oct"), "k": .string(base64URL(secret)), "alg": .string("HS384")]
    let token = try JWTSigner(secret: try SymmetricKey(jwk: oct, algorithm: .hs384), algorithm: .hs384).tenantToken("t", now: familyNow)
    #expect(try JWTVerifier(secret: SymmetricKey(data: secret), algorithm: .hs384).verify(token, now: familyNow).claims.subject == "t")
    #expect(throws: JWKError.algorithmMismatch(found: "HS384", expected: "HS256")) { try SymmetricKey(jwk: oct, algorithm: .hs256) }
    #expect(throws: JWKError.notASymmetricKey("RSA")) { try SymmetricKey(jwk: Keys.demo.publicKey.jwk(), algorithm: .hs256) }

    // A JWK Set read for PS256 takes the keys without alg or with alg PS256, and skips RS256 ones.
    var rs = Keys.demo.publicKey.jwk(keyID: "rs")
    rs["alg"] = .string("RS256")
    var ps = Keys.demo.publicKey.jwk(keyID: "ps")
    ps["alg"] = .string("PS256")
    var bare = Keys.demo.publicKey.jwk(keyID: "bare")
    bare["alg"] = nil
    let set = JSONValue.object(["keys": .array([.object(rs), .object(ps), .object(bare)])]).serializedBytes
    let verifier = try JWTVerifier(jwks: set, algorithm: .ps256)
    #expect(Set(verifier.keys.keys) == ["ps", "bare"] && verifier.algorithm == .ps256)
    let psToken = try JWTSigner(key: Keys.demo, algorithm: .ps256).sign(try JWTClaims.tenant("t", now: familyNow, lifetime: 60), keyID: "ps")
    #expect(try verifier.verify(psToken, now: familyNow).claims.subject == "t")
    #expect(throws: JWTError.unexpectedAlgorithm("RS256", expected: "PS256")) {
        try verifier.verify(try Keys.demoSigner.tenantToken("t", now: familyNow, keyID: "ps"), now: familyNow)
    }
    #expect(throws: JWKError.self) { try JWTVerifier(jwks: set, algorithm: .hs256) }
}

/// The headers the signers write, and an explicit header must name the signer's algorithm.
@Test func headersNameTheSignersAlgorithm() throws {
    let signer = try JWTSigner(key: Keys.demo, algorithm: .rs512)
    #expect(try JWSHeader.jwt(algorithm: .ps384, keyID: "k").serialized == #"{"alg":"PS384","typ":"JWT","kid":"k"}"#)
    #expect(throws: JWTError.unexpectedAlgorithm("RS256", expected: "RS512")) {
        try signer.sign(JWTClaims.tenant("t", now: familyNow, lifetime: 60), header: try JWSHeader.rs256())
    }
    #expect(throws: JWTError.algorithmNotAllowed("RS256")) {
        try signer.sign(JWTClaims.tenant("t", now: familyNow, lifetime: 60), extraHeader: ["alg": .string("RS256")])
    }
    #expect(JWTAlgorithm(name: "PS256") == .ps256 && JWTAlgorithm(name: "ps256") == nil && JWTAlgorithm(name: "none") == nil)
}
