@_spi(Internals) import PureBigNum

// The Miller–Rabin probabilistic primality test (FIPS 186-5 appendix B.3.1) on a SECRET
// candidate w, with the constant-time Montgomery core of PureBigNum.
//
// Write w − 1 = 2^a · m with m odd. A round picks a random base b in [2, w − 2], computes
// z = b^m mod w and accepts when z = 1 or when z = −1 appears among z, z², …, z^(2^(a−1)).
//
// What is constant time, and what is revealed:
// - a is computed without branches (a bit formula on the low limb); m = (w − 1) >> a by six
//   masked shifts of public widths 1, 2, 4, …, 32.
// - b^m uses `Modulus.exponentiateSecret` with m at the full width of w, so every exponent bit
//   is processed whatever m is.
// - The squaring loop always runs 63 times (a public bound) and folds "z = −1 while j < a" into
//   a `Choice`; it never stops at a secret a. The bound 63 is why candidates with a ≥ 64 (that
//   is, w ≡ 1 mod 2^64, probability 2^−64 for a random odd w) are discarded before testing:
//   they are rejected like any composite, so nothing is revealed about an accepted prime.
// - The round's verdict is revealed: a composite is discarded; for an accepted prime it is
//   "probably prime" every time, which tells nothing.
// - Drawing b: a draw outside [2, w − 2] is redrawn (FIPS B.3.1 step 4.1). The comparison with
//   w is constant time and only its outcome is revealed; it depends on the secret, discarded b,
//   so it tells an observer at most that w was below some unknown random number.

enum MillerRabin {
    /// The number of rounds for a prime of `bits` bits when generating an RSA key.
    ///
    /// FIPS 186-5 table B.1 ("minimum number of rounds of M-R testing when generating primes"),
    /// the column for an error probability matching the key's security strength: p and q of
    /// 1024 bits (nlen = 2048) 5 rounds (2^−112), 1536 bits (nlen = 3072) 4 rounds (2^−128),
    /// 2048 bits (nlen = 4096) 4 rounds (2^−144). A size between two rows takes the row of the
    /// smaller size (the error bound for random candidates falls as the size grows, so this
    /// is conservative); sizes above 2048 bits take 4. Below 1024 bits (the opt-in for legacy
    /// 1024-bit keys, outside FIPS 186-5) 7 rounds: the Damgård–Landrock–Pomerance bound behind
    /// Handbook of Applied Cryptography table 4.4 needs 6 for 2^−80 at 512 bits.
    static func rounds(forPrimeBits bits: Int) -> Int {
        if bits >= 1536 { return 4 }
        if bits >= 1024 { return 5 }
        return 7
    }

    /// The public bound on a, the exponent of 2 in w − 1 (see the file note).
    static let maximumTwoAdicity = 63

    /// A candidate prepared for testing: its modulus, w − 1 split as 2^a·m, and the Montgomery
    /// forms of 1 and −1.
    struct Candidate {
        let modulus: Modulus
        /// w − 1.
        let wMinusOne: [UInt64]
        /// m, the odd part of w − 1, at the full width of w.
        let oddPart: [UInt64]
        /// a, as a secret word (never branched on).
        let twoAdicity: UInt64
        /// R mod w and w − (R mod w): the Montgomery forms of 1 and −1.
        let montgomeryOne: [UInt64]
        let montgomeryMinusOne: [UInt64]

        /// Prepares an odd w ≥ 5 with `w ≢ 1 (mod 2^64)`; returns nil otherwise (revealed: such
        /// a w is not tested). Constant time for a given limb count.
        init?(_ w: [UInt64]) {
            guard let low = w.first, low & 1 == 1, w.count > 1 || low >= 5 else { return nil }
            var wMinusOne = w
            wMinusOne[0] = low ^ 1
            let lowLimb = wMinusOne[0]
            // Revealed only for a candidate that is then discarded (see the file note).
            guard lowLimb != 0 else { return nil }
            guard let modulus = try? Modulus(limbs: w) else { return nil }
            // a = trailing zeros of the low limb: popcount((x & −x) − 1), arithmetic only.
            let a = UInt64(((lowLimb & (0 &- lowLimb)) &- 1).nonzeroBitCount)
            self.modulus = modulus
            self.wMinusOne = wMinusOne
            self.oddPart = MillerRabin.shiftRight(wMinusOne, bySecret: a)
            self.twoAdicity = a
            guard let one = try? modulus.toMontgomery([1]),
                let minusOne = try? modulus.toMontgomery(wMinusOne)
            else { return nil }
            self.montgomeryOne = one
            self.montgomeryMinusOne = minusOne
        }
    }

