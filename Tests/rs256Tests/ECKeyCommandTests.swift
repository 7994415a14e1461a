// `rs256 keygen --alg ES256` and `rs256 pubkey` with EC keys, run as a user runs them, with
// OpenSSL as the oracle (its key check, its public key of our private key, its verdict on a
// signature made with our key), and the refusals of keygen and pubkey for EC keys.
import Foundation
import Testing

@Suite struct ECKeyCommandTests {
    @Test func keygenES256WritesKeysOpenSSLAcceptsAndPubkeyPrintsWhatOpenSSLPrints() throws {
        let openssl = try #require(Command.openSSL, "openssl is the oracle of this test")
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let key = dir.appendingPathComponent("key.pem").path, pub = dir.appendingPathComponent("public.pem").path
        let made = try Command.run(["keygen", "--alg", "ES256", "--out", key, "--public-out", pub])
        #expect(made.status == 0, "\(made.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: key, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let check = try runOpenSSL(openssl, ["pkey", "-in", key, "-check", "-noout"])
        #expect(check.status == 0 && check.output.contains("Key is valid"), "\(check.output)")
        let text = try runOpenSSL(openssl, ["pkey", "-in", key, "-text", "-noout"])
        #expect(text.output.contains("prime256v1"), "\(text.output)")
        // PKCS#8 exactly as openssl re-encodes it, and the public key exactly as openssl derives it.
        #expect(
            try runOpenSSL(openssl, ["pkcs8", "-topk8", "-nocrypt", "-in", key]).output
                == (try String(contentsOfFile: key, encoding: .utf8)))
        let publicFromPrivate = try runOpenSSL(openssl, ["pkey", "-in", key, "-pubout"]).output
        #expect(publicFromPrivate == (try String(contentsOfFile: pub, encoding: .utf8)))
        let pubkey = try Command.run(["pubkey", "--key", key])
        #expect(pubkey.status == 0 && pubkey.out == publicFromPrivate, "\(pubkey.stderr)")
        let der = try Command.run(["pubkey", "--key", pub, "--format", "der"])
        let opensslDER = try runProcess(
            URL(fileURLWithPath: "/bin/sh"), ["-c", "'\(openssl.path)' pkey -pubin -in '\(pub)' -outform DER | base64 -w0"])
        #expect(der.status == 0 && Data(der.stdout).base64EncodedString() == opensslDER.output)
        // A signature made by OpenSSL with our key verifies with the public key pubkey printed.
        let message = dir.appendingPathComponent("m"), signature = dir.appendingPathComponent("m.sig")
        try Data("es256".utf8).write(to: message)
        #expect(try runOpenSSL(openssl, ["dgst", "-sha256", "-sign", key, "-out", signature.path, message.path]).status == 0)
        try Data(pubkey.stdout).write(to: URL(fileURLWithPath: dir.appendingPathComponent("printed.pem").path))
        let verdict = try runOpenSSL(
            openssl,
            [
                "dgst", "-sha256", "-verify", dir.appendingPathComponent("printed.pem").path,
                "-signature", signature.path, message.path,
            ])
        #expect(verdict.output.contains("Verified OK"), "\(verdict.output)")
    }

    @Test func keygenES256Sec1AndJWKAndTheirPublicKeys() throws {
        let openssl = try #require(Command.openSSL, "openssl is the oracle of this test")
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let sec1 = try Command.run(["keygen", "--alg", "ES256", "--format", "sec1"])
        #expect(sec1.status == 0 && sec1.out.hasPrefix("-----BEGIN EC PRIVATE KEY-----\n"), "\(sec1.stderr)")
        let sec1Path = dir.appendingPathComponent("k.pem")
        try Data(sec1.stdout).write(to: sec1Path)
        // SEC 1 exactly as `openssl ec` writes it back.
        #expect(try runOpenSSL(openssl, ["ec", "-in", sec1Path.path]).output.contains(sec1.out))
        // --env: the base64 of the PEM, which the loader reads back.
        let env = try Command.run(["keygen", "--alg", "ES256", "--env"])
        let decoded = String(decoding: Data(base64Encoded: env.out.trimmingCharacters(in: .whitespacesAndNewlines)) ?? Data(), as: UTF8.self)
        #expect(env.status == 0 && decoded.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        let envPubkey = try Command.run(["pubkey"], environment: ["HOTGLUE_SIGNING_KEY": env.out])
        #expect(envPubkey.status == 0 && envPubkey.out.hasPrefix("-----BEGIN PUBLIC KEY-----\n"), "\(envPubkey.stderr)")
        // A JWK private key; its public JWK (from pubkey) has the x and y openssl gives for it.
        let jwk = try Command.run(["keygen", "--alg", "ES256", "--format", "jwk"])
        #expect(jwk.status == 0, "\(jwk.stderr)")
        let jwkPath = dir.appendingPathComponent("k.json")
        try Data(jwk.stdout).write(to: jwkPath)
        let publicJWK = try Command.run(["pubkey", "--key", jwkPath.path, "--format", "jwk", "--kid", "a"])
        let members = try #require(try JSONSerialization.jsonObject(with: Data(publicJWK.stdout)) as? [String: String])
        #expect(members["kty"] == "EC" && members["crv"] == "P-256" && members["kid"] == "a" && members["d"] == nil)
        let spki = try Command.run(["pubkey", "--key", jwkPath.path])
        let spkiPath = dir.appendingPathComponent("p.pem")
        try Data(spki.stdout).write(to: spkiPath)
        let point = try runOpenSSL(openssl, ["ec", "-pubin", "-in", spkiPath.path, "-text", "-noout"]).output
        let hex =
            point.components(separatedBy: "pub:").last?.components(separatedBy: "ASN1").first?
            .filter { $0.isHexDigit } ?? ""
        func unurl(_ s: String?) -> String {
            var t = (s ?? "").replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            while t.count % 4 != 0 { t += "=" }
            return TestSupport.hex(Data(base64Encoded: t) ?? Data())
        }
        #expect(hex == "04" + unurl(members["x"]) + unurl(members["y"]))
    }

    @Test func refusalsKeepTheirSentences() throws {
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Command.run(["keygen", "--alg", "ES256"])
        let key = dir.appendingPathComponent("k.pem")
        try Data(made.stdout).write(to: key)
        let pkcs1 = try Command.run(["pubkey", "--key", key.path, "--format", "pkcs1"])
        #expect(pkcs1.status != 0 && pkcs1.stderr.contains("--format pkcs1 is for RSA keys"), "\(pkcs1.stderr)")
        let bits = try Command.run(["keygen", "--alg", "ES256", "--bits", "3072"])
        #expect(bits.status == 2 && bits.stderr.contains("--bits is for RSA keys"))
        let alg = try Command.run(["keygen", "--alg", "ES384"])
        #expect(alg.status == 2 && alg.stderr.contains("--alg must be RS256, ES256, HS256, HS384 or HS512"))
        let format = try Command.run(["keygen", "--format", "sec1"])
        #expect(format.status == 2 && format.stderr.contains("--format sec1 is for ES256 keys"))
    }
}
