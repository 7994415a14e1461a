import Foundation
import PureSHA2
import Testing
@testable import PureRSA

// The representation names mean the same bytes as swift-crypto's `_RSA.Signing` keys, checked
// against what OpenSSL writes for the same key (the oracle), byte for byte, in DER and PEM.

/// Runs openssl with `arguments` plus `-out FILE` and returns the bytes it wrote.
private func openssl(_ arguments: [String]) throws -> [UInt8] {
    let openssl = try #require(opensslExecutable, "openssl is needed for this test")
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let out = directory.appendingPathComponent("out")
    let (status, output) = try runOpenSSL(openssl, arguments + ["-out", out.path])
    #expect(status == 0, "openssl \(arguments.joined(separator: " ")): \(output)")
    return Array(try Data(contentsOf: out))
}

private func checkRepresentations(_ key: RSAPrivateKey, keyFile: String) throws {
    let pem = { (bytes: [UInt8]) in String(decoding: bytes, as: UTF8.self) }
    #expect(key.derRepresentation == (try openssl(["rsa", "-traditional", "-in", keyFile, "-outform", "DER"])))
    #expect(key.pemRepresentation == pem(try openssl(["rsa", "-traditional", "-in", keyFile])))
    // OpenSSL 3.0's `pkey -outform DER` writes the traditional (PKCS#1) form for RSA; `pkcs8 -topk8` is PKCS#8.
    #expect(key.pkcs8DERRepresentation == (try openssl(["pkcs8", "-topk8", "-nocrypt", "-in", keyFile, "-outform", "DER"])))
    #expect(key.pkcs8PEMRepresentation == pem(try openssl(["pkey", "-in", keyFile])))
    #expect(key.publicKey.derRepresentation == (try openssl(["pkey", "-in", keyFile, "-pubout", "-outform", "DER"])))
    #expect(key.publicKey.pemRepresentation == pem(try openssl(["pkey", "-in", keyFile, "-pubout"])))
    #expect(
        key.publicKey.pkcs1DERRepresentation
            == (try openssl(["rsa", "-in", keyFile, "-RSAPublicKey_out", "-outform", "DER"])))
    #expect(key.publicKey.pkcs1PEMRepresentation == pem(try openssl(["rsa", "-in", keyFile, "-RSAPublicKey_out"])))
}

@Test(arguments: [2048, 3072])
func representationsAreTheBytesOpenSSLWritesUnderTheSameNamesAsSwiftCrypto(bits: Int) throws {
    let file = vectorsDirectory.appendingPathComponent("keys/rsa-\(bits).pkcs8.pem").path
    let key = try RSAPrivateKey(pemRepresentation: try String(contentsOfFile: file, encoding: .utf8))
    try checkRepresentations(key, keyFile: file)
}

@Test func aKeyMadeWithKeySizeHasThatSizeAndOpenSSLsBytes() throws {
    let key = try RSAPrivateKey(keySize: .bits2048)
    #expect(key.keySizeInBits == 2048)
    let directory = try temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("key.pem")
    try Data(key.pkcs8PEMRepresentation.utf8).write(to: file)
    try checkRepresentations(key, keyFile: file.path)
    #expect(throws: RSAKeyGenerationError.self) { try RSAPrivateKey(keySize: .init(bitCount: 1000)) }
}

@Test func aDigestIsSignedAsADigestNotHashedAgain() throws {
    let key = try RSAPrivateKey(pemRepresentation: try vectorText("keys/rsa-2048.pkcs8.pem"))
    let message = Array("header.payload".utf8)
    let digest = SHA256.hash(data: message)
    let viaDigest = try key.signature(for: digest)
    #expect(viaDigest == (try key.signature(for: message)))
    #expect(key.publicKey.isValidSignature(viaDigest, for: digest))
    #expect(key.publicKey.isValidSignature(viaDigest, for: message))
    // The digest's bytes as a message are another message.
    #expect(viaDigest != (try key.signature(for: Array(digest))))
}
