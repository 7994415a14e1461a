import Foundation
import PureJWT
import Testing

// The swift-crypto-named representations (`_RSA.Signing` spellings) give the bytes OpenSSL writes
// for the same structure, and read back to the same key. Oracle: `openssl rsa -traditional`,
// `openssl pkey`, `openssl pkey -pubout`, `openssl rsa -RSAPublicKey_out`, run on the demo key now.

@Suite struct RepresentationTests {
    static let keyPath = Support.repository.appendingPathComponent("Vectors/keys/demo-rsa-2048.pem").path

    static func key() throws -> RSAPrivateKey {
        try RSAPrivateKey(pemRepresentation: try Support.text("Vectors/keys/demo-rsa-2048.pem"))
    }

    static func openssl(_ arguments: String...) throws -> [UInt8] {
        try Support.openssl(arguments.map { $0 == "KEY" ? keyPath : $0 })
    }

    @Test func privateKeyRepresentationsAreOpenSSLs() throws {
        let key = try Self.key()
        #expect(key.keySizeInBits == 2048)
        // PKCS#1 RSAPrivateKey, as swift-crypto's derRepresentation/pemRepresentation.
        #expect(key.derRepresentation == (try Self.openssl("rsa", "-in", "KEY", "-traditional", "-outform", "DER")))
        #expect(Array(key.pemRepresentation.utf8) == (try Self.openssl("rsa", "-in", "KEY", "-traditional")))
        // PKCS#8 PrivateKeyInfo.
        // (OpenSSL 3.0's `pkey -outform DER` writes PKCS#1 for RSA; `pkcs8 -topk8` writes PKCS#8.)
        #expect(key.pkcs8DERRepresentation == (try Self.openssl("pkcs8", "-topk8", "-nocrypt", "-in", "KEY", "-outform", "DER")))
        #expect(Array(key.pkcs8PEMRepresentation.utf8) == (try Self.openssl("pkey", "-in", "KEY")))
    }

    @Test func publicKeyRepresentationsAreOpenSSLs() throws {
        let publicKey = try Self.key().publicKey
        #expect(publicKey.keySizeInBits == 2048)
        // SubjectPublicKeyInfo, as swift-crypto's public derRepresentation/pemRepresentation.
        #expect(publicKey.derRepresentation == (try Self.openssl("pkey", "-in", "KEY", "-pubout", "-outform", "DER")))
        #expect(Array(publicKey.pemRepresentation.utf8) == (try Self.openssl("pkey", "-in", "KEY", "-pubout")))
        // PKCS#1 RSAPublicKey.
        #expect(publicKey.pkcs1DERRepresentation == (try Self.openssl("rsa", "-in", "KEY", "-RSAPublicKey_out", "-outform", "DER")))
        #expect(Array(publicKey.pkcs1PEMRepresentation.utf8) == (try Self.openssl("rsa", "-in", "KEY", "-RSAPublicKey_out")))
    }

    @Test func everyRepresentationReadsBackToTheSameKey() throws {
        let key = try Self.key()
        for der in [key.derRepresentation, key.pkcs8DERRepresentation] {
            #expect(try RSAPrivateKey(derRepresentation: der).pkcs8DERRepresentation == key.pkcs8DERRepresentation)
        }
        for pem in [key.pemRepresentation, key.pkcs8PEMRepresentation] {
            #expect(try RSAPrivateKey(pemRepresentation: pem).pkcs8DERRepresentation == key.pkcs8DERRepresentation)
        }
        let publicKey = key.publicKey
        for der in [publicKey.derRepresentation, publicKey.pkcs1DERRepresentation] {
            #expect(try RSAPublicKey(derRepresentation: der).derRepresentation == publicKey.derRepresentation)
        }
        for pem in [publicKey.pemRepresentation, publicKey.pkcs1PEMRepresentation] {
            #expect(try RSAPublicKey(pemRepresentation: pem).derRepresentation == publicKey.derRepresentation)
        }
        // The JWK forms, too.
        #expect(try RSAPublicKey(jwk: publicKey.jwk()).derRepresentation == publicKey.derRepresentation)
    }

    @Test func signatureForAMessageIsOpenSSLsAndVerifies() throws {
        let key = try Self.key()
        let message = Array("the quick brown fox".utf8)
        let signature = try key.signature(for: message)
        let file = try Support.temporaryFile(message)
        defer { try? FileManager.default.removeItem(at: file) }
        // PKCS#1 v1.5 is deterministic: the same bytes as `openssl dgst -sha256 -sign`.
        #expect(signature.rawRepresentation == (try Self.openssl("dgst", "-sha256", "-sign", "KEY", file.path)))
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: Array("the quick brown fox.".utf8)))
    }

    @Test func aGeneratedKeyIsOneOpenSSLAccepts() throws {
        let key = try RSAPrivateKey(keySize: .bits2048)
        #expect(key.keySizeInBits == 2048)
        let file = try Support.temporaryFile(Array(key.pkcs8PEMRepresentation.utf8))
        defer { try? FileManager.default.removeItem(at: file) }
        let check = try Support.run("openssl", ["pkey", "-in", file.path, "-check", "-noout"])
        #expect(check.status == 0, "openssl pkey -check: \(check.stderr)")
    }

    @Test func refusedInputIsATypedErrorWithOneSentence() throws {
        let publicPEM = try Support.text("Vectors/keys/demo-rsa-2048.pub.pem")
        do throws(RSAError) {
            _ = try RSAPrivateKey(pemRepresentation: publicPEM)
            Issue.record("a public key was accepted as a private key")
        } catch {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
    }
}
