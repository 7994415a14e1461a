// Division with remainder: Knuth's Algorithm D (TAOCP vol. 2, 4.3.1) on 64-bit limbs.
// Variable-time.

extension BigUInt {
    /// Divides `self` by `divisor`, rounding the quotient down.
    ///
    /// Uses Knuth's Algorithm D with a normalized divisor, and a single-word loop when the
    /// divisor fits in one limb.
    ///
    /// - Parameter divisor: the divisor.
    /// - Returns: `quotient` and `remainder` with `quotient · divisor + remainder == self` and
    ///   `remainder < divisor`.
    /// - Throws: `BigNumError.divisionByZero` when `divisor` is zero.
    @_spi(Internals) public func quotientAndRemainder(dividingBy divisor: BigUInt) throws(BigNumError)
        -> (quotient: BigUInt, remainder: BigUInt)
    {
        guard !divisor.isZero else { throw .divisionByZero }
        let (quotient, remainder, _) = BigUInt.divide(self, by: divisor)
        return (quotient, remainder)
    }

    /// The remainder of `self` divided by `modulus`.
    ///
    /// - Parameter modulus: the divisor.
    /// - Returns: `self mod modulus`, in `0 ..< modulus`.
    /// - Throws: `BigNumError.divisionByZero` when `modulus` is zero.
    @_spi(Internals) public func modulo(_ modulus: BigUInt) throws(BigNumError) -> BigUInt {
        try quotientAndRemainder(dividingBy: modulus).remainder
    }

    /// Division for a divisor already known to be nonzero.
    ///
    /// The third result counts how often Algorithm D's rare "add back" correction ran (step D6);
    /// the tests use it to prove that the vectors reach that branch.
    static func divide(_ dividend: BigUInt, by divisor: BigUInt)
        -> (quotient: BigUInt, remainder: BigUInt, addBacks: Int)
    {
        if compare(dividend.limbs[...], divisor.limbs[...]) < 0 {
            return (BigUInt(), dividend, 0)
        }
        if divisor.limbs.count == 1 {
            var quotient = dividend
            let remainder = quotient.divide(byLimb: divisor.limbs[0])
            return (quotient, BigUInt(remainder), 0)
        }
        let (q, r, addBacks) = knuthDivide(dividend.limbs, divisor.limbs)
        return (BigUInt(limbs: q), BigUInt(limbs: r), addBacks)
    }

    /// Divides in place by a nonzero word and returns the remainder.
    mutating func divide(byLimb divisor: UInt64) -> UInt64 {
        withMutableLimbs { limbs in
            var remainder: UInt64 = 0
            limbs.withUnsafeMutableBufferPointer { a in
                var i = a.count - 1
                while i >= 0 {
                    // remainder < divisor, so the two-word quotient fits in one word.
                    let (q, r) = divisor.dividingFullWidth((high: remainder, low: a[i]))
                    a[i] = q
                    remainder = r
                    i -= 1
                }
            }
            return remainder
        }
    }

