import Foundation
@_spi(Internals) import PureDER
@_spi(Internals) import PureRSA
import PureJWT
import Testing

// What a hostile token and a careless user get from the command (issue 14). Oracles: Node
// (`node -e 'JSON.stringify(JSON.parse(…))'`, v20, quoted where used), openssl for signatures,
// the OpenSSL-made keys of Vectors/cli and Vectors/keys, and the exit-status table of the README.

/// A token over exactly these texts, signed with the demo key by openssl (whatever `alg` says).
func opensslToken(_ header: String, _ payload: String) throws -> String? {
    guard let openssl = Command.openSSL else { return nil }
    let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
    let scratch = try Command.scratch()
    let inputFile = scratch.appendingPathComponent("input")
    try Data(input.utf8).write(to: inputFile)
    let process = Process()
    process.executableURL = openssl
    process.arguments = ["dgst", "-sha256", "-sign", Command.file(Command.demoKey).path, inputFile.path]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let signature = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return input + "." + Base64URL.encode([UInt8](signature))
}

/// No byte of `text` is a control character (C0, DEL, C1 as UTF-8) and it ends in one newline.
func isOneCleanLine(_ text: String) -> Bool {
    let scalars = Array(text.unicodeScalars)
    guard scalars.last == "\n" else { return false }
    return !scalars.dropLast().contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 }
}

// MARK: 1. Terminal and log injection

