// Addition, subtraction, multiplication and shifts of BigUInt. All variable-time.

// MARK: - Addition

extension BigUInt {
    /// The sum of two values.
    ///
    /// - Parameters:
    ///   - lhs: the first addend.
    ///   - rhs: the second addend.
    /// - Returns: `lhs + rhs`, which never overflows.
    @_spi(Internals) public static func + (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var result = lhs
        result += rhs
        return result
    }

    /// Adds `rhs` to `lhs` in place.
    ///
    /// - Parameters:
    ///   - lhs: the value to add to.
    ///   - rhs: the addend.
    @_spi(Internals) public static func += (lhs: inout BigUInt, rhs: BigUInt) {
        lhs.withMutableLimbs { limbs in
            if rhs.limbs.count > limbs.count {
                limbs.append(contentsOf: repeatElement(0, count: rhs.limbs.count - limbs.count))
            }
            var carry: UInt64 = 0
            limbs.withUnsafeMutableBufferPointer { a in
                rhs.limbs.withUnsafeBufferPointer { b in
                    for i in 0..<b.count {
                        let (s1, o1) = a[i].addingReportingOverflow(b[i])
                        let (s2, o2) = s1.addingReportingOverflow(carry)
                        a[i] = s2
                        carry = (o1 || o2) ? 1 : 0
                    }
                    var i = b.count
                    while carry != 0 && i < a.count {
                        let (s, o) = a[i].addingReportingOverflow(1)
                        a[i] = s
                        carry = o ? 1 : 0
                        i += 1
                    }
                }
            }
            if carry != 0 { limbs.append(carry) }
        }
    }

    /// Adds a single word in place (used by decimal parsing).
    mutating func add(limb: UInt64) {
        withMutableLimbs { limbs in
            var carry = limb
            var i = 0
            while carry != 0 {
                if i == limbs.count {
                    limbs.append(carry)
                    return
                }
                let (s, o) = limbs[i].addingReportingOverflow(carry)
                limbs[i] = s
                carry = o ? 1 : 0
                i += 1
            }
        }
    }
}

// MARK: - Subtraction

extension BigUInt {
    /// The difference `self - other`, with a flag telling whether it went below zero.
    ///
    /// - Parameter other: the subtrahend.
    /// - Returns: `partialValue` is the difference when `overflow` is `false`. When
    ///   `other > self`, `overflow` is `true` and `partialValue` is zero (a big number has no
    ///   fixed width to wrap around).
    package func subtractingReportingOverflow(_ other: BigUInt) -> (partialValue: BigUInt, overflow: Bool) {
        if BigUInt.compare(limbs[...], other.limbs[...]) < 0 {
            return (BigUInt(), true)
        }
        var result = self
        result.subtractAssumingNoUnderflow(other)
        return (result, false)
    }

    /// The difference `self - other`.
    ///
    /// - Parameter other: the subtrahend.
    /// - Returns: `self - other`.
    /// - Throws: `BigNumError.negativeResult` when `other > self`.
    package func subtracting(_ other: BigUInt) throws(BigNumError) -> BigUInt {
        let (difference, overflow) = subtractingReportingOverflow(other)
        if overflow { throw .negativeResult }
        return difference
    }

    /// The difference of two values.
    ///
    /// - Precondition: `lhs >= rhs`. Like `UInt` arithmetic in the standard library, going
    ///   below zero is a programmer error and traps. Use `subtracting(_:)` (throws) or
    ///   `subtractingReportingOverflow(_:)` when the operands come from input.
    /// - Parameters:
    ///   - lhs: the minuend.
    ///   - rhs: the subtrahend, at most `lhs`.
    /// - Returns: `lhs - rhs`.
    @_spi(Internals) public static func - (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        var result = lhs
        result -= rhs
        return result
    }

    /// Subtracts `rhs` from `lhs` in place.
    ///
    /// - Precondition: `lhs >= rhs`; traps otherwise, like the standard library's `UInt`.
    /// - Parameters:
    ///   - lhs: the minuend, replaced by the difference.
    ///   - rhs: the subtrahend, at most `lhs`.
    @_spi(Internals) public static func -= (lhs: inout BigUInt, rhs: BigUInt) {
        precondition(
            compare(lhs.limbs[...], rhs.limbs[...]) >= 0,
            "BigUInt subtraction would go below zero")
        lhs.subtractAssumingNoUnderflow(rhs)
    }

