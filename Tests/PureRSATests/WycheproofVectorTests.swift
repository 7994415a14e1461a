// Project Wycheproof RSASSA-PKCS1-v1_5 vectors (Vectors/wycheproof).
import Testing
@_spi(Internals) @testable import PureRSA

@Suite struct WycheproofVectorTests {
    /// Every `valid` signature verifies; every `invalid` one (bad padding, BER or otherwise
    /// altered DigestInfo, wrong hash, n added to s, s ≥ n, wrong length…) is rejected; and the
    /// one `acceptable` case, tcId 8 (DigestInfo without the NULL parameter, flag MissingNull),
    /// is rejected too: we compare against the single canonical encoding RFC 8017 section 9.2
    /// gives (with NULL), as OpenSSL and BoringSSL do.
    @Test(arguments: ["rsa_signature_2048_sha256_test.json", "rsa_signature_3072_sha256_test.json"])
    func verificationMatchesEveryVerdict(file: String) throws {
        let json = try vectorJSON("wycheproof/" + file)
        let groups = try #require(json["testGroups"] as? [[String: Any]])
        var counts: [String: Int] = [:]
        var missingNullSeen = false
        for group in groups {
            let publicKey = try #require(group["publicKey"] as? [String: Any])
            let key = try RSAPublicKey(
                modulus: hexBytes(try #require(publicKey["modulus"] as? String)),
                publicExponent: hexBytes(try #require(publicKey["publicExponent"] as? String)))
            // The DER and PEM forms of the same key load to the same numbers.
            let der = try RSAPublicKey(derRepresentation: hexBytes(try #require(group["publicKeyDer"] as? String)))
            let pem = try RSAPublicKey(pemRepresentation: try #require(group["publicKeyPem"] as? String))
            #expect(der.components == key.components && pem.components == key.components)
            for test in try #require(group["tests"] as? [[String: Any]]) {
                let tcId = try #require(test["tcId"] as? Int)
                let result = try #require(test["result"] as? String)
                let flags = test["flags"] as? [String] ?? []
                let message = try hexBytes(try #require(test["msg"] as? String))
                let signature = RSASignature(rawRepresentation: try hexBytes(try #require(test["sig"] as? String)))
                let verdict = key.isValidSignature(signature, for: message)
                switch result {
                case "valid":
                    #expect(verdict, "tcId \(tcId) is valid but was rejected")
                case "acceptable":
                    #expect(flags == ["MissingNull"], "tcId \(tcId): an acceptable case we did not plan for")
                    #expect(!verdict, "tcId \(tcId) (MissingNull) must be rejected")
                    missingNullSeen = true
                default:
                    #expect(!verdict, "tcId \(tcId) is invalid (\(test["comment"] ?? "")) but verified")
                }
                counts[result, default: 0] += 1
            }
        }
        #expect(counts.values.reduce(0, +) == json["numberOfTests"] as? Int)
        #expect(counts["acceptable"] == 1 && missingNullSeen)
        #expect((counts["valid"] ?? 0) >= 8)
    }

    /// The SHA-256 sig_gen groups: the key given as PKCS#1 PEM, as PKCS#8 DER, as (n, e, d)
    /// and as a JWK loads to the same key, and each message signs to the recorded bytes.
    /// (e = 3 groups are "acceptable" in Wycheproof; we sign them like any other.)
    @Test(arguments: ["rsa_pkcs1_2048_sig_gen_test.json", "rsa_pkcs1_3072_sig_gen_test.json"])
    func sha256SigGenGroupsSignByteIdentically(file: String) throws {
        let json = try vectorJSON("wycheproof/" + file)
        let groups = try #require(json["testGroups"] as? [[String: Any]]).filter { $0["sha"] as? String == "SHA-256" }
        #expect(!groups.isEmpty)
        var signed = 0
        for group in groups {
            let fromPEM = try RSAPrivateKey(pemRepresentation: try #require(group["privateKeyPem"] as? String))
            let fromPKCS8 = try RSAPrivateKey(derRepresentation: hexBytes(try #require(group["privateKeyPkcs8"] as? String)))
            let numbers = try #require(group["privateKey"] as? [String: String])
            let fromNumbers = try RSAPrivateKey(
                modulus: hexBytes(try #require(numbers["modulus"])),
                publicExponent: hexBytes(try #require(numbers["publicExponent"])),
                privateExponent: hexBytes(try #require(numbers["privateExponent"])))
            #expect(fromPKCS8.privateComponents == fromPEM.privateComponents)
            #expect(
                fromNumbers.privateComponents == fromPEM.privateComponents,
                "recovering p and q from (n, e, d) gives the file's primes, larger first")
            if let jwk = group["privateKeyJwk"] as? [String: String] {
                func member(_ name: String) throws -> [UInt8] { try base64URLBytes(try #require(jwk[name])) }
                let fromJWK = try RSAPrivateKey(
                    components: RSAPrivateKeyComponents(
                        modulus: member("n"), publicExponent: member("e"), privateExponent: member("d"),
                        prime1: member("p"), prime2: member("q"), exponent1: member("dp"), exponent2: member("dq"),
                        coefficient: member("qi")))
                #expect(fromJWK.privateComponents == fromPEM.privateComponents)
            }
            let publicFromPEM = try RSAPublicKey(pemRepresentation: try #require(group["keyPem"] as? String))
            let publicFromDER = try RSAPublicKey(derRepresentation: hexBytes(try #require(group["keyDer"] as? String)))
            #expect(publicFromPEM.components == fromPEM.publicKey.components)
            #expect(publicFromDER.components == fromPEM.publicKey.components)
            for test in try #require(group["tests"] as? [[String: Any]]) {
                let tcId = try #require(test["tcId"] as? Int)
                let message = try hexBytes(try #require(test["msg"] as? String))
                let expected = try hexBytes(try #require(test["sig"] as? String))
                let signature = try fromPEM.signature(for: message)
                #expect(signature.rawRepresentation == expected, "tcId \(tcId)")
                #expect(publicFromDER.isValidSignature(signature, for: message), "tcId \(tcId)")
                signed += 1
            }
        }
        #expect(signed >= 9)
    }
}
