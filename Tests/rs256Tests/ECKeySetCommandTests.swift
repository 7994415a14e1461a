// `rs256 verify --key set.json` with a JWK Set that mixes RSA and EC members, run as a user runs
// it. Oracle: Node's crypto makes the EC keys (P-256 and P-384), exports every member as a JWK
// (the RSA one from the OpenSSL-made Vectors/keys/rsa-2048 key) and signs every token
// (crypto.sign; ES256 with dsaEncoding 'ieee-p1363', RFC 7518 §3.4).
import Foundation
import Testing

@Suite struct ECKeySetCommandTests {
    static let now = "1700000000"

    /// The set file and Node's tokens by name.
    struct NodeSet {
        let set: String
        let dir: URL
        let tokens: [String: String]
        let payload: String
    }

    static func makeSet() throws -> NodeSet {
        let dir = try Command.scratch()
        let set = dir.appendingPathComponent("set.json").path
        let rsaPath = Command.root.appendingPathComponent("Vectors/keys/rsa-2048.pkcs8.pem").path
        let out = try runScript(
            "node",
            """
            const crypto = require('crypto'), fs = require('fs');
            const [rsaPath, setPath] = process.argv.slice(1);
            const b64 = (b) => Buffer.from(b).toString('base64url');
            const gen = (curve) => crypto.generateKeyPairSync('ec', {namedCurve: curve});
            const ec = gen('P-256'), other = gen('P-256'), p384 = gen('P-384');
            const rsa = crypto.createPrivateKey(fs.readFileSync(rsaPath));
            const jwk = (k, more) => Object.assign(crypto.createPublicKey(k).export({format: 'jwk'}), more);
            fs.writeFileSync(setPath, JSON.stringify({keys: [
              jwk(rsa, {kid: 'r', use: 'sig'}), jwk(p384.privateKey, {kid: 'p384'}), jwk(ec.privateKey, {kid: 'ec'})]}));
            const claims = JSON.stringify({sub: 't', iat: \(Self.now), exp: \(Self.now) + 3600});
            const token = (alg, kid, key, ec) => {
              const input = b64(JSON.stringify({alg, typ: 'JWT', kid})) + '.' + b64(claims);
              const hash = alg === 'ES384' ? 'sha384' : 'sha256';
              const sig = ec ? crypto.sign(hash, Buffer.from(input), {key, dsaEncoding: 'ieee-p1363'}) : crypto.sign(hash, Buffer.from(input), key);
              return input + '.' + b64(sig);
            };
            process.stdout.write(JSON.stringify({payload: claims, tokens: {
              es256: token('ES256', 'ec', ec.privateKey, true),
              rs256: token('RS256', 'r', rsa, false),
              otherKey: token('ES256', 'ec', other.privateKey, true),
              unknownKid: token('ES256', 'nope', ec.privateKey, true),
              p384: token('ES384', 'p384', p384.privateKey, true),
              es256UnderRSAKid: token('ES256', 'r', ec.privateKey, true),
              rs256UnderECKid: token('RS256', 'ec', rsa, false),
            }}));
            """,
            [rsaPath, set])
        return NodeSet(
            set: set, dir: dir, tokens: try #require(out["tokens"] as? [String: String]), payload: try #require(out["payload"] as? String))
    }

    @Test func verifyPicksTheECMemberOfAMixedSetByTheTokensKid() throws {
        let node = try Self.makeSet()
        defer { try? FileManager.default.removeItem(at: node.dir) }
        for (name, extra) in [("es256", []), ("es256", ["--alg", "ES256"]), ("rs256", []), ("rs256", ["--alg", "RS256"])] {
            let result = try Command.run(["verify", node.tokens[name]!, "--now", Self.now, "--key", node.set] + extra)
            #expect(result.status == 0, "\(name) \(extra): \(result.stderr)")
            #expect(result.out == node.payload + "\n", "\(name) \(extra)")
            #expect(result.stderr.isEmpty, "\(name) \(extra): \(result.stderr)")
        }
    }

    @Test func aSetNeverLetsTheTokenChooseTheKeyTypeAndSaysWhyItRefuses() throws {
        let node = try Self.makeSet()
        defer { try? FileManager.default.removeItem(at: node.dir) }
        let cases: [(token: String, extra: [String], status: Int32, stderr: String)] = [
            // The token's fault (exit 1): another key's signature, a kid the set lacks.
            ("otherKey", [], 1, "signature does not match"),
            (
                "unknownKid", [], 1,
                "rs256 verify: token rejected: its header names \"kid\" \"nope\", and the key file '\(node.set)' holds no signing key with that \"kid\""
            ),
            // Key confusion both ways: the member the kid names decides the algorithm.
            ("es256UnderRSAKid", [], 1, "ES256"),
            ("rs256UnderECKid", [], 1, "RS256"),
            // --alg that the kid's member cannot serve (exit 2).
            ("rs256", ["--alg", "ES256"], 2, "--alg ES256 needs an EC P-256 key"),
            ("es256", ["--alg", "RS256"], 2, "--alg RS256 needs an RSA key"),
            // What is still unsupported: an EC member on another curve.
            (
                "p384", [], 2,
                "rs256 verify: the key file '\(node.set)' is a JWK Set whose EC key is on curve \"P-384\"; this tool reads only P-256 EC keys (and RSA keys)"
            ),
        ]
        for c in cases {
            let result = try Command.run(["verify", node.tokens[c.token]!, "--now", Self.now, "--key", node.set] + c.extra)
            #expect(result.status == c.status, "\(c.token) \(c.extra): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(c.token) \(c.extra)")
            #expect(result.stderrLines.count == 1, "\(c.token) \(c.extra): \(result.stderr)")
            if c.stderr.hasPrefix("rs256 ") {
                #expect(result.stderr == c.stderr + "\n", "\(c.token) \(c.extra)")
            } else {
                #expect(result.stderr.contains(c.stderr), "\(c.token) \(c.extra): \(result.stderr)")
            }
        }
    }
}