    /// Subtracts `other`, which the caller has checked is at most `self`.
    mutating func subtractAssumingNoUnderflow(_ other: BigUInt) {
        withMutableLimbs { limbs in
            var borrow: UInt64 = 0
            limbs.withUnsafeMutableBufferPointer { a in
                other.limbs.withUnsafeBufferPointer { b in
                    for i in 0..<b.count {
                        let (d1, o1) = a[i].subtractingReportingOverflow(b[i])
                        let (d2, o2) = d1.subtractingReportingOverflow(borrow)
                        a[i] = d2
                        borrow = (o1 || o2) ? 1 : 0
                    }
                    var i = b.count
                    while borrow != 0 && i < a.count {
                        let (d, o) = a[i].subtractingReportingOverflow(1)
                        a[i] = d
                        borrow = o ? 1 : 0
                        i += 1
                    }
                }
            }
        }
    }
}

// MARK: - Multiplication

extension BigUInt {
    /// The product of two values (schoolbook multiplication, O(n·m) limb products).
    ///
    /// - Parameters:
    ///   - lhs: the multiplicand.
    ///   - rhs: the multiplier.
    /// - Returns: `lhs * rhs`, which never overflows.
    @_spi(Internals) public static func * (lhs: BigUInt, rhs: BigUInt) -> BigUInt {
        if lhs.isZero || rhs.isZero { return BigUInt() }
        if rhs.limbs.count == 1 {
            var result = lhs
            result.multiply(byLimb: rhs.limbs[0])
            return result
        }
        if lhs.limbs.count == 1 {
            var result = rhs
            result.multiply(byLimb: lhs.limbs[0])
            return result
        }
        return BigUInt(limbs: multiplyLimbs(lhs.limbs, rhs.limbs))
    }

    /// Multiplies `lhs` by `rhs` in place.
    ///
    /// - Parameters:
    ///   - lhs: the multiplicand, replaced by the product.
    ///   - rhs: the multiplier.
    @_spi(Internals) public static func *= (lhs: inout BigUInt, rhs: BigUInt) {
        lhs = lhs * rhs
    }

    /// Schoolbook product of two non-empty limb arrays; the result has `a.count + b.count` limbs
    /// (not normalized).
    static func multiplyLimbs(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: a.count + b.count)
        result.withUnsafeMutableBufferPointer { r in
            a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 0..<a.count {
                        let x = a[i]
                        if x == 0 { continue }
                        var carry: UInt64 = 0
                        for j in 0..<b.count {
                            // x·b[j] + r[i+j] + carry ≤ (2^64−1)^2 + 2·(2^64−1) = 2^128 − 1: no overflow.
                            var (high, low) = x.multipliedFullWidth(by: b[j])
                            let (s1, o1) = low.addingReportingOverflow(r[i + j])
                            let (s2, o2) = s1.addingReportingOverflow(carry)
                            low = s2
                            high &+= (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
                            r[i + j] = low
                            carry = high
                        }
                        r[i + b.count] = carry
                    }
                }
            }
        }
        return result
    }

    /// Multiplies by a single word in place (used by decimal parsing and the fast paths of `*`).
    mutating func multiply(byLimb factor: UInt64) {
        withMutableLimbs { limbs in
            if factor == 0 {
                limbs = []
                return
            }
            var carry: UInt64 = 0
            limbs.withUnsafeMutableBufferPointer { a in
                for i in 0..<a.count {
                    let (high, low) = a[i].multipliedFullWidth(by: factor)
                    let (s, o) = low.addingReportingOverflow(carry)
                    a[i] = s
                    carry = high &+ (o ? 1 : 0)
                }
            }
            if carry != 0 { limbs.append(carry) }
        }
    }
}

// MARK: - Shifts

