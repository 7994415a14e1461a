import Foundation
import PureJWT
import Testing

let plain = NodeToken.all.first { $0.name == "plain tenant id" }!
let publicKeyPath = Command.file("Vectors/keys/demo-rsa-2048.pub.pem").path

@Test func verifyAcceptsNodeTokensWithEveryPublicKeyFormAndPrintsThePayload() throws {
    let keys: [(String, [String], [String: String])] = [
        ("SPKI PEM", ["--key", publicKeyPath], [:]),
        ("PKCS#1 public PEM (openssl)", ["--key", Command.file("Vectors/cli/demo-rsa-2048.pub.pkcs1.pem").path], [:]),
        ("public JWK (Node)", ["--key", Command.file("Vectors/cli/demo-rsa-2048.pub.jwk").path], [:]),
        ("private key file", ["--key", Command.file(Command.demoKey).path], [:]),
        ("private key in the variable", [], demoEnv),
    ]
    for (name, extra, env) in keys {
        for c in NodeToken.all where c.name == "plain tenant id" || c.name == "kid header" || c.name == "1000 emoji" {
            let result = try Command.run(["verify", c.token, "--now", "1700000000"] + extra, environment: env)
            #expect(result.status == 0, "\(name) \(c.name): \(result.stderr)")
            #expect(result.out == c.payload_json + "\n", "\(name) \(c.name)")
            #expect(result.stderr.isEmpty, "\(name) \(c.name)")
        }
    }
    // From stdin, with the newline `rs256 token` prints.
    let piped = try Command.run(["verify", "--now", "1700000000", "--key", publicKeyPath], stdin: Array((plain.token + "\n").utf8))
    #expect(piped.status == 0 && piped.out == plain.payload_json + "\n")
}

