// RSASSA-PSS (PS256, PS384, PS512) at the key level. Oracles: NIST CAVP SigGenPSS/SigVerPSS
// (Vectors/rsa-pss), Project Wycheproof's PSS files with exactly JWA's parameters, signatures
// OpenSSL made (Vectors/rsa-diff/cases-pss.txt, generate-pss.sh) and OpenSSL verifying ours.
import Foundation
import PureSHA2
import Testing
@testable import PureRSA

@Suite struct PSSTests {
    /// Verification with an explicit salt length through the internal entry point, for
    /// `sha` as NIST and Wycheproof name it; `nil` for hashes this library does not offer.
    static func verify(_ key: RSAPublicKey, _ signature: [UInt8], _ message: [UInt8], sha: String, saltLength: Int) -> Bool? {
        let signature = RSASignature(rawRepresentation: signature)
        switch sha {
        case "SHA256", "SHA-256": return key.isValidPSSSignature(signature, forDigest: SHA256.hash(data: message), saltLength: saltLength)
        case "SHA384", "SHA-384": return key.isValidPSSSignature(signature, forDigest: SHA384.hash(data: message), saltLength: saltLength)
        case "SHA512", "SHA-512": return key.isValidPSSSignature(signature, forDigest: SHA512.hash(data: message), saltLength: saltLength)
        default: return nil
        }
    }

    /// The public `padding: .PSS` verification (salt = digest length).
    static func verifyPublic(_ key: RSAPublicKey, _ signature: [UInt8], _ message: [UInt8], sha: String) -> Bool {
        let signature = RSASignature(rawRepresentation: signature)
        switch sha {
        case "SHA-384", "sha384": return key.isValidSignature(signature, for: SHA384.hash(data: message), padding: .PSS)
        case "SHA-512", "sha512": return key.isValidSignature(signature, for: SHA512.hash(data: message), padding: .PSS)
        default: return key.isValidSignature(signature, for: SHA256.hash(data: message), padding: .PSS)
        }
    }

    /// SigGenPSS was made with an empty salt, so its signatures are deterministic. The file
    /// gives n and e but not d, so they cannot be re-made here: each SHA-256/384/512 signature
    /// must verify with salt length 0, and fail with any other salt length (strictness).
    @Test func nistSigGenSignaturesVerifyWithAnEmptySalt() throws {
        let records = parseNIST(try vectorText("rsa-pss/SigGenPSS_186-3.rsp"), recordStartKey: "SHAAlg")
        #expect(records.count == 250)
        var checked = 0
        for record in records {
            let key = try RSAPublicKey(
                modulus: try hexBytes(try record.require("n")),
                publicExponent: try hexBytes(try record.require("e")), policy: .allowingLegacySizes)
            let message = try hexBytes(try record.require("Msg"))
            let signature = leftPadded(try hexBytes(try record.require("S")), to: (key.keySizeInBits + 7) / 8)
            let sha = try record.require("SHAAlg")
            guard let verdict = Self.verify(key, signature, message, sha: sha, saltLength: 0) else { continue }
            #expect(verdict, "mod \(record["mod"] ?? "?"), \(sha): a NIST signature was refused")
            #expect(Self.verify(key, signature, message, sha: sha, saltLength: 10) == false)
            #expect(!Self.verifyPublic(key, signature, message, sha: sha), "an empty-salt signature passed as JWA PSS")
            checked += 1
        }
        #expect(checked == 150)
    }

