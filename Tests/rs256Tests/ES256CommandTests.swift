// ES256 in token / verify / url / sign-data / verify-data, run as a user runs them. Oracles:
// OpenSSL (makes the keys in every form, signs and verifies DER ECDSA with dgst), Node's crypto
// (exports the JWKs; signs and verifies with dsaEncoding 'ieee-p1363'), Python's `cryptography`
// (verifies our tokens, re-makes them byte for byte with its RFC 6979 deterministic signing, and
// says whether the (r, n − s) twin of a signature verifies).
import Foundation
import Testing

/// A fresh P-256 key in every form the loader reads, made by openssl and node.
struct ECKeyFiles {
    let dir: URL
    var sec1: String { path("sec1.pem") }
    var pkcs8: String { path("pkcs8.pem") }
    var pkcs8DER: String { path("pkcs8.der") }
    var spki: String { path("spki.pem") }
    var jwk: String { path("key.jwk") }
    var publicJWK: String { path("public.jwk") }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    init(openssl: URL) throws {
        dir = try Command.scratch()
        let steps: [[String]] = [
            ["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", dir.appendingPathComponent("sec1.pem").path],
            [
                "pkcs8", "-topk8", "-nocrypt", "-in", dir.appendingPathComponent("sec1.pem").path, "-out",
                dir.appendingPathComponent("pkcs8.pem").path,
            ],
            [
                "pkcs8", "-topk8", "-nocrypt", "-in", dir.appendingPathComponent("sec1.pem").path, "-outform", "DER", "-out",
                dir.appendingPathComponent("pkcs8.der").path,
            ],
            ["ec", "-in", dir.appendingPathComponent("sec1.pem").path, "-pubout", "-out", dir.appendingPathComponent("spki.pem").path],
        ]
        for step in steps {
            let result = try runOpenSSL(openssl, step)
            #expect(result.status == 0, "openssl \(step): \(result.output)")
        }
        _ = try runScript(
            "node",
            """
            const crypto = require('crypto'), fs = require('fs');
            const [pem, jwk, pub] = process.argv.slice(1);
            const key = crypto.createPrivateKey(fs.readFileSync(pem));
            fs.writeFileSync(jwk, JSON.stringify(key.export({format: 'jwk'})));
            fs.writeFileSync(pub, JSON.stringify(crypto.createPublicKey(key).export({format: 'jwk'})));
            process.stdout.write('{}');
            """,
            [dir.appendingPathComponent("sec1.pem").path, dir.appendingPathComponent("key.jwk").path, dir.appendingPathComponent("public.jwk").path])
    }
}

/// Runs `node -e script` or `python3 -c script` with `arguments`; its stdout is a JSON object.
@discardableResult
func runScript(_ interpreter: String, _ script: String, _ arguments: [String]) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [interpreter, interpreter == "node" ? "-e" : "-c", script] + arguments
    let output = Pipe(), errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(interpreter): \(errorText)")
    return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any], "\(interpreter): \(errorText)")
}

