// Trial division of a secret prime candidate by small primes, in constant time per divisor.
//
// What it leaks, and why that is acceptable (FIPS 186-5 A.1.3 discards every candidate that
// fails, and draws the next one afresh):
// - The residue of the candidate modulo each small prime is computed with multiplications,
//   shifts and subtractions only (a Barrett step per 32-bit half-limb, no division instruction,
//   no branch, no table lookup indexed by the candidate), so the time per divisor depends on
//   the candidate's limb count alone.
// - After each group of ``TrialDivision/groupSize`` divisors the verdict "some divisor in this
//   group divides the candidate" is revealed so that a composite can be dropped early. That
//   tells an observer how far the sieve got on a REJECTED candidate, which is then discarded
//   and never used again. An ACCEPTED candidate always runs through every group with the verdict
//   "no", so its timing is the same for every accepted prime of a given size: the only thing
//   it reveals is "not divisible by a small prime", which is true of every prime anyway.
// - The same holds for the checks "p ≡ 1 (mod e)" (gcd(p − 1, e) ≠ 1 for the prime e = 65537)
//   and "2^64 divides p − 1" (see MillerRabin.swift), done here with the same residue code.

/// A small odd prime with its Barrett constant.
struct SmallPrime: Sendable {
    /// The prime, 3 ≤ value < 2^18.
    let value: UInt64
    /// ⌊2^64 / value⌋.
    let reciprocal: UInt64

    init(_ value: UInt64) {
        self.value = value
        // 2^64 = (2^64 − 1) + 1, and value is odd so it never divides 2^64: the floor of
        // (2^64 − 1)/value equals the floor of 2^64/value.
        self.reciprocal = UInt64.max / value
    }
}

enum TrialDivision {
    /// Divisors examined between two early-exit decisions (see the note at the top of the file).
    static let groupSize = 8

    /// The odd primes below 2^15 (3 ... 32749), 3,511 of them, by the sieve of Eratosthenes.
    /// Computed once; Swift initialises a `static let` lazily and thread-safely.
    static let oddPrimes: [SmallPrime] = {
        let limit = 1 << 15
        var composite = [Bool](repeating: false, count: limit)
        var primes: [SmallPrime] = []
        var candidate = 3
        while candidate < limit {
            if !composite[candidate] {
                primes.append(SmallPrime(UInt64(candidate)))
                var multiple = candidate * candidate
                while multiple < limit {
                    composite[multiple] = true
                    multiple += 2 * candidate
                }
            }
            candidate += 2
        }
        return primes
    }()

    /// How many of ``oddPrimes`` to try on a candidate of `bits` bits.
    ///
    /// Trying one more divisor d costs about one Barrett step per half-limb and saves a
    /// Miller–Rabin exponentiation for a fraction 1/d of the survivors; the exponentiation costs
    /// grow as bits³ and the division as bits, so larger candidates pay for more divisors.
    /// The counts follow that estimate (break-even near d ≈ 5,000 for 1024-bit candidates);
    /// they were not tuned by measurement.
    static func divisorCount(forBits bits: Int) -> Int {
        switch bits {
        case ..<768: return 256  // up to 1,621
        case ..<1280: return 1024  // up to 8,167
        case ..<2560: return 2048  // up to 17,881
        default: return oddPrimes.count
        }
    }

    /// `value mod d` for a value given as little-endian limbs, in constant time, as a number in
    /// `0 ..< 2d` (0 or d when d divides the value).
    ///
    /// Method: Horner's rule over 32-bit half-limbs, most significant first, r ← (r·2³² + h) mod d
    /// by one Barrett step: with r < 2d < 2^19, v = r·2³² + h < 2^51, q = ⌊v·⌊2^64/d⌋ / 2^64⌋
    /// is ⌊v/d⌋ or one less (the error v·frac(2^64/d)/2^64 is below 1), so v − q·d < 2d. The
    /// remainder is left in `0 ..< 2d` rather than corrected, so no comparison is needed at all.
    ///
    /// Timing contract: depends only on `limbs.count`.
    @inline(__always)
    static func lazyResidue(_ limbs: UnsafeBufferPointer<UInt64>, _ d: SmallPrime) -> UInt64 {
        var r: UInt64 = 0
        var i = limbs.count
        while i > 0 {
            i &-= 1
            let limb = limbs[i]
            r = barrettStep((r << 32) | (limb >> 32), d)
            r = barrettStep((r << 32) | (limb & 0xFFFF_FFFF), d)
        }
        return r
    }

    /// v − ⌊v·reciprocal / 2^64⌋·d, a number in `0 ..< 2d` congruent to v, for v < 2^51.
    @inline(__always)
    static func barrettStep(_ v: UInt64, _ d: SmallPrime) -> UInt64 {
        let q = v.multipliedFullWidth(by: d.reciprocal).high
        return v &- q &* d.value
    }

    /// True (as a word, 1) when `r`, a lazy residue in `0 ..< 2d`, is ≡ `target` (mod d), for
    /// `target < d`. Constant time.
    @inline(__always)
    static func residueIs(_ r: UInt64, _ target: UInt64, _ d: UInt64) -> UInt64 {
        let x = r ^ target, y = r ^ (target &+ d)
        // (w | −w) >> 63 is 1 exactly when w ≠ 0.
        return (((x | (0 &- x)) >> 63) & ((y | (0 &- y)) >> 63)) ^ 1
    }

    /// Whether one of the first `count` odd primes divides the candidate.
    ///
    /// Timing contract: see the note at the top of this file. Each divisor costs the same; the
    /// verdict is revealed once per group of ``groupSize`` divisors, so a candidate that is
    /// kept (verdict always "no") takes the same time as every other kept candidate of its size.
    static func hasSmallFactor(_ candidate: [UInt64], divisors count: Int) -> Bool {
        let primes = oddPrimes
        let total = min(count, primes.count)
        return candidate.withUnsafeBufferPointer { limbs in
            var start = 0
            while start < total {
                let end = min(start + groupSize, total)
                var divides: UInt64 = 0
                var index = start
                while index < end {
                    let d = primes[index]
                    divides |= residueIs(lazyResidue(limbs, d), 0, d.value)
                    index &+= 1
                }
                // Revealed: a candidate with a small factor is discarded (see the file note).
                if divides != 0 { return true }
                start = end
            }
            return false
        }
    }

    /// The public exponent 65537 with its Barrett constant.
    static let f4 = SmallPrime(65537)

    /// Whether `candidate ≡ 1 (mod 65537)`, i.e. gcd(candidate − 1, 65537) ≠ 1 (65537 is prime).
    /// Constant time; the answer is revealed because such a candidate is discarded.
    static func isOneModuloF4(_ candidate: [UInt64]) -> Bool {
        candidate.withUnsafeBufferPointer { limbs in
            residueIs(lazyResidue(limbs, f4), 1, f4.value) != 0
        }
    }
}
