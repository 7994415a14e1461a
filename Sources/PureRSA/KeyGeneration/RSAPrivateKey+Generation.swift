@_spi(Internals) import PureBigNum

/// Why an RSA key could not be generated.
@nonexhaustive
public enum RSAKeyGenerationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The size is not a multiple of 8, or outside 1024 ... 16384 bits.
    case unsupportedKeySize(bits: Int)
    /// The size is below what the key policy allows (1024 to 2047 bits need
    /// ``RSAKeyPolicy/allowingLegacySizes``).
    case keyTooSmall(bits: Int, minimum: Int)
    /// No prime was found among the candidates FIPS 186-5 allows, in several attempts: the
    /// random source is not producing random numbers.
    case randomSourceFailed
    /// The generated numbers did not pass the key's own validation. Not expected; reported
    /// rather than trapped.
    case generatedKeyRejected(RSAError)

    /// The error as a sentence a tool can print as is.
    public var description: String {
        switch self {
        case let .unsupportedKeySize(bits):
            return "cannot generate a \(bits)-bit RSA key: the size must be a multiple of 8 from 2048 to 16384 (1024 with the legacy opt-in)"
        case let .keyTooSmall(bits, minimum):
            return
                "cannot generate a \(bits)-bit RSA key: the key policy requires at least \(minimum) bits (smaller keys need the explicit legacy policy)"
        case .randomSourceFailed:
            return "no prime was found among the candidates allowed by FIPS 186-5; the random number generator appears to be broken"
        case let .generatedKeyRejected(error):
            return "the generated key failed validation (an internal error): \(error)"
        }
    }
}

extension RSAPrivateKey {
    /// The public exponent of every generated key, 65537 (F4).
    public static let generatedPublicExponent: UInt64 = 65537

    /// Generates a new RSA key pair from the system's secure random number generator.
    ///
    /// Follows FIPS 186-5 appendix A.1.3 (random probable primes): e = 65537; each candidate is
    /// a fresh random string of `bits/2` bits with its top two bits and its low bit set, sieved
    /// by small primes, then tested with Miller–Rabin for the number of rounds of FIPS 186-5
    /// table B.1; |p − q| > 2^(bits/2 − 100); gcd(e, p − 1) = gcd(e, q − 1) = 1;
    /// d = e⁻¹ mod lcm(p − 1, q − 1) with d > 2^(bits/2) (otherwise new primes are drawn). The
    /// modulus has exactly `bits` bits. The key then passes the same validation as a loaded key.
    ///
    /// Timing contract: the primality tests run on the secret candidates in constant time
    /// (constant-time exponentiation, trial division without division instructions); what the
    /// rejection of candidates reveals is described in TrialDivision.swift and MillerRabin.swift
    /// (only facts about discarded candidates). The final arithmetic (λ, d, the CRT values, and
    /// the validation every key gets) uses variable-time `BigUInt` once per key, as loading a
    /// key does. Running time varies widely from key to key (the distance to the next prime is
    /// random): around a tenth of a second for 2048 bits, seconds for 4096 bits.
    ///
    /// - Parameters:
    ///   - bits: the modulus size: a multiple of 8 from 2048 to 16384 (2048, 3072 and 4096 are
    ///     the usual ones), or from 1024 with `policy` ``RSAKeyPolicy/allowingLegacySizes``.
    ///   - policy: the size policy; the default refuses sizes below 2048 bits.
    /// - Returns: the new key.
    /// - Throws: ``RSAKeyGenerationError/unsupportedKeySize(bits:)``,
    ///   ``RSAKeyGenerationError/keyTooSmall(bits:minimum:)``, or, if the system generator
    ///   fails, ``RSAKeyGenerationError/randomSourceFailed``.
    public static func generate(bits: Int = 2048, policy: RSAKeyPolicy = .standard)
        throws(RSAKeyGenerationError) -> RSAPrivateKey
    {
        var generator = SystemRandomNumberGenerator()
        return try generateKey(bits: bits, policy: policy, using: &generator)
    }

    /// A modulus size for ``init(keySize:)``, named as swift-crypto's `_RSA.Signing.KeySize`.
    public struct KeySize: Sendable, Hashable {
        /// The modulus size in bits.
        public let bitCount: Int

        /// A size in bits: a multiple of 8 from 2048 to 16384 (checked when the key is made).
        ///
        /// - Parameter bitCount: the modulus size in bits.
        public init(bitCount: Int) { self.bitCount = bitCount }

        /// 2048 bits, the usual size for RS256 tokens.
        public static let bits2048 = KeySize(bitCount: 2048)
        /// 3072 bits.
        public static let bits3072 = KeySize(bitCount: 3072)
        /// 4096 bits.
        public static let bits4096 = KeySize(bitCount: 4096)
    }

    /// Generates a new key of `keySize` from the system's secure random number generator, as
    /// ``generate(bits:policy:)`` does (swift-crypto's spelling).
    ///
    /// - Parameter keySize: the modulus size.
    /// - Throws: as ``generate(bits:policy:)`` with the standard policy.
    public init(keySize: KeySize) throws(RSAKeyGenerationError) {
        self = try RSAPrivateKey.generate(bits: keySize.bitCount)
    }

