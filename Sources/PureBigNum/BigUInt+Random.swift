// Random BigUInt values from a caller-supplied generator.

extension BigUInt {
    /// A uniformly random value of at most `bitLength` bits.
    ///
    /// Draws `⌈bitLength / 64⌉` words from `generator` (one `next()` call per limb, least
    /// significant first) and clears the bits above `bitLength`. Randomness is only as good as
    /// the generator: for key generation pass `SystemRandomNumberGenerator`.
    ///
    /// - Parameters:
    ///   - bitLength: the number of bits; zero or negative gives zero (and draws nothing).
    ///   - generator: the source of random words.
    ///   - topBitSet: when `true`, bit `bitLength − 1` is forced to 1 so the result has exactly
    ///     `bitLength` significant bits (as prime candidates need); the default `false` leaves it
    ///     random, giving a uniform value in `0 ..< 2^bitLength`.
    /// - Returns: the random value.
    @_spi(Internals) public static func random<R: RandomNumberGenerator>(
        bitLength: Int, using generator: inout R, topBitSet: Bool = false
    ) -> BigUInt {
        guard bitLength > 0 else { return BigUInt() }
        let limbCount = (bitLength - 1) / 64 + 1
        var limbs = [UInt64](repeating: 0, count: limbCount)
        for i in 0..<limbCount {
            limbs[i] = generator.next()
        }
        let topBits = bitLength - (limbCount - 1) * 64  // 1 ... 64
        if topBits < 64 {
            limbs[limbCount - 1] &= (UInt64(1) << UInt64(topBits)) - 1
        }
        if topBitSet {
            limbs[limbCount - 1] |= UInt64(1) << UInt64(topBits - 1)
        }
        return BigUInt(limbs: limbs)
    }

    /// A uniformly random value in `0 ..< bound`, by rejection sampling: draw
    /// `bound.bitLength` bits until the draw is below `bound` (fewer than two draws on average).
    ///
    /// - Parameters:
    ///   - bound: the exclusive upper bound; must be nonzero.
    ///   - generator: the source of random words.
    /// - Returns: the random value, strictly below `bound`.
    /// - Throws: `BigNumError.emptyRange` when `bound` is zero (there is no value to pick).
    @_spi(Internals) public static func random<R: RandomNumberGenerator>(
        below bound: BigUInt, using generator: inout R
    ) throws(BigNumError) -> BigUInt {
        guard !bound.isZero else { throw .emptyRange }
        let bits = bound.bitLength
        while true {
            let candidate = random(bitLength: bits, using: &generator)
            if candidate < bound { return candidate }
        }
    }
}
