// Generated keys: FIPS 186-5 A.1.3 properties, our own validation, OpenSSL's `pkey -check` and
// signature verification, reproducibility with a seeded source, and refusals.
//
// Debug-build cost (measured): a 1024-bit key takes well under a second, a 2048-bit key a few
// seconds, so most tests use 1024-bit keys (with the legacy opt-in) and one uses 2048 bits.
import Foundation
@_spi(Internals) import PureBigNum
@_spi(KeyGenerationTesting) import PureRSA
import Testing
@_spi(Internals) import PureRSA

@Suite struct KeyGenerationTests {
    /// Checks every property a generated key must have, with BigUInt arithmetic on its numbers.
    func expectFIPSProperties(_ key: RSAPrivateKey, bits: Int) throws {
        let c = key.privateComponents
        let n = BigUInt(bigEndianBytes: c.modulus), e = BigUInt(bigEndianBytes: c.publicExponent)
        let p = BigUInt(bigEndianBytes: c.prime1), q = BigUInt(bigEndianBytes: c.prime2)
        let d = BigUInt(bigEndianBytes: c.privateExponent)
        let half = bits / 2
        #expect(key.keySizeInBits == bits)
        #expect(n.bitLength == bits)
        #expect(e == BigUInt(65537))
        #expect(p * q == n)
        #expect(p.bitLength == half && q.bitLength == half)
        // Top two bits set: p, q ≥ 2^(half−1) + 2^(half−2).
        let threeQuarters = (BigUInt(1) << (half - 1)) + (BigUInt(1) << (half - 2))
        #expect(p >= threeQuarters && q >= threeQuarters)
        let distance = p > q ? p - q : q - p
        #expect(distance > BigUInt(1) << (half - 100))
        #expect(BigUInt.gcd(e, p - BigUInt(1)) == BigUInt(1))
        #expect(BigUInt.gcd(e, q - BigUInt(1)) == BigUInt(1))
        #expect(d > BigUInt(1) << half)
        let lambda = BigUInt.lcm(p - BigUInt(1), q - BigUInt(1))
        #expect(d < lambda)
        #expect(try (d * e).modulo(lambda) == BigUInt(1))
    }

