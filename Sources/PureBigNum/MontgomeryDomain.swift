// Public access to single Montgomery products, for callers that keep values in the Montgomery
// domain themselves (and for the benchmarks of the kernels).

extension Modulus {
    /// Writes the Montgomery product `a·b·R⁻¹ mod m` (R = 2^(64·limbCount)) into `result`.
    ///
    /// Preconditions: `a·b < R·m` — true when both are `< m`, or one is `< m` and the other any
    /// `limbCount`-limb value; otherwise the result is unspecified (nothing traps).
    /// Timing contract: constant time; depends only on `limbCount`. The final subtraction of m
    /// is always computed and kept or dropped with a mask.
    ///
    /// - Parameters:
    ///   - a: at most `limbCount` limbs (zero-extended).
    ///   - b: at most `limbCount` limbs (zero-extended).
    ///   - result: replaced by `limbCount` limbs, `< m`. Reusing the same array across calls
    ///     avoids an allocation.
    /// - Throws: ``BigNumError/operandTooWide(limbs:maximum:)`` when `a` or `b` is too wide.
    @_spi(Internals) public func montgomeryMultiply(_ a: [UInt64], _ b: [UInt64], into result: inout [UInt64]) throws(BigNumError) {
        let n = limbCount
        guard a.count <= n else { throw .operandTooWide(limbs: a.count, maximum: n) }
        guard b.count <= n else { throw .operandTooWide(limbs: b.count, maximum: n) }
        let x = Limbs.zeroExtended(a, to: n)
        let y = Limbs.zeroExtended(b, to: n)
        if result.count != n { result = [UInt64](repeating: 0, count: n) }
        withArithmetic(extraScratch: 0) { arithmetic, _ in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    result.withUnsafeMutableBufferPointer { out in
                        arithmetic.multiply(out.baseAddress!, xb.baseAddress!, yb.baseAddress!)
                    }
                }
            }
        }
    }

    /// Writes the Montgomery square `a²·R⁻¹ mod m` into `result`, with the dedicated squaring
    /// kernel (each cross product computed once).
    ///
    /// Preconditions: `a < m` (otherwise the result is unspecified; nothing traps).
    /// Timing contract: constant time; depends only on `limbCount`.
    ///
    /// - Parameters:
    ///   - a: at most `limbCount` limbs (zero-extended).
    ///   - result: replaced by `limbCount` limbs, `< m`.
    /// - Throws: ``BigNumError/operandTooWide(limbs:maximum:)`` when `a` is too wide.
    @_spi(Internals) public func montgomerySquare(_ a: [UInt64], into result: inout [UInt64]) throws(BigNumError) {
        let n = limbCount
        guard a.count <= n else { throw .operandTooWide(limbs: a.count, maximum: n) }
        let x = Limbs.zeroExtended(a, to: n)
        if result.count != n { result = [UInt64](repeating: 0, count: n) }
        withArithmetic(extraScratch: 0) { arithmetic, _ in
            x.withUnsafeBufferPointer { xb in
                result.withUnsafeMutableBufferPointer { out in
                    arithmetic.square(out.baseAddress!, xb.baseAddress!)
                }
            }
        }
    }

    /// `a·R mod m`: the Montgomery form of `a`. Constant time; depends only on `limbCount`.
    ///
    /// - Parameter a: any value of at most `limbCount` limbs (need not be reduced).
    /// - Returns: `limbCount` limbs, `< m`.
    /// - Throws: ``BigNumError/operandTooWide(limbs:maximum:)`` when `a` is too wide.
    @_spi(Internals) public func toMontgomery(_ a: [UInt64]) throws(BigNumError) -> [UInt64] {
        var result: [UInt64] = []
        try montgomeryMultiply(a, rSquared, into: &result)
        return result
    }

    /// `a·R⁻¹ mod m`: the plain value of a Montgomery-form `a`. Constant time; depends only on
    /// `limbCount`.
    ///
    /// - Parameter a: any value of at most `limbCount` limbs.
    /// - Returns: `limbCount` limbs, `< m`.
    /// - Throws: ``BigNumError/operandTooWide(limbs:maximum:)`` when `a` is too wide.
    @_spi(Internals) public func fromMontgomery(_ a: [UInt64]) throws(BigNumError) -> [UInt64] {
        var result: [UInt64] = []
        try montgomeryMultiply(a, [1], into: &result)
        return result
    }
}