@Test func verifyPicksTheKeyOfAJWKSetByTheTokensKid() throws {
    let kid = try #require(NodeToken.all.first { $0.name == "kid header" })
    let node = try Command.text("Vectors/cli/demo-rsa-2048.pub.jwk").trimmingCharacters(in: .whitespacesAndNewlines)
    let keyOne = node.replacingOccurrences(of: #"{"kty""#, with: #"{"kid":"key-1","kty""#)
    let otherKey =
        #"{"kid":"key-2","kty":"RSA","n":"n4EPtAOCc9AlkeQHPzHStgAbgs7bTZLwUBZdR8_KuKPEHLd4rHVTeT-O-XV2jRojdNhxJWTDvNd7nqQ0VEiZQHz_AJmSCpMaJMRBSFKrKb2wqVwGU_NsYOYL-QtiWN2lbzcEe6XC0dApr5ydQLrHqkHHig3RBordaZ6Aj-oBHqFEHYpPe7Tpe-OfVfHd1E6cS6M1FZcD1NNLYD5lFHpPI9bTwJlsde3uhGqC0ZCuEHg8lhzwOHrtIQbS0FVbb9k3-tVTU4fg_3L_vniUFAKwuCLqKnS2BYwdq_mzSnbLY7h_qixoR7jig3__kRhuaxwUkRz5iaiQkqgc5gHdrNP5zw","e":"AQAB"}"#
    let scratch = try Command.scratch()
    let set = scratch.appendingPathComponent("jwks.json")
    try #"{"keys":[\#(otherKey),\#(keyOne)]}"#.write(to: set, atomically: true, encoding: .utf8)
    let result = try Command.run(["verify", kid.token, "--now", "1700000000", "--key", set.path])
    #expect(result.status == 0, "\(result.stderr)")
    // A token without kid cannot choose between two keys.
    let ambiguous = try Command.run(["verify", plain.token, "--now", "1700000000", "--key", set.path])
    #expect(ambiguous.status == 2 && ambiguous.stderr.contains("say which one"), "\(ambiguous.stderr)")
}

@Test func verifySaysNoWithExitOneAndOneLine() throws {
    let parts = plain.token.split(separator: ".").map(String.init)
    let none = Data(#"{"alg":"none","typ":"JWT"}"#.utf8).base64EncodedString()
        .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
    let other = try #require(NodeToken.all.first { $0.name == "small times" })
    let cases: [(String, [String], String)] = [
        ("expired at exp", [plain.token, "--now", "1700003600"], "expired"),
        ("within leeway", [plain.token, "--now", "1700003600", "--leeway", "1"], ""),
        ("beyond leeway", [plain.token, "--now", "1700003601", "--leeway", "1"], "expired"),
        ("wrong issuer demanded", [plain.token, "--now", "1700000000", "--issuer", "me"], "no \"iss\" claim"),
        ("wrong subject demanded", [plain.token, "--now", "1700000000", "--subject", "x"], "subject"),
        ("right subject demanded", [plain.token, "--now", "1700000000", "--subject", "tenant-123", "--require", "exp"], ""),
        ("required claim missing", [plain.token, "--now", "1700000000", "--require", "nbf"], "nbf"),
        ("alg none", [none + "." + parts[1] + "." + parts[2], "--now", "1700000000"], "only RS256"),
        ("signature of another token", [parts[0] + "." + parts[1] + "." + other.token.split(separator: ".")[2], "--now", "1700000000"], "signature"),
        ("two segments", [parts[0] + "." + parts[1], "--now", "1700000000"], "three segments"),
        ("padding", [plain.token + "=", "--now", "1700000000"], "base64url"),
        ("garbage", ["hello", "--now", "1700000000"], "malformed"),
        ("a megabyte on stdin", ["-"], "limit"),
    ]
    for (name, arguments, fragment) in cases {
        let stdin = arguments == ["-"] ? Array(repeating: UInt8(ascii: "a"), count: 1 << 20) : []
        let result = try Command.run(["verify"] + arguments + ["--key", publicKeyPath], stdin: stdin)
        if fragment.isEmpty {
            #expect(result.status == 0, "\(name): \(result.stderr)")
            continue
        }
        #expect(result.status == 1, "\(name): \(result.stderr)")
        #expect(result.out.isEmpty, "\(name)")
        #expect(result.stderrLines.count == 1 && result.stderr.contains(fragment), "\(name): \(result.stderr)")
    }
}

@Test func decodeShowsHeaderAndPayloadAndSaysTheSignatureWasNotChecked() throws {
    let kid = try #require(NodeToken.all.first { $0.name == "kid header" })
    // Tamper with the signature: decode still shows the contents.
    let tampered = String(kid.token.dropLast(4)) + "AAAA"
    let result = try Command.run(["decode", tampered])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(
        result.out == """
            header:
            {
              "alg": "RS256",
              "typ": "JWT",
              "kid": "key-1"
            }
            payload:
            {
              "sub": "t",
              "iat": 1700000000,
              "exp": 1700003600
            }
            signature: 256 bytes, NOT checked (use 'rs256 verify' to check it)

            """)
    let json = try Command.run(["decode", "--json", "-"], stdin: Array(kid.token.utf8))
    #expect(json.out == #"{"header":\#(kid.header_json),"payload":\#(kid.payload_json)}"# + "\n")
    let broken = try Command.run(["decode", "a.b"])
    // A broken token is the token's fault: exit 1, as verify says.
    #expect(broken.status == 1 && broken.stderr.contains("three segments"))
}

@Test func pubkeyPrintsTheSameKeyOpenSSLAndNodeWrite() throws {
    let spki = try Command.run(["pubkey"], environment: demoEnv)
    #expect(spki.status == 0)
    #expect(spki.out == (try Command.text("Vectors/keys/demo-rsa-2048.pub.pem")))
    let pkcs1 = try Command.run(["pubkey", "--format", "pkcs1"], environment: demoEnv)
    #expect(pkcs1.out == (try Command.text("Vectors/cli/demo-rsa-2048.pub.pkcs1.pem")))
    let der = try Command.run(["pubkey", "--format", "der", "--key", Command.file(Command.demoKey).path])
    let body = try Command.text("Vectors/keys/demo-rsa-2048.pub.pem").split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
    #expect(der.stdout == [UInt8](try #require(Data(base64Encoded: body))))
    let jwk = try Command.run(["pubkey", "--format", "jwk", "--kid", "k1"], environment: demoEnv)
    let node = try Command.text("Vectors/cli/demo-rsa-2048.pub.jwk").trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(
        jwk.out == String(node.dropLast()).replacingOccurrences(of: #""e":"AQAB""#, with: #""e":"AQAB","kid":"k1","alg":"RS256","use":"sig"}"#) + "\n"
    )
    // From a public key, too.
    #expect(try Command.run(["pubkey", "--key", publicKeyPath]).out == spki.out)
}

@Test func signDataWritesOpenSSLsSignatureByteForByte() throws {
    let message = Command.file("Vectors/cli/message.txt").path
    let expected = try Command.bytes("Vectors/cli/message.sig")
    let binary = try Command.run(["sign-data", message], environment: demoEnv)
    #expect(binary.status == 0 && binary.stdout == expected)
    let stdin = try Command.run(["sign-data"], environment: demoEnv, stdin: try Command.bytes("Vectors/cli/message.txt"))
    #expect(stdin.stdout == expected)
    let hex = try Command.run(["sign-data", message, "--hex"], environment: demoEnv)
    #expect(hex.out == TestSupport.hex(expected) + "\n")
    let b64 = try Command.run(["sign-data", message, "--base64url"], environment: demoEnv)
    #expect(
        b64.out == Data(expected).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_") + "\n")
    let scratch = try Command.scratch()
    let out = scratch.appendingPathComponent("sig.bin")
    #expect(try Command.run(["sign-data", message, "--out", out.path], environment: demoEnv).status == 0)
    #expect([UInt8](try Data(contentsOf: out)) == expected)
}

@Test func verifyDataAcceptsOpenSSLsSignatureAndRefusesAnyChange() throws {
    let message = Command.file("Vectors/cli/message.txt").path
    let signature = Command.file("Vectors/cli/message.sig").path
    let ok = try Command.run(["verify-data", "--signature", signature, message, "--key", publicKeyPath])
    #expect(ok.status == 0 && ok.out == "Verified OK\n", "\(ok.stderr)")
    var changed = try Command.bytes("Vectors/cli/message.txt")
    changed[0] ^= 1
    let bad = try Command.run(["verify-data", "--signature", signature, "--key", publicKeyPath], stdin: changed)
    #expect(bad.status == 1 && bad.out == "Verification failure\n")
    let scratch = try Command.scratch()
    let hexFile = scratch.appendingPathComponent("sig.hex")
    try (try Command.bytes("Vectors/cli/message.sig")).map { String(format: "%02X", $0) }.joined().write(
        to: hexFile, atomically: true, encoding: .utf8)
    #expect(try Command.run(["verify-data", "--signature", hexFile.path, "--hex", message, "--key", publicKeyPath]).status == 0)
    #expect(try Command.run(["verify-data", "--signature", hexFile.path, message, "--key", publicKeyPath]).status == 1)
    // Hex digits are base64url characters too: read so, they decode to 384 wrong bytes.
    #expect(try Command.run(["verify-data", "--signature", hexFile.path, "--base64url", message, "--key", publicKeyPath]).status == 1)
    let notHex = try Command.run(["verify-data", "--signature", signature, "--hex", message, "--key", publicKeyPath])
    #expect(notHex.status == 2 && notHex.stderr.contains("not hex text"))
}

@Test(.enabled(if: Command.openSSL != nil, "openssl is not on PATH: the live OpenSSL check is skipped (message.sig still checks the bytes)"))
func opensslVerifiesWhatSignDataWritesForDataOfManySizes() throws {
    let openssl = try #require(Command.openSSL)
    let scratch = try Command.scratch()
    for size in [0, 1, 55, 64, 1000, 1 << 20] {
        let data = scratch.appendingPathComponent("data-\(size)")
        try Data((0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ size) }).write(to: data)
        let signature = scratch.appendingPathComponent("sig-\(size)")
        let signed = try Command.run(["sign-data", data.path, "--out", signature.path], environment: demoEnv)
        #expect(signed.status == 0, "\(signed.stderr)")
        let (status, text) = try runOpenSSL(
            openssl, ["dgst", "-sha256", "-verify", publicKeyPath, "-signature", signature.path, data.path])
        #expect(status == 0 && text.contains("Verified OK"), "size \(size): \(text)")
    }
}

@Test func nothingAUserFeedsInCrashesTheCommand() throws {
    // Odd arguments, tokens, keys and variables: each run must end by exiting 0, 1 or 2.
    let junkTokens = [
        "", ".", "..", "...", "a.b.c", "e30.e30.e30", "\u{0}", "é.é.é", String(repeating: ".", count: 10_000),
        "eyJhbGciOiJSUzI1NiJ9." + String(repeating: "W", count: 100_000) + ".AA",
    ]
    var runs: [([String], [String: String], [UInt8])] = []
    for token in junkTokens where !token.contains("\0") {
        runs.append((["verify", token, "--key", publicKeyPath], [:], []))
        runs.append((["decode", token], [:], []))
    }
    runs.append((["verify", "--key", publicKeyPath], [:], [0xFF, 0xFE, 0x00]))
    runs.append((["decode"], [:], Array(repeating: 0x41, count: 2 << 20)))
    for value in [
        "-----BEGIN PRIVATE KEY-----", "-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----", "====", "\\n\\n",
        "{", "{\"kty\":\"RSA\"}",
        "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"AQAB\",\"p\":\"AQAB\",\"q\":\"AQAB\",\"dp\":\"AQAB\",\"dq\":\"AQAB\",\"qi\":\"AQAB\"}",
        "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Quz", "ssh-rsa AAAA", String(repeating: "A", count: 100_000),
    ] {
        runs.append((["token", "--tenant", "t"], ["HOTGLUE_SIGNING_KEY": value], []))
        runs.append((["verify", plain.token], ["HOTGLUE_SIGNING_KEY": value], []))
        runs.append((["pubkey"], ["HOTGLUE_SIGNING_KEY": value], []))
    }
    runs.append((["token", "--tenant", String(repeating: "x", count: 100_000)], demoEnv, []))
    runs.append((["token", "--tenant", "t", "--claim", "x=" + String(repeating: "[", count: 100_000)], demoEnv, []))
    runs.append((["token", "--tenant", "t", "--iat", "99999999999999999999999"], demoEnv, []))
    runs.append((["verify", plain.token, "--leeway", "99999999999", "--key", publicKeyPath], [:], []))
    runs.append((["verify", plain.token, "--now", "9223372036854775807", "--leeway", "4294967295", "--key", publicKeyPath], [:], []))
    runs.append((["sign-data", "/nonexistent"], demoEnv, []))
    runs.append((["verify-data", "--signature", "/dev/null", "--key", publicKeyPath], [:], []))
    for (arguments, env, stdin) in runs {
        let result = try Command.run(arguments, environment: env, stdin: stdin)
        #expect(
            result.exitedNormally && [0, 1, 2].contains(result.status),
            "\(arguments.map { $0.prefix(40) }) \(env.mapValues { $0.prefix(40) }): status \(result.status) \(result.stderr.prefix(300))")
        if result.status != 0 {
            #expect(result.stderrLines.count <= 2, "\(arguments.map { $0.prefix(40) }): \(result.stderr.prefix(300))")
        }
    }
}