/// Python `cryptography`: whether `token` (ES256) verifies under the key, and the token it makes
/// itself for the same claims with RFC 6979 deterministic signing (so ours must equal it).
let pythonES256Check = #"""
    import sys, json, base64
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, utils
    key = serialization.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()
    unb64 = lambda s: base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
    out = {'verifies': []}
    for token in sys.argv[3:]:
        h, p, s = token.split('.')
        sig = unb64(s)
        try:
            assert len(sig) == 64
            der = utils.encode_dss_signature(int.from_bytes(sig[:32], 'big'), int.from_bytes(sig[32:], 'big'))
            key.public_key().verify(der, (h + '.' + p).encode(), ec.ECDSA(hashes.SHA256()))
            out['verifies'].append(True)
        except Exception:
            out['verifies'].append(False)
    signing_input = b64(b'{"alg":"ES256","typ":"JWT"}') + '.' + b64(sys.argv[2].encode())
    r, s = utils.decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
    out['deterministic'] = signing_input + '.' + b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big'))
    print(json.dumps(out))
    """#

let es256Payload = #"{"sub":"tenant-id","iat":1700000000,"exp":1700003600}"#

@Suite struct ES256CommandTests {
    @Test func tokenFromEveryECKeyFormIsWhatPythonSignsAndNodeVerifies() throws {
        let openssl = try #require(Command.openSSL, "openssl makes the keys")
        let keys = try ECKeyFiles(openssl: openssl)
        defer { try? FileManager.default.removeItem(at: keys.dir) }
        let claims = ["token", "--tenant", "tenant-id", "--iat", "1700000000"]
        let pem = try String(contentsOfFile: keys.sec1, encoding: .utf8)
        let pkcs8 = try String(contentsOfFile: keys.pkcs8, encoding: .utf8)
        let forms: [(String, [String], [String: String])] = [
            ("SEC 1", ["--key", keys.sec1], [:]),
            ("PKCS#8", ["--key", keys.pkcs8], [:]),
            ("PKCS#8 DER", ["--key", keys.pkcs8DER], [:]),
            ("JWK", ["--key", keys.jwk], [:]),
            ("--alg ES256", ["--key", keys.sec1, "--alg", "ES256"], [:]),
            ("env base64 of SEC 1", [], ["HOTGLUE_SIGNING_KEY": Data(pem.utf8).base64EncodedString()]),
            ("env base64 of PKCS#8", [], ["HOTGLUE_SIGNING_KEY": Data(pkcs8.utf8).base64EncodedString()]),
            ("env raw PEM", [], ["HOTGLUE_SIGNING_KEY": pem]),
        ]
        var tokens: [String] = []
        for (name, arguments, environment) in forms {
            let result = try Command.run(claims + arguments, environment: environment)
            #expect(result.status == 0, "\(name): \(result.stderr)")
            if name == "env raw PEM" {
                #expect(result.stderr.contains("holds a PEM rather than the base64 of one"), "\(name): \(result.stderr)")
            } else {
                #expect(result.stderr.isEmpty, "\(name): \(result.stderr)")
            }
            tokens.append(result.out.trimmingCharacters(in: .newlines))
        }
        let token = try #require(tokens.first)
        let parts = token.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        #expect(String(decoding: try #require(base64URLDecoded(parts[0])), as: UTF8.self) == #"{"alg":"ES256","typ":"JWT"}"#)
        #expect(String(decoding: try #require(base64URLDecoded(parts[1])), as: UTF8.self) == es256Payload)
        #expect(base64URLDecoded(parts[2])?.count == 64)
        // url mints the same token for the same key.
        let url = try Command.run(["url", "--env", "E", "--flow", "F", "--tenant", "tenant-id", "--iat", "1700000000", "--key", keys.pkcs8])
        #expect(url.status == 0 && url.out.hasSuffix("?token=" + token + "\n"), "\(url.stderr)")

        // Python: every token verifies, and its own RFC 6979 signature is ours byte for byte.
        let python = try runScript("python3", pythonES256Check, [keys.sec1, es256Payload] + tokens)
        #expect((python["verifies"] as? [Bool]) == Array(repeating: true, count: tokens.count))
        #expect(python["deterministic"] as? String == token, "ours: \(token)")
        for (index, other) in tokens.enumerated() { #expect(other == token, "\(forms[index].0) made another token") }

        // Node: crypto.verify with ieee-p1363 accepts it, and refuses it with the payload changed.
        let node = try runScript(
            "node",
            """
            const crypto = require('crypto'), fs = require('fs');
            const [pub, token] = process.argv.slice(1);
            const [h, p, s] = token.split('.');
            const check = (input) => crypto.verify('sha256', Buffer.from(input),
                {key: fs.readFileSync(pub), dsaEncoding: 'ieee-p1363'}, Buffer.from(s, 'base64url'));
            process.stdout.write(JSON.stringify({ok: check(h + '.' + p), tampered: check(h + '.' + p + 'A')}));
            """, [keys.spki, token])
        #expect(node["ok"] as? Bool == true)
        #expect(node["tampered"] as? Bool == false)
    }

    @Test func nodeAndPythonTokensVerifyWithOursAndKeysNeverCrossAlgorithms() throws {
        let openssl = try #require(Command.openSSL, "openssl makes the keys")
        let keys = try ECKeyFiles(openssl: openssl)
        defer { try? FileManager.default.removeItem(at: keys.dir) }
        // Node's ES256 token, and an HS256 token whose secret is the EC public key's PEM (the
        // classic key confusion), and Python's ES256 token with a random nonce plus the
        // (r, n − s) twin of Node's signature, with Python's verdict on that twin.
        let node = try runScript(
            "node",
            """
            const crypto = require('crypto'), fs = require('fs');
            const [pem, pub] = process.argv.slice(1);
            const b64 = (s) => Buffer.from(s).toString('base64url');
            const input = (alg, sub) => b64(JSON.stringify({alg, typ: 'JWT'})) + '.' + b64(JSON.stringify({sub, iat: 1700000000, exp: 1700003600}));
            const es = input('ES256', 'node');
            const sig = crypto.sign('sha256', Buffer.from(es), {key: fs.readFileSync(pem), dsaEncoding: 'ieee-p1363'});
            const hs = input('HS256', 'node');
            const tag = crypto.createHmac('sha256', fs.readFileSync(pub)).update(hs).digest();
            process.stdout.write(JSON.stringify({es256: es + '.' + sig.toString('base64url'), hs256: hs + '.' + tag.toString('base64url')}));
            """, [keys.sec1, keys.spki])
        let nodeToken = try #require(node["es256"] as? String)
        let python = try runScript(
            "python3",
            #"""
            import sys, json, base64
            from cryptography.hazmat.primitives import hashes, serialization
            from cryptography.hazmat.primitives.asymmetric import ec, utils
            key = serialization.load_pem_private_key(open(sys.argv[1], 'rb').read(), None)
            n = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
            b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b'=').decode()
            unb64 = lambda s: base64.urlsafe_b64decode(s + '=' * (-len(s) % 4))
            h, p, s = sys.argv[2].split('.')
            sig = unb64(s)
            r, s = int.from_bytes(sig[:32], 'big'), n - int.from_bytes(sig[32:], 'big')
            try:
                key.public_key().verify(utils.encode_dss_signature(r, s), (h + '.' + p).encode(), ec.ECDSA(hashes.SHA256()))
                accepts = True
            except Exception:
                accepts = False
            own = b64(b'{"alg":"ES256","typ":"JWT"}') + '.' + b64(b'{"sub":"python","iat":1700000000,"exp":1700003600}')
            pr, ps = utils.decode_dss_signature(key.sign(own.encode(), ec.ECDSA(hashes.SHA256())))
            print(json.dumps({'twin': h + '.' + p + '.' + b64(r.to_bytes(32, 'big') + s.to_bytes(32, 'big')), 'twin_verifies': accepts,
                'python': own + '.' + b64(pr.to_bytes(32, 'big') + ps.to_bytes(32, 'big'))}))
            """#, [keys.sec1, nodeToken])
        #expect(python["twin_verifies"] as? Bool == true, "Python is the oracle for (r, n − s)")
        let twin = try #require(python["twin"] as? String), pythonToken = try #require(python["python"] as? String)
        let now = ["--now", "1700000001"]
        func payload(_ sub: String) -> String { #"{"sub":""# + sub + #"","iat":1700000000,"exp":1700003600}"# + "\n" }
        for (name, keyArguments, environment) in [
            ("SPKI", ["--key", keys.spki], [:]), ("SEC 1 private", ["--key", keys.sec1], [:]),
            ("PKCS#8 DER private", ["--key", keys.pkcs8DER], [:]), ("public JWK", ["--key", keys.publicJWK], [:]),
            ("private JWK", ["--key", keys.jwk, "--alg", "ES256"], [:]),
            ("env base64 of SPKI", [], ["HOTGLUE_SIGNING_KEY": try Data(contentsOf: URL(fileURLWithPath: keys.spki)).base64EncodedString()]),
        ] as [(String, [String], [String: String])] {
            for (token, sub) in [(nodeToken, "node"), (twin, "node"), (pythonToken, "python")] {
                let result = try Command.run(["verify", token] + keyArguments + now, environment: environment)
                #expect(result.status == 0 && result.out == payload(sub), "\(name), \(sub): \(result.stderr)")
            }
        }
        // A changed payload, or a signature from another key, is refused.
        let tampered = nodeToken.replacingOccurrences(of: ".", with: "A.", options: [], range: nodeToken.range(of: "."))
        let wrong = try Command.run(["verify", tampered, "--key", keys.spki] + now)
        #expect(wrong.status == 1 && wrong.stderr.hasPrefix("rs256 verify: token rejected: "), "\(wrong.stderr)")
        // Key confusion: the EC key verifies ES256 only, the RSA key never ES256.
        let rsaToken = try #require(NodeToken.all.first { $0.header_json.contains("RS256") }).token
        for (token, alg) in [(rsaToken, "RS256"), (try #require(node["hs256"] as? String), "HS256")] {
            let refused = try Command.run(["verify", token, "--key", keys.spki] + now)
            #expect(refused.status == 1, "\(alg): \(refused.stderr)")
            #expect(
                refused.stderr
                    == "rs256 verify: token rejected: the token's header asks for algorithm \"\(alg)\", but this verifier accepts only ES256\n")
        }
        let byRSA = try Command.run(["verify", nodeToken, "--key", Command.file(Command.demoKey).path] + now)
        #expect(byRSA.status == 1)
        #expect(byRSA.stderr == "rs256 verify: token rejected: the token's header asks for algorithm \"ES256\", but only RS256 is accepted\n")
    }

    @Test func rfc7515AppendixA3VerifiesWithItsJWK() throws {
        let vector = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: Command.file("Vectors/jose/rfc7515_a3_es256.json"))) as? [String: Any])
        let compact = try #require(vector["compact"] as? String), payload = try #require(vector["payload"] as? String)
        var jwk = try #require(vector["jwk"] as? [String: String])
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let privatePath = dir.appendingPathComponent("a3.jwk"), publicPath = dir.appendingPathComponent("a3.pub.jwk")
        try JSONSerialization.data(withJSONObject: jwk).write(to: privatePath)
        jwk["d"] = nil
        try JSONSerialization.data(withJSONObject: jwk).write(to: publicPath)
        // exp is 1300819380: valid the second before, expired from that second.
        for key in [publicPath.path, privatePath.path] {
            let ok = try Command.run(["verify", compact, "--key", key, "--now", "1300819379"])
            #expect(ok.status == 0 && ok.out == payload + "\n", "\(key): \(ok.stderr)")
            let expired = try Command.run(["verify", compact, "--key", key, "--now", "1300819380"])
            #expect(expired.status == 1 && expired.stderr.contains("expired"), "\(expired.stderr)")
        }
        // The same signature over another payload is refused.
        let parts = compact.split(separator: ".")
        let other = try Command.run(["verify", "\(parts[0]).eyJpc3MiOiJqb2UifQ.\(parts[2])", "--key", publicPath.path, "--now", "1"])
        #expect(other.status == 1 && other.stderr.hasPrefix("rs256 verify: token rejected: "), "\(other.stderr)")
    }

    @Test func signDataWritesDERAsOpenSSLAndRawAsNode() throws {
        let openssl = try #require(Command.openSSL, "openssl is the oracle of DER signatures")
        let keys = try ECKeyFiles(openssl: openssl)
        defer { try? FileManager.default.removeItem(at: keys.dir) }
        let message = keys.path("message"), ours = keys.path("ours.sig"), theirs = keys.path("theirs.sig")
        try Data("ES256 data, signed as openssl dgst -sha256 -sign does\n".utf8).write(to: URL(fileURLWithPath: message))
        // DER: ours verified by openssl, openssl's verified by ours (with the private key too).
        let signed = try Command.run(["sign-data", message, "--key", keys.sec1, "--out", ours])
        #expect(signed.status == 0, "\(signed.stderr)")
        #expect(try runOpenSSL(openssl, ["dgst", "-sha256", "-verify", keys.spki, "-signature", ours, message]).output.contains("Verified OK"))
        #expect(try runOpenSSL(openssl, ["dgst", "-sha256", "-sign", keys.pkcs8, "-out", theirs, message]).status == 0)
        for key in [keys.spki, keys.pkcs8, keys.publicJWK] {
            let checked = try Command.run(["verify-data", "--signature", theirs, message, "--key", key])
            #expect(checked.status == 0 && checked.out == "Verified OK\n", "\(key): \(checked.stderr)")
        }
        // openssl's signature over other data, and ours under another key, are refused.
        let other = keys.path("other")
        try Data("other".utf8).write(to: URL(fileURLWithPath: other))
        let mismatch = try Command.run(["verify-data", "--signature", theirs, other, "--key", keys.spki])
        #expect(mismatch.status == 1 && mismatch.out == "Verification failure\n")
        #expect(mismatch.stderr == "rs256 verify-data: the signature does not match the data under this key\n")
        // Raw r‖s both ways with Node (ieee-p1363), as hex text.
        let raw = try Command.run(["sign-data", message, "--key", keys.jwk, "--format", "raw", "--hex"])
        #expect(raw.status == 0 && raw.out.count == 129, "\(raw.stderr)")
        let node = try runScript(
            "node",
            """
            const crypto = require('crypto'), fs = require('fs');
            const [pem, pub, message, ours] = process.argv.slice(1);
            const data = fs.readFileSync(message);
            const ok = crypto.verify('sha256', data, {key: fs.readFileSync(pub), dsaEncoding: 'ieee-p1363'}, Buffer.from(ours.trim(), 'hex'));
            const sig = crypto.sign('sha256', data, {key: fs.readFileSync(pem), dsaEncoding: 'ieee-p1363'});
            process.stdout.write(JSON.stringify({ok, raw: sig.toString('base64url')}));
            """, [keys.pkcs8, keys.spki, message, raw.out])
        #expect(node["ok"] as? Bool == true)
        let nodeRaw = keys.path("node.sig")
        try Data(((node["raw"] as? String ?? "") + "\n").utf8).write(to: URL(fileURLWithPath: nodeRaw))
        let checked = try Command.run(["verify-data", "--signature", nodeRaw, message, "--key", keys.spki, "--format", "raw", "--base64url"])
        #expect(checked.status == 0 && checked.out == "Verified OK\n", "\(checked.stderr)")
        // Each form read as the other is refused with the reason (exit 1: the signature's fault).
        let asRaw = try Command.run(["verify-data", "--signature", theirs, message, "--key", keys.spki, "--format", "raw"])
        #expect(asRaw.status == 1 && asRaw.out == "Verification failure\n")
        #expect(
            asRaw.stderr.hasPrefix("rs256 verify-data: the signature file '\(theirs)' is not an ES256 signature (the ECDSA P-256 signature has ")
                && asRaw.stderr.hasSuffix("; the raw form r‖s has 64); with --format raw it must be 64 bytes r‖s\n"), "\(asRaw.stderr)")
        let asDER = try Command.run(["verify-data", "--signature", nodeRaw, message, "--key", keys.spki, "--base64url"])
        #expect(asDER.status == 1 && asDER.out == "Verification failure\n")
        #expect(
            asDER.stderr.hasPrefix(
                "rs256 verify-data: the signature file '\(nodeRaw)' is not an ES256 signature (the ECDSA signature is not a DER SEQUENCE of two INTEGERs: "
            )
                && asDER.stderr.hasSuffix("); without --format raw it must be DER, as openssl dgst writes\n"), "\(asDER.stderr)")
    }

    @Test func everyRefusalIsOneSentence() throws {
        let openssl = try #require(Command.openSSL, "openssl makes the keys")
        let keys = try ECKeyFiles(openssl: openssl)
        defer { try? FileManager.default.removeItem(at: keys.dir) }
        let rsa = Command.file(Command.demoKey).path
        let message = keys.path("m")
        try Data("m".utf8).write(to: URL(fileURLWithPath: message))
        let secret = ["S": String(repeating: "s", count: 64)]
        var cases: [([String], [String: String], String)] = [
            (
                ["token", "--tenant", "t", "--key", keys.sec1, "--alg", "RS256"], [:],
                "rs256 token: the key file '\(keys.sec1)' is an EC P-256 key, which is for ES256 only; --alg RS256 needs an RSA key"
            ),
            (
                ["token", "--tenant", "t", "--alg", "ES256"],
                ["HOTGLUE_SIGNING_KEY": try Data(contentsOf: URL(fileURLWithPath: rsa)).base64EncodedString()],
                "rs256 token: HOTGLUE_SIGNING_KEY is an RSA key; --alg ES256 needs an EC P-256 key"
            ),
            (
                ["token", "--tenant", "t", "--key", keys.spki], [:],
                "rs256 token: the key file '\(keys.spki)': this is a public key; signing needs the private key"
            ),
            (
                ["token", "--tenant", "t", "--alg", "ES256", "--secret-env", "S"], secret,
                "rs256 token: --secret-file and --secret-env are for HS256, HS384 and HS512; --alg ES256 takes an EC P-256 key (--key)"
            ),
            (
                ["verify", "a.b.c", "--key", keys.publicJWK, "--alg", "PS256"], [:],
                "rs256 verify: the key file '\(keys.publicJWK)' is an EC P-256 key, which is for ES256 only; --alg PS256 needs an RSA key"
            ),
            (
                ["verify", "a.b.c", "--key", rsa, "--alg", "ES256"], [:],
                "rs256 verify: the key file '\(rsa)' is an RSA key; --alg ES256 needs an EC P-256 key"
            ),
            (
                ["url", "--env", "E", "--flow", "F", "--tenant", "t", "--key", keys.spki], [:],
                "rs256 url: the key file '\(keys.spki)': this is a public key; signing needs the private key"
            ),
            (
                ["sign-data", message, "--key", keys.sec1, "--alg", "RS512"], [:],
                "rs256 sign-data: the key file '\(keys.sec1)' is an EC P-256 key, which is for ES256 only; --alg RS512 needs an RSA key"
            ),
            (
                ["sign-data", message, "--key", keys.sec1, "--format", "pem"], [:],
                "rs256 sign-data: --format must be der (as openssl dgst writes ES256 signatures) or raw (the 64 bytes r‖s of a JWS), not 'pem'"
            ),
            (
                ["sign-data", message, "--key", rsa, "--format", "raw"], [:],
                "rs256 sign-data: --format der|raw is for ES256 signatures; RS256 signatures have a single form"
            ),
            (
                ["verify-data", "--signature", message, message, "--alg", "HS256", "--secret-env", "S", "--format", "der"], secret,
                "rs256 verify-data: --format der|raw is for ES256 signatures; HS256 signatures have a single form"
            ),
            (
                ["verify-data", "--signature", message, message, "--key", rsa, "--alg", "ES256"], [:],
                "rs256 verify-data: the key file '\(rsa)' is an RSA key; --alg ES256 needs an EC P-256 key"
            ),
        ]
        // A JWK Set whose wanted member is EC on a curve other than P-256 (made by Node): the
        // sentence names the curve.
        let p384 = try runScript(
            "node",
            "const crypto = require('crypto'); process.stdout.write(JSON.stringify(Object.assign(crypto.generateKeyPairSync('ec', {namedCurve: 'P-384'}).publicKey.export({format: 'jwk'}), {kid: 'ec-1'})))",
            [])
        let set = keys.path("set.json")
        try JSONSerialization.data(withJSONObject: ["keys": [p384]]).write(to: URL(fileURLWithPath: set))
        let token = try Command.run(["token", "--tenant", "t", "--kid", "ec-1", "--key", keys.sec1])
        cases.append(
            (
                ["verify", token.out.trimmingCharacters(in: .newlines), "--key", set], [:],
                "rs256 verify: the key file '\(set)' is a JWK Set whose EC key is on curve \"P-384\"; this tool reads only P-256 EC keys (and RSA keys)"
            ))
        for (arguments, environment, sentence) in cases {
            let result = try Command.run(arguments, environment: environment)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr == sentence + "\n")
            #expect(result.stdout.isEmpty, "\(arguments)")
        }
    }

    @Test func garbageSignaturesAndKeysNeverCrash() throws {
        let openssl = try #require(Command.openSSL, "openssl makes the keys")
        let keys = try ECKeyFiles(openssl: openssl)
        defer { try? FileManager.default.removeItem(at: keys.dir) }
        let header = "eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9", payload = "eyJzdWIiOiJ0In0"
        let n = "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"
        func hexData(_ text: String) -> Data { Data(try! hexBytes(text)) }
        func b64url(_ data: Data) -> String {
            data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        var generator = SystemRandomNumberGenerator()
        let signatures: [Data] = [
            Data(), Data(count: 63), Data(count: 64), Data(count: 65), hexData(n + n), hexData(n) + Data(count: 31) + Data([1]),
            Data(count: 31) + Data([1]) + hexData(n), Data(repeating: 0xFF, count: 64),
            Data((0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }),
        ]
        for signature in signatures {
            let result = try Command.run(["verify", header + "." + payload + "." + b64url(signature), "--key", keys.spki, "--now", "1"])
            #expect(result.exitedNormally && result.status == 1, "\(signature.count) bytes: \(result.stderr)")
            #expect(result.stderrLines.count == 1)
        }
        // verify-data with garbage in both forms: refused, never a crash.
        let message = keys.path("m"), garbage = keys.path("g")
        try Data("m".utf8).write(to: URL(fileURLWithPath: message))
        for signature in signatures + [Data([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00]), Data([0x30, 0x80]), Data([0x30, 0x03, 0x02, 0x01])] {
            try signature.write(to: URL(fileURLWithPath: garbage))
            for form in [[], ["--format", "raw"]] {
                let result = try Command.run(["verify-data", "--signature", garbage, message, "--key", keys.spki] + form)
                #expect(result.exitedNormally && result.status == 1 && result.out == "Verification failure\n", "\(signature.count) bytes \(form)")
                #expect(result.stderrLines.count == 1, "\(result.stderr)")
            }
        }
        // Damaged EC keys: a sentence and exit 2.
        let pem = try String(contentsOfFile: keys.sec1, encoding: .utf8)
        let lines = pem.split(separator: "\n")
        for damaged in [
            String(pem.prefix(pem.count / 2)), lines.dropLast(2).joined(separator: "\n") + "\n" + lines.last!,
            pem.replacingOccurrences(of: "M", with: "N"),
        ] {
            try Data(damaged.utf8).write(to: URL(fileURLWithPath: garbage))
            for arguments in [["token", "--tenant", "t", "--key", garbage], ["verify", "a.b.c", "--key", garbage]] {
                let result = try Command.run(arguments)
                #expect(result.exitedNormally && result.status == 2 && result.stderrLines.count == 1, "\(arguments): \(result.stderr)")
            }
        }
    }
}

/// Base64url without padding, decoded (nil when it is not).
func base64URLDecoded(_ text: String) -> Data? {
    var t = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while t.count % 4 != 0 { t += "=" }
    return Data(base64Encoded: t)
}
