// A 256-bit value as four 64-bit limbs, and the fixed-size Montgomery arithmetic that the field
// (mod p) and the scalars (mod n) share.
//
// Every function here is straight-line code: carries and borrows travel through `UInt128`
// additions (which compile to add/adc, sub/sbb), and the final corrections select with a mask
// made from the carry word, never with a branch. The modulus and its Montgomery constant are
// parameters so the compiler folds them in at each call site (p has limbs 0 and 2^32 − 1 and a
// Montgomery constant of 1, which the multiply then skips).
//
// The functions that call these in a loop (the point formulas, the inversion chains) carry
// `@_optimize(speed)`, so a debug build (the tests) still runs the arithmetic optimised.

/// Four little-endian 64-bit limbs: `w0` is the least significant.
struct Limbs256: Sendable {
    var w0: UInt64
    var w1: UInt64
    var w2: UInt64
    var w3: UInt64

    @inline(__always)
    init(_ w0: UInt64, _ w1: UInt64, _ w2: UInt64, _ w3: UInt64) {
        self.w0 = w0
        self.w1 = w1
        self.w2 = w2
        self.w3 = w3
    }

    static let zero = Limbs256(0, 0, 0, 0)

    /// Reads 32 big-endian bytes. The caller guarantees the count.

    init<Bytes: Collection<UInt8>>(bigEndian bytes: Bytes) {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        var index = bytes.startIndex
        for limb in 0..<4 {
            var word: UInt64 = 0
            for _ in 0..<8 {
                word = word << 8 | UInt64(bytes[index])
                index = bytes.index(after: index)
            }
            switch limb {
            case 0: words.3 = word
            case 1: words.2 = word
            case 2: words.1 = word
            default: words.0 = word
            }
        }
        self.init(words.0, words.1, words.2, words.3)
    }

    /// The value as 32 big-endian bytes.

    var bigEndianBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 32)
        for (limb, word) in [w3, w2, w1, w0].enumerated() {
            for byte in 0..<8 {
                bytes[limb * 8 + byte] = UInt8(truncatingIfNeeded: word >> (56 - 8 * byte))
            }
        }
        return bytes
    }

    /// 1 when the value is zero, else 0. Constant time.
    @inline(__always)
    var isZeroWord: UInt64 {
        let any = w0 | w1 | w2 | w3
        return ((any | (0 &- any)) >> 63) ^ 1
    }

    /// 1 when `self < other` (both unreduced 256-bit values), else 0. Constant time.
    @inline(__always)
    func lessThanWord(_ other: Limbs256) -> UInt64 {
        var borrow: UInt64
        (_, borrow) = sbb(w0, other.w0, 0)
        (_, borrow) = sbb(w1, other.w1, borrow)
        (_, borrow) = sbb(w2, other.w2, borrow)
        (_, borrow) = sbb(w3, other.w3, borrow)
        return borrow
    }

    /// `a` where `mask` is all ones, `b` where it is zero.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: Limbs256, _ b: Limbs256) -> Limbs256 {
        Limbs256(
            (a.w0 & mask) | (b.w0 & ~mask), (a.w1 & mask) | (b.w1 & ~mask),
            (a.w2 & mask) | (b.w2 & ~mask), (a.w3 & mask) | (b.w3 & ~mask))
    }

    /// The four bits starting at bit `4 · index` (0 ≤ index < 64). `index` must be public; the
    /// value read may be secret (no branch or address depends on it).
    @inline(__always)
    func nibble(_ index: Int) -> UInt64 {
        let word = index >> 4
        let limb = word == 0 ? w0 : word == 1 ? w1 : word == 2 ? w2 : w3
        return (limb >> UInt64((index & 15) * 4)) & 15
    }
}

/// `a · b + acc + carry` as (low, high) words.
@inline(__always)
func mac(_ acc: UInt64, _ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let t = UInt128(a) * UInt128(b) + UInt128(acc) + UInt128(carry)
    return (UInt64(truncatingIfNeeded: t), UInt64(truncatingIfNeeded: t >> 64))
}