    /// Signs, verifies with our public key, reloads the PEM (our validation again), and when
    /// openssl is on PATH runs `openssl pkey -check` and `openssl dgst -sha256 -verify`.
    func expectUsable(_ key: RSAPrivateKey, policy: RSAKeyPolicy, label: String) throws {
        let message = Array("generated key \(label)".utf8)
        let signature = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        let reloaded = try RSAPrivateKey(pemRepresentation: key.pemRepresentation, policy: policy)
        #expect(reloaded.privateComponents == key.privateComponents)

        guard let openssl = opensslExecutable else {
            print("note: openssl is not on PATH, so `openssl pkey -check` and OpenSSL's verification of the \(label) key were not run")
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let keyFile = directory.appendingPathComponent("key.pem")
        let publicFile = directory.appendingPathComponent("public.pem")
        let messageFile = directory.appendingPathComponent("message")
        let signatureFile = directory.appendingPathComponent("signature")
        try Data(key.pemRepresentation.utf8).write(to: keyFile)
        try Data(key.publicKey.pemRepresentation.utf8).write(to: publicFile)
        try Data(message).write(to: messageFile)
        try Data(signature.rawRepresentation).write(to: signatureFile)
        let check = try runOpenSSL(openssl, ["pkey", "-in", keyFile.path, "-check", "-noout"])
        #expect(check.status == 0 && check.output.contains("Key is valid"), "openssl pkey -check: \(check.output)")
        let rsaCheck = try runOpenSSL(openssl, ["rsa", "-in", keyFile.path, "-check", "-noout"])
        #expect(rsaCheck.status == 0 && rsaCheck.output.contains("RSA key ok"), "openssl rsa -check: \(rsaCheck.output)")
        let bits = try runOpenSSL(openssl, ["pkey", "-in", keyFile.path, "-text", "-noout"])
        #expect(bits.output.contains("(\(key.keySizeInBits) bit"), "openssl sees another size: \(bits.output.prefix(80))")
        let verify = try runOpenSSL(
            openssl,
            [
                "dgst", "-sha256", "-verify", publicFile.path,
                "-signature", signatureFile.path, messageFile.path,
            ])
        #expect(verify.status == 0 && verify.output.contains("Verified OK"), "openssl dgst -verify: \(verify.output)")
    }

    @Test func aDefault2048BitKeyHasEveryPropertyAndOpenSSLAcceptsIt() throws {
        let key = try RSAPrivateKey.generate()
        try expectFIPSProperties(key, bits: 2048)
        try expectUsable(key, policy: .standard, label: "2048-bit")
    }

    @Test(arguments: [1024, 1032, 1096])
    func legacySizeKeysHaveExactlyTheRequestedLength(bits: Int) throws {
        var generator = SeededGenerator(seed: UInt64(bits))
        let key = try RSAPrivateKey.generate(bits: bits, policy: .allowingLegacySizes, using: &generator)
        try expectFIPSProperties(key, bits: bits)
        try expectUsable(key, policy: .allowingLegacySizes, label: "\(bits)-bit")
    }

    @Test func seededGenerationIsReproducible() throws {
        var first = SeededGenerator(seed: 42), second = SeededGenerator(seed: 42)
        let a = try RSAPrivateKey.generate(bits: 1024, policy: .allowingLegacySizes, using: &first)
        let b = try RSAPrivateKey.generate(bits: 1024, policy: .allowingLegacySizes, using: &second)
        #expect(a.privateComponents == b.privateComponents)
        var other = SeededGenerator(seed: 43)
        let c = try RSAPrivateKey.generate(bits: 1024, policy: .allowingLegacySizes, using: &other)
        #expect(c.privateComponents.modulus != a.privateComponents.modulus)
    }

    @Test func unseededGenerationGivesDifferentKeys() throws {
        let a = try RSAPrivateKey.generate(bits: 1024, policy: .allowingLegacySizes)
        let b = try RSAPrivateKey.generate(bits: 1024, policy: .allowingLegacySizes)
        #expect(a.privateComponents.modulus != b.privateComponents.modulus)
        #expect(a.privateComponents.prime1 != b.privateComponents.prime1)
        #expect(a.privateComponents.prime1 != b.privateComponents.prime2)
    }

    @Test(arguments: [0, -8, 1000, 1020, 2047, 2049, 16392, 20000])
    func sizesThatAreNotAMultipleOf8InRangeAreRefused(bits: Int) {
        #expect(throws: RSAKeyGenerationError.unsupportedKeySize(bits: bits)) {
            try RSAPrivateKey.generate(bits: bits, policy: .allowingLegacySizes)
        }
    }

    @Test func legacySizesNeedTheOptIn() {
        #expect(throws: RSAKeyGenerationError.keyTooSmall(bits: 1024, minimum: 2048)) {
            try RSAPrivateKey.generate(bits: 1024)
        }
        #expect(throws: RSAKeyGenerationError.keyTooSmall(bits: 2040, minimum: 2048)) {
            try RSAPrivateKey.generate(bits: 2040)
        }
        let error = RSAKeyGenerationError.keyTooSmall(bits: 1024, minimum: 2048)
        #expect(error.description.contains("legacy"))
    }

    @Test(arguments: [0, UInt64.max, 0x5555_5555_5555_5555])
    func aBrokenRandomSourceEndsWithAnErrorNotAHang(word: UInt64) {
        var generator = ConstantGenerator(word: word)
        #expect(throws: RSAKeyGenerationError.randomSourceFailed) {
            try RSAPrivateKey.generate(bits: 1024, policy: .allowingLegacySizes, using: &generator)
        }
        #expect(RSAKeyGenerationError.randomSourceFailed.description.contains("random"))
    }
}
