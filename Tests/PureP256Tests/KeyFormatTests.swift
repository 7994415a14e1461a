// EC key files: SEC 1, PKCS#8 and SubjectPublicKeyInfo, read from and written as OpenSSL and
// Python `cryptography` write them (byte for byte), and every refusal with its sentence.
import Foundation
import Testing
@testable import PureP256

/// Runs a shell script (openssl is the oracle here) and returns its stdout lines.
func runShell(_ script: String) throws -> [String] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-euo", "pipefail", "-c", script]
    let stdout = Pipe(), stderr = Pipe()
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    let output = stdout.fileHandleForReading.readDataToEndOfFile()
    let errors = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestDataError(description: "shell failed: \(String(decoding: errors, as: UTF8.self))")
    }
    return String(decoding: output, as: UTF8.self).split(separator: "\n").map(String.init)
}

/// Base64 to bytes (test side: Foundation, independent of PureDER).
func base64Bytes(_ text: String) throws -> [UInt8] {
    guard let data = Data(base64Encoded: text) else { throw TestDataError(description: "not base64") }
    return Array(data)
}

/// Text of a PEM file written by openssl, with newlines escaped so it fits one line.
private let pemFile = #"b64() { base64 -w0 "$@"; echo; }"#

@Suite("P-256 key files against OpenSSL and Python cryptography")
struct KeyFormatTests {
    @Test("openssl keys: SEC 1, PKCS#8 and SPKI DER and PEM read, and written back byte for byte")
    func openSSLByteForByte() throws {
        // Per key, one line: SEC 1 PEM (ecparam -genkey, with its EC PARAMETERS block), SEC 1
        // DER, SEC 1 DER without the public key, PKCS#8 DER, PKCS#8 PEM, SPKI DER, SPKI PEM,
        // SPKI DER with the compressed point, all base64 so they fit one field.
        let lines = try runShell(
            pemFile + """

                d=$(mktemp -d); trap 'rm -rf "$d"' EXIT; cd "$d"
                for i in 1 2 3 4 5 6; do
                  openssl ecparam -name prime256v1 -genkey -out k.pem
                  openssl ec -in k.pem -outform DER -out sec1.der 2>/dev/null
                  openssl ec -in k.pem -no_public -outform DER -out nopub.der 2>/dev/null
                  openssl pkcs8 -topk8 -nocrypt -in k.pem -outform DER -out p8.der
                  openssl pkcs8 -topk8 -nocrypt -in k.pem -out p8.pem
                  openssl pkey -in k.pem -pubout -outform DER -out spki.der
                  openssl pkey -in k.pem -pubout -out spki.pem
                  openssl ec -in k.pem -pubout -conv_form compressed -outform DER -out spkic.der 2>/dev/null
                  openssl ec -in k.pem -out sec1.pem 2>/dev/null
                  echo "$(b64 k.pem) $(b64 sec1.der) $(b64 nopub.der) $(b64 p8.der) $(b64 p8.pem) $(b64 spki.der) $(b64 spki.pem) $(b64 spkic.der) $(b64 sec1.pem)"
                done
                """)
        #expect(lines.count == 6)
        for line in lines {
            let f = try line.split(separator: " ").map { try base64Bytes(String($0)) }
            let text = { (i: Int) in String(decoding: f[i], as: UTF8.self) }
            let fromGenkey = try P256.Signing.PrivateKey(pemRepresentation: text(0))
            let fromSEC1 = try P256.Signing.PrivateKey(derRepresentation: f[1])
            let fromNoPublic = try P256.Signing.PrivateKey(derRepresentation: f[2])
            let fromPKCS8 = try P256.Signing.PrivateKey(derRepresentation: f[3])
            let fromPKCS8PEM = try P256.Signing.PrivateKey(pemRepresentation: text(4))
            let d = fromGenkey.rawRepresentation
            for key in [fromSEC1, fromNoPublic, fromPKCS8, fromPKCS8PEM] { #expect(key.rawRepresentation == d) }
            #expect(fromGenkey.sec1DERRepresentation == f[1])
            #expect(fromGenkey.sec1PEMRepresentation == text(8))
            #expect(fromGenkey.derRepresentation == f[3])
            #expect(fromGenkey.pemRepresentation == text(4))
            let publicKey = try P256.Signing.PublicKey(derRepresentation: f[5])
            #expect(publicKey.rawRepresentation == fromGenkey.publicKey.rawRepresentation)
            #expect(try P256.Signing.PublicKey(pemRepresentation: text(6)).rawRepresentation == publicKey.rawRepresentation)
            #expect(try P256.Signing.PublicKey(derRepresentation: f[7]).rawRepresentation == publicKey.rawRepresentation)
            #expect(fromGenkey.publicKey.derRepresentation == f[5])
            #expect(fromGenkey.publicKey.pemRepresentation == text(6))
        }
    }

    @Test("Python cryptography reads what we write (PKCS#8, SEC 1, SPKI, X9.63) and we read what it writes")
    func pythonBothWays() throws {
        var generator = SeededGenerator(seed: 0x5EC1_5EC1)
        let keys = (0..<8).map { _ in P256.Signing.PrivateKey(using: &generator) }
        let input = keys.map { key in
            [key.derRepresentation, key.sec1DERRepresentation, key.publicKey.derRepresentation, key.x963Representation]
                .map { hex($0) }.joined(separator: " ")
        }.joined(separator: "\n")
        let lines = try runPython(
            """
            import sys
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives import serialization as s
            for line in sys.stdin:
                p8, sec1, spki, x963 = [bytes.fromhex(x) for x in line.split()]
                a = s.load_der_private_key(p8, None)
                b = s.load_der_private_key(sec1, None)
                c = s.load_der_public_key(spki)
                assert isinstance(a.curve, ec.SECP256R1) and isinstance(c.curve, ec.SECP256R1)
                d = a.private_numbers().private_value
                assert b.private_numbers().private_value == d
                q = c.public_bytes(s.Encoding.X962, s.PublicFormat.UncompressedPoint)
                assert a.public_key().public_bytes(s.Encoding.X962, s.PublicFormat.UncompressedPoint) == q
                assert x963 == q + d.to_bytes(32, "big")
                # What Python writes, for the other direction.
                print("%064x" % d, a.private_bytes(s.Encoding.DER, s.PrivateFormat.PKCS8, s.NoEncryption()).hex(),
                      a.private_bytes(s.Encoding.DER, s.PrivateFormat.TraditionalOpenSSL, s.NoEncryption()).hex(),
                      q.hex(), c.public_bytes(s.Encoding.DER, s.PublicFormat.SubjectPublicKeyInfo).hex())
            """, input: input + "\n")
        #expect(lines.count == keys.count)
        for (key, line) in zip(keys, lines) {
            let f = try line.split(separator: " ").map { try hexBytes($0) }
            #expect(f[0] == key.rawRepresentation)
            #expect(f[1] == key.derRepresentation)
            #expect(f[2] == key.sec1DERRepresentation)
            #expect(f[3] == key.publicKey.x963Representation)
            #expect(f[4] == key.publicKey.derRepresentation)
            #expect(try P256.Signing.PrivateKey(x963Representation: key.x963Representation).rawRepresentation == f[0])
        }
    }

    @Test("other curves, explicit parameters and other algorithms are refused, the curve named by its OID")
    func otherCurvesRefused() throws {
        let lines = try runShell(
            pemFile + """

                d=$(mktemp -d); trap 'rm -rf "$d"' EXIT; cd "$d"
                for c in secp384r1 secp521r1 secp256k1; do
                  openssl ecparam -name $c -genkey -noout -out k.pem
                  openssl pkcs8 -topk8 -nocrypt -in k.pem -outform DER -out p8.der
                  openssl pkey -in k.pem -pubout -outform DER -out spki.der
                  echo "$(b64 k.pem) $(b64 p8.der) $(b64 spki.der)"
                done
                openssl ecparam -name prime256v1 -genkey -noout -out k.pem
                openssl ec -in k.pem -param_enc explicit -outform DER -out x.der 2>/dev/null
                openssl pkcs8 -topk8 -nocrypt -in x.der -inform DER -outform DER -out xp8.der
                openssl ec -in k.pem -param_enc explicit -pubout -outform DER -out xspki.der 2>/dev/null
                echo "$(b64 x.der) $(b64 xp8.der) $(b64 xspki.der)"
                openssl genpkey -algorithm ed25519 -outform DER -out ed.der
                openssl pkey -in ed.der -inform DER -pubout -outform DER -out edpub.der
                openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out rsa.pem 2>/dev/null
                openssl pkcs8 -topk8 -nocrypt -in rsa.pem -outform DER -out rsa.der
                echo "$(b64 ed.der) $(b64 edpub.der) $(b64 rsa.der)"
                """)
        #expect(lines.count == 5)
        func privateRefusal(_ bytes: [UInt8]) -> P256Error? {
            do { _ = try P256.Signing.PrivateKey(derRepresentation: bytes); return nil } catch { return error }
        }
        func pemRefusal(_ text: String) -> P256Error? {
            do { _ = try P256.Signing.PrivateKey(pemRepresentation: text); return nil } catch { return error }
        }
        func publicRefusal(_ bytes: [UInt8]) -> P256Error? {
            do { _ = try P256.Signing.PublicKey(derRepresentation: bytes); return nil } catch { return error }
        }
        for (line, oid) in zip(lines, ["1.3.132.0.34", "1.3.132.0.35", "1.3.132.0.10"]) {
            let f = try line.split(separator: " ").map { try base64Bytes(String($0)) }
            #expect(pemRefusal(String(decoding: f[0], as: UTF8.self)) == .unsupportedCurve(oid: oid))
            #expect(privateRefusal(f[1]) == .unsupportedCurve(oid: oid))
            #expect(publicRefusal(f[2]) == .unsupportedCurve(oid: oid))
        }
        #expect(
            P256Error.unsupportedCurve(oid: "1.3.132.0.34").description
                == "the EC key is on the curve P-384 (secp384r1) (OID 1.3.132.0.34); only P-256 (prime256v1, OID 1.2.840.10045.3.1.7) is supported")
        let explicit = try lines[3].split(separator: " ").map { try base64Bytes(String($0)) }
        #expect(privateRefusal(explicit[0]) == .explicitCurveParameters)
        #expect(privateRefusal(explicit[1]) == .explicitCurveParameters)
        #expect(publicRefusal(explicit[2]) == .explicitCurveParameters)
        let other = try lines[4].split(separator: " ").map { try base64Bytes(String($0)) }
        #expect(privateRefusal(other[0]) == .notECKey(algorithmOID: "1.3.101.112"))
        #expect(publicRefusal(other[1]) == .notECKey(algorithmOID: "1.3.101.112"))
        #expect(privateRefusal(other[2]) == .notECKey(algorithmOID: "1.2.840.113549.1.1.1"))
    }

