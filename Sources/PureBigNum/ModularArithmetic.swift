// Constant-time modular reduction, addition, subtraction and multiplication: what an RSA-CRT
// recombination needs (c mod p; h = qInv·(m1 − m2) mod p; m = m2 + h·q).

extension Modulus {
    /// `value mod m` for a value of any width, in constant time.
    ///
    /// Method (no division): split a double-width value as `high·R + low` with
    /// R = 2^(64·limbCount). Two Montgomery products give low·R mod m (by R²) and high·R² mod m
    /// (by R³) — the Montgomery form of the value once added mod m — and a third product by
    /// plain 1 leaves the domain. Each product's precondition (one factor < R, the other < m)
    /// holds for any input. Wider values are folded from the top, `limbCount` limbs at a time
    /// (r ← (r·R + next chunk) mod m), so the cost grows linearly with the width.
    ///
    /// Timing contract: depends only on `limbCount` and `value.count`.
    /// - Parameter value: least significant limb first (any length; empty is zero).
    /// - Returns: `limbCount` limbs, `< m`.
    @_spi(Internals) public func reduce(_ value: [UInt64]) -> [UInt64] {
        let n = limbCount
        // Pad to a whole number (at least two) of n-limb chunks.
        let chunks = max(2, (value.count + n - 1) / n)
        let wide = Limbs.zeroExtended(value, to: chunks * n)
        var result = [UInt64](repeating: 0, count: n)
        withArithmetic(extraScratch: 4 * n) { arithmetic, scratch in
            let lowPart = scratch
            let highPart = scratch + n
            let remainder = scratch + 2 * n  // the running remainder, then the next chunk below it
            wide.withUnsafeBufferPointer { w in
                rSquared.withUnsafeBufferPointer { r2 in
                    rCubed.withUnsafeBufferPointer { r3 in
                        result.withUnsafeMutableBufferPointer { out in
                            // remainder = (r·R + x) with r in the upper n limbs, x below.
                            copyRow(remainder + n, w.baseAddress! + (chunks - 1) * n, n)
                            var chunk = chunks - 2
                            while chunk >= 0 {
                                copyRow(remainder, w.baseAddress! + chunk * n, n)
                                arithmetic.multiply(lowPart, remainder, r2.baseAddress!)
                                arithmetic.multiply(highPart, remainder + n, r3.baseAddress!)
                                addModulo(lowPart, lowPart, highPart, arithmetic.m, n)
                                clearRow(highPart, n)
                                highPart[0] = 1
                                arithmetic.multiply(remainder + n, lowPart, highPart)
                                chunk -= 1
                            }
                            copyRow(out.baseAddress!, remainder + n, n)
                        }
                    }
                }
            }
        }
        return result
    }

    /// `(a + b) mod m` in constant time.
    ///
    /// Preconditions: `a < m` and `b < m` (otherwise the result is unspecified, but nothing
    /// traps). Timing contract: depends only on `limbCount`.
    /// - Throws: ``BigNumError/operandTooWide(limbs:maximum:)`` when an operand has more than
    ///   `limbCount` limbs.
    @_spi(Internals) public func add(_ a: [UInt64], _ b: [UInt64]) throws(BigNumError) -> [UInt64] {
        let (x, y) = try operands(a, b)
        var result = [UInt64](repeating: 0, count: limbCount)
        binary(&result, x, y) { out, x, y, m, n in addModulo(out, x, y, m, n) }
        return result
    }

    /// `(a − b) mod m` in constant time.
    ///
    /// Preconditions: `a < m` and `b < m` (otherwise the result is unspecified, but nothing
    /// traps). Timing contract: depends only on `limbCount`.
    /// - Throws: ``BigNumError/operandTooWide(limbs:maximum:)`` when an operand has more than
    ///   `limbCount` limbs.
    @_spi(Internals) public func subtract(_ a: [UInt64], _ b: [UInt64]) throws(BigNumError) -> [UInt64] {
        let (x, y) = try operands(a, b)
        var result = [UInt64](repeating: 0, count: limbCount)
        binary(&result, x, y) { out, x, y, m, n in subtractModulo(out, x, y, m, n) }
        return result
    }

