// ECDSA P-256 / SHA-256 against published vectors: NIST CAVP SigGen (re-signed with the
// recorded k) and SigVer, and Project Wycheproof's DER verification cases.
import Testing
import PureSHA2
@testable import PureP256

@Suite("ECDSA P-256 SHA-256 vectors")
struct ECDSAVectorTests {
    @Test("NIST SigGen [P-256,SHA-256]: d gives Q, and signing with the recorded k gives R and S byte for byte")
    func nistSigGen() throws {
        let records = parseNIST(try vectorText("ecdsa/SigGen.txt"), recordStartKey: "Msg")
            .filter { $0.section == "P-256,SHA-256" }
        #expect(records.count == 15)
        for record in records {
            let key = try P256.Signing.PrivateKey(rawRepresentation: try hexBytes(record.require("d")))
            let q = try hexBytes(record.require("Qx")) + hexBytes(record.require("Qy"))
            #expect(key.publicKey.rawRepresentation == q)
            let digest = SHA256.hash(data: try hexBytes(record.require("Msg")))
            let signature = try key.signature(digest: digest, nonce: try hexBytes(record.require("k")))
            let expected = try hexBytes(record.require("R")) + hexBytes(record.require("S"))
            #expect(signature.rawRepresentation == expected)
            #expect(key.publicKey.isValidSignature(signature, for: digest))
        }
    }

    @Test("NIST SigVer [P-256,SHA-256]: every P/F verdict")
    func nistSigVer() throws {
        let records = parseNIST(try vectorText("ecdsa/SigVer.rsp"), recordStartKey: "Msg")
            .filter { $0.section == "P-256,SHA-256" }
        #expect(records.count == 15)
        var passes = 0
        for record in records {
            let expected = try record.require("Result").hasPrefix("P")
            if expected { passes += 1 }
            let point = try leftPadded(hexBytes(record.require("Qx")), to: 32) + leftPadded(hexBytes(record.require("Qy")), to: 32)
            let signature = try P256.Signing.ECDSASignature(
                rawRepresentation: leftPadded(hexBytes(record.require("R")), to: 32) + leftPadded(hexBytes(record.require("S")), to: 32))
            let message = try hexBytes(record.require("Msg"))
            // A SigVer key that is not a curve point is an F case too.
            let verdict = (try? P256.Signing.PublicKey(rawRepresentation: point))?.isValidSignature(signature, for: message) ?? false
            #expect(verdict == expected, "Result = \(record.fields["Result"] ?? "")")
        }
        #expect(passes > 0 && passes < records.count)
    }

    @Test("Wycheproof ecdsa_secp256r1_sha256 (DER): every valid and invalid verdict")
    func wycheproof() throws {
        let file = try vectorJSON("wycheproof/ecdsa_secp256r1_sha256_test.json")
        guard let groups = file["testGroups"] as? [[String: Any]] else { throw TestDataError(description: "no testGroups") }
        var counted = 0, valid = 0
        for group in groups {
            guard let publicKey = group["publicKey"] as? [String: Any], let uncompressed = publicKey["uncompressed"] as? String,
                let tests = group["tests"] as? [[String: Any]]
            else { throw TestDataError(description: "malformed group") }
            let key = try P256.Signing.PublicKey(x963Representation: try hexBytes(uncompressed))
            for test in tests {
                guard let id = test["tcId"] as? Int, let message = test["msg"] as? String,
                    let signatureHex = test["sig"] as? String, let result = test["result"] as? String
                else {
                    throw TestDataError(description: "malformed test")
                }
                #expect(result == "valid" || result == "invalid", "tcId \(id) has result \(result)")
                let verdict: Bool
                let signatureBytes = try hexBytes(signatureHex)
                if let signature = try? P256.Signing.ECDSASignature(derRepresentation: signatureBytes) {
                    verdict = key.isValidSignature(signature, for: try hexBytes(message))
                    // Re-encoding a signature that parsed gives the same bytes: the parser is strict DER.
                    #expect(signature.derRepresentation == signatureBytes, "tcId \(id)")
                } else {
                    verdict = false
                }
                #expect(verdict == (result == "valid"), "tcId \(id): \(test["comment"] ?? "")")
                counted += 1
                if result == "valid" { valid += 1 }
            }
        }
        #expect(counted == file["numberOfTests"] as? Int)
        #expect(valid == 174)
    }
}