    // A SEC 1 key written out field by field (RFC 5915), so each field can be damaged.
    static func sec1(version: String = "020101", d: String, curve: String? = "a00a06082a8648ce3d030107", publicKey: String?) -> [UInt8] {
        var body = version + "0420" + d
        if let curve { body += curve }
        if let publicKey {
            let bitString = "03" + String(format: "%02x", publicKey.count / 2 + 1) + "00" + publicKey
            body += "a1" + String(format: "%02x", bitString.count / 2) + bitString
        }
        return try! hexBytes("30" + String(format: "%02x", body.count / 2) + body)
    }

    @Test("damaged fields: d of 0 and n, a public key that is not d·G, a curve mismatch inside PKCS#8, version, trailing bytes")
    func damagedFields() throws {
        var generator = SeededGenerator(seed: 77)
        let a = P256.Signing.PrivateKey(using: &generator), b = P256.Signing.PrivateKey(using: &generator)
        let dA = hex(a.rawRepresentation), qA = hex(a.publicKey.x963Representation), qB = hex(b.publicKey.x963Representation)
        func refusal(_ bytes: [UInt8]) -> P256Error? {
            do { _ = try P256.Signing.PrivateKey(derRepresentation: bytes); return nil } catch { return error }
        }
        // The hand-written structure is right: it reads, and equals what we (and openssl) write.
        #expect(Self.sec1(d: dA, publicKey: qA) == a.sec1DERRepresentation)
        #expect(refusal(Self.sec1(d: dA, publicKey: nil)) == nil)
        #expect(refusal(Self.sec1(d: dA, curve: nil, publicKey: nil)) == nil)
        #expect(refusal(Self.sec1(d: dA, publicKey: hex(a.publicKey.compressedRepresentation))) == nil)
        #expect(refusal(Self.sec1(d: dA, publicKey: qB)) == .publicKeyMismatch)
        #expect(refusal(Self.sec1(d: String(repeating: "0", count: 64), publicKey: nil)) == .scalarOutOfRange)
        #expect(refusal(Self.sec1(d: Curve.n, publicKey: nil)) == .scalarOutOfRange)
        #expect(refusal(Self.sec1(version: "020100", d: dA, publicKey: nil)) == .unsupportedKeyVersion(0))
        #expect(refusal(Self.sec1(d: dA, curve: "a00706052b81040022", publicKey: nil)) == .unsupportedCurve(oid: "1.3.132.0.34"))
        #expect(refusal(a.sec1DERRepresentation + [0]) == .malformedKey(.trailingData(count: 1)))
        // PKCS#8 naming P-256 outside and P-384 inside.
        let inner = Self.sec1(d: dA, curve: "a00706052b81040022", publicKey: nil)
        let body = "020100" + "301306072a8648ce3d020106082a8648ce3d030107" + "04" + String(format: "%02x", inner.count) + hex(inner)
        let pkcs8 = try hexBytes("30" + String(format: "%02x", body.count / 2) + body)
        #expect(refusal(pkcs8) == .curveMismatch)
        #expect(P256Error.publicKeyMismatch.description == "the public key stored with the EC private key is not the one the private key gives (d·G)")
        #expect(P256Error.explicitCurveParameters.description.hasPrefix("the EC key spells out its curve parameters"))
    }

