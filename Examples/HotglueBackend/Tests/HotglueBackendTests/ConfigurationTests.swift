import Foundation
import HotglueBackend
import PureJWT
import Testing

// Start-up: the key is read once from HOTGLUE_SIGNING_KEY (base64 of a PEM as hotglue stores it,
// or a raw PEM); anything missing or unusable is one sentence, and the program exits with status 2.

@Suite struct ConfigurationTests {
    @Test func theBase64OfAPEMAndTheRawPEMGiveTheSameKey() throws {
        let fromBase64 = try BackendConfiguration.fromEnvironment(Support.environment())
        let fromPEM = try BackendConfiguration.fromEnvironment(Support.environment(["HOTGLUE_SIGNING_KEY": Support.demoPEM]))
        let expected = try Support.run("openssl", ["pkey", "-in", Support.demoKeyPath, "-pubout", "-outform", "DER"])
        #expect(expected.status == 0)
        #expect(fromBase64.publicKey.derRepresentation == expected.stdout)
        #expect(fromPEM.publicKey.derRepresentation == expected.stdout)
        // A PEM pasted into a .env file whose line breaks became the two characters \n.
        let escaped = Support.demoPEM.replacingOccurrences(of: "\n", with: "\\n")
        #expect(!escaped.contains("\n"))
        let fromEscaped = try BackendConfiguration.fromEnvironment(Support.environment(["HOTGLUE_SIGNING_KEY": escaped]))
        #expect(fromEscaped.publicKey.derRepresentation == expected.stdout)
        #expect(fromBase64.environmentID == "dev.hotglue.example.com" && fromBase64.flowID == "flow-1")
        #expect(fromBase64.demoSessions == ["alice-session": "tenant-alice", "bob-session": "tenant-bob"])
        #expect(fromBase64.tokenLifetime == 3600 && fromBase64.port == 8080 && fromBase64.host == "127.0.0.1")
    }

    @Test func theDefaultKidIsTheRFC7638Thumbprint() throws {
        let configuration = try BackendConfiguration.fromEnvironment(Support.environment())
        // Python: the thumbprint from the modulus openssl prints, SHA-256 by hashlib.
        let script = """
            import base64, hashlib, subprocess, sys
            out = subprocess.run(["openssl", "rsa", "-in", sys.argv[1], "-noout", "-modulus"], check=True, capture_output=True, text=True).stdout
            n = bytes.fromhex(out.strip().split("=", 1)[1])
            b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
            canonical = '{"e":"%s","kty":"RSA","n":"%s"}' % (b64((65537).to_bytes(3, "big")), b64(n))
            print(b64(hashlib.sha256(canonical.encode()).digest()))
            """
        let python = try Support.run("python3", ["-c", script, Support.demoKeyPath])
        #expect(python.status == 0, "\(python.stderr)")
        #expect(configuration.keyID + "\n" == String(decoding: python.stdout, as: UTF8.self))
        let named = try BackendConfiguration.fromEnvironment(Support.environment(["HOTGLUE_KEY_ID": "2024-01"]))
        #expect(named.keyID == "2024-01")
    }

    static let refusals: [([String: String?], String)] = [
        (
            ["HOTGLUE_SIGNING_KEY": nil],
            "HOTGLUE_SIGNING_KEY is not set: it must hold the base64 of your hotglue private key's PEM (base64 -w0 key.pem)."
        ),
        (
            ["HOTGLUE_SIGNING_KEY": ""],
            "HOTGLUE_SIGNING_KEY is not set: it must hold the base64 of your hotglue private key's PEM (base64 -w0 key.pem)."
        ),
        (["HOTGLUE_ENV_ID": nil], "HOTGLUE_ENV_ID is not set: it must hold your hotglue environment id."),
        (["DEMO_SESSIONS": "no-equals-sign"], "DEMO_SESSIONS is not usable: each entry must be session-token=tenant-id, separated by commas."),
        (["HOTGLUE_TOKEN_TTL": "0"], "HOTGLUE_TOKEN_TTL is not usable: it must be a whole number of seconds from 1 to 86400."),
        (["PORT": "http"], "PORT is not usable: it must be a port number from 0 to 65535."),
    ]

    @Test(arguments: refusals)
    func aMissingOrUnusableSettingIsOneSentence(overrides: [String: String?], message: String) throws {
        #expect(throws: ConfigurationError.self) { try BackendConfiguration.fromEnvironment(Support.environment(overrides)) }
        do {
            _ = try BackendConfiguration.fromEnvironment(Support.environment(overrides))
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func aPublicKeyOrGarbageIsRefusedWithTheLibrarysReason() throws {
        let publicPEM = try String(contentsOfFile: Support.demoPublicKeyPath, encoding: .utf8)
        for text in [publicPEM, "not a key \u{1B}[31m", Data("hello".utf8).base64EncodedString()] {
            do {
                _ = try BackendConfiguration.fromEnvironment(Support.environment(["HOTGLUE_SIGNING_KEY": text]))
                Issue.record("accepted \(text.debugDescription) as a signing key")
            } catch {
                #expect(error.description.hasPrefix("HOTGLUE_SIGNING_KEY is not usable: "))
                // One line, and no raw control character from the input.
                #expect(!error.description.contains("\n") && !error.description.contains("\u{1B}"))
            }
        }
    }

    @Test func theProgramExitsWithStatus2AndOneLineWhenTheKeyIsMissingOrBad() throws {
        let binary = try Support.backendBinary().path
        var environment = Support.environment(["HOTGLUE_SIGNING_KEY": nil])
        environment["SWIFT_BACKTRACE"] = "enable=no"
        let missing = try Support.run(binary, [], environment: environment)
        #expect(missing.status == 2)
        #expect(
            missing.stderr
                == "hotglue-backend: HOTGLUE_SIGNING_KEY is not set: it must hold the base64 of your hotglue private key's PEM (base64 -w0 key.pem).\n"
        )
        environment["HOTGLUE_SIGNING_KEY"] = "bm90IGEga2V5"
        let bad = try Support.run(binary, [], environment: environment)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("hotglue-backend: HOTGLUE_SIGNING_KEY is not usable: "))
        #expect(bad.stderr.filter { $0 == "\n" }.count == 1)
    }
}
