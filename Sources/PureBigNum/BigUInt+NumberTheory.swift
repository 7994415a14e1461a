// Greatest common divisor, least common multiple, modular inverse, modular power and integer
// square root for BigUInt. All variable-time: for public values, key generation and tests.

extension BigUInt {
    /// The greatest common divisor (Euclid's algorithm with full divisions).
    ///
    /// - Parameters:
    ///   - a: the first value.
    ///   - b: the second value.
    /// - Returns: gcd(a, b); `gcd(0, b) == b` and `gcd(0, 0) == 0`.
    package static func gcd(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        var x = a, y = b
        while !y.isZero {
            if x.limbs.count == 1 && y.limbs.count == 1 {
                return BigUInt(gcdWord(x.limbs[0], y.limbs[0]))
            }
            (x, y) = (y, divide(x, by: y).remainder)
        }
        return x
    }

    /// Euclid on single words.
    private static func gcdWord(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var x = a, y = b
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    /// The least common multiple.
    ///
    /// - Parameters:
    ///   - a: the first value.
    ///   - b: the second value.
    /// - Returns: lcm(a, b), computed as `a / gcd(a, b) · b`; zero when either is zero.
    package static func lcm(_ a: BigUInt, _ b: BigUInt) -> BigUInt {
        if a.isZero || b.isZero { return BigUInt() }
        return divide(a, by: gcd(a, b)).quotient * b
    }

    /// The inverse of `self` modulo `m`: the `x` in `1 ..< m` with `self · x ≡ 1 (mod m)`.
    ///
    /// Extended Euclid on unsigned magnitudes (the Bézout coefficients alternate in sign, so
    /// only their magnitudes are tracked). `self` may be larger than `m`.
    ///
    /// - Parameter m: the modulus, at least 2.
    /// - Returns: the inverse, reduced into `1 ..< m`.
    /// - Throws: `BigNumError.divisionByZero` when `m` is zero, `BigNumError.modulusTooSmall`
    ///   when `m` is one, `BigNumError.noInverse` when `gcd(self, m) != 1` (including
    ///   `self ≡ 0`).
    package func inverse(modulo m: BigUInt) throws(BigNumError) -> BigUInt {
        if m.isZero { throw .divisionByZero }
        if m == BigUInt(1) { throw .modulusTooSmall }
        // Invariant: r_i ≡ ±t_i · self (mod m), with the sign + for odd i and − for even i.
        var rPrevious = m
        var r = BigUInt.divide(self, by: m).remainder
        var tPrevious = BigUInt()  // |t_0| = 0
        var t = BigUInt(1)  // |t_1| = 1, sign +
        var tIsPositive = true
        while !r.isZero && r != BigUInt(1) {
            let (q, remainder, _) = BigUInt.divide(rPrevious, by: r)
            (rPrevious, r) = (r, remainder)
            // t_{i+1} = t_{i−1} − q·t_i; with alternating signs the magnitudes add.
            (tPrevious, t) = (t, tPrevious + q * t)
            tIsPositive.toggle()
        }
        guard r == BigUInt(1) else { throw .noInverse }
        // |t| < m holds for every step before the remainder reaches 1.
        return tIsPositive ? t : m - t
    }

    /// `self` raised to `exponent`, modulo `modulus` (left-to-right square-and-multiply with a
    /// full division after each step).
    ///
    /// Timing contract: variable-time in the base, the exponent and the modulus. Use only for
    /// public exponents (RSA's `e`, verification) and for tests; private-key operations go
    /// through the constant-time Montgomery exponentiation.
    ///
    /// - Parameters:
    ///   - exponent: the exponent; `x^0 ≡ 1` (so the result is `1 mod modulus`).
    ///   - modulus: the modulus; any nonzero value (even ones included). Modulo 1 every
    ///     result is 0.
    /// - Returns: `self^exponent mod modulus`.
    /// - Throws: `BigNumError.divisionByZero` when `modulus` is zero.
    @_spi(Internals) public func power(_ exponent: BigUInt, modulus: BigUInt) throws(BigNumError) -> BigUInt {
        if modulus.isZero { throw .divisionByZero }
        let base = BigUInt.divide(self, by: modulus).remainder
        var result = BigUInt.divide(BigUInt(1), by: modulus).remainder
        var i = exponent.bitLength - 1
        while i >= 0 {
            result = BigUInt.divide(result * result, by: modulus).remainder
            if exponent.bit(at: i) {
                result = BigUInt.divide(result * base, by: modulus).remainder
            }
            i -= 1
        }
        return result
    }

    /// The integer square root: the largest `r` with `r · r <= self` (Newton's iteration from
    /// a power of two above the root).
    ///
    /// - Returns: ⌊√self⌋.
    package func isqrt() -> BigUInt {
        if isZero { return self }
        // x₀ = 2^⌈bitLength/2⌉ > √self; Newton's iterates then decrease to ⌊√self⌋.
        var x = BigUInt(1) << ((bitLength + 1) / 2)
        while true {
            let y = (x + BigUInt.divide(self, by: x).quotient) >> 1
            if y >= x { return x }
            x = y
        }
    }
}
