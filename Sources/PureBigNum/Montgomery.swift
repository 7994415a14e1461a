// Montgomery multiplication and squaring over raw limb buffers.
//
// With R = 2^(64·n) for an n-limb odd modulus m, the Montgomery product of a and b is
// a·b·R⁻¹ mod m. Values are kept "in the Montgomery domain" (x·R mod m) during an
// exponentiation so that every step is one such product.
//
// Timing contract: every kernel here runs the same instructions and touches the same addresses
// for every value of its operands; only `n` (public) matters. In particular the final
// subtraction of m is always computed and then kept or dropped with a mask (Walter, "Montgomery
// exponentiation needs no final subtractions", and the timing attacks on the conditional
// subtraction, e.g. Schindler 2000, are why it is never a branch).
//
// Disassembly (release, x86_64 Zen 3, Swift 6.3.1, `objdump -d --no-show-raw-insn` of
// PureBigNum's object for montgomeryMultiply16/32/Generic, montgomerySquare16/32/Generic):
// see the notes at the end of MontgomeryKernels.swift.

/// `out = a·b·R⁻¹ mod m`, fully reduced (out < m).
///
/// Preconditions: `a`, `b`, `m`, `out` have `n` limbs, `t` has `n + 1` scratch limbs; m is odd,
/// `m0inv = −m⁻¹ mod 2⁶⁴`; `a·b < R·m` (true when both are < m, or when one is < R and the
/// other < m). `out` may be `a` or `b`; `t` must not overlap anything else.
///
/// Algorithm: CIOS (Koç, Acar, Kaliski 1996, "Analyzing and comparing Montgomery multiplication
/// algorithms") with the multiplication and reduction passes fused in one inner loop carrying
/// two carry words, so each limb of t is loaded and stored once per outer step.
///
/// Timing: depends only on `n`.
@inline(__always)
func montgomeryMultiplyKernel(
    _ out: UnsafeMutablePointer<UInt64>,
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64,
    _ t: UnsafeMutablePointer<UInt64>, _ n: Int
) {
    clearRow(t, n &+ 1)
    var i = 0
    while i < n {
        let bi = b[i]
        // j = 0: the low word decides the multiple q of m that clears it.
        let (h0, u0) = multiplyAdd(a[0], bi, t[0], 0)
        var c1 = h0
        let q = u0 &* m0inv
        var c2 = multiplyAdd(q, m[0], u0, 0).high   // the low word is zero by choice of q
        var j = 1
        while j < n {
            let (h1, l1) = multiplyAdd(a[j], bi, t[j], c1)
            c1 = h1
            (c2, t[j &- 1]) = multiplyAdd(q, m[j], l1, c2)
            j &+= 1
        }
        (t[n &- 1], t[n]) = addWithCarry(t[n], c1, c2)
        i &+= 1
    }
    // t < 2m here; t[n] is its top bit.
    subtractModulusIfNeeded(out, t, t[n], m, n)
}

/// `out = a²·R⁻¹ mod m`, fully reduced, computing each cross product aᵢ·aⱼ (i < j) once.
///
/// Preconditions: `a`, `m`, `out` have `n` limbs, `t` has `2n` scratch limbs; `a < m`;
/// `m0inv = −m⁻¹ mod 2⁶⁴`. `out` may be `a`; `t` must not overlap anything else.
///
/// Algorithm: separated operand scanning — the full 2n-limb square (cross products, doubled,
/// plus the diagonal), then Montgomery reduction of the 2n limbs.
///
/// Timing: depends only on `n`.
@inline(__always)
func montgomerySquareKernel(
    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64,
    _ t: UnsafeMutablePointer<UInt64>, _ n: Int
) {
    // Cross products: t = Σ_{i<j} aᵢ·aⱼ·W^(i+j).
    clearRow(t, n &* 2)
    var i = 0
    while i < n &- 1 {
        let ai = a[i]
        var carry: UInt64 = 0
        var j = i &+ 1
        while j < n {
            (carry, t[i &+ j]) = multiplyAdd(ai, a[j], t[i &+ j], carry)
            j &+= 1
        }
        t[i &+ n] = carry
        i &+= 1
    }
    // Double the cross products and add the squares aᵢ² on the diagonal, in one pass.
    var shifted: UInt64 = 0   // the bit shifted out of the previous limb pair
    var carry: UInt64 = 0     // the carry of the addition chain (0 or 1)
    i = 0
    while i < n {
        let x0 = t[2 &* i]
        let x1 = t[2 &* i &+ 1]
        let d0 = (x0 &<< 1) | shifted
        let d1 = (x1 &<< 1) | (x0 &>> 63)
        shifted = x1 &>> 63
        let (sqHigh, sqLow) = a[i].multipliedFullWidth(by: a[i])
        (t[2 &* i], carry) = addWithCarry(d0, sqLow, carry)
        (t[2 &* i &+ 1], carry) = addWithCarry(d1, sqHigh, carry)
        i &+= 1
    }
    montgomeryReduceKernel(out, t, m, m0inv, n)
}

/// `out = t·R⁻¹ mod m` for a 2n-limb `t < R·m`, fully reduced. Destroys `t`.
///
/// Preconditions: `t` has `2n` limbs, `m` and `out` have `n`; `out` does not overlap `t`.
///
/// Timing: depends only on `n`.
@inline(__always)
func montgomeryReduceKernel(
    _ out: UnsafeMutablePointer<UInt64>, _ t: UnsafeMutablePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64, _ n: Int
) {
    var top: UInt64 = 0   // carry into limb i + n, deferred to the next step
    var i = 0
    while i < n {
        let q = t[i] &* m0inv
        var carry: UInt64 = 0
        var j = 0
        while j < n {
            (carry, t[i &+ j]) = multiplyAdd(q, m[j], t[i &+ j], carry)
            j &+= 1
        }
        (t[i &+ n], top) = addWithCarry(t[i &+ n], carry, top)
        i &+= 1
    }
    // (t[n..<2n] + top·R) < 2m.
    subtractModulusIfNeeded(out, t + n, top, m, n)
}

/// `out = x − m` when `x ≥ m`, else `x`, where `x = low + top·R < 2m` (`top` is 0 or 1).
///
/// The subtraction is always computed; the result is chosen with a mask.
/// Preconditions: `out` and `low` do not overlap; all have `n` limbs.
/// Timing: depends only on `n`.
@inline(__always)
func subtractModulusIfNeeded(
    _ out: UnsafeMutablePointer<UInt64>, _ low: UnsafePointer<UInt64>, _ top: UInt64,
    _ m: UnsafePointer<UInt64>, _ n: Int
) {
    let borrow = subtractRow(out, low, m, n)
    // x < m exactly when the n-limb subtraction borrowed and there is no top bit.
    let keep = Choice(word: borrow & ~top & 1)
    selectRow(out, keep.mask, low, UnsafePointer(out), n)
}
