import Foundation
import Testing

// `--alg`, `--secret-file`, `--secret-env` on token / verify / sign-data / verify-data, and
// `keygen --alg HS*`. Oracles: Node's crypto (tokens as node-jsonwebtoken builds them, PS256
// verification with saltLength 32) and the openssl command (dgst -sign/-verify with PSS options,
// dgst -mac HMAC).

let algorithmIat = "1700000000"

/// Node's tokens for the tenant claims at `algorithmIat` and its verdict on our PS256 token.
func nodeAlgorithmTokens(secret: URL, ourPS256: String) throws -> [String: String] {
    let script = #"""
        const crypto = require('crypto'), fs = require('fs');
        const [keyPath, secretPath, ours] = process.argv.slice(1);
        const key = fs.readFileSync(keyPath, 'utf8'), secret = fs.readFileSync(secretPath);
        const b64 = (s) => Buffer.from(s).toString('base64url');
        const out = {};
        for (const alg of ['RS384', 'RS512', 'HS256', 'HS384', 'PS256']) {
            const hash = 'sha' + alg.slice(2);
            const input = b64(JSON.stringify({alg, typ: 'JWT'})) + '.' + b64(JSON.stringify({sub: 'tenant-id', iat: 1700000000, exp: 1700003600}));
            const sig = alg[0] === 'H' ? crypto.createHmac(hash, secret).update(input).digest()
                : crypto.sign(hash, Buffer.from(input), alg[0] === 'P' ? {key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32} : key);
            out[alg] = input + '.' + sig.toString('base64url');
        }
        const [h, p, s] = ours.split('.');
        out.acceptsOurPS256 = String(crypto.verify('sha256', Buffer.from(h + '.' + p),
            {key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32}, Buffer.from(s, 'base64url')));
        process.stdout.write(JSON.stringify(out));
        """#
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["node", "-e", script, Command.file(Command.demoKey).path, secret.path, ourPS256]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return try JSONDecoder().decode([String: String].self, from: data)
}

@Test func tokenAndVerifyWithEveryKindOfAlgorithmAgreeWithNode() throws {
    let dir = try Command.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let secret = dir.appendingPathComponent("secret")
    try Data((0..<48).map { UInt8(($0 * 37 + 11) % 256) }).write(to: secret)
    let key = ["--key", Command.file(Command.demoKey).path]
    func token(_ alg: String, _ keyArguments: [String]) throws -> String {
        let result = try Command.run(["token", "--tenant", "tenant-id", "--iat", algorithmIat, "--alg", alg] + keyArguments)
        #expect(result.status == 0, "\(alg): \(result.stderr)")
        return result.out.trimmingCharacters(in: .newlines)
    }
    let ps256 = try token("PS256", key)
    let node = try nodeAlgorithmTokens(secret: secret, ourPS256: ps256)
    #expect(node["acceptsOurPS256"] == "true")
    for alg in ["RS384", "RS512"] { #expect(try token(alg, key) == node[alg], "\(alg) differs from Node's") }
    for alg in ["HS256", "HS384"] { #expect(try token(alg, ["--secret-file", secret.path]) == node[alg], "\(alg) differs from Node's") }
    // The secret from the environment is the variable's bytes.
    let text = String(repeating: "s3cr3t-", count: 5)
    try Data(text.utf8).write(to: dir.appendingPathComponent("text"))
    let fromEnv = try Command.run(
        ["token", "--tenant", "tenant-id", "--iat", algorithmIat, "--alg", "HS256", "--secret-env", "JWT_SECRET"],
        environment: ["JWT_SECRET": text])
    let fromFile = try Command.run([
        "token", "--tenant", "tenant-id", "--iat", algorithmIat, "--alg", "HS256",
        "--secret-file", dir.appendingPathComponent("text").path,
    ])
    #expect(fromEnv.status == 0 && fromEnv.out == fromFile.out)

    // verify: Node's tokens pass with the right --alg, and are refused with another one.
    let now = ["--now", "1700000001"]
    for (alg, keyArguments) in [("RS384", key), ("PS256", key), ("HS384", ["--secret-file", secret.path])] {
        let theirs = try #require(node[alg])
        let ok = try Command.run(["verify", theirs, "--alg", alg] + keyArguments + now)
        #expect(ok.status == 0 && ok.out == #"{"sub":"tenant-id","iat":1700000000,"exp":1700003600}"# + "\n", "\(alg): \(ok.stderr)")
        let wrong = try Command.run(["verify", theirs] + key + now)
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "rs256 verify: token rejected: the token's header asks for algorithm \"\(alg)\", but only RS256 is accepted\n")
    }
    let mismatch = try Command.run(["verify", try #require(node["RS512"]), "--alg", "PS512"] + key + now)
    #expect(mismatch.status == 1)
    #expect(
        mismatch.stderr == "rs256 verify: token rejected: the token's header asks for algorithm \"RS512\", but this verifier accepts only PS512\n")
}

@Test func dataSignaturesMatchOpenSSL() throws {
    let openssl = try #require(Command.openSSL, "openssl is needed for this test")
    let dir = try Command.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let message = dir.appendingPathComponent("message")
    try Data((0..<1000).map { UInt8($0 % 251) }).write(to: message)
    let keyPath = Command.file(Command.demoKey).path
    let publicPath = Command.file("Vectors/keys/demo-rsa-2048.pub.pem").path
    func openSSL(_ arguments: [String]) throws -> (Int32, [UInt8]) {
        let process = Process()
        process.executableURL = openssl
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, [UInt8](data))
    }
    let pss = ["-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest"]
    // Ours, checked by OpenSSL; RS512 is deterministic, so also byte for byte.
    for (alg, hash, options) in [("RS512", "-sha512", [String]()), ("PS256", "-sha256", pss), ("PS384", "-sha384", pss)] {
        let out = dir.appendingPathComponent("ours.\(alg)")
        let signed = try Command.run(["sign-data", message.path, "--key", keyPath, "--alg", alg, "--out", out.path])
        #expect(signed.status == 0, "\(alg): \(signed.stderr)")
        let (status, _) = try openSSL(["dgst", hash] + options + ["-verify", publicPath, "-signature", out.path, message.path])
        #expect(status == 0, "openssl refused our \(alg) data signature")
        let theirs = dir.appendingPathComponent("theirs.\(alg)")
        _ = try openSSL(["dgst", hash] + options + ["-sign", keyPath, "-out", theirs.path, message.path])
        let verified = try Command.run(["verify-data", "--signature", theirs.path, message.path, "--key", publicPath, "--alg", alg])
        #expect(verified.status == 0 && verified.out == "Verified OK\n", "\(alg): \(verified.stderr)")
        if alg == "RS512" { #expect(try Data(contentsOf: out) == Data(contentsOf: theirs)) }
        // Under another algorithm the same signature fails.
        let other = alg == "PS256" ? "RS256" : "PS512"
        let refused = try Command.run(["verify-data", "--signature", theirs.path, message.path, "--key", publicPath, "--alg", other])
        #expect(refused.status == 1 && refused.out == "Verification failure\n")
    }
    // HS512: the tag is openssl's HMAC.
    let secret = dir.appendingPathComponent("secret")
    let secretBytes = (0..<64).map { UInt8(($0 * 91 + 3) % 256) }
    try Data(secretBytes).write(to: secret)
    let tag = try Command.run(["sign-data", message.path, "--alg", "HS512", "--secret-file", secret.path, "--hex"])
    let hexKey = hex(secretBytes)
    let (_, mac) = try openSSL(["dgst", "-sha512", "-mac", "HMAC", "-macopt", "hexkey:" + hexKey, "-r", message.path])
    #expect(tag.status == 0 && String(decoding: mac, as: UTF8.self).hasPrefix(tag.out.trimmingCharacters(in: .newlines) + " "))
    let tagFile = dir.appendingPathComponent("tag")
    try Data(tag.out.utf8).write(to: tagFile)
    let checked = try Command.run(["verify-data", "--signature", tagFile.path, message.path, "--alg", "HS512", "--secret-file", secret.path, "--hex"])
    #expect(checked.status == 0 && checked.out == "Verified OK\n")
}

@Test func algorithmOptionsAreRefusedWithOneSentence() throws {
    let dir = try Command.scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let short = dir.appendingPathComponent("short")
    try Data(repeating: 1, count: 31).write(to: short)
    let key = Command.file(Command.demoKey).path
    let cases: [([String], [String: String], String)] = [
        (
            ["token", "--tenant", "t", "--alg", "rs256", "--key", key], [:],
            "rs256 token: --alg 'rs256' is not an algorithm this tool knows; use one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, HS256, HS384, HS512"
        ),
        (
            ["token", "--tenant", "t", "--alg", "none", "--key", key], [:],
            "rs256 token: --alg 'none' is not an algorithm this tool knows; use one of RS256, RS384, RS512, PS256, PS384, PS512, ES256, HS256, HS384, HS512"
        ),
        (
            ["token", "--tenant", "t", "--alg", "HS256", "--key", key], [:],
            "rs256 token: --alg HS256 takes an HMAC secret (--secret-file or --secret-env), not --key; an RSA or EC key is never an HMAC secret"
        ),
        (
            ["verify", "a.b.c", "--alg", "HS256"], [:],
            "rs256 verify: --alg HS256 needs the HMAC secret: give --secret-file PATH or --secret-env NAME"
        ),
        (
            ["token", "--tenant", "t", "--alg", "HS256", "--secret-file", short.path], [:],
            "rs256 token: the secret file '\(short.path)' holds 31 bytes; an HS256 secret must be at least 32 bytes long (RFC 7518 section 3.2)"
        ),
        (
            ["token", "--tenant", "t", "--secret-file", short.path, "--key", key], [:],
            "rs256 token: --secret-file and --secret-env are for HS256, HS384 and HS512, named with --alg; without --alg the key (--key) decides: RS256 for an RSA key, ES256 for an EC key"
        ),
        (
            ["token", "--tenant", "t", "--secret-file", short.path, "--alg", "PS256", "--key", key], [:],
            "rs256 token: --secret-file and --secret-env are for HS256, HS384 and HS512; --alg PS256 takes an RSA key (--key)"
        ),
        (
            ["verify", "a.b.c", "--secret-env", "S", "--alg", "ES256"], ["S": String(repeating: "x", count: 64)],
            "rs256 verify: --secret-file and --secret-env are for HS256, HS384 and HS512; --alg ES256 takes an EC P-256 key (--key)"
        ),
        (
            ["sign-data", "--alg", "HS384", "--secret-env", "NOPE"], [:],
            "rs256 sign-data: the environment variable NOPE named by --secret-env is not set"
        ),
        (
            ["verify-data", "--signature", short.path, "--alg", "HS512", "--secret-env", "S"], ["S": String(repeating: "x", count: 63)],
            "rs256 verify-data: the environment variable S holds 63 bytes; an HS512 secret must be at least 64 bytes long (RFC 7518 section 3.2)"
        ),
        (
            ["token", "--tenant", "t", "--alg", "ES256", "--key", key], [:],
            "rs256 token: the key file '\(key)' is an RSA key; --alg ES256 needs an EC P-256 key"
        ),
        (
            ["keygen", "--alg", "PS256"], [:],
            "rs256 keygen: --alg must be RS256, ES256, HS256, HS384 or HS512, not 'PS256'"
        ),
        (
            ["keygen", "--alg", "HS256", "--bits", "2048"], [:],
            "rs256 keygen: keygen --alg HS256 prints a secret to standard output and takes no --bits"
        ),
    ]
    for (arguments, environment, sentence) in cases {
        let result = try Command.run(arguments, environment: environment)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr == sentence + "\n")
        #expect(result.stdout.isEmpty)
    }
}

@Test func keygenPrintsHMACSecretsOfTheHashLength() throws {
    for (alg, length) in [("HS256", 32), ("HS384", 48), ("HS512", 64)] {
        let first = try Command.run(["keygen", "--alg", alg]), second = try Command.run(["keygen", "--alg", alg])
        #expect(first.status == 0 && second.status == 0)
        let text = first.out.trimmingCharacters(in: .newlines)
        let padded =
            text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
            + String(repeating: "=", count: (4 - text.count % 4) % 4)
        #expect(Data(base64Encoded: padded)?.count == length, "\(alg): \(text)")
        #expect(first.out != second.out)
        // The printed text works as the secret.
        let token = try Command.run(["token", "--tenant", "t", "--alg", alg, "--secret-env", "K"], environment: ["K": text])
        #expect(token.status == 0, "\(token.stderr)")
    }
}
