// What loading a key checks: size policy, the public numbers, and every relation between the
// private numbers. Each broken key must be refused with the error that names its fault.
import Testing
@_spi(Internals) import PureBigNum
@_spi(Internals) @testable import PureRSA

@Suite struct KeyValidationTests {
    static func demoKey() throws -> RSAPrivateKey {
        try RSAPrivateKey(pemRepresentation: vectorText("keys/demo-rsa-2048.pem"))
    }

    /// The demo key with one field replaced.
    func demo(_ edit: (inout RSAPrivateKeyComponents) -> Void) throws -> RSAPrivateKeyComponents {
        var components = try Self.demoKey().privateComponents
        edit(&components)
        return components
    }

    func big(_ bytes: [UInt8]) -> BigUInt { BigUInt(bigEndianBytes: bytes) }

    @Test func theDemoKeyLoadsAndRoundTripsThroughEveryExport() throws {
        let key = try Self.demoKey()
        #expect(key.keySizeInBits == 2048)
        #expect(try RSAPrivateKey(pemRepresentation: key.pemRepresentation).privateComponents == key.privateComponents)
        #expect(try RSAPrivateKey(derRepresentation: key.derRepresentation).privateComponents == key.privateComponents)
        #expect(try RSAPrivateKey(derRepresentation: key.pkcs8DERRepresentation).privateComponents == key.privateComponents)
        #expect(key.pkcs8PEMRepresentation == (try vectorText("keys/demo-rsa-2048.pem")))
        #expect(key.publicKey.pemRepresentation == (try vectorText("keys/demo-rsa-2048.pub.pem")))
    }