    @Test("strict PEM: another label, two keys, damaged armour, each with its sentence")
    func strictPEM() throws {
        var generator = SeededGenerator(seed: 5)
        let key = P256.Signing.PrivateKey(using: &generator)
        func refusal(_ text: String) -> P256Error? {
            do { _ = try P256.Signing.PrivateKey(pemRepresentation: text); return nil } catch { return error }
        }
        #expect(refusal(key.publicKey.pemRepresentation) == .unexpectedPEMLabel("PUBLIC KEY"))
        #expect(refusal(key.pemRepresentation + key.sec1PEMRepresentation) == .multipleKeys(count: 2))
        #expect(refusal(key.pemRepresentation.replacingOccurrences(of: "\n", with: "\\n")) != nil)
        #expect(P256Error.unexpectedPEMLabel("PUBLIC KEY").description == "a PEM 'PUBLIC KEY' block is not the P-256 key asked for")
    }

    @Test("key generation: FIPS 186-5 A.2.2 rejects c = n − 1, maps c to c + 1, and Python agrees the keys are valid")
    func generation() throws {
        /// Replays fixed 64-bit words (little-endian limb order, as the generator is read).
        struct Replay: RandomNumberGenerator {
            var words: [UInt64]
            mutating func next() -> UInt64 { words.removeFirst() }
        }
        let n = try Limbs256(hex: Curve.n)
        // c = n − 1 is rejected; c = n − 2 gives d = n − 1; c = 0 gives d = 1 (public key G).
        var replay = Replay(words: [n.w0 - 1, n.w1, n.w2, n.w3, n.w0 - 2, n.w1, n.w2, n.w3])
        let top = P256.Signing.PrivateKey(using: &replay)
        #expect(replay.words.isEmpty)
        #expect(hex(top.rawRepresentation) == "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550")
        var zero = Replay(words: [UInt64.max, .max, .max, .max, 0, 0, 0, 0])
        let one = P256.Signing.PrivateKey(using: &zero)
        #expect(hex(one.publicKey.x963Representation) == EncodingTests.generator)
        // Fresh keys from the system generator: distinct, and valid for Python.
        let keys = (0..<6).map { _ in P256.Signing.PrivateKey() }
        #expect(Set(keys.map { $0.rawRepresentation }).count == keys.count)
        let verdicts = try runPython(
            """
            import sys
            from cryptography.hazmat.primitives import serialization as s
            n = 0x\(Curve.n)
            for line in sys.stdin:
                k = s.load_der_private_key(bytes.fromhex(line.strip()), None)
                print(0 < k.private_numbers().private_value < n)
            """, input: keys.map { hex($0.derRepresentation) }.joined(separator: "\n") + "\n")
        #expect(verdicts == Array(repeating: "True", count: keys.count))
    }
}