    /// Generates a key from a caller-supplied random source. FOR TESTS ONLY (a seeded
    /// generator makes a key reproducible); real keys come from ``generate(bits:policy:)``,
    /// which always uses `SystemRandomNumberGenerator`. Reached with
    /// `@_spi(KeyGenerationTesting) import PureRSA`.
    ///
    /// - Parameters:
    ///   - bits: as for ``generate(bits:policy:)``.
    ///   - policy: as for ``generate(bits:policy:)``.
    ///   - generator: the random source for candidates and Miller–Rabin bases.
    /// - Returns: the new key; the same generator state gives the same key.
    /// - Throws: as ``generate(bits:policy:)``.
    @_spi(KeyGenerationTesting)
    public static func generate<R: RandomNumberGenerator>(
        bits: Int, policy: RSAKeyPolicy = .standard, using generator: inout R
    ) throws(RSAKeyGenerationError) -> RSAPrivateKey {
        try generateKey(bits: bits, policy: policy, using: &generator)
    }

    /// Attempts of the whole A.1.3 procedure before concluding the random source is broken.
    /// One attempt fails with probability below 10^−5 for a working source.
    static let generationAttempts = 4

    static func generateKey<R: RandomNumberGenerator>(
        bits: Int, policy: RSAKeyPolicy, using generator: inout R
    ) throws(RSAKeyGenerationError) -> RSAPrivateKey {
        guard bits % 8 == 0, bits >= 1024, bits <= RSAKeyPolicy.maximumModulusBits else {
            throw .unsupportedKeySize(bits: bits)
        }
        guard bits >= policy.minimumModulusBits else {
            throw .keyTooSmall(bits: bits, minimum: policy.minimumModulusBits)
        }
        let half = bits / 2
        var failures = 0
        while failures < generationAttempts {
            let p: [UInt64], q: [UInt64]
            do {
                p = try PrimeGeneration.probablePrime(
                    bits: half, maximumCandidates: 5 * half, farFrom: nil, using: &generator)
                q = try PrimeGeneration.probablePrime(
                    bits: half, maximumCandidates: 10 * half, farFrom: p, using: &generator)
            } catch {
                failures += 1
                continue
            }
            guard let components = assemble(p: p, q: q, bits: bits) else {
                // d ≤ 2^(nlen/2): FIPS 186-5 asks for new primes (probability about 2^−(nlen/2)).
                continue
            }
            do {
                return try RSAPrivateKey(components: components, policy: policy)
            } catch {
                throw .generatedKeyRejected(error)
            }
        }
        throw .randomSourceFailed
    }

    /// n, d and the CRT values from p and q; nil when d ≤ 2^(nlen/2).
    ///
    /// Variable-time (BigUInt) on the secret primes, once per key; see ``generate(bits:policy:)``.
    static func assemble(p pLimbs: [UInt64], q qLimbs: [UInt64], bits: Int) -> RSAPrivateKeyComponents? {
        let p = BigUInt(limbs: pLimbs), q = BigUInt(limbs: qLimbs)
        let one = BigUInt(1)
        let e = BigUInt(generatedPublicExponent)
        let n = p * q
        let pMinus1 = p - one, qMinus1 = q - one
        let lambda = BigUInt.lcm(pMinus1, qMinus1)
        guard let d = try? e.inverse(modulo: lambda),
            d > one << (bits / 2),
            let dP = try? d.modulo(pMinus1),
            let dQ = try? d.modulo(qMinus1),
            let qInverse = try? q.inverse(modulo: p)
        else { return nil }
        return RSAPrivateKeyComponents(
            modulus: n.bigEndianBytes(), publicExponent: e.bigEndianBytes(),
            privateExponent: d.bigEndianBytes(), prime1: p.bigEndianBytes(),
            prime2: q.bigEndianBytes(), exponent1: dP.bigEndianBytes(),
            exponent2: dQ.bigEndianBytes(), coefficient: qInverse.bigEndianBytes())
    }
}

/// The primality test used by key generation, exposed for tests only
/// (`@_spi(KeyGenerationTesting) import PureRSA`).
@_spi(KeyGenerationTesting)
public enum KeyGenerationPrimality {
    /// Whether `w` is a strong probable prime to `base` (one Miller–Rabin round with a chosen
    /// base), computed by the constant-time code key generation uses.
    ///
    /// - Parameters:
    ///   - w: an odd number ≥ 5 with w ≢ 1 (mod 2^64).
    ///   - base: 2 ≤ base ≤ w − 2.
    /// - Returns: nil when the arguments are outside those ranges.
    public static func isStrongProbablePrime(_ w: BigUInt, base: BigUInt) -> Bool? {
        guard let candidate = MillerRabin.Candidate(w.limbs),
            base >= BigUInt(2), base < w - BigUInt(1)
        else { return nil }
        return MillerRabin.isStrongProbablePrime(candidate, base: base.limbs).declassified()
    }

    /// Whether `w` passes `rounds` Miller–Rabin rounds with random bases from `generator`.
    ///
    /// - Returns: nil when `w` is even, below 5, or ≡ 1 (mod 2^64) (key generation discards those).
    public static func isProbablePrime<R: RandomNumberGenerator>(
        _ w: BigUInt, rounds: Int, using generator: inout R
    ) -> Bool? {
        guard let candidate = MillerRabin.Candidate(w.limbs) else { return nil }
        return MillerRabin.isProbablePrime(candidate, rounds: rounds, using: &generator)
    }

    /// Whether one of the first `divisors` odd primes divides `w` (the sieve before Miller–Rabin).
    public static func hasSmallFactor(_ w: BigUInt, divisors: Int) -> Bool {
        TrialDivision.hasSmallFactor(w.limbs, divisors: divisors)
    }

    /// The Miller–Rabin rounds used for a prime of `bits` bits (FIPS 186-5 table B.1).
    public static func rounds(forPrimeBits bits: Int) -> Int {
        MillerRabin.rounds(forPrimeBits: bits)
    }
}