    @Test func eachBrokenRelationIsRefusedWithItsOwnError() throws {
        let good = try Self.demoKey().privateComponents
        let one = BigUInt(1), two = BigUInt(2)
        let p = big(good.prime1), d = big(good.privateExponent)
        let cases: [(String, RSAPrivateKeyComponents, RSAError)] = [
            ("wrong d", try demo { $0.privateExponent = (d + two).bigEndianBytes() }, .privateExponentMismatch),
            ("zero d", try demo { $0.privateExponent = [0] }, .privateExponentOutOfRange),
            (
                "wrong dP", try demo { $0.exponent1 = (big($0.exponent1) + two).bigEndianBytes() },
                .crtValueMismatch(field: "first CRT exponent (d mod (p−1))")
            ),
            (
                "wrong dQ", try demo { $0.exponent2 = (big($0.exponent2) + two).bigEndianBytes() },
                .crtValueMismatch(field: "second CRT exponent (d mod (q−1))")
            ),
            (
                "wrong qInv", try demo { $0.coefficient = (big($0.coefficient) + one).bigEndianBytes() },
                .crtValueMismatch(field: "CRT coefficient (q⁻¹ mod p)")
            ),
            (
                "qInv + p", try demo { $0.coefficient = (big($0.coefficient) + p).bigEndianBytes() },
                .crtValueMismatch(field: "CRT coefficient (q⁻¹ mod p)")
            ),
            ("p + 2", try demo { $0.prime1 = (p + two).bigEndianBytes() }, .modulusNotProductOfPrimes),
            ("even p", try demo { $0.prime1 = (p + one).bigEndianBytes() }, .invalidPrime(field: "first prime (p)")),
            ("q = 1", try demo { $0.prime2 = [1] }, .invalidPrime(field: "second prime (q)")),
            ("even e", try demo { $0.publicExponent = [0x01, 0x00, 0x00] }, .invalidPublicExponent),
            ("e = 1", try demo { $0.publicExponent = [1] }, .invalidPublicExponent),
            ("even n", try demo { $0.modulus = (big($0.modulus) + one).bigEndianBytes() }, .evenModulus),
            (
                "e of 65 bits", try demo { $0.publicExponent = [1, 0, 0, 0, 0, 0, 0, 0, 1] },
                .publicExponentTooLarge(bits: 65, maximum: 64)
            ),
        ]
        for (name, components, error) in cases {
            #expect(throws: error, "\(name)") { try RSAPrivateKey(components: components) }
        }
        // p = q: n = p², with CRT values computed for that "key".
        let square = p * p
        #expect(throws: RSAError.equalPrimes) {
            try RSAPrivateKey(
                components: RSAPrivateKeyComponents(
                    modulus: square.bigEndianBytes(), publicExponent: good.publicExponent,
                    privateExponent: good.privateExponent, prime1: good.prime1, prime2: good.prime1,
                    exponent1: good.exponent1, exponent2: good.exponent1, coefficient: [1]),
                policy: .allowingLegacySizes)
        }
    }

    @Test func sizePolicyRefusesSmallKeysByDefaultAndNamesTheSize() throws {
        // A 1024-bit modulus: any odd number of that size will do for the size check.
        let modulus: [UInt8] = [0xC1] + [UInt8](repeating: 0x5A, count: 126) + [0x01]
        #expect(throws: RSAError.keyTooSmall(bits: 1024, minimum: 2048)) {
            try RSAPublicKey(modulus: modulus, publicExponent: [1, 0, 1])
        }
        #expect(try RSAPublicKey(modulus: modulus, publicExponent: [1, 0, 1], policy: .allowingLegacySizes).keySizeInBits == 1024)
        let tiny: [UInt8] = [0xC1] + [UInt8](repeating: 0x5A, count: 62) + [0x01]
        #expect(throws: RSAError.keyTooSmall(bits: 512, minimum: 1024)) {
            try RSAPublicKey(modulus: tiny, publicExponent: [1, 0, 1], policy: .allowingLegacySizes)
        }
        let huge: [UInt8] = [0x01] + [UInt8](repeating: 0x5A, count: 2047) + [0x01]
        #expect(throws: RSAError.keyTooLarge(bits: 16385, maximum: 16384)) {
            try RSAPublicKey(modulus: huge, publicExponent: [1, 0, 1])
        }
        #expect(RSAError.keyTooSmall(bits: 1024, minimum: 2048).description.contains("1024 bits"))
    }

    /// A private key with n, e, d only: p and q are recovered, deterministically, and agree
    /// with the full key; a d that does not belong to (n, e) is refused.
    @Test func primesAreRecoveredFromModulusAndExponents() throws {
        let good = try Self.demoKey().privateComponents
        let recovered = try RSAPrivateKey(
            modulus: good.modulus, publicExponent: good.publicExponent,
            privateExponent: good.privateExponent)
        #expect(recovered.privateComponents == good, "OpenSSL puts the larger prime first too")
        let d = big(good.privateExponent)
        #expect(throws: RSAError.cannotRecoverPrimes) {
            try RSAPrivateKey(
                modulus: good.modulus, publicExponent: good.publicExponent,
                privateExponent: (d + BigUInt(2)).bigEndianBytes())
        }
        #expect(throws: RSAError.privateExponentOutOfRange) {
            try RSAPrivateKey(modulus: good.modulus, publicExponent: good.publicExponent, privateExponent: good.modulus)
        }
    }

    @Test func formatErrorsAreReportedNotTrapped() throws {
        let pem = try vectorText("keys/demo-rsa-2048.pub.pem")
        #expect(throws: RSAError.self) { try RSAPrivateKey(pemRepresentation: pem) }
        #expect(throws: RSAError.keyFormat(.publicKeyNotPrivate)) { try RSAPrivateKey(loading: pem) }
        #expect(throws: RSAError.self) { try RSAPrivateKey(derRepresentation: [0x30, 0x03, 0x02, 0x01]) }
        #expect(throws: RSAError.self) { try RSAPublicKey(derRepresentation: [UInt8]()) }
        #expect(throws: RSAError.self) { try RSAPrivateKey(loading: "not a key") }
    }
}
