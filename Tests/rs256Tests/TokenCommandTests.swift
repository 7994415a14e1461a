import Foundation
import PureJWT
import Testing

// The built rs256, run as a user runs it. Oracles: Node's tokens (Vectors/jwt/tokens.json),
// OpenSSL-made keys and signature (Vectors/cli/generate.sh), and the openssl command itself.

let demoEnv: [String: String] = (try? Command.base64Env(Command.demoKey)) ?? [:]

/// The command-line arguments that make `rs256 token` mint a Node case, or nil when the case
/// cannot be said on a command line (NUL in an argument, header options, claims not led by sub/iat/exp,
/// an empty tenant ID, which the command refuses).
func tokenArguments(_ c: NodeToken) throws -> [String]? {
    guard c.swift_representable, !c.has_header_extra, let iat = c.iat, let exp = c.exp else { return nil }
    guard case let .object(payload) = try JSONValue(parsing: c.payload_json) else { return nil }
    let members = payload.members
    guard members.count >= 3, members[0].key == "sub", members[1].key == "iat", members[2].key == "exp",
        case let .string(tenant) = members[0].value, !tenant.isEmpty
    else { return nil }
    var arguments = ["token", "--tenant=" + tenant, "--iat", String(iat), "--ttl", String(exp - iat)]
    for member in members.dropFirst(3) {
        guard !member.key.contains("="), !member.key.isEmpty else { return nil }
        arguments.append("--claim=" + member.key + "=" + member.value.serialized)
    }
    if let kid = c.keyid { arguments += ["--kid", kid] }
    let all = arguments.joined()
    guard !all.unicodeScalars.contains("\0") else { return nil }
    return arguments
}

@Test func tokenWithIatReproducesEveryNodeCaseACommandLineCanSay() throws {
    var compared = 0
    var skipped: [String] = []
    for c in NodeToken.all {
        guard let arguments = try tokenArguments(c) else {
            skipped.append(c.name)
            continue
        }
        let result = try Command.run(arguments, environment: demoEnv)
        #expect(result.status == 0, "\(c.name): \(result.stderr)")
        #expect(result.out == c.token + "\n", "\(c.name)")
        #expect(result.stderr.isEmpty, "\(c.name)")
        compared += 1
    }
    // Left out (12): 3 lone surrogates, 3 with NUL, 3 with header options, 2 not led by sub/iat/exp,
    // and the empty tenant ID, which the command refuses (an unset shell variable; tested below).
    #expect(compared == 58 && skipped.count == 12, "compared \(compared); skipped: \(skipped)")
    print("rs256 token reproduced \(compared) Node cases; a command line cannot say: \(skipped.joined(separator: "; "))")
}

@Test func theMainCommandPrintsATokenForNowThatVerifies() throws {
    let before = Int64(Date().timeIntervalSince1970)
    let minted = try Command.run(["token", "--tenant", "tenant-id", "--json"], environment: demoEnv)
    let after = Int64(Date().timeIntervalSince1970)
    #expect(minted.status == 0)
    let object = try #require(try JSONValue(parsing: minted.out).objectValue)
    let iat = try #require(object["iat"]?.numberValue?.int64Value)
    #expect(iat >= before && iat <= after)
    #expect(object["exp"]?.numberValue?.int64Value == iat + 3600)
    let token = try #require(object["token"]?.stringValue)
    let verified = try Command.run(["verify", token, "--key", Command.file("Vectors/keys/demo-rsa-2048.pub.pem").path])
    #expect(verified.status == 0, "\(verified.stderr)")
    #expect(verified.out == #"{"sub":"tenant-id","iat":\#(iat),"exp":\#(iat + 3600)}"# + "\n")
}