    /// `(a · b) mod m` in constant time: a Montgomery product, then one by R² to cancel R⁻¹.
    ///
    /// Preconditions: at least one operand is `< m` (the other may be any `limbCount`-limb value;
    /// otherwise the result is unspecified, but nothing traps). Timing contract: depends only on
    /// `limbCount`.
    /// - Throws: ``BigNumError/operandTooWide(limbs:maximum:)`` when an operand has more than
    ///   `limbCount` limbs.
    @_spi(Internals) public func multiply(_ a: [UInt64], _ b: [UInt64]) throws(BigNumError) -> [UInt64] {
        let (x, y) = try operands(a, b)
        var result = [UInt64](repeating: 0, count: limbCount)
        withArithmetic(extraScratch: 0) { arithmetic, _ in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    rSquared.withUnsafeBufferPointer { r2 in
                        result.withUnsafeMutableBufferPointer { out in
                            arithmetic.multiply(out.baseAddress!, xb.baseAddress!, yb.baseAddress!)
                            arithmetic.multiply(out.baseAddress!, out.baseAddress!, r2.baseAddress!)
                        }
                    }
                }
            }
        }
        return result
    }

    /// Both operands zero-extended to `limbCount`, or the error for one that is too wide.
    private func operands(_ a: [UInt64], _ b: [UInt64]) throws(BigNumError) -> ([UInt64], [UInt64]) {
        let n = limbCount
        guard a.count <= n else { throw .operandTooWide(limbs: a.count, maximum: n) }
        guard b.count <= n else { throw .operandTooWide(limbs: b.count, maximum: n) }
        return (Limbs.zeroExtended(a, to: n), Limbs.zeroExtended(b, to: n))
    }

    /// Runs a two-operand kernel on `limbCount`-limb arrays.
    private func binary(
        _ result: inout [UInt64], _ x: [UInt64], _ y: [UInt64],
        _ kernel: (
            UnsafeMutablePointer<UInt64>, UnsafePointer<UInt64>, UnsafePointer<UInt64>,
            UnsafePointer<UInt64>, Int
        ) -> Void
    ) {
        let n = limbCount
        withArithmetic(extraScratch: 0) { arithmetic, _ in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    result.withUnsafeMutableBufferPointer { out in
                        kernel(out.baseAddress!, xb.baseAddress!, yb.baseAddress!, arithmetic.m, n)
                    }
                }
            }
        }
    }
}

/// `out = (x + y) mod m` for `x, y < m`. `out` may be `x` or `y`. Timing: depends only on `n`.
///
/// The sum goes to `out`, then m masked by "sum ≥ m" is subtracted in place (always computed).
@inline(__always)
func addModulo(
    _ out: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ n: Int
) {
    let carry = addRow(out, x, y, n)
    // x + y < 2m: subtract m unless (carry = 0 and the sum < m).
    let below = isLessRow(UnsafePointer(out), m, n)
    let keep = Choice(word: below.word & ~carry & 1)
    let subtractMask = ~keep.mask
    var borrow: UInt64 = 0
    var i = 0
    while i < n {
        (out[i], borrow) = subtractWithBorrow(out[i], m[i] & subtractMask, borrow)
        i &+= 1
    }
}

/// `out = (x − y) mod m` for `x, y < m`. `out` may be `x` or `y`. Timing: depends only on `n`.
@inline(__always)
func subtractModulo(
    _ out: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ n: Int
) {
    let borrow = subtractRow(out, x, y, n)
    // Went below zero: add m back (masked, always computed).
    let addMask = Choice(word: borrow).mask
    var carry: UInt64 = 0
    var i = 0
    while i < n {
        (out[i], carry) = addWithCarry(out[i], m[i] & addMask, carry)
        i &+= 1
    }
}
