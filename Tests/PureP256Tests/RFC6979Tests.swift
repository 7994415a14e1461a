// Deterministic (RFC 6979) and hedged ECDSA P-256 signing. Oracles: the RFC 6979 P-256 SHA-256
// signatures in OpenSSL's evppkey test file; Python `cryptography` (>= 44,
// `deterministic_signing=True`) over fresh keys and messages; Python `cryptography`'s verifier
// for hedged signatures; an HMAC_DRBG written here in Python (`hmac`, `hashlib`, integers)
// from the RFC's text for the additional-data (section 3.6) and rejection (step h.3) paths.
import Foundation
import Testing
import PureSHA2
@testable import PureP256

/// The P-256 section of the RFC 6979 vector file: d, Q, and the SHA-256 sign / verify records.
private struct RFC6979Section {
    var privateKeyDER: [UInt8] = []
    var publicKeyDER: [UInt8] = []
    /// (input, expected DER signature) for `DigestSign = SHA256`.
    var signs: [(input: String, der: [UInt8])] = []
    /// (input, DER signature, expected verdict) for `DigestVerify = SHA256`.
    var verifies: [(input: String, der: [UInt8], valid: Bool)] = []

    init() throws {
        let text = try vectorText("ecdsa/evppkey_ecdsa_rfc6979.txt")
        guard let start = text.range(of: "Title = RFC 6979 P-256 deterministic ECDSA tests") else {
            throw TestDataError(description: "no RFC 6979 P-256 section")
        }
        let rest = text[start.upperBound...]
        let section = rest.range(of: "\nTitle = ").map { rest[..<$0.lowerBound] } ?? rest
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func pem(after marker: String) throws -> [UInt8] {
            guard let begin = lines.firstIndex(of: marker),
                let end = lines[begin...].firstIndex(where: { $0.hasPrefix("-----END") }),
                let der = Data(base64Encoded: lines[(begin + 2)..<end].joined())
            else {
                throw TestDataError(description: "no PEM after \(marker)")
            }
            return Array(der)
        }
        privateKeyDER = try pem(after: "PrivateKey=P-256_PRIV")
        publicKeyDER = try pem(after: "PublicKey=P-256_PUB")
        // Records: blocks separated by blank lines.
        var record: [String: String] = [:]
        for line in lines + [""] {
            if line.isEmpty {
                if record["DigestSign"] == "SHA256" {
                    #expect(record["NonceType"] == "deterministic")
                    signs.append((try unquoted(record["Input"]), try hexBytes(record["Output"] ?? "")))
                } else if record["DigestVerify"] == "SHA256" {
                    verifies.append(
                        (
                            try unquoted(record["Input"]), try hexBytes(record["Output"] ?? ""),
                            record["Result"] == nil
                        ))
                }
                record = [:]
                continue
            }
            let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2 { record[parts[0]] = parts[1] }
        }
    }
}

private func unquoted(_ text: String?) throws -> String {
    guard let text, text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else {
        throw TestDataError(description: "input is not a quoted string")
    }
    return String(text.dropFirst().dropLast())
}

/// Seeded private keys (d below n) and messages of assorted lengths, empty included.
private func freshCases(seed: UInt64, count: Int) throws -> [(key: P256.Signing.PrivateKey, message: [UInt8])] {
    var generator = SeededGenerator(seed: seed)
    var cases: [(P256.Signing.PrivateKey, [UInt8])] = []
    while cases.count < count {
        guard let key = try? P256.Signing.PrivateKey(rawRepresentation: generator.bytes(32)) else { continue }
        let length = [0, 1, 31, 32, 55, 64, 100, 1000][cases.count % 8]
        cases.append((key, generator.bytes(length)))
    }
    return cases
}