@Test func everyKeyFormAndSourceGivesTheSameToken() throws {
    let expected = try #require(NodeToken.all.first { $0.name == "plain tenant id" }).token + "\n"
    let arguments = ["token", "--tenant", "tenant-123", "--iat", "1700000000"]
    let pem = try Command.text(Command.demoKey)
    let escaped = pem.replacingOccurrences(of: "\n", with: "\\n")
    let scratch = try Command.scratch()
    let base64File = scratch.appendingPathComponent("key.b64")
    try Data(pem.utf8).base64EncodedString().write(to: base64File, atomically: true, encoding: .utf8)
    let cases: [(String, [String], [String: String], [UInt8], String?)] = [
        ("base64 of PEM in the variable", [], demoEnv, [], nil),
        ("raw PEM in the variable", [], ["HOTGLUE_SIGNING_KEY": pem], [], "holds a PEM rather than the base64"),
        ("PEM with literal \\n in the variable", [], ["HOTGLUE_SIGNING_KEY": escaped], [], "literal \\n"),
        ("base64 of a PEM with literal \\n", [], ["HOTGLUE_SIGNING_KEY": Data(escaped.utf8).base64EncodedString()], [], "literal \\n"),
        ("PKCS#8 PEM file", ["--key", Command.file(Command.demoKey).path], [:], [], nil),
        ("PKCS#1 PEM file", ["--key", Command.file("Vectors/cli/demo-rsa-2048.pkcs1.pem").path], [:], [], nil),
        ("DER file", ["--key", Command.file("Vectors/cli/demo-rsa-2048.der").path], [:], [], nil),
        ("base64-of-PEM file", ["--key", base64File.path], [:], [], nil),
        ("JWK file (Node's export)", ["--key", Command.file("Vectors/cli/demo-rsa-2048.jwk").path], [:], [], nil),
        ("PEM on stdin", ["--key", "-"], [:], Array(pem.utf8), nil),
        ("--key wins over the variable", ["--key", Command.file(Command.demoKey).path], ["HOTGLUE_SIGNING_KEY": "garbage"], [], nil),
    ]
    for (name, extra, env, stdin, note) in cases {
        let result = try Command.run(arguments + extra, environment: env, stdin: stdin)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.out == expected, "\(name)")
        if let note {
            #expect(result.stderrLines.count == 1, "\(name): \(result.stderr)")
            #expect(result.stderr.hasPrefix("note: ") && result.stderr.contains(note), "\(name): \(result.stderr)")
        } else {
            #expect(result.stderr.isEmpty, "\(name): \(result.stderr)")
        }
    }
}

@Test func keyProblemsAreNamedWithExitStatusTwo() throws {
    let cases: [(String, [String], [String: String], String)] = [
        ("missing variable", [], [:], "HOTGLUE_SIGNING_KEY is not set"),
        ("empty variable", [], ["HOTGLUE_SIGNING_KEY": ""], "HOTGLUE_SIGNING_KEY is set but empty"),
        ("garbage", [], ["HOTGLUE_SIGNING_KEY": "not a key!"], "neither base64 nor a PEM"),
        ("base64 of something else", [], ["HOTGLUE_SIGNING_KEY": Data("hello world".utf8).base64EncodedString()], "base64, but what it encodes"),
        ("broken PEM", [], ["HOTGLUE_SIGNING_KEY": "-----BEGIN PRIVATE KEY-----\nMIIB\n"], "PEM"),
        ("encrypted key", ["--key", Command.file("Vectors/cli/demo-rsa-2048.encrypted.pem").path], [:], "encrypted"),
        ("EC key with an RSA --alg", ["--key", Command.file("Vectors/cli/ec-p256.pem").path, "--alg", "RS256"], [:], "is an EC P-256 key"),
        ("public key for signing", ["--key", Command.file("Vectors/keys/demo-rsa-2048.pub.pem").path], [:], "public key"),
        ("1024-bit key", ["--key", Command.file("Vectors/cli/rsa-1024.pem").path], [:], "--allow-weak-key"),
        ("512-bit key even with the opt-in", ["--key", Command.file("Vectors/cli/rsa-512.pem").path, "--allow-weak-key"], [:], "512 bits"),
        ("missing file", ["--key", "/nonexistent/key.pem"], [:], "no file"),
        ("directory", ["--key", "/"], [:], "directory"),
        ("binary garbage", ["--key", "/bin/sh"], [:], "neither DER nor text"),
    ]
    for (name, extra, env, fragment) in cases {
        let result = try Command.run(["token", "--tenant", "t"] + extra, environment: env)
        #expect(result.status == 2, "\(name): \(result.stderr)")
        #expect(result.out.isEmpty, "\(name)")
        #expect(result.stderrLines.count == 1, "\(name): \(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(name): \(result.stderr)")
    }
}

