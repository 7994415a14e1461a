// The primality test behind key generation, against Vectors/primes (made by a pure-Python
// script, see its header): Carmichael numbers, strong pseudoprimes, MODP primes.
import Foundation
@_spi(Internals) import PureBigNum
@_spi(KeyGenerationTesting) import PureRSA
import Testing

@Suite struct KeyGenerationPrimalityTests {
    // A missing or unreadable vector file stops the run with its own error.
    static let vectors: [PrimeVector] = try! primeVectors()

    @Test func theVectorFileHasEveryGroup() {
        #expect(Self.vectors.filter { $0["Carmichael"] != nil }.count == 43)
        #expect(Self.vectors.filter { $0["Bases"] == "2" }.count == 46)
        #expect(Self.vectors.filter { $0["Prime"] != nil }.count == 8)
        #expect(Self.vectors.filter { $0["Composite"] != nil }.count == 4)
    }

    @Test func millerRabinRejectsEveryCarmichaelNumberBelowOneMillion() throws {
        var generator = SeededGenerator(seed: 1)
        for vector in Self.vectors {
            guard let text = vector["Carmichael"] else { continue }
            let n = try bigUInt(decimal: text)
            #expect(
                KeyGenerationPrimality.isProbablePrime(n, rounds: 20, using: &generator) == false,
                "Carmichael number \(text) passed Miller-Rabin")
        }
    }

    @Test func strongPseudoprimesPassTheirBasesButNotRandomBases() throws {
        var generator = SeededGenerator(seed: 2)
        var checked = 0
        for vector in Self.vectors {
            guard let text = vector["StrongPseudoprime"], let bases = vector["Bases"] else { continue }
            let n = try bigUInt(decimal: text)
            // The listed bases are liars: a correct strong test must say "probable prime".
            for base in bases.split(separator: ",") {
                #expect(
                    KeyGenerationPrimality.isStrongProbablePrime(n, base: try bigUInt(decimal: String(base))) == true,
                    "\(text) should be a strong probable prime to base \(base)")
            }
            #expect(
                KeyGenerationPrimality.isProbablePrime(n, rounds: 20, using: &generator) == false,
                "strong pseudoprime \(text) passed 20 random-base rounds")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test func theStrongTestFindsAWitnessWhereTheFermatTestWouldNot() throws {
        // 561 = 3·11·17 is a Carmichael number: 2^560 ≡ 1 (mod 561), yet 2 is a strong witness.
        #expect(KeyGenerationPrimality.isStrongProbablePrime(BigUInt(561), base: BigUInt(2)) == false)
        // Base 2 is a liar for 2047 = 23·89 (the smallest strong pseudoprime to base 2); 3 is not.
        #expect(KeyGenerationPrimality.isStrongProbablePrime(BigUInt(2047), base: BigUInt(2)) == true)
        #expect(KeyGenerationPrimality.isStrongProbablePrime(BigUInt(2047), base: BigUInt(3)) == false)
    }

    @Test func millerRabinAcceptsTheMODPPrimes() throws {
        var generator = SeededGenerator(seed: 3)
        for vector in Self.vectors {
            guard let hex = vector["Prime"] else { continue }
            let p = try bigUInt(hex: hex)
            // A prime passes every round, so fewer rounds prove as much; the 6144- and 8192-bit
            // ones get one round each to keep the debug-build test time to seconds.
            let large = p.bitLength > 4096
            let rounds = large ? 1 : KeyGenerationPrimality.rounds(forPrimeBits: p.bitLength)
            #expect(
                KeyGenerationPrimality.isProbablePrime(p, rounds: rounds, using: &generator) == true,
                "\(vector["Name"] ?? "") was rejected")
            #expect(KeyGenerationPrimality.hasSmallFactor(p, divisors: 3511) == false)
            // So is (p − 1)/2: these are safe primes.
            if !large {
                let half = p >> 1
                #expect(KeyGenerationPrimality.isProbablePrime(half, rounds: 1, using: &generator) == true)
            }
        }
    }

    @Test(.enabled(if: opensslExecutable != nil, "openssl is not on PATH"))
    func openSSLAgreesTheMODPNumbersArePrime() throws {
        let openssl = try #require(opensslExecutable)
        for vector in Self.vectors {
            guard let hex = vector["Prime"] else { continue }
            let (status, output) = try runOpenSSL(openssl, ["prime", "-hex", hex])
            #expect(status == 0 && output.contains("is prime") && !output.contains("not prime"), "\(output)")
        }
    }

    @Test func millerRabinRejectsLargeCarmichaelNumbersAndRSAModuli() throws {
        var generator = SeededGenerator(seed: 4)
        for vector in Self.vectors {
            guard let hex = vector["Composite"], let factorHex = vector["Factor"] else { continue }
            let n = try bigUInt(hex: hex)
            let factor = try bigUInt(hex: factorHex)
            #expect(try n.modulo(factor).isZero && factor > BigUInt(1) && factor < n)  // composite indeed
            #expect(
                KeyGenerationPrimality.isProbablePrime(n, rounds: 5, using: &generator) == false,
                "\(vector["Name"] ?? "") passed Miller-Rabin")
            // Chernick numbers have no factor below 2000 by construction, RSA moduli none at all.
            #expect(KeyGenerationPrimality.hasSmallFactor(n, divisors: 256) == false)
        }
    }

    @Test func trialDivisionFindsTheSmallFactorOfEveryCompositeBelowOneMillion() throws {
        // Every composite below 10^6 has a prime factor below 1000 (< the 256th odd prime, 1621).
        for vector in Self.vectors {
            guard let text = vector["Carmichael"] ?? vector["StrongPseudoprime"] else { continue }
            let n = try bigUInt(decimal: text)
            guard n < BigUInt(1_000_000) else { continue }
            #expect(KeyGenerationPrimality.hasSmallFactor(n, divisors: 256), "\(text)")
        }
        // And it finds a factor that is a product's only small one, at the end of the table.
        let p = BigUInt(32749)  // the largest odd prime below 2^15, the table's last entry
        let big = try bigUInt(hex: try #require(Self.vectors.first { $0["Prime"] != nil }?["Prime"]))
        #expect(KeyGenerationPrimality.hasSmallFactor(big * p, divisors: 3511))
        #expect(!KeyGenerationPrimality.hasSmallFactor(big * p, divisors: 3510))
    }

    @Test func roundsFollowFIPS186Dash5TableB1() {
        #expect(KeyGenerationPrimality.rounds(forPrimeBits: 1024) == 5)  // nlen 2048
        #expect(KeyGenerationPrimality.rounds(forPrimeBits: 1536) == 4)  // nlen 3072
        #expect(KeyGenerationPrimality.rounds(forPrimeBits: 2048) == 4)  // nlen 4096
        #expect(KeyGenerationPrimality.rounds(forPrimeBits: 1028) == 5)  // between rows: the smaller row
        #expect(KeyGenerationPrimality.rounds(forPrimeBits: 512) == 7)  // legacy 1024-bit keys
    }
}