/// `a + b + carry` as (sum, carry out).
@inline(__always)
func adc(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (UInt64, UInt64) {
    let t = UInt128(a) + UInt128(b) + UInt128(carry)
    return (UInt64(truncatingIfNeeded: t), UInt64(truncatingIfNeeded: t >> 64))
}

/// `a − b − borrow` as (difference, borrow out), the borrows being 0 or 1.
@inline(__always)
func sbb(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (UInt64, UInt64) {
    let t = UInt128(a) &- UInt128(b) &- UInt128(borrow)
    return (UInt64(truncatingIfNeeded: t), UInt64(truncatingIfNeeded: t >> 127))
}

/// Montgomery multiplication `a · b · 2^−256 mod m` for a 256-bit odd modulus `m` with
/// `mPrime = −m^−1 mod 2^64`; both operands below `m`, result below `m`.
///
/// Coarsely integrated operand scanning (CIOS): one row of `a_i · b` then one reduction row
/// per limb; the running value stays below 2m, so one masked subtraction finishes.
/// Timing contract: straight-line; nothing depends on the values of `a` and `b`.
@inline(__always)
func montgomeryMultiply(_ a: Limbs256, _ b: Limbs256, _ m: Limbs256, _ mPrime: UInt64) -> Limbs256 {
    var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0, t3: UInt64 = 0, t4: UInt64 = 0

    @inline(__always)
    func row(_ ai: UInt64) {
        var c: UInt64, t5: UInt64
        (t0, c) = mac(t0, ai, b.w0, 0)
        (t1, c) = mac(t1, ai, b.w1, c)
        (t2, c) = mac(t2, ai, b.w2, c)
        (t3, c) = mac(t3, ai, b.w3, c)
        (t4, t5) = adc(t4, c, 0)
        let q = t0 &* mPrime
        (_, c) = mac(t0, q, m.w0, 0)
        (t0, c) = mac(t1, q, m.w1, c)
        (t1, c) = mac(t2, q, m.w2, c)
        (t2, c) = mac(t3, q, m.w3, c)
        (t3, c) = adc(t4, c, 0)
        t4 = t5 &+ c
    }
    row(a.w0)
    row(a.w1)
    row(a.w2)
    row(a.w3)
    return subtractModulusIfNeeded(Limbs256(t0, t1, t2, t3), carry: t4, m)
}

/// `x − m` when `carry · 2^256 + x ≥ m`, else `x`; the input is below 2m. Masked, no branch.
@inline(__always)
func subtractModulusIfNeeded(_ x: Limbs256, carry: UInt64, _ m: Limbs256) -> Limbs256 {
    var borrow: UInt64
    var d = Limbs256.zero
    (d.w0, borrow) = sbb(x.w0, m.w0, 0)
    (d.w1, borrow) = sbb(x.w1, m.w1, borrow)
    (d.w2, borrow) = sbb(x.w2, m.w2, borrow)
    (d.w3, borrow) = sbb(x.w3, m.w3, borrow)
    (_, borrow) = sbb(carry, 0, borrow)
    // borrow = 1: the value was below m, keep x.
    return Limbs256.select(0 &- borrow, x, d)
}

/// `(a + b) mod m` for `a, b < m`. Constant time.
@inline(__always)
func modularAdd(_ a: Limbs256, _ b: Limbs256, _ m: Limbs256) -> Limbs256 {
    var s = Limbs256.zero
    var carry: UInt64
    (s.w0, carry) = adc(a.w0, b.w0, 0)
    (s.w1, carry) = adc(a.w1, b.w1, carry)
    (s.w2, carry) = adc(a.w2, b.w2, carry)
    (s.w3, carry) = adc(a.w3, b.w3, carry)
    return subtractModulusIfNeeded(s, carry: carry, m)
}

/// `(a − b) mod m` for `a, b < m`. Constant time.
@inline(__always)
func modularSubtract(_ a: Limbs256, _ b: Limbs256, _ m: Limbs256) -> Limbs256 {
    var d = Limbs256.zero
    var borrow: UInt64
    (d.w0, borrow) = sbb(a.w0, b.w0, 0)
    (d.w1, borrow) = sbb(a.w1, b.w1, borrow)
    (d.w2, borrow) = sbb(a.w2, b.w2, borrow)
    (d.w3, borrow) = sbb(a.w3, b.w3, borrow)
    let mask = 0 &- borrow
    var carry: UInt64
    (d.w0, carry) = adc(d.w0, m.w0 & mask, 0)
    (d.w1, carry) = adc(d.w1, m.w1 & mask, carry)
    (d.w2, carry) = adc(d.w2, m.w2 & mask, carry)
    (d.w3, _) = adc(d.w3, m.w3 & mask, carry)
    return d
}