@Suite("RFC 6979 deterministic and hedged ECDSA P-256 signing")
struct RFC6979Tests {
    @Test("RFC 6979 A.2.5 (OpenSSL's evppkey file): the key, both SHA-256 signatures byte for byte, the verify verdicts")
    func rfcVectors() throws {
        let section = try RFC6979Section()
        #expect(section.signs.count == 2)
        #expect(section.verifies.count == 4)
        // PKCS#8 without the public key: d is the last 32 bytes, after OCTET STRING 04 20.
        let der = section.privateKeyDER
        #expect(der.count == 67 && der[der.count - 34] == 0x04 && der[der.count - 33] == 0x20)
        let key = try P256.Signing.PrivateKey(rawRepresentation: der.suffix(32))
        // SPKI: the last 65 bytes are the uncompressed point.
        #expect(key.publicKey.x963Representation == Array(section.publicKeyDER.suffix(65)))
        for (input, expected) in section.signs {
            let message = Array(input.utf8)
            #expect(try key.signature(for: message).derRepresentation == expected, "\(input)")
            #expect(try key.signature(for: SHA256.hash(data: message)).derRepresentation == expected, "\(input)")
        }
        for (input, signatureDER, valid) in section.verifies {
            let signature = try P256.Signing.ECDSASignature(derRepresentation: signatureDER)
            #expect(key.publicKey.isValidSignature(signature, for: Array(input.utf8)) == valid, "\(input)")
        }
    }

    @Test("A digest is signed as it is; bytes passed as a message are hashed once")
    func digestIsNotHashedAgain() throws {
        let section = try RFC6979Section()
        let key = try P256.Signing.PrivateKey(rawRepresentation: section.privateKeyDER.suffix(32))
        let digest = SHA256.hash(data: Array("sample".utf8))
        let fromDigest = try key.signature(for: digest)
        #expect(fromDigest.derRepresentation == section.signs.first { $0.input == "sample" }?.der)
        // The digest's bytes as a message: signed over SHA-256(digest), a different signature.
        let fromBytes = try key.signature(for: Array(digest))
        #expect(fromBytes != fromDigest)
        #expect(fromBytes == (try key.signature(for: SHA256.hash(data: Array(digest)))))
        #expect(key.publicKey.isValidSignature(fromBytes, for: Array(digest)))
        // Deterministic: the same inputs again give the same bytes.
        #expect(try key.signature(for: digest) == fromDigest)
    }

    @Test("Python cryptography (deterministic_signing=True) gives the same r‖s over fresh keys and messages")
    func matchesPythonDeterministic() throws {
        let cases = try freshCases(seed: 6979, count: 16)
        let input = cases.map { hex($0.key.rawRepresentation) + ":" + hex($0.message) }.joined(separator: "\n") + "\n"
        let script = """
            import sys
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
            for line in sys.stdin.read().split():
                d, m = line.split(":")
                key = ec.derive_private_key(int(d, 16), ec.SECP256R1())
                sig = key.sign(bytes.fromhex(m), ec.ECDSA(hashes.SHA256(), deterministic_signing=True))
                r, s = decode_dss_signature(sig)
                print("%064x%064x" % (r, s))
            """
        let expected = try runPython(script, input: input)
        #expect(expected.count == cases.count)
        for (index, testCase) in cases.enumerated() where index < expected.count {
            let signature = try testCase.key.signature(for: testCase.message)
            #expect(hex(signature.rawRepresentation) == expected[index], "case \(index)")
        }
    }

    @Test("Hedged signatures differ between calls and verify with ours and with Python cryptography")
    func hedgedSignatures() throws {
        let cases = try freshCases(seed: 36, count: 6)
        var lines: [String] = []
        for testCase in cases {
            let first = try testCase.key.hedgedSignature(for: testCase.message)
            let second = try testCase.key.hedgedSignature(for: SHA256.hash(data: testCase.message))
            let deterministic = try testCase.key.signature(for: testCase.message)
            #expect(first != second)
            #expect(first != deterministic && second != deterministic)
            for signature in [first, second] {
                #expect(testCase.key.publicKey.isValidSignature(signature, for: testCase.message))
                lines.append(
                    [
                        hex(testCase.key.publicKey.x963Representation), hex(testCase.message),
                        hex(signature.derRepresentation),
                    ].joined(separator: ":"))
            }
        }
        let script = """
            import sys
            from cryptography.exceptions import InvalidSignature
            from cryptography.hazmat.primitives import hashes
            from cryptography.hazmat.primitives.asymmetric import ec
            for line in sys.stdin.read().split():
                q, m, sig = line.split(":")
                pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), bytes.fromhex(q))
                try:
                    pub.verify(bytes.fromhex(sig), bytes.fromhex(m), ec.ECDSA(hashes.SHA256()))
                    print("ok")
                except InvalidSignature:
                    print("bad")
            """
        let verdicts = try runPython(script, input: lines.joined(separator: "\n") + "\n")
        #expect(verdicts == [String](repeating: "ok", count: lines.count))
    }

