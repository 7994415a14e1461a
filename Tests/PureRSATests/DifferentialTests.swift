// Differential test against OpenSSL: Vectors/rsa-diff holds keys OpenSSL made (1024 to 4096
// bits, odd sizes included) and signatures `openssl dgst -sha256 -sign` made over messages of
// assorted lengths (generate.sh). Ours must be byte-identical, and `openssl dgst -verify` must
// accept ours when openssl is on PATH.
import Foundation
import Testing
@testable import PureRSA

@Suite struct DifferentialTests {
    struct Case {
        let keyFile: String
        let message: [UInt8]
        let signature: [UInt8]
    }

    static func cases() throws -> [Case] {
        try parseNIST(try vectorText("rsa-diff/cases.txt"), recordStartKey: "Key").map { record in
            Case(
                keyFile: try record.require("Key"), message: try hexBytes(try record.require("Msg")),
                signature: try hexBytes(try record.require("Sig")))
        }
    }

    static let keyFiles = [
        "key-1024.pem", "key-2047.pem", "key-2048.pem", "key-2049.pem",
        "key-3071.pem", "key-3072.pem", "key-4096.pem",
    ]

    @Test(arguments: keyFiles)
    func signaturesMatchOpenSSLByteForByte(keyFile: String) throws {
        let bits = Int(keyFile.dropFirst("key-".count).dropLast(".pem".count))
        let pem = try vectorText("rsa-diff/" + keyFile)
        if let bits, bits < 2048 {
            #expect(throws: RSAError.keyTooSmall(bits: bits, minimum: 2048)) { try RSAPrivateKey(pemRepresentation: pem) }
        }
        let key = try RSAPrivateKey(pemRepresentation: pem, policy: .allowingLegacySizes)
        #expect(key.keySizeInBits == bits)
        let cases = try Self.cases().filter { $0.keyFile == keyFile }
        #expect(cases.count == 10)
        var ours: [(message: [UInt8], signature: [UInt8])] = []
        for item in cases {
            let signature = try key.signature(for: item.message)
            #expect(
                signature.rawRepresentation == item.signature,
                "\(keyFile), \(item.message.count)-byte message")
            #expect(key.publicKey.isValidSignature(RSASignature(rawRepresentation: item.signature), for: item.message))
            ours.append((item.message, signature.rawRepresentation))
        }
        try verifyWithOpenSSL(publicKeyPEM: key.publicKey.pemRepresentation, signed: ours, label: keyFile)
    }

    /// Runs `openssl dgst -sha256 -verify` on each (message, signature); prints a note and
    /// checks nothing more when openssl is not installed.
    func verifyWithOpenSSL(publicKeyPEM: String, signed: [(message: [UInt8], signature: [UInt8])], label: String) throws {
        guard let openssl = opensslExecutable else {
            print("note: openssl is not on PATH, so OpenSSL's verification of our \(label) signatures was not run")
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let publicKeyFile = directory.appendingPathComponent("public.pem")
        try Data(publicKeyPEM.utf8).write(to: publicKeyFile)
        for (index, item) in signed.enumerated() {
            let messageFile = directory.appendingPathComponent("msg\(index)")
            let signatureFile = directory.appendingPathComponent("sig\(index)")
            try Data(item.message).write(to: messageFile)
            try Data(item.signature).write(to: signatureFile)
            let (status, text) = try runOpenSSL(
                openssl, ["dgst", "-sha256", "-verify", publicKeyFile.path, "-signature", signatureFile.path, messageFile.path])
            #expect(
                status == 0 && text.contains("Verified OK"),
                "openssl refused our \(label) signature of a \(item.message.count)-byte message: \(text)")
        }
    }
}
