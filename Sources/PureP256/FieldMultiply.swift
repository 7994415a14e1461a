// Montgomery multiplication and squaring specialised to the P-256 prime
// p = 2^256 − 2^224 + 2^192 + 2^96 − 1.
//
// p ≡ −1 mod 2^64, so the Montgomery constant −p^−1 mod 2^64 is 1 and each reduction step's
// quotient digit q is the low limb itself. Adding q · p then clears that limb exactly, and what
// is left to add after the shift by 64 is q · (2^192 − 2^160 + 2^128 + 2^32)
// = q · 2^32 + q · 0xFFFFFFFF00000001 · 2^128: a shift and one 64 × 64 product per step
// instead of the four products of the generic reduction row. The full product is formed first
// (16 products, or 10 for a square), then reduced.
//
// Timing contract: straight-line code; carries travel through `UInt128` additions (add/adc)
// and the final subtraction is masked, as in the generic kernels of Limbs256.swift.

/// One reduction step on a 256-bit window (w0, w1, w2, w3) below 2^256:
/// (w + w0 · p) / 2^64, which is again below 2^256 (it is below 2^192 + p).
@inline(__always)
func p256ReductionStep(_ w: inout (UInt64, UInt64, UInt64, UInt64)) {
    let q = w.0
    let product = UInt128(q) * 0xFFFF_FFFF_0000_0001
    var c: UInt64
    (w.0, c) = adc(w.1, q << 32, 0)
    (w.1, c) = adc(w.2, q >> 32, c)
    (w.2, c) = adc(w.3, UInt64(truncatingIfNeeded: product), c)
    // The high word is at most 2^64 − 2^32, so adding the carry cannot overflow.
    w.3 = UInt64(truncatingIfNeeded: product >> 64) &+ c
}

/// `(low + high · 2^256) · 2^−256 mod p` for a product of two values below p (so high < p).
/// Four reduction steps on the low half give a value at most p; adding the high half gives
/// less than 2p + 1, and one masked subtraction finishes.
@inline(__always)
func p256MontgomeryReduce(
    _ low: (UInt64, UInt64, UInt64, UInt64), _ high: (UInt64, UInt64, UInt64, UInt64)
) -> Limbs256 {
    var w = low
    p256ReductionStep(&w)
    p256ReductionStep(&w)
    p256ReductionStep(&w)
    p256ReductionStep(&w)
    var s = Limbs256.zero
    var carry: UInt64
    (s.w0, carry) = adc(w.0, high.0, 0)
    (s.w1, carry) = adc(w.1, high.1, carry)
    (s.w2, carry) = adc(w.2, high.2, carry)
    (s.w3, carry) = adc(w.3, high.3, carry)
    return subtractModulusIfNeeded(s, carry: carry, FieldElement.modulus)
}

/// `a · b · 2^−256 mod p` for a, b < p; result below p. Straight-line.
@inline(__always)
func p256MontgomeryMultiply(_ a: Limbs256, _ b: Limbs256) -> Limbs256 {
    var c: UInt64
    // Row a0.
    var t0: UInt64, t1: UInt64, t2: UInt64, t3: UInt64, t4: UInt64, t5: UInt64, t6: UInt64, t7: UInt64
    (t0, c) = mac(0, a.w0, b.w0, 0)
    (t1, c) = mac(0, a.w0, b.w1, c)
    (t2, c) = mac(0, a.w0, b.w2, c)
    (t3, t4) = mac(0, a.w0, b.w3, c)
    // Row a1.
    (t1, c) = mac(t1, a.w1, b.w0, 0)
    (t2, c) = mac(t2, a.w1, b.w1, c)
    (t3, c) = mac(t3, a.w1, b.w2, c)
    (t4, t5) = mac(t4, a.w1, b.w3, c)
    // Row a2.
    (t2, c) = mac(t2, a.w2, b.w0, 0)
    (t3, c) = mac(t3, a.w2, b.w1, c)
    (t4, c) = mac(t4, a.w2, b.w2, c)
    (t5, t6) = mac(t5, a.w2, b.w3, c)
    // Row a3.
    (t3, c) = mac(t3, a.w3, b.w0, 0)
    (t4, c) = mac(t4, a.w3, b.w1, c)
    (t5, c) = mac(t5, a.w3, b.w2, c)
    (t6, t7) = mac(t6, a.w3, b.w3, c)
    return p256MontgomeryReduce((t0, t1, t2, t3), (t4, t5, t6, t7))
}

/// `a² · 2^−256 mod p` for a < p; result below p. The six cross products are formed once and
/// doubled by a shift, then the four squares are added: 10 products instead of 16. Straight-line.
@inline(__always)
func p256MontgomerySquare(_ a: Limbs256) -> Limbs256 {
    var c: UInt64
    var t1: UInt64, t2: UInt64, t3: UInt64, t4: UInt64, t5: UInt64, t6: UInt64, t7: UInt64
    // Cross products a_i · a_j, i < j, at limbs 1…6.
    (t1, c) = mac(0, a.w0, a.w1, 0)
    (t2, c) = mac(0, a.w0, a.w2, c)
    (t3, t4) = mac(0, a.w0, a.w3, c)
    (t3, c) = mac(t3, a.w1, a.w2, 0)
    (t4, t5) = mac(t4, a.w1, a.w3, c)
    (t5, t6) = mac(t5, a.w2, a.w3, 0)
    // Doubled: shift left by one bit across limbs 1…7.
    t7 = t6 >> 63
    t6 = t6 << 1 | t5 >> 63
    t5 = t5 << 1 | t4 >> 63
    t4 = t4 << 1 | t3 >> 63
    t3 = t3 << 1 | t2 >> 63
    t2 = t2 << 1 | t1 >> 63
    t1 = t1 << 1
    // The squares a_i² at limbs 2i, 2i + 1.
    var lo: UInt64, hi: UInt64
    var t0: UInt64
    (t0, hi) = mac(0, a.w0, a.w0, 0)
    (t1, c) = adc(t1, hi, 0)
    (lo, hi) = mac(0, a.w1, a.w1, 0)
    (t2, c) = adc(t2, lo, c)
    (t3, c) = adc(t3, hi, c)
    (lo, hi) = mac(0, a.w2, a.w2, 0)
    (t4, c) = adc(t4, lo, c)
    (t5, c) = adc(t5, hi, c)
    (lo, hi) = mac(0, a.w3, a.w3, 0)
    (t6, c) = adc(t6, lo, c)
    (t7, _) = adc(t7, hi, c)
    return p256MontgomeryReduce((t0, t1, t2, t3), (t4, t5, t6, t7))
}