    /// SigVerPSS: every P/F verdict with the 10-byte salt, and every P signature re-made byte
    /// for byte by signing with that salt (the file records d and the salt).
    @Test func nistSigVerVerdictsAndResigning() throws {
        let records = parseNIST(try vectorText("rsa-pss/SigVerPSS_186-3.rsp"), recordStartKey: "SHAAlg")
        #expect(records.count == 450)
        var keys: [String: RSAPrivateKey] = [:]
        var verdicts = 0, resigned = 0
        for record in records {
            let sha = try record.require("SHAAlg")
            guard ["SHA256", "SHA384", "SHA512"].contains(sha) else { continue }
            let n = try record.require("n"), e = try record.require("e"), d = try record.require("d")
            // Some F records change e (their d then belongs to no key): verdicts use (n, e) only.
            let publicKey = try RSAPublicKey(modulus: try hexBytes(n), publicExponent: try hexBytes(e), policy: .allowingLegacySizes)
            let message = try hexBytes(try record.require("Msg"))
            let k = (publicKey.keySizeInBits + 7) / 8
            let signature = leftPadded(try hexBytes(try record.require("S")), to: k)
            let salt = try hexBytes(try record.require("SaltVal"))
            #expect(salt.count == 10)
            let result = try record.require("Result")
            let expected = result.hasPrefix("P")
            #expect(
                Self.verify(publicKey, signature, message, sha: sha, saltLength: 10) == expected,
                "mod \(record["mod"] ?? "?"), \(sha), Result \(result)")
            verdicts += 1
            if expected {
                let cacheKey = n + e + d
                let key: RSAPrivateKey
                if let cached = keys[cacheKey] {
                    key = cached
                } else {
                    key = try RSAPrivateKey(
                        modulus: try hexBytes(n), publicExponent: try hexBytes(e),
                        privateExponent: try hexBytes(d), policy: .allowingLegacySizes)
                    keys[cacheKey] = key
                }
                let ours: RSASignature
                switch sha {
                case "SHA256": ours = try key.pssSignature(forDigest: SHA256.hash(data: message), salt: salt, fault: .none)
                case "SHA384": ours = try key.pssSignature(forDigest: SHA384.hash(data: message), salt: salt, fault: .none)
                default: ours = try key.pssSignature(forDigest: SHA512.hash(data: message), salt: salt, fault: .none)
                }
                #expect(ours.rawRepresentation == signature, "mod \(record["mod"] ?? "?"), \(sha): re-signing differs")
                resigned += 1
            }
        }
        #expect(verdicts == 270)
        #expect(resigned > 40)
    }

    /// Wycheproof's PSS files with exactly PS256's and PS384's parameters, through the public
    /// `padding: .PSS` API: every verdict. A valid PSS signature is never a PKCS#1 v1.5 one.
    @Test(arguments: [
        ("rsa_pss_2048_sha256_mgf1_32_test.json", "SHA-256", 32, 63),
        ("rsa_pss_2048_sha384_mgf1_48_test.json", "SHA-384", 48, 95),
    ])
    func wycheproofVerdicts(file: String, sha: String, saltLength: Int, validCount: Int) throws {
        let json = try vectorJSON("wycheproof/" + file)
        var counts: [String: Int] = [:]
        for group in try #require(json["testGroups"] as? [[String: Any]]) {
            #expect(group["sha"] as? String == sha && group["mgfSha"] as? String == sha && group["sLen"] as? Int == saltLength)
            let key = try RSAPublicKey(derRepresentation: hexBytes(try #require(group["publicKeyDer"] as? String)))
            for test in try #require(group["tests"] as? [[String: Any]]) {
                let tcId = try #require(test["tcId"] as? Int)
                let result = try #require(test["result"] as? String)
                let message = try hexBytes(try #require(test["msg"] as? String))
                let signature = try hexBytes(try #require(test["sig"] as? String))
                let verdict = Self.verifyPublic(key, signature, message, sha: sha)
                if result == "valid" {
                    #expect(verdict, "tcId \(tcId) is valid but was refused")
                    let asPKCS1 =
                        sha == "SHA-256"
                        ? key.isValidSignature(
                            RSASignature(rawRepresentation: signature), for: SHA256.hash(data: message), padding: .insecurePKCS1v1_5)
                        : key.isValidSignature(
                            RSASignature(rawRepresentation: signature), for: SHA384.hash(data: message), padding: .insecurePKCS1v1_5)
                    #expect(!asPKCS1, "tcId \(tcId) verified as PKCS#1 v1.5")
                    #expect(
                        Self.verify(key, signature, message, sha: sha, saltLength: saltLength - 1) == false,
                        "tcId \(tcId) verified with another salt length")
                } else {
                    #expect(!verdict, "tcId \(tcId) is \(result) (\(test["comment"] ?? "")) but verified")
                }
                counts[result, default: 0] += 1
            }
        }
        #expect(counts.values.reduce(0, +) == json["numberOfTests"] as? Int)
        #expect(counts["valid"] == validCount)
    }

    static let diffKeys = ["key-2048.pem", "key-2049.pem", "key-3072.pem", "key-4096.pem"]

    /// OpenSSL's PSS signatures (salt = digest length) are accepted, and tampering with one
    /// bit is refused; ours, fresh each time, are accepted by `openssl dgst -verify` with
    /// `rsa_pss_saltlen:digest` (strict: OpenSSL then checks the salt length too).
    @Test(arguments: diffKeys)
    func openSSLBothWays(keyFile: String) throws {
        let key = try RSAPrivateKey(pemRepresentation: try vectorText("rsa-diff/" + keyFile))
        let cases = parseNIST(try vectorText("rsa-diff/cases-pss.txt"), recordStartKey: "Key").filter { $0["Key"] == keyFile }
        #expect(cases.count == 18)
        var ours: [(hash: String, message: [UInt8], signature: [UInt8])] = []
        for record in cases {
            let hash = try record.require("Hash")
            let message = try hexBytes(try record.require("Msg"))
            var signature = try hexBytes(try record.require("Sig"))
            #expect(Self.verifyPublic(key.publicKey, signature, message, sha: hash), "\(keyFile) \(hash): OpenSSL's signature refused")
            signature[signature.count / 2] ^= 0x10
            #expect(!Self.verifyPublic(key.publicKey, signature, message, sha: hash))
            let mine: RSASignature
            switch hash {
            case "sha384": mine = try key.signature(for: SHA384.hash(data: message), padding: .PSS)
            case "sha512": mine = try key.signature(for: SHA512.hash(data: message), padding: .PSS)
            default: mine = try key.signature(for: message, padding: .PSS)
            }
            ours.append((hash, message, mine.rawRepresentation))
        }
        guard let openssl = opensslExecutable else {
            print("note: openssl is not on PATH, so OpenSSL's verification of our PSS signatures was not run")
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let publicKeyFile = directory.appendingPathComponent("public.pem")
        try Data(key.publicKey.pemRepresentation.utf8).write(to: publicKeyFile)
        for (index, item) in ours.enumerated() {
            let messageFile = directory.appendingPathComponent("msg\(index)")
            let signatureFile = directory.appendingPathComponent("sig\(index)")
            try Data(item.message).write(to: messageFile)
            try Data(item.signature).write(to: signatureFile)
            let (status, text) = try runOpenSSL(
                openssl,
                [
                    "dgst", "-" + item.hash, "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest",
                    "-verify", publicKeyFile.path, "-signature", signatureFile.path, messageFile.path,
                ])
            #expect(
                status == 0 && text.contains("Verified OK"),
                "openssl refused our \(keyFile) \(item.hash) PSS signature of a \(item.message.count)-byte message: \(text)")
        }
    }

    /// Two PSS signatures of the same digest differ (a fresh salt each time), both verify, and
    /// neither is accepted as PKCS#1 v1.5 or under another hash; the default calls stay PKCS#1 v1.5.
    @Test func saltIsFreshAndDefaultsStayPKCS1() throws {
        let key = try RSAPrivateKey(pemRepresentation: try vectorText("rsa-diff/key-2048.pem"))
        let digest = SHA256.hash(data: Array("payload".utf8))
        let first = try key.signature(for: digest, padding: .PSS)
        let second = try key.signature(for: digest, padding: .PSS)
        #expect(first != second)
        #expect(key.publicKey.isValidSignature(first, for: digest, padding: .PSS))
        #expect(key.publicKey.isValidSignature(second, for: digest, padding: .PSS))
        #expect(!key.publicKey.isValidSignature(first, for: digest))
        #expect(!key.publicKey.isValidSignature(first, for: digest, padding: .insecurePKCS1v1_5))
        let pkcs1 = try key.signature(for: digest)
        #expect(try key.signature(for: digest, padding: .insecurePKCS1v1_5) == pkcs1)
        #expect(!key.publicKey.isValidSignature(pkcs1, for: digest, padding: .PSS))
        #expect(key.publicKey.isValidSignature(pkcs1, for: digest))
    }

    /// A faulty CRT half is caught before release for PSS as for PKCS#1 v1.5 (same core).
    @Test func faultySigningIsWithheld() throws {
        let key = try RSAPrivateKey(pemRepresentation: try vectorText("rsa-diff/key-2048.pem"))
        let digest = SHA256.hash(data: Array("payload".utf8))
        let salt = [UInt8](repeating: 7, count: 32)
        for fault in [SigningFault.corruptPrimeOneHalf, .corruptPrimeTwoHalf] {
            #expect(throws: RSAError.signatureSelfCheckFailed) {
                try key.pssSignature(forDigest: digest, salt: salt, fault: fault)
            }
        }
        #expect(throws: RSAError.saltTooLong(saltBytes: 223, modulusBits: 2048)) {
            try key.pssSignature(forDigest: digest, salt: [UInt8](repeating: 1, count: 223), fault: .none)
        }
        // 222 = 256 − 32 − 2 is the longest salt a 2048-bit modulus leaves room for.
        let longest = try key.pssSignature(forDigest: digest, salt: [UInt8](repeating: 1, count: 222), fault: .none)
        #expect(key.publicKey.isValidPSSSignature(longest, forDigest: digest, saltLength: 222))
    }
}