@Test func tokenTextThatWouldForgeALineIsEscapedOnStderr() throws {
    guard Command.openSSL != nil else { Issue.record("openssl is needed as the signer of the hostile tokens"); return }
    let forged = #"\u001b[31mRED\u001b[0m\r\nrs256 verify: token OK"#
    let hostile: [(String, String, [String])] = [
        (#"{"alg":"\#(forged)"}"#, #"{"sub":"t"}"#, []),
        (#"{"alg":"RS256","crit":["\#(forged)"],"\#(forged)":1}"#, #"{"sub":"t"}"#, []),
        (#"{"alg":"RS256","a\u0085":1,"a\u0085":2}"#, #"{"sub":"t"}"#, []),
        (#"{"alg":"RS256"}"#, #"{"sub":"t","iss":"\#(forged)"}"#, ["--issuer", "me"]),
        (#"{"alg":"RS256"}"#, #"{"sub":"\#(forged)\u009b"}"#, ["--subject", "t"]),
        (#"{"alg":"RS256"}"#, #"{"sub":"t","aud":["\#(forged)"]}"#, ["--audience", "me"]),
    ]
    for (header, payload, options) in hostile {
        let token = try #require(try opensslToken(header, payload))
        let result = try Command.run(["verify", token, "--key", publicKeyPath, "--now", "1700000000"] + options)
        #expect(result.status == 1, "\(header) \(payload): \(result.stderr)")
        #expect(isOneCleanLine(result.stderr), "\(result.stderr.debugDescription)")
        #expect(!result.stderr.contains("\u{1B}"))
    }
    // A kid looked up in a key set, and a file name, are escaped too.
    let kidToken = try #require(try opensslToken(#"{"alg":"RS256","kid":"\#(forged)"}"#, #"{"sub":"t"}"#))
    let set = try Command.scratch().appendingPathComponent("a\nb\u{1B}.json")
    try
        #"{"keys":[\#(try Command.text("Vectors/cli/demo-rsa-2048.pub.jwk").trimmingCharacters(in: .whitespacesAndNewlines)),{"kty":"RSA","kid":"x","n":"AQAB","e":"AQAB"}]}"#
        .write(to: set, atomically: true, encoding: .utf8)
    let kid = try Command.run(["verify", kidToken, "--key", set.path, "--now", "1700000000"])
    #expect(isOneCleanLine(kid.stderr), "\(kid.stderr.debugDescription)")
    #expect(kid.stderr.contains(#"a\nb\u001b.json"#) && kid.stderr.contains(#"\u001b[31mRED"#), "\(kid.stderr)")
}

// MARK: 2. key_ops

@Test func aJWKWhoseKeyOpsForbidVerifyingIsRefused() throws {
    let node = try Command.text("Vectors/cli/demo-rsa-2048.pub.jwk").trimmingCharacters(in: .whitespacesAndNewlines)
    let scratch = try Command.scratch()
    for (keyOps, status, fragment) in [
        (#"["encrypt"]"#, 2, "does not list \"verify\""), (#"["sign"]"#, 2, "does not list"),
        ("[]", 2, "does not list"), (#""verify""#, 2, "not an array of distinct strings"),
        (#"["verify"]"#, 0, ""),
    ] {
        let file = scratch.appendingPathComponent("key.jwk")
        try node.replacingOccurrences(of: #"{"kty""#, with: #"{"key_ops":\#(keyOps),"kty""#).write(to: file, atomically: true, encoding: .utf8)
        let result = try Command.run(["verify", plain.token, "--key", file.path, "--now", "1700000000"])
        #expect(result.status == Int32(status), "\(keyOps): \(result.stderr)")
        #expect(fragment.isEmpty ? result.stderr.isEmpty : result.stderr.contains(fragment), "\(keyOps): \(result.stderr)")
    }
    let privateJWK = try Command.text("Vectors/cli/demo-rsa-2048.jwk").trimmingCharacters(in: .whitespacesAndNewlines)
    let file = scratch.appendingPathComponent("private.jwk")
    try privateJWK.replacingOccurrences(of: #"{"kty""#, with: #"{"key_ops":["verify"],"kty""#).write(to: file, atomically: true, encoding: .utf8)
    let sign = try Command.run(["token", "--tenant", "t", "--key", file.path])
    #expect(sign.status == 2 && sign.stderr.contains("does not list \"sign\""), "\(sign.stderr)")
}

// MARK: 3. Wrongly typed registered claims

@Test(arguments: [
    ("exp=soon", "\"exp\" claim must be a NumericDate"), ("iat=true", "\"iat\" claim must be a NumericDate"),
    (#"nbf="x""#, "\"nbf\" claim must be a NumericDate"), ("sub=5", "\"sub\" claim must be a string"),
    ("aud=5", "\"aud\" claim must be a string or an array of strings"), ("exp=1.5", "whole number of seconds"),
    ("iss=null", "\"iss\" claim must be a string"),
])
func wronglyTypedRegisteredClaimsAreRefusedAtMintTime(_ claim: String, _ fragment: String) throws {
    let result = try Command.run(["token", "--tenant", "t", "--claim", claim], environment: demoEnv)
    #expect(result.status == 2 && result.out.isEmpty, "\(claim): \(result.stderr)")
    #expect(result.stderr.contains(fragment) && result.stderrLines.count == 1, "\(claim): \(result.stderr)")
}

// MARK: 4. --claim values JavaScript would read differently

@Test(arguments: [
    ("c=9007199254740993", "beyond what JavaScript holds exactly"), ("c=-9007199254740993", "beyond what JavaScript holds exactly"),
    ("c=12345678901234567890123", "beyond what JavaScript holds exactly"), ("c=1152921504606846977", "beyond what"),
    ("c=[1,{\"d\":9007199254740995}]", "as a string"),
    ("c=1e400", "Infinity"), ("c=-1e400", "Infinity"), (#"c="\ud800""#, "surrogate"), (#"c="\udc00x""#, "surrogate"),
    (#"c={"a":1,"a":2}"#, "the member \"a\" twice"),
])
func claimValuesJavaScriptWouldChangeAreRefusedWithAReason(_ claim: String, _ fragment: String) throws {
    let result = try Command.run(["token", "--tenant", "t", "--claim", claim], environment: demoEnv)
    #expect(result.status == 2 && result.out.isEmpty, "\(claim): \(result.stderr)")
    #expect(result.stderr.contains(fragment) && result.stderrLines.count == 1, "\(claim): \(result.stderr)")
}

@Test func claimValuesJavaScriptReadsAlikeAreSignedAsNodeWritesThem() throws {
    // node -e 'for (const t of process.argv.slice(1)) console.log(JSON.stringify(JSON.parse(t)))' \
    //   9007199254740992 100000000000000000000 1152921504606846976 1e2 -0 '"1e400"'  (Node 20.20.2)
    let cases = [
        ("9007199254740992", "9007199254740992"), ("100000000000000000000", "100000000000000000000"),
        ("1152921504606846976", "1152921504606847000"), ("1152921504606847000", "1152921504606847000"),
        ("123456789012345680000", "123456789012345680000"), ("1e2", "100"), ("-0", "0"), (#""1e400""#, #""1e400""#),
        ("soon", #""soon""#),
    ]
    for (value, node) in cases {
        let result = try Command.run(["token", "--tenant", "t", "--iat", "1700000000", "--claim", "c=" + value], environment: demoEnv)
        #expect(result.status == 0, "\(value): \(result.stderr)")
        let parts = result.out.split(separator: ".")
        try #require(parts.count == 3, "\(value): \(result.stderr)")
        let payload = try Base64URL.decode(String(parts[1]))
        #expect(String(decoding: payload, as: UTF8.self) == #"{"sub":"t","iat":1700000000,"exp":1700003600,"c":\#(node)}"#, "\(value)")
    }
}

// MARK: 5. Limits and exit codes

@Test func limitsAgreeAndTheTokensFaultsExitOne() throws {
    // A payload over 64 KiB in a token under the token limit verifies (signed by openssl).
    guard Command.openSSL != nil else { Issue.record("openssl is needed as the signer of the large token"); return }
    let filler = String(repeating: "x", count: 120_000)
    let token = try #require(try opensslToken(#"{"alg":"RS256","typ":"JWT"}"#, #"{"sub":"t","pad":"\#(filler)"}"#))
    #expect(token.utf8.count < JWT.maxTokenBytes)
    // (On standard input: one argument may not be this long.)
    let verified = try Command.run(["verify", "--key", publicKeyPath], stdin: Array(token.utf8))
    #expect(verified.status == 0 && verified.stdout.count > 120_000, "\(verified.stderr)")
    #expect(try Command.run(["decode", "--json"], stdin: Array(token.utf8)).status == 0)
    // Too long, whatever the size: exit 1 (the token's fault).
    for size in [JWT.maxTokenBytes + 1, 1 << 20, 3 << 20] {
        let result = try Command.run(["verify", "--key", publicKeyPath], stdin: Array(repeating: UInt8(ascii: "a"), count: size))
        #expect(result.status == 1 && result.stderr.contains("limit"), "\(size): \(result.stderr)")
    }
    // A JWK Set over 64 KiB (within the key limit) is read.
    let node = try Command.text("Vectors/cli/demo-rsa-2048.pub.jwk").trimmingCharacters(in: .whitespacesAndNewlines)
    let set = try Command.scratch().appendingPathComponent("jwks.json")
    try #"{"keys":[\#(node)],"note":"\#(String(repeating: "n", count: 300_000))"}"#.write(to: set, atomically: true, encoding: .utf8)
    #expect(try Command.run(["verify", plain.token, "--key", set.path, "--now", "1700000000"]).status == 0)
    // A kid the set does not have is the token's fault: exit 1, and the message says so.
    let kid = try #require(NodeToken.all.first { $0.name == "kid header" })
    try #"{"keys":[\#(node.replacingOccurrences(of: #"{"kty""#, with: #"{"kid":"other","kty""#))]}"#
        .write(to: set, atomically: true, encoding: .utf8)
    let unknown = try Command.run(["verify", kid.token, "--key", set.path, "--now", "1700000000"])
    #expect(unknown.status == 1 && unknown.stderr.contains("token rejected: its header names \"kid\""), "\(unknown.stderr)")
}

// MARK: 7. Key validation and size policy in every subcommand

@Test func everySubcommandThatLoadsAPrivateKeyValidatesItAsTokenDoes() throws {
    var components = try RSAPrivateKey(loading: Command.text(Command.demoKey)).privateComponents
    components.privateExponent[components.privateExponent.count - 1] ^= 0x02  // n, e still parse
    let scratch = try Command.scratch()
    let corrupted = scratch.appendingPathComponent("corrupted.pem")
    try components.pkcs1PEM.write(to: corrupted, atomically: true, encoding: .utf8)
    let data = scratch.appendingPathComponent("data")
    try Data("data".utf8).write(to: data)
    let signature = Command.file("Vectors/cli/message.sig").path
    for key in [corrupted.path, Command.file("Vectors/cli/rsa-512.pem").path, Command.file("Vectors/cli/rsa-1024.pem").path] {
        let token = try Command.run(["token", "--tenant", "t", "--key", key])
        #expect(token.status == 2, "\(key): \(token.stderr)")
        let sentence = token.stderr
        for arguments in [["pubkey"], ["verify", plain.token], ["verify-data", "--signature", signature, data.path]] {
            let result = try Command.run(arguments + ["--key", key])
            #expect(result.status == 2 && result.out.isEmpty, "\(arguments[0]) \(key): \(result.stderr)")
            // The same sentence, only the subcommand's name differs.
            #expect(
                result.stderr.replacingOccurrences(of: "rs256 \(arguments[0]):", with: "rs256 token:") == sentence,
                "\(arguments[0]) \(key): \(result.stderr) vs \(sentence)")
        }
    }
    // --allow-weak-key opens 1024 bits to pubkey too, and the public half printed is openssl's.
    let weak = try Command.run(["pubkey", "--key", Command.file("Vectors/cli/rsa-1024.pem").path, "--allow-weak-key"])
    #expect(weak.status == 0 && weak.out.hasPrefix("-----BEGIN PUBLIC KEY-----"), "\(weak.stderr)")
}

// MARK: 8. Small things

@Test func smallMistakesGetTheRightRefusal() throws {
    let emptyTenant = try Command.run(["token", "--tenant", ""], environment: demoEnv)
    #expect(emptyTenant.status == 2 && emptyTenant.stderr.contains("--tenant is empty"), "\(emptyTenant.stderr)")
    let emptyRequire = try Command.run(["verify", plain.token, "--require", "", "--key", publicKeyPath])
    #expect(emptyRequire.status == 2 && emptyRequire.stderr.contains("--require needs a claim name"), "\(emptyRequire.stderr)")
    let ttl = try Command.run(["token", "--tenant", "t", "--ttl", "99999999999999999999"], environment: demoEnv)
    #expect(
        ttl.status == 2 && ttl.stderr.contains("--ttl must be between 1 and 9007199254740991, not 99999999999999999999"),
        "\(ttl.stderr)")
    let word = try Command.run(["token", "--tenant", "t", "--ttl", "soon"], environment: demoEnv)
    #expect(word.status == 2 && word.stderr.contains("needs a whole number"), "\(word.stderr)")
    // The base64 of an ssh-rsa line gets the OpenSSH sentence.
    let ssh = try Command.run(
        ["token", "--tenant", "t"],
        environment: [
            "HOTGLUE_SIGNING_KEY": Data("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host\n".utf8).base64EncodedString()
        ])
    #expect(ssh.status == 2 && ssh.stderr.contains("this is an OpenSSH key; convert it with: ssh-keygen"), "\(ssh.stderr)")
}

@Test func everyNumericDateFromZeroTo2p53MinusOneMints() throws {
    for (iat, ttl) in [("0", "1"), ("0", "3600"), ("1", "1"), ("9007199254740990", "1")] {
        let result = try Command.run(["token", "--tenant", "t", "--iat", iat, "--ttl", ttl], environment: demoEnv)
        #expect(result.status == 0, "\(iat): \(result.stderr)")
        let parts = result.out.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".")
        try #require(parts.count == 3, "\(iat): \(result.stderr)")
        let exp = String(UInt64(iat)! + UInt64(ttl)!)
        #expect(
            String(decoding: try Base64URL.decode(String(parts[1])), as: UTF8.self)
                == #"{"sub":"t","iat":\#(iat),"exp":\#(exp)}"#)
        let verified = try Command.run(["verify", "--now", iat, "--key", publicKeyPath], stdin: Array(result.out.utf8))
        #expect(verified.status == 0, "\(verified.stderr)")
    }
    let beyond = try Command.run(["token", "--tenant", "t", "--iat", "9007199254740991", "--ttl", "1"], environment: demoEnv)
    #expect(beyond.status == 2 && beyond.stderr.contains("2^53"), "\(beyond.stderr)")
}

@Test func anOutputErrorNamesTheSubcommand() throws {
    guard let full = FileHandle(forWritingAtPath: "/dev/full") else { Issue.record("no /dev/full here"); return }
    let process = Process()
    process.executableURL = Command.binary
    process.arguments = ["pubkey", "--key", publicKeyPath]
    process.environment = ["PATH": "/usr/bin:/bin"]
    process.standardOutput = full
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 2 && stderr.hasPrefix("rs256 pubkey: cannot write to standard output"), "\(stderr)")
}

// MARK: 6. NumericDate

@Test func fractionalAndHugeTimesVerifyAsPyJWTAndNodeReadThem() throws {
    guard Command.openSSL != nil else { Issue.record("openssl is needed as the signer of the tokens"); return }
    let cases: [(String, String, Int32)] = [
        (#"{"sub":"t","exp":1700000000.5}"#, "1700000000", 0), (#"{"sub":"t","exp":1700000000.5}"#, "1700000001", 1),
        (#"{"sub":"t","nbf":1700000000.5}"#, "1700000000", 1), (#"{"sub":"t","nbf":1700000000.5}"#, "1700000001", 0),
        (#"{"sub":"t","exp":1e300,"iat":1.7e9}"#, "9223372036854775807", 0), (#"{"sub":"t","exp":-1e300}"#, "0", 1),
    ]
    for (payload, now, status) in cases {
        let token = try #require(try opensslToken(#"{"alg":"RS256","typ":"JWT"}"#, payload))
        let result = try Command.run(["verify", token, "--key", publicKeyPath, "--now", now])
        #expect(result.status == status, "\(payload) at \(now): \(result.stderr)")
        if status == 0 { #expect(result.out == payload + "\n") }
    }
}