    /// RFC 6979 section 3.2 with section 3.6's k', written from the RFC in Python: for each
    /// "d:message:k'" line, the signature r‖s and the first three DRBG candidates (each after
    /// a step h.3 rejection of the previous one).
    private static let pythonDRBG =
        pythonReference + """
            import hmac, hashlib
            def H(K, *parts): return hmac.new(K, b"".join(parts), hashlib.sha256).digest()
            class DRBG:
                def __init__(self, d, h1, extra):
                    x = d.to_bytes(32, "big")
                    h = (int.from_bytes(h1, "big") % n).to_bytes(32, "big")
                    self.V, self.K = b"\\x01" * 32, b"\\x00" * 32
                    self.K = H(self.K, self.V, b"\\x00", x, h, extra); self.V = H(self.K, self.V)
                    self.K = H(self.K, self.V, b"\\x01", x, h, extra); self.V = H(self.K, self.V)
                def candidate(self):
                    self.V = H(self.K, self.V); return self.V
                def reject(self):
                    self.K = H(self.K, self.V, b"\\x00"); self.V = H(self.K, self.V)
            for line in sys.stdin.read().split():
                dh, mh, eh = line.split(":")
                d, m, extra = int(dh, 16), bytes.fromhex(mh), bytes.fromhex(eh)
                h1 = hashlib.sha256(m).digest(); e = int.from_bytes(h1, "big")
                g = DRBG(d, h1, extra)
                while True:
                    k = int.from_bytes(g.candidate(), "big")
                    if 1 <= k < n:
                        r = mul(k, G)[0] % n
                        s = pow(k, -1, n) * (e + r * d) % n
                        if r and s: break
                    g.reject()
                g = DRBG(d, h1, extra)
                cs = []
                for _ in range(3):
                    cs.append(g.candidate().hex()); g.reject()
                print("%064x%064x" % (r, s), *cs)
            """

    @Test("Additional data k' (section 3.6) and the rejection step match an HMAC_DRBG written in Python")
    func additionalDataAndRejection() throws {
        let cases = try freshCases(seed: 306, count: 6)
        var generator = SeededGenerator(seed: 2013)
        let extras: [[UInt8]] = cases.indices.map { [0, 32, 32, 1, 48, 32][$0] }.map { generator.bytes($0) }
        let input = zip(cases, extras).map { [hex($0.key.rawRepresentation), hex($0.message), hex($1)].joined(separator: ":") }
        let expected = try runPython(Self.pythonDRBG, input: input.joined(separator: "\n") + "\n")
        #expect(expected.count == cases.count)
        for (index, (testCase, extra)) in zip(cases, extras).enumerated() where index < expected.count {
            let fields = expected[index].split(separator: " ").map(String.init)
            let digest = SHA256.hash(data: testCase.message)
            let signature = try testCase.key.signature(digest: digest, additionalData: extra)
            #expect(hex(signature.rawRepresentation) == fields[0], "case \(index)")
            if extra.isEmpty { #expect(signature == (try testCase.key.signature(for: digest))) }
            var drbg = RFC6979NonceGenerator(privateKey: testCase.key.rawRepresentation, digest: digest, additionalData: extra)
            var candidates: [String] = []
            for _ in 0..<3 {
                candidates.append(hex(drbg.candidate()))
                drbg.reject()
            }
            #expect(candidates == Array(fields.dropFirst()), "case \(index)")
        }
    }
}
