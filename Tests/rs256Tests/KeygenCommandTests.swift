// `rs256 keygen`, run as a user runs it: files and their modes, formats, --env, refusals, and
// OpenSSL's opinion of the keys (when openssl is on PATH).
import Foundation
import Testing

@Suite struct KeygenCommandTests {
    @Test func writesAPrivateKeyWithMode0600AndAPublicKeyThatVerifiesItsTokens() throws {
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyPath = dir.appendingPathComponent("key.pem").path
        let publicPath = dir.appendingPathComponent("public.pem").path
        let result = try Command.run(["keygen", "--out", keyPath, "--public-out", publicPath])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        let mode = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try String(contentsOfFile: keyPath, encoding: .utf8).hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(try String(contentsOfFile: publicPath, encoding: .utf8).hasPrefix("-----BEGIN PUBLIC KEY-----\n"))

        let token = try Command.run(["token", "--tenant", "t1", "--key", keyPath])
        #expect(token.status == 0, "\(token.stderr)")
        let verified = try Command.run(["verify", "--key", publicPath, token.out.trimmingCharacters(in: .whitespacesAndNewlines)])
        #expect(verified.status == 0, "\(verified.stderr)")

        guard let openssl = Command.openSSL else {
            print("note: openssl is not on PATH, so `openssl pkey -check` of the keygen output was not run")
            return
        }
        let check = try runOpenSSL(openssl, ["pkey", "-in", keyPath, "-check", "-noout"])
        #expect(check.status == 0 && check.output.contains("Key is valid"), "\(check.output)")
        let text = try runOpenSSL(openssl, ["pkey", "-in", keyPath, "-text", "-noout"])
        #expect(text.output.contains("(2048 bit"), "\(text.output.prefix(80))")
        let publicFromPrivate = try runOpenSSL(openssl, ["pkey", "-in", keyPath, "-pubout"])
        #expect(publicFromPrivate.output == (try String(contentsOfFile: publicPath, encoding: .utf8)))
        // OpenSSL verifies a data signature made by the new key.
        let message = dir.appendingPathComponent("message")
        try Data("keygen".utf8).write(to: message)
        let signature = try Command.run(["sign-data", "--key", keyPath, message.path])
        #expect(signature.status == 0, "\(signature.stderr)")
        let signatureFile = dir.appendingPathComponent("message.sig")
        try Data(signature.stdout).write(to: signatureFile)
        let verify = try runOpenSSL(openssl, ["dgst", "-sha256", "-verify", publicPath, "-signature", signatureFile.path, message.path])
        #expect(verify.status == 0 && verify.output.contains("Verified OK"), "\(verify.output)")
    }

    @Test func envPrintsOneLineOfBase64OfThePEMThatTheTokenCommandAccepts() throws {
        let result = try Command.run(["keygen", "--env", "--bits", "1024", "--allow-weak-key"])
        #expect(result.status == 0, "\(result.stderr)")
        let line = result.out
        #expect(line.hasSuffix("\n") && line.dropLast().allSatisfy { !$0.isNewline && $0 != " " })
        let pem = Data(base64Encoded: String(line.dropLast())).map { String(decoding: $0, as: UTF8.self) }
        #expect(pem?.hasPrefix("-----BEGIN PRIVATE KEY-----\n") == true)
        let token = try Command.run(
            ["token", "--tenant", "t1", "--allow-weak-key"],
            environment: ["HOTGLUE_SIGNING_KEY": String(line.dropLast())])
        #expect(token.status == 0, "\(token.stderr)")
    }

