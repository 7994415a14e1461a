@_spi(Internals) import PureBigNum

// FIPS 186-5 appendix A.1.3: generation of random primes that are probably prime, for e = 65537.
//
// Steps, as numbered there (p in 4.x, q in 5.x):
//   4.2/5.2  a fresh string of nlen/2 bits from the random source for every candidate;
//   4.3/5.3  made odd; here also the top two bits are set, so p, q ≥ 1.5·2^(nlen/2 − 1) >
//            √2·2^(nlen/2 − 1) (4.4/5.5 always hold) and n = p·q has exactly nlen bits;
//   5.4      |p − q| > 2^(nlen/2 − 100), checked in constant time;
//   4.5/5.6  gcd(p − 1, e) = 1, i.e. p ≢ 1 (mod 65537) since 65537 is prime;
//            then Miller–Rabin with the rounds of table B.1 — after trial division by small
//            primes, which only rejects candidates Miller–Rabin would reject too;
//   4.7/5.8  give up after 5·(nlen/2) candidates for p, 10·(nlen/2) for q.
// Every rejected candidate is discarded and never reused (see TrialDivision.swift for what the
// rejections reveal).

enum PrimeGeneration {
    /// Why prime generation stopped without a prime.
    enum Failure: Error {
        /// FIPS 186-5 A.1.3 steps 4.7 / 5.8: no prime among the allowed number of candidates.
        case tooManyCandidates(Int)
    }

    /// A random odd candidate of exactly `bits` bits with its top two bits set, as limbs.
    static func candidate<R: RandomNumberGenerator>(bits: Int, using generator: inout R) -> [UInt64] {
        let limbCount = (bits + 63) / 64
        var limbs = [UInt64](repeating: 0, count: limbCount)
        for i in 0..<limbCount { limbs[i] = generator.next() }
        let topBits = bits - (limbCount - 1) * 64  // 1 ... 64; bits ≥ 2 here
        if topBits < 64 { limbs[limbCount - 1] &= (1 << UInt64(topBits)) - 1 }
        // The two top bits: bit topBits−1 and topBits−2, which may sit in the limb below.
        let top = bits - 1, second = bits - 2
        limbs[top / 64] |= 1 << UInt64(top % 64)
        limbs[second / 64] |= 1 << UInt64(second % 64)
        limbs[0] |= 1
        return limbs
    }

    /// Whether |p − q| > 2^(bits − 100) for two `bits`-bit values. Constant time (the answer
    /// is revealed; a q that fails is discarded, and for random p and q it fails with
    /// probability about 2^−98).
    static func areFarApart(_ p: [UInt64], _ q: [UInt64], bits: Int) -> Bool {
        let shift = bits - 100
        var bound = [UInt64](repeating: 0, count: shift / 64 + 1)
        bound[shift / 64] = 1 << UInt64(shift % 64)
        // |p − q| > bound  ⇔  q + bound < p  or  p + bound < q.
        let farAbove = Limbs.isLess(Limbs.add(q, bound), p)
        let farBelow = Limbs.isLess(Limbs.add(p, bound), q)
        return (farAbove | farBelow).declassified()
    }

    /// Draws candidates until one is a probable prime, or the FIPS bound is reached.
    ///
    /// - Parameters:
    ///   - bits: nlen/2, the size of the prime.
    ///   - maximumCandidates: 5·(nlen/2) for p, 10·(nlen/2) for q.
    ///   - other: for q, the prime p it must differ from by more than 2^(bits − 100).
    ///   - generator: the random source, used for candidates and Miller–Rabin bases.
    /// - Returns: the prime as little-endian limbs, `(bits + 63) / 64` of them.
    static func probablePrime<R: RandomNumberGenerator>(
        bits: Int, maximumCandidates: Int, farFrom other: [UInt64]?, using generator: inout R
    ) throws(Failure) -> [UInt64] {
        let divisors = TrialDivision.divisorCount(forBits: bits)
        let rounds = MillerRabin.rounds(forPrimeBits: bits)
        var tried = 0
        while tried < maximumCandidates {
            tried += 1
            let w = candidate(bits: bits, using: &generator)
            if let other, !areFarApart(other, w, bits: bits) { continue }
            if TrialDivision.hasSmallFactor(w, divisors: divisors) { continue }
            if TrialDivision.isOneModuloF4(w) { continue }
            guard let prepared = MillerRabin.Candidate(w) else { continue }
            if MillerRabin.isProbablePrime(prepared, rounds: rounds, using: &generator) {
                return w
            }
        }
        throw .tooManyCandidates(tried)
    }
}
