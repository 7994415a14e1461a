// RSASSA-PKCS1-v1_5 with SHA-384 and SHA-512 (JWA's RS384 and RS512) at the key level: Project
// Wycheproof verdicts, and signatures byte-identical to `openssl dgst -sha384/-sha512 -sign`
// (Vectors/rsa-diff/cases-sha384-sha512.txt, made by generate-sha384-sha512.sh).
import Foundation
import PureSHA2
import Testing
@testable import PureRSA

@Suite struct PKCS1SHA512FamilyTests {
    /// Verification through the digest overload for `sha` ("SHA-384" or "SHA-512").
    static func verify(_ key: RSAPublicKey, _ signature: RSASignature, _ message: [UInt8], sha: String) -> Bool {
        sha == "SHA-384"
            ? key.isValidSignature(signature, for: SHA384.hash(data: message))
            : key.isValidSignature(signature, for: SHA512.hash(data: message))
    }

    /// Every `valid` signature verifies, every `invalid` one is refused, and the one
    /// `acceptable` case (DigestInfo without the NULL, flag MissingNull) is refused too, as for
    /// SHA-256: the encoding is rebuilt and compared whole, never parsed.
    @Test(arguments: [
        ("rsa_signature_2048_sha384_test.json", "SHA-384", 7),
        ("rsa_signature_2048_sha512_test.json", "SHA-512", 8),
    ])
    func verificationMatchesEveryWycheproofVerdict(file: String, sha: String, validCount: Int) throws {
        let json = try vectorJSON("wycheproof/" + file)
        let groups = try #require(json["testGroups"] as? [[String: Any]])
        var counts: [String: Int] = [:]
        for group in groups {
            #expect(group["sha"] as? String == sha)
            let key = try RSAPublicKey(derRepresentation: hexBytes(try #require(group["publicKeyDer"] as? String)))
            for test in try #require(group["tests"] as? [[String: Any]]) {
                let tcId = try #require(test["tcId"] as? Int)
                let result = try #require(test["result"] as? String)
                let message = try hexBytes(try #require(test["msg"] as? String))
                let signature = RSASignature(rawRepresentation: try hexBytes(try #require(test["sig"] as? String)))
                let verdict = Self.verify(key, signature, message, sha: sha)
                switch result {
                case "valid":
                    #expect(verdict, "tcId \(tcId) is valid but was rejected")
                    // The same signature is no RS256 signature, nor one with the other SHA-2.
                    #expect(!key.isValidSignature(signature, for: message), "tcId \(tcId) verified as SHA-256")
                    #expect(
                        !Self.verify(key, signature, message, sha: sha == "SHA-384" ? "SHA-512" : "SHA-384"),
                        "tcId \(tcId) verified with the other hash")
                case "acceptable":
                    #expect(test["flags"] as? [String] == ["MissingNull"], "tcId \(tcId): an acceptable case we did not plan for")
                    #expect(!verdict, "tcId \(tcId) (MissingNull) must be rejected")
                default:
                    #expect(!verdict, "tcId \(tcId) is invalid (\(test["comment"] ?? "")) but verified")
                }
                counts[result, default: 0] += 1
            }
        }
        #expect(counts.values.reduce(0, +) == json["numberOfTests"] as? Int)
        #expect(counts["valid"] == validCount && counts["acceptable"] == 1)
    }

    struct Case {
        let keyFile: String
        let hash: String
        let message: [UInt8]
        let signature: [UInt8]
    }

    static func cases() throws -> [Case] {
        try parseNIST(try vectorText("rsa-diff/cases-sha384-sha512.txt"), recordStartKey: "Key").map { record in
            Case(
                keyFile: try record.require("Key"), hash: try record.require("Hash"),
                message: try hexBytes(try record.require("Msg")), signature: try hexBytes(try record.require("Sig")))
        }
    }

    @Test(arguments: ["key-2048.pem", "key-2049.pem", "key-3072.pem", "key-4096.pem"])
    func signaturesMatchOpenSSLByteForByte(keyFile: String) throws {
        let key = try RSAPrivateKey(pemRepresentation: try vectorText("rsa-diff/" + keyFile))
        let cases = try Self.cases().filter { $0.keyFile == keyFile }
        #expect(cases.count == 12)
        #expect(Set(cases.map(\.hash)) == ["sha384", "sha512"])
        for item in cases {
            let signature =
                item.hash == "sha384"
                ? try key.signature(for: SHA384.hash(data: item.message))
                : try key.signature(for: SHA512.hash(data: item.message))
            #expect(signature.rawRepresentation == item.signature, "\(keyFile), \(item.hash), \(item.message.count)-byte message")
            let theirs = RSASignature(rawRepresentation: item.signature)
            #expect(Self.verify(key.publicKey, theirs, item.message, sha: item.hash == "sha384" ? "SHA-384" : "SHA-512"))
        }
    }

    /// The DigestInfo prefixes, against DER built from the OIDs by hand here (RFC 8017 §9.2
    /// note 1 lists the same bytes).
    @Test func digestInfoPrefixesAreTheDEROfTheirOIDs() {
        func digestInfoPrefix(oidLastArc: UInt8, digestLength: UInt8) -> [UInt8] {
            let oid: [UInt8] = [0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, oidLastArc]
            let algorithm: [UInt8] = [0x30, UInt8(oid.count + 2)] + oid + [0x05, 0x00]
            let inner = algorithm + [0x04, digestLength]
            return [0x30, UInt8(inner.count) + digestLength] + inner
        }
        #expect(EMSAPKCS1v15.sha256DigestInfoPrefix == digestInfoPrefix(oidLastArc: 1, digestLength: 32))
        #expect(EMSAPKCS1v15.sha384DigestInfoPrefix == digestInfoPrefix(oidLastArc: 2, digestLength: 48))
        #expect(EMSAPKCS1v15.sha512DigestInfoPrefix == digestInfoPrefix(oidLastArc: 3, digestLength: 64))
    }
}