extension BigUInt {
    /// The value shifted left by `count` bits, i.e. multiplied by 2^count.
    ///
    /// A negative `count` shifts right by its magnitude instead (the standard library's
    /// "smart shift" rule), so this never traps on the sign of `count`.
    ///
    /// - Precondition: the result must be representable in memory: shifting a nonzero value
    ///   left by an enormous count (2^40 bits, say) runs out of memory like any allocation.
    /// - Parameters:
    ///   - lhs: the value to shift.
    ///   - rhs: the number of bit positions; negative means a right shift.
    /// - Returns: `lhs · 2^rhs` (or `lhs / 2^-rhs` rounded down when `rhs` is negative).
    @_spi(Internals) public static func << (lhs: BigUInt, rhs: Int) -> BigUInt {
        if rhs < 0 { return lhs.shiftedRight(byMagnitude: rhs.magnitude) }
        return lhs.shiftedLeft(by: rhs)
    }

    /// The value shifted right by `count` bits, i.e. divided by 2^count and rounded down.
    ///
    /// A negative `count` shifts left by its magnitude instead (the standard library's "smart
    /// shift" rule), so this never traps on the sign of `count`; shifting right by `Int.min`
    /// of a nonzero value would need 2^(Int.bitWidth − 1) bits and hits the memory precondition of `<<`.
    ///
    /// - Parameters:
    ///   - lhs: the value to shift.
    ///   - rhs: the number of bit positions; negative means a left shift.
    /// - Returns: `lhs / 2^rhs` rounded down (or `lhs · 2^-rhs` when `rhs` is negative).
    @_spi(Internals) public static func >> (lhs: BigUInt, rhs: Int) -> BigUInt {
        if rhs < 0 {
            if lhs.isZero { return lhs }
            precondition(rhs != Int.min, "BigUInt left shift by -Int.min bits cannot be represented")
            return lhs.shiftedLeft(by: -rhs)
        }
        return lhs.shiftedRight(byMagnitude: UInt(rhs))
    }

    /// Shifts `lhs` left by `rhs` bits in place; see `<<`.
    ///
    /// - Parameters:
    ///   - lhs: the value to shift.
    ///   - rhs: the number of bit positions; negative means a right shift.
    @_spi(Internals) public static func <<= (lhs: inout BigUInt, rhs: Int) {
        lhs = lhs << rhs
    }

    /// Shifts `lhs` right by `rhs` bits in place; see `>>`.
    ///
    /// - Parameters:
    ///   - lhs: the value to shift.
    ///   - rhs: the number of bit positions; negative means a left shift.
    @_spi(Internals) public static func >>= (lhs: inout BigUInt, rhs: Int) {
        lhs = lhs >> rhs
    }

    /// Left shift by a non-negative count.
    func shiftedLeft(by count: Int) -> BigUInt {
        if isZero || count == 0 { return self }
        let limbShift = count / 64
        let bitShift = UInt64(count % 64)
        var result = [UInt64](repeating: 0, count: limbs.count + limbShift + 1)
        if bitShift == 0 {
            for i in 0..<limbs.count { result[i + limbShift] = limbs[i] }
        } else {
            var carry: UInt64 = 0
            for i in 0..<limbs.count {
                result[i + limbShift] = (limbs[i] << bitShift) | carry
                carry = limbs[i] >> (64 - bitShift)
            }
            result[limbs.count + limbShift] = carry
        }
        return BigUInt(limbs: result)
    }

    /// Right shift by a count given as a magnitude (so that `Int.min` is handled).
    func shiftedRight(byMagnitude count: UInt) -> BigUInt {
        let limbShiftWide = count / 64
        if limbShiftWide >= UInt(limbs.count) { return BigUInt() }
        let limbShift = Int(limbShiftWide)
        let bitShift = UInt64(count % 64)
        let newCount = limbs.count - limbShift
        var result = [UInt64](repeating: 0, count: newCount)
        if bitShift == 0 {
            for i in 0..<newCount { result[i] = limbs[i + limbShift] }
        } else {
            for i in 0..<newCount {
                let high = i + limbShift + 1 < limbs.count ? limbs[i + limbShift + 1] << (64 - bitShift) : 0
                result[i] = (limbs[i + limbShift] >> bitShift) | high
            }
        }
        return BigUInt(limbs: result)
    }
}
