// Fault injection into the CRT halves, and concurrent use of one key.
import Testing
@_spi(Internals) import PureBigNum
@_spi(Internals) @testable import PureRSA
import PureSHA2

@Suite struct SigningSafetyTests {
    /// CRT signing with primes of very different widths: the message representative (as wide
    /// as n) is more than twice as wide as the smaller prime, and with q > p so is m₂ against p,
    /// which takes the folding path of `Modulus.reduce`. Keys built from the MODP primes of
    /// Vectors/primes (RFC 2409/3526, written by generate.py); each signature must equal
    /// EM^d mod n computed with BigUInt's variable-time square-and-multiply and long division,
    /// which shares no code with the Montgomery/CRT path.
    @Test(arguments: [(1536, 768), (2048, 768), (768, 2048)])
    func keysWithPrimesOfVeryDifferentWidthsSignAsTheFullExponentiation(pBits: Int, qBits: Int) throws {
        let primes = try primeVectors().compactMap { $0["Prime"] }.map { try bigUInt(hex: $0) }
        let p = try #require(primes.first { $0.bitLength == pBits })
        let q = try #require(primes.first { $0.bitLength == qBits })
        let one = BigUInt(1)
        let e = BigUInt(65537)
        let n = p * q
        let d = try e.inverse(modulo: BigUInt.lcm(p - one, q - one))
        let key = try RSAPrivateKey(
            components: RSAPrivateKeyComponents(
                modulus: n.bigEndianBytes(), publicExponent: e.bigEndianBytes(), privateExponent: d.bigEndianBytes(),
                prime1: p.bigEndianBytes(), prime2: q.bigEndianBytes(),
                exponent1: try d.modulo(p - one).bigEndianBytes(), exponent2: try d.modulo(q - one).bigEndianBytes(),
                coefficient: try q.inverse(modulo: p).bigEndianBytes()))
        for text in ["", "unbalanced primes", String(repeating: "x", count: 1000)] {
            let digest = SHA256.hash(data: Array(text.utf8))
            let k = key.publicKey.modulusByteCount
            let em = BigUInt(bigEndianBytes: EMSAPKCS1v15.encode(digest, length: k))
            let expected = try em.power(d, modulus: n).bigEndianBytes(width: k)
            let signature = try key.signature(for: digest)
            #expect(signature.rawRepresentation == expected, "p \(pBits) bits, q \(qBits) bits, message '\(text.prefix(20))'")
            #expect(key.publicKey.isValidSignature(signature, for: digest))
        }
    }

    /// A glitch in either CRT half would leak a prime factor (gcd(s^e − m, n)) if the faulty
    /// signature were released (Boneh–DeMillo–Lipton). The self-check must withhold it.
    @Test(arguments: [SigningFault.corruptPrimeOneHalf, .corruptPrimeTwoHalf])
    func aFaultInEitherCRTHalfIsRefused(fault: SigningFault) throws {
        let key = try KeyValidationTests.demoKey()
        let digest = SHA256.hash(data: Array("fault injection".utf8))
        #expect(throws: RSAError.signatureSelfCheckFailed) {
            try key.signature(forDigest: digest, fault: fault)
        }
        // The same call without a fault succeeds and verifies: the test hook, not the key, failed.
        let signature = try key.signature(forDigest: digest, fault: .none)
        #expect(key.publicKey.isValidSignature(signature, for: digest))
        #expect(signature == (try key.signature(for: digest)))
    }

    /// Signing and verifying from many tasks at once with one shared key: every signature
    /// equals the one made alone, and every verification gives the right answer.
    @Test func manyTasksSignAndVerifyWithOneSharedKey() async throws {
        let key = try KeyValidationTests.demoKey()
        let publicKey = key.publicKey
        let messages = (0..<8).map { Array("message number \($0)".utf8) }
        let expected = try messages.map { try key.signature(for: $0) }
        let results = try await withThrowingTaskGroup(of: (Int, RSASignature, Bool, Bool).self) { group in
            for (index, message) in messages.enumerated() {
                group.addTask {
                    let signature = try key.signature(for: message)
                    let valid = publicKey.isValidSignature(expected[index], for: message)
                    let wrongMessage = publicKey.isValidSignature(expected[index], for: message + [0])
                    return (index, signature, valid, wrongMessage)
                }
            }
            var collected: [(Int, RSASignature, Bool, Bool)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == messages.count)
        for (index, signature, valid, wrongMessage) in results {
            #expect(signature == expected[index], "task \(index)")
            #expect(valid && !wrongMessage, "task \(index)")
        }
    }

    /// The signature is exactly k bytes, keeps its leading zero bytes, and verification refuses
    /// any other length or a value ≥ n.
    @Test func verificationRefusesWrongLengthsAndValuesNotBelowTheModulus() throws {
        let key = try KeyValidationTests.demoKey()
        let message = Array("length".utf8)
        let signature = try key.signature(for: message)
        #expect(signature.rawRepresentation.count == 256)
        let bytes = signature.rawRepresentation
        #expect(!key.publicKey.isValidSignature(RSASignature(rawRepresentation: [0] + bytes), for: message))
        #expect(!key.publicKey.isValidSignature(RSASignature(rawRepresentation: bytes.dropFirst()), for: message))
        #expect(!key.publicKey.isValidSignature(RSASignature(rawRepresentation: []), for: message))
        let n = key.publicKey.components.modulus
        #expect(!key.publicKey.isValidSignature(RSASignature(rawRepresentation: n), for: message))
        #expect(!key.publicKey.isValidSignature(RSASignature(rawRepresentation: [UInt8](repeating: 0xFF, count: 256)), for: message))
    }
}