    /// `value >> shift` for a secret `shift` in 0 ... 63, by six masked stages of public
    /// widths. Constant time; depends only on `value.count`.
    static func shiftRight(_ value: [UInt64], bySecret shift: UInt64) -> [UInt64] {
        var result = value
        var stage = 0
        while stage < 6 {
            let width = 1 << stage
            let shifted = shiftRight(result, by: width)
            let take = Choice.isEqual((shift >> UInt64(stage)) & 1, 1)
            result = Limbs.select(take, shifted, result)
            stage += 1
        }
        return result
    }

    /// `value >> bits` for a public `bits` in 1 ... 63.
    static func shiftRight(_ value: [UInt64], by bits: Int) -> [UInt64] {
        let count = value.count
        var result = [UInt64](repeating: 0, count: count)
        let up = UInt64(64 - bits), down = UInt64(bits)
        for i in 0..<count {
            let high = i + 1 < count ? value[i + 1] << up : 0
            result[i] = (value[i] >> down) | high
        }
        return result
    }

    /// One round with the given base: true when w is a strong probable prime to base b.
    ///
    /// Precondition: 2 ≤ b ≤ w − 2 and b has at most as many limbs as w (callers check).
    /// Timing contract: depends only on the limb count of w (and of b); see the file note.
    static func isStrongProbablePrime(_ w: Candidate, base b: [UInt64]) -> Choice {
        let z = w.modulus.exponentiateSecret(base: b, exponent: w.oddPart)
        guard var zm = try? w.modulus.toMontgomery(z) else { return .no }
        var passed = Limbs.isEqual(zm, w.montgomeryOne) | Limbs.isEqual(zm, w.montgomeryMinusOne)
        var squared: [UInt64] = []
        var j: UInt64 = 1
        while j <= UInt64(maximumTwoAdicity) {
            // Cannot throw: zm has exactly the modulus's limb count.
            try? w.modulus.montgomerySquare(zm, into: &squared)
            swap(&zm, &squared)
            let active = Choice.isLess(j, w.twoAdicity)
            passed = passed | (Limbs.isEqual(zm, w.montgomeryMinusOne) & active)
            j += 1
        }
        return passed
    }

    /// `rounds` rounds with random bases from `generator`: true when w is a probable prime.
    ///
    /// Stops at the first round that proves w composite (the candidate is then discarded).
    static func isProbablePrime<R: RandomNumberGenerator>(
        _ w: Candidate, rounds: Int, using generator: inout R
    ) -> Bool {
        let limbCount = w.wMinusOne.count
        let bits = w.modulus.bitLength
        let topBits = bits - (limbCount - 1) * 64
        var round = 0
        var draws = 0
        while round < rounds {
            // FIPS 186-5 B.3.1 step 4.1: b of wlen bits, redrawn when b ≤ 1 or b ≥ w − 1.
            var b = [UInt64](repeating: 0, count: limbCount)
            for i in 0..<limbCount { b[i] = generator.next() }
            if topBits < 64 { b[limbCount - 1] &= (1 << UInt64(topBits)) - 1 }
            var high: UInt64 = 0
            for i in 1..<max(limbCount, 1) { high |= b[i] }
            let atLeastTwo = !(Choice.isZero(high) & Choice.isLess(b[0], 2))
            let inRange = atLeastTwo & Limbs.isLess(b, w.wMinusOne)
            draws += 1
            if !inRange.declassified() {
                // A generator that never yields a base in range (a broken one) ends the test
                // with "composite" rather than looping for ever; with a real one at least 1/4
                // of the draws are in range, so 1,000 misses in a row do not happen.
                if draws > 1000 { return false }
                continue
            }
            if !isStrongProbablePrime(w, base: b).declassified() { return false }
            round += 1
        }
        return true
    }
}
