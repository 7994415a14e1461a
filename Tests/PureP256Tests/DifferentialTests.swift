// Differential checks against Python `cryptography` (OpenSSL underneath): fresh keys and
// messages, their signatures verified by us, ours verified by them, point encodings compared.
import Testing
import PureSHA2
@testable import PureP256

@Suite("ECDSA P-256 against Python cryptography")
struct DifferentialTests {
    @Test("fresh keys: same public key from d, compressed form, their signatures verify here, ours (s and n − s) there")
    func bothWays() throws {
        // Python makes 12 keys and signs one random message with each.
        let lines = try runPython(
            """
            import os
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives import hashes, serialization
            for _ in range(12):
                key = ec.generate_private_key(ec.SECP256R1())
                msg = os.urandom(os.urandom(1)[0])
                sig = key.sign(msg, ec.ECDSA(hashes.SHA256()))
                pub = key.public_key()
                enc = lambda f: pub.public_bytes(serialization.Encoding.X962, f).hex()
                print("%064x" % key.private_numbers().private_value, enc(serialization.PublicFormat.UncompressedPoint),
                      enc(serialization.PublicFormat.CompressedPoint), msg.hex() or "-", sig.hex())
            """)
        #expect(lines.count == 12)
        var ours: [String] = []
        var generator = SystemRandomNumberGenerator()
        for line in lines {
            let f = line.split(separator: " ").map(String.init)
            let key = try P256.Signing.PrivateKey(rawRepresentation: try hexBytes(f[0]))
            #expect(key.publicKey.x963Representation == (try hexBytes(f[1])))
            #expect(key.publicKey.compressedRepresentation == (try hexBytes(f[2])))
            let decoded = try P256.Signing.PublicKey(compressedRepresentation: try hexBytes(f[2]))
            #expect(decoded.x963Representation == (try hexBytes(f[1])))
            let message = f[3] == "-" ? [] : try hexBytes(f[3])
            let theirs = try P256.Signing.ECDSASignature(derRepresentation: try hexBytes(f[4]))
            #expect(key.publicKey.isValidSignature(theirs, for: message))
            #expect(!key.publicKey.isValidSignature(theirs, for: message + [0]))
            // Ours, with a fresh random nonce, and its twin with n − s.
            var signature: P256.Signing.ECDSASignature?
            while signature == nil {
                let k = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
                signature = try? key.signature(digest: SHA256.hash(data: message), nonce: k)
            }
            let s = Scalar(reduced: signature!.s)
            let twin = P256.Signing.ECDSASignature(r: signature!.r, s: s.negated().canonical)
            #expect(key.publicKey.isValidSignature(twin, for: message))
            ours.append([f[1], f[3], hex(signature!.derRepresentation), hex(twin.derRepresentation)].joined(separator: " "))
        }
        let verdicts = try runPython(
            """
            import sys
            from cryptography.hazmat.primitives.asymmetric import ec
            from cryptography.hazmat.primitives import hashes
            from cryptography.exceptions import InvalidSignature
            for line in sys.stdin:
                q, msg, *sigs = line.split()
                pub = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), bytes.fromhex(q))
                msg = b"" if msg == "-" else bytes.fromhex(msg)
                out = []
                for sig in sigs + [sigs[0]]:
                    m = msg if len(out) < 2 else msg + b"\\0"
                    try:
                        pub.verify(bytes.fromhex(sig), m, ec.ECDSA(hashes.SHA256())); out.append("ok")
                    except InvalidSignature:
                        out.append("bad")
                print(" ".join(out))
            """, input: ours.joined(separator: "\n"))
        #expect(verdicts == [String](repeating: "ok ok bad", count: 12))
    }
}
