// NIST CAVP FIPS 186-3 RSASSA-PKCS1-v1_5 vectors (Vectors/rsa-pkcs1v15), SHA-256 records.
import Testing
@testable import PureRSA

@Suite struct CAVPVectorTests {
    /// SigGen15: each [mod] section gives n, e, d (no CRT values, e = 0x260445 / 0xeaf05d); every
    /// SHA-256 message must sign to the recorded S exactly.
    @Test func everySHA256SigGenRecordSignsByteIdentically() throws {
        let records = parseNIST(try vectorText("rsa-pkcs1v15/SigGen15_186-3.txt"), recordStartKey: "SHAAlg")
            .filter { $0["SHAAlg"] == "SHA256" }
        #expect(records.count == 20)
        var keys: [String: RSAPrivateKey] = [:]
        var sizes: Set<Int> = []
        for record in records {
            let n = try record.require("n")
            let key: RSAPrivateKey
            if let cached = keys[n] {
                key = cached
            } else {
                key = try RSAPrivateKey(
                    modulus: hexBytes(n), publicExponent: hexBytes(record.require("e")),
                    privateExponent: hexBytes(record.require("d")))
                keys[n] = key
            }
            sizes.insert(key.keySizeInBits)
            let expected = try hexBytes(record.require("S"))
            let signature = try key.signature(for: hexBytes(record.require("Msg")))
            #expect(signature.rawRepresentation == expected, "SigGen mod \(record["mod"] ?? "?")")
            #expect(key.publicKey.isValidSignature(signature, for: try hexBytes(record.require("Msg"))))
        }
        #expect(keys.count == 2)
        #expect(sizes == [2048, 3072])
    }

    /// SigVer15: every SHA-256 record gives the recorded P/F. S and Msg are left-padded as
    /// Vectors/README.md explains; 1024-bit moduli need the legacy size policy.
    @Test func everySHA256SigVerRecordGivesTheRecordedVerdict() throws {
        let records = parseNIST(try vectorText("rsa-pkcs1v15/SigVer15_186-3.rsp"), recordStartKey: "SHAAlg")
            .filter { $0["SHAAlg"] == "SHA256" }
        #expect(records.count == 54)
        var passes = 0, failures = 0
        for record in records {
            let modulus = try hexBytes(record.require("n"))
            let key = try RSAPublicKey(
                modulus: modulus, publicExponent: hexBytes(record.require("e")),
                policy: .allowingLegacySizes)
            let k = (key.keySizeInBits + 7) / 8
            let signature = RSASignature(rawRepresentation: leftPadded(try hexBytes(record.require("S")), to: k))
            let message = leftPadded(try hexBytes(record.require("Msg")), to: 128)
            let expected = try record.require("Result").hasPrefix("P")
            #expect(
                key.isValidSignature(signature, for: message) == expected,
                "SigVer mod \(record["mod"] ?? "?") S \(record["S"]?.prefix(16) ?? "")")
            if expected { passes += 1 } else { failures += 1 }
        }
        #expect(passes == 9 && failures == 45)
    }

    /// The 1024-bit SigVer moduli are refused under the default policy, naming the size.
    @Test func sigVer1024BitKeysNeedTheLegacyPolicy() throws {
        let record = try #require(
            parseNIST(try vectorText("rsa-pkcs1v15/SigVer15_186-3.rsp"), recordStartKey: "SHAAlg")
                .first { $0["mod"] == "1024" })
        #expect(throws: RSAError.keyTooSmall(bits: 1024, minimum: 2048)) {
            try RSAPublicKey(modulus: hexBytes(record.require("n")), publicExponent: hexBytes(record.require("e")))
        }
    }
}