@Test func weakKeysWorkOnlyWithTheOptIn() throws {
    let key = Command.file("Vectors/cli/rsa-1024.pem").path
    let minted = try Command.run(["token", "--tenant", "t", "--key", key, "--allow-weak-key"])
    #expect(minted.status == 0, "\(minted.stderr)")
    let token = minted.out.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(try Command.run(["verify", token, "--key", key]).status == 2)
    #expect(try Command.run(["verify", token, "--key", key, "--allow-weak-key"]).status == 0)
}

@Test func usageErrorsExitWithTwoAndSayWhat() throws {
    let cases: [([String], String)] = [
        ([], "usage: rs256"),
        (["frobnicate"], "not a command"),
        (["token"], "--tenant ID is required"),
        (["token", "--tenant"], "needs a value"),
        (["token", "--tenant", "a", "--tenant", "b"], "more than once"),
        (["token", "--tenant", "t", "--ttl", "0"], "--ttl must be between"),
        (["token", "--tenant", "t", "--ttl", "1h"], "whole number of seconds"),
        (["token", "--tenant", "t", "--iat", "-5"], "--iat must be between"),
        (["token", "--tenant", "t", "--iat", "9007199254740991", "--ttl", "1"], "2^53"),
        (["token", "--tenant", "t", "--claim", "novalue"], "NAME=VALUE"),
        (["token", "--tenant", "t", "--claim", "=1"], "NAME=VALUE"),
        (["token", "--tenant", "t", "--bogus"], "not an option"),
        (["token", "--tenant", "t", "extra"], "takes no arguments"),
        (["token", "--tenant", "t", "--json=yes"], "takes no value"),
        (["pubkey", "--format", "xml"], "--format must be"),
        (["verify", "a", "b"], "unexpected extra argument"),
        (["verify-data"], "--signature FILE is required"),
        (["sign-data", "--hex", "--base64url"], "not both"),
        (["url", "--flow", "f", "--tenant", "t"], "--env ENV_ID is required"),
        (["url", "--env", "e", "--flow", "f", "--tenant", "t", "--base", "ftp://x"], "--base must be"),
    ]
    for (arguments, fragment) in cases {
        let result = try Command.run(arguments, environment: demoEnv)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
        #expect(result.out.isEmpty, "\(arguments)")
    }
}

@Test func everySubcommandHasHelpThatExitsZero() throws {
    let overview = try Command.run(["--help"])
    #expect(overview.status == 0)
    for name in ["token", "verify", "decode", "pubkey", "url", "sign-data", "verify-data"] {
        #expect(overview.out.contains("  \(name) "), "\(name) missing from rs256 --help")
        for flag in ["--help", "-h"] {
            let result = try Command.run([name, flag])
            #expect(result.status == 0, "\(name) \(flag)")
            #expect(result.out.hasPrefix("usage: rs256 \(name) "), "\(name) \(flag)")
            #expect(result.out.contains("Exit status: 0 success; 1 the token, signature or data is refused (its fault"), "\(name)")
        }
        // Help needs no key and no required option.
        #expect(try Command.run([name, "--help"], environment: [:]).status == 0)
    }
    #expect(try Command.run(["help", "token"]).out.hasPrefix("usage: rs256 token "))
}

@Test func urlIsTheSecureRequestURLWithEncodedSegmentsAndAFreshToken() throws {
    let result = try Command.run(
        [
            "url", "--env", "prod.hotglue.example.com", "--flow", "flow 1/ä", "--tenant", "..",
            "--iat", "1700000000",
        ], environment: demoEnv)
    #expect(result.status == 0, "\(result.stderr)")
    let prefix = "https://client-api.hotglue.xyz/prod.hotglue.example.com/flow%201%2F%C3%A4/%2E%2E/linkedSources?token="
    #expect(result.out.hasPrefix(prefix), "\(result.out)")
    let token = String(result.out.dropFirst(prefix.count)).trimmingCharacters(in: .newlines)
    let decoded = try Command.run(["decode", token, "--json"])
    #expect(decoded.out.contains(#""payload":{"sub":"..","iat":1700000000,"exp":1700003600}"#), "\(decoded.out)")

    let custom = try Command.run(
        [
            "url", "--env", "e", "--flow", "f", "--tenant", "t", "--endpoint", "jobs/latest",
            "--base", "http://localhost:8080/api/",
        ], environment: demoEnv)
    #expect(custom.out.hasPrefix("http://localhost:8080/api/e/f/t/jobs/latest?token=eyJ"), "\(custom.out)")
}