    /// Knuth's Algorithm D for `u / v` with `v.count >= 2` (normalized, nonzero top limb) and
    /// `u >= v`. Returns the quotient and remainder limbs (not normalized) and the number of
    /// add-back corrections.
    static func knuthDivide(_ u: [UInt64], _ v: [UInt64]) -> (quotient: [UInt64], remainder: [UInt64], addBacks: Int) {
        let n = v.count
        let m = u.count - n
        // D1: normalize so the divisor's top bit is set; the dividend gets one extra limb.
        let shift = UInt64(v[n - 1].leadingZeroBitCount)
        var vn = [UInt64](repeating: 0, count: n)
        var un = [UInt64](repeating: 0, count: u.count + 1)
        if shift == 0 {
            for i in 0..<n { vn[i] = v[i] }
            for i in 0..<u.count { un[i] = u[i] }
        } else {
            for i in stride(from: n - 1, to: 0, by: -1) {
                vn[i] = (v[i] << shift) | (v[i - 1] >> (64 - shift))
            }
            vn[0] = v[0] << shift
            un[u.count] = u[u.count - 1] >> (64 - shift)
            for i in stride(from: u.count - 1, to: 0, by: -1) {
                un[i] = (u[i] << shift) | (u[i - 1] >> (64 - shift))
            }
            un[0] = u[0] << shift
        }

        var quotient = [UInt64](repeating: 0, count: m + 1)
        var addBacks = 0
        let vTop = vn[n - 1], vNext = vn[n - 2]

        un.withUnsafeMutableBufferPointer { un in
            vn.withUnsafeBufferPointer { vn in
                var j = m
                while j >= 0 {
                    // D3: estimate qhat from the top two limbs of the current remainder and the
                    // top limb of the divisor, then refine with the next limb of each. After
                    // refinement qhat is the true digit or one too large.
                    let uTop = un[j + n], uNext = un[j + n - 1]
                    var qhat: UInt64
                    var rhat: UInt64
                    var rhatOverflowed = false
                    if uTop >= vTop {
                        // The invariant un[j+n] <= vTop makes this uTop == vTop: the estimate
                        // would be >= 2^64, so start from 2^64 − 1. rhat = uTop·2^64 + uNext −
                        // (2^64 − 1)·vTop = uNext + vTop, which may exceed one word.
                        qhat = UInt64.max
                        let (sum, overflow) = uNext.addingReportingOverflow(vTop)
                        rhat = sum
                        rhatOverflowed = overflow
                    } else {
                        (qhat, rhat) = vTop.dividingFullWidth((high: uTop, low: uNext))
                    }
                    // While qhat·vNext > rhat·2^64 + un[j+n−2], qhat is too large (once rhat
                    // overflows a word the test cannot succeed any more).
                    while !rhatOverflowed {
                        let (pHigh, pLow) = qhat.multipliedFullWidth(by: vNext)
                        let uThird = un[j + n - 2]
                        if pHigh > rhat || (pHigh == rhat && pLow > uThird) {
                            qhat -= 1
                            let (sum, overflow) = rhat.addingReportingOverflow(vTop)
                            rhat = sum
                            rhatOverflowed = overflow
                        } else {
                            break
                        }
                    }

                    // D4: multiply and subtract qhat·v from un[j ... j+n].
                    var mulCarry: UInt64 = 0
                    var borrow: UInt64 = 0
                    for i in 0..<n {
                        let (pHigh, pLow) = qhat.multipliedFullWidth(by: vn[i])
                        let (low, lowOverflow) = pLow.addingReportingOverflow(mulCarry)
                        mulCarry = pHigh &+ (lowOverflow ? 1 : 0)
                        let (d1, b1) = un[i + j].subtractingReportingOverflow(low)
                        let (d2, b2) = d1.subtractingReportingOverflow(borrow)
                        un[i + j] = d2
                        borrow = (b1 || b2) ? 1 : 0
                    }
                    let (t1, b1) = un[j + n].subtractingReportingOverflow(mulCarry)
                    let (t2, b2) = t1.subtractingReportingOverflow(borrow)
                    un[j + n] = t2

                    // D5/D6: a borrow out means qhat was one too large: add v back once.
                    if b1 || b2 {
                        addBacks += 1
                        qhat -= 1
                        var carry: UInt64 = 0
                        for i in 0..<n {
                            let (s1, o1) = un[i + j].addingReportingOverflow(vn[i])
                            let (s2, o2) = s1.addingReportingOverflow(carry)
                            un[i + j] = s2
                            carry = (o1 || o2) ? 1 : 0
                        }
                        // The carry out cancels the borrow taken above.
                        un[j + n] &+= carry
                    }
                    quotient[j] = qhat
                    j -= 1
                }
            }
        }

        // D8: the remainder is un[0 ..< n] shifted back.
        var remainder = [UInt64](repeating: 0, count: n)
        if shift == 0 {
            for i in 0..<n { remainder[i] = un[i] }
        } else {
            for i in 0..<n {
                remainder[i] = (un[i] >> shift) | (un[i + 1] << (64 - shift))
            }
        }
        return (quotient, remainder, addBacks)
    }
}