    @Test func pkcs1AndJWKFormatsLoadBack() throws {
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (format, prefix, publicPrefix) in [
            ("pkcs1", "-----BEGIN RSA PRIVATE KEY-----\n", "-----BEGIN RSA PUBLIC KEY-----\n"),
            ("jwk", "{\"kty\":\"RSA\",\"n\":", "{\"kty\":\"RSA\",\"n\":"),
        ] {
            let publicPath = dir.appendingPathComponent("public.\(format)").path
            let result = try Command.run([
                "keygen", "--format", format, "--bits", "1024", "--allow-weak-key",
                "--public-out", publicPath,
            ])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.out.hasPrefix(prefix), "\(result.out.prefix(60))")
            #expect(try String(contentsOfFile: publicPath, encoding: .utf8).hasPrefix(publicPrefix))
            let keyPath = dir.appendingPathComponent("key.\(format)")
            try Data(result.stdout).write(to: keyPath)
            let token = try Command.run(["token", "--tenant", "t", "--allow-weak-key", "--key", keyPath.path])
            #expect(token.status == 0, "\(format): \(token.stderr)")
            let verified = try Command.run([
                "verify", "--allow-weak-key", "--key", publicPath,
                token.out.trimmingCharacters(in: .whitespacesAndNewlines),
            ])
            #expect(verified.status == 0, "\(format): \(verified.stderr)")
            if format == "jwk" {
                for member in ["\"d\":", "\"p\":", "\"q\":", "\"dp\":", "\"dq\":", "\"qi\":"] {
                    #expect(result.out.contains(member))
                }
            }
        }
    }

    @Test(arguments: [
        (["keygen", "--bits", "1024"], "--allow-weak-key"),
        (["keygen", "--bits", "2047"], "multiple of 8"),
        (["keygen", "--bits", "16392"], "multiple of 8"),
        (["keygen", "--bits", "many"], "number of bits"),
        (["keygen", "--format", "der"], "pkcs8, pkcs1 or jwk"),
        (["keygen", "--format", "jwk", "--env"], "not jwk"),
        (["keygen", "--out", "same", "--public-out", "same"], "different files"),
    ])
    func refusesBadOptionsWithStatus2(arguments: [String], phrase: String) throws {
        let result = try Command.run(arguments)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(phrase), "\(result.stderr)")
    }

    @Test func neverOverwritesAnExistingFile() throws {
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyPath = dir.appendingPathComponent("key.pem")
        try Data("precious".utf8).write(to: keyPath)
        let result = try Command.run(["keygen", "--out", keyPath.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("already exists"))
        #expect(try String(contentsOf: keyPath, encoding: .utf8) == "precious")
    }

    @Test func noProgressLineWhenStderrIsNotATerminal() throws {
        // A 4096-bit key takes seconds in a debug build; stderr here is a pipe, so nothing is shown.
        let result = try Command.run(["keygen", "--bits", "4096"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.out.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
    }

    @Test func aProgressLineOnATerminalWhenItTakesOverASecond() throws {
        // `script` gives the command a pseudo-terminal (util-linux; skipped with a note without it).
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path) else {
            print("note: /usr/bin/script is missing, so the terminal progress line was not checked")
            return
        }
        let dir = try Command.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let keyPath = dir.appendingPathComponent("key.pem").path
        let command = "'\(Command.binary.path)' keygen --bits 4096 --out '\(keyPath)'"
        let start = Date()
        let (status, output) = try runProcess(script, ["-qec", command, "/dev/null"])
        let seconds = Date().timeIntervalSince(start)
        #expect(status == 0, "\(output)")
        #expect(FileManager.default.fileExists(atPath: keyPath))
        if seconds > 1.5 {
            #expect(output.contains("generating a 4096-bit RSA key"), "took \(seconds) s: \(output)")
        } else if seconds < 0.9 {
            #expect(!output.contains("generating"), "took \(seconds) s: \(output)")
        }
        // The line is cleared at the end, and the key itself never goes to the terminal.
        #expect(!output.contains("PRIVATE KEY"))
    }
}

/// Runs openssl with `arguments`; returns its exit status and combined output.
func runOpenSSL(_ openssl: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    try runProcess(openssl, arguments)
}

/// Runs `executable` with `arguments`; returns its exit status and combined output.
func runProcess(_ executable: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
