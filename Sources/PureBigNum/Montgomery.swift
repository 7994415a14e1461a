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
// What the disassembly of these kernels shows: docs/implementation-notes.md.

/// `out = a·b·R⁻¹ mod m`, fully reduced (out < m).
///
/// Preconditions: `a`, `b`, `m`, `out` have `n` limbs, `u` has `n` scratch limbs; m is odd,
/// `m0inv = −m⁻¹ mod 2⁶⁴`; `a·b < R·m` (true when both are < m, or when one is < R and the
/// other < m). `out` may be `a` or `b`; `u` must not overlap anything else.
///
/// Algorithm: FIPS, finely integrated product scanning (Koç, Acar, Kaliski 1996, "Analyzing and
/// comparing Montgomery multiplication algorithms"). Column by column, the products aⱼ·bᵢ₋ⱼ and
/// uⱼ·mᵢ₋ⱼ are summed in a three-word accumulator held in registers; the low word of column
/// i < n fixes uᵢ (the multiple of m that clears it), the columns from n on are the result.
/// It beat CIOS (a fused multiply/reduce row per limb of b, which loads and stores a row of t
/// per step) by 5–10% at 16 and 32 limbs here: the accumulator stays in registers and each
/// product costs one mul, one add and two adc.
///
/// Timing: depends only on `n`.
@inline(__always)
func montgomeryMultiplyKernel(
    _ out: UnsafeMutablePointer<UInt64>,
    _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64,
    _ u: UnsafeMutablePointer<UInt64>, _ n: Int
) {
    var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0
    var i = 0
    while i < n {
        accumulateColumn(&t0, &t1, &t2, a, b, u, m, column: i, from: 0, to: i)
        multiplyAccumulate(&t0, &t1, &t2, a[i], b[0])
        let q = t0 &* m0inv
        u[i] = q
        multiplyAccumulate(&t0, &t1, &t2, q, m[0])  // clears t0
        (t0, t1, t2) = (t1, t2, 0)
        i &+= 1
    }
    while i < 2 &* n {
        accumulateColumn(&t0, &t1, &t2, a, b, u, m, column: i, from: i &- n &+ 1, to: n)
        u[i &- n] = t0  // u[k] is no longer needed once column n + k is reached
        (t0, t1, t2) = (t1, t2, 0)
        i &+= 1
    }
    // The result u + t0·R is < 2m.
    subtractModulusIfNeeded(out, u, t0, m, n)
}

/// `out = a²·R⁻¹ mod m`, fully reduced, computing each cross product aᵢ·aⱼ (i < j) once.
///
/// Preconditions: `a`, `m`, `out` have `n` limbs, `u` has `n` scratch limbs; `a < m`;
/// `m0inv = −m⁻¹ mod 2⁶⁴`. `out` may be `a`; `u` must not overlap anything else.
///
/// Algorithm: the product-scanning multiplication above, where each column's cross products
/// are summed once in a second accumulator, doubled by a shift, and the square aᵢ² added on
/// even columns.
///
/// Timing: depends only on `n`.
@inline(__always)
func montgomerySquareKernel(
    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64,
    _ u: UnsafeMutablePointer<UInt64>, _ n: Int
) {
    var t0: UInt64 = 0, t1: UInt64 = 0, t2: UInt64 = 0
    var i = 0
    while i < 2 &* n &- 1 {
        let first = i < n ? 0 : i &- n &+ 1  // lowest index with a partner in range
        // Cross products aⱼ·aᵢ₋ⱼ with j < i − j.
        var c0: UInt64 = 0, c1: UInt64 = 0, c2: UInt64 = 0
        var j = first
        while j &* 2 < i {
            multiplyAccumulate(&c0, &c1, &c2, a[j], a[i &- j])
            j &+= 1
        }
        // t += 2·cross
        var carry: UInt64
        (t0, carry) = addWithCarry(t0, c0 &<< 1, 0)
        (t1, carry) = addWithCarry(t1, (c1 &<< 1) | (c0 &>> 63), carry)
        t2 = t2 &+ ((c2 &<< 1) | (c1 &>> 63)) &+ carry
        if i & 1 == 0 {
            multiplyAccumulate(&t0, &t1, &t2, a[i &>> 1], a[i &>> 1])
        }
        // Reduction products uⱼ·mᵢ₋ⱼ.
        let last = i < n ? i : n
        j = first
        while j < last {
            multiplyAccumulate(&t0, &t1, &t2, u[j], m[i &- j])
            j &+= 1
        }
        if i < n {
            let q = t0 &* m0inv
            u[i] = q
            multiplyAccumulate(&t0, &t1, &t2, q, m[0])  // clears t0
        } else {
            u[i &- n] = t0
        }
        (t0, t1, t2) = (t1, t2, 0)
        i &+= 1
    }
    // Column 2n − 1 has no products.
    u[n &- 1] = t0
    subtractModulusIfNeeded(out, u, t1, m, n)
}

/// `(t2:t1:t0) += Σ (x[j]·y[column − j] + u[j]·m[column − j])` over `j` in `from..<to`: the
/// column of a Montgomery multiplication, both products of each `j` together.
///
/// The loop is unrolled by four (then one at a time for the rest): the loop counter and index
/// updates are paid once per eight products. callgrind, one 32-limb exponentiation: 46.48M ->
/// 45.36M instructions. The same unrolling of the squaring kernel's two loops made it WORSE
/// (49.42M with both), so the squaring kernel keeps its plain loops.
/// Timing: depends only on `column`, `from` and `to`.
@inline(__always)
func accumulateColumn(
    _ t0: inout UInt64, _ t1: inout UInt64, _ t2: inout UInt64,
    _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>,
    _ u: UnsafeMutablePointer<UInt64>, _ m: UnsafePointer<UInt64>, column i: Int, from: Int, to end: Int
) {
    var j = from
    while j &+ 4 <= end {
        let k = i &- j
        multiplyAccumulate(&t0, &t1, &t2, x[j], y[k])
        multiplyAccumulate(&t0, &t1, &t2, u[j], m[k])
        multiplyAccumulate(&t0, &t1, &t2, x[j &+ 1], y[k &- 1])
        multiplyAccumulate(&t0, &t1, &t2, u[j &+ 1], m[k &- 1])
        multiplyAccumulate(&t0, &t1, &t2, x[j &+ 2], y[k &- 2])
        multiplyAccumulate(&t0, &t1, &t2, u[j &+ 2], m[k &- 2])
        multiplyAccumulate(&t0, &t1, &t2, x[j &+ 3], y[k &- 3])
        multiplyAccumulate(&t0, &t1, &t2, u[j &+ 3], m[k &- 3])
        j &+= 4
    }
    while j < end {
        multiplyAccumulate(&t0, &t1, &t2, x[j], y[i &- j])
        multiplyAccumulate(&t0, &t1, &t2, u[j], m[i &- j])
        j &+= 1
    }
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

/// `out = a²·R⁻¹ mod m`, fully reduced: the square first, then a separate Montgomery reduction.
///
/// Preconditions: `a`, `m`, `out` have `n` limbs, `w` has `2n` scratch limbs; `a < m`;
/// `m0inv = −m⁻¹ mod 2⁶⁴`. `out` may be `a`; `w` must not overlap anything else.
///
/// Algorithm (operand scanning, as in Menezes et al., Handbook of Applied Cryptography 14.16
/// and 14.32): the cross products aᵢ·aⱼ (i < j) are summed row by row into `w`, the 2n-limb
/// result is doubled and the squares aᵢ² added in one pass; then n reduction rows each add
/// qᵢ·m at limb i (qᵢ = wᵢ·m0inv clears limb i), the carry word of row i going into limb i + n
/// together with the carry bit left by row i − 1. Each row is a tight mul/add/adc loop over
/// one operand, and the squaring computes n(n−1)/2 cross products instead of the n² − n of a
/// multiplication.
///
/// Timing: depends only on `n`.
@inline(__always)
func montgomerySquareSeparatedKernel(
    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64,
    _ w: UnsafeMutablePointer<UInt64>, _ n: Int
) {
    // Cross products: row i adds a[i]·a[i+1..<n] at limb 2i + 1; rows i and i + 1 run
    // together (two independent carry chains), the last row n − 2 alone.
    clearRow(w, n)
    var i = 0
    while i &+ 3 <= n &- 1 {
        let z = w + (2 &* i &+ 1), x = a + (i &+ 1)
        let y0 = a[i], y1 = a[i &+ 1], c = n &- 1 &- i
        var cA: UInt64, cB: UInt64 = 0
        (cA, z[0]) = multiplyAdd(x[0], y0, z[0], 0)
        (cA, z[1]) = multiplyAdd(x[1], y0, z[1], cA)
        (cA, cB) = multiplyAccumulateTwoRows(z, x, y0, y1, from: 2, to: c, cA, cB)
        (cB, z[c]) = multiplyAdd(x[c &- 1], y1, cA, cB)
        z[c &+ 1] = cB
        i &+= 2
    }
    while i < n &- 1 {
        w[i &+ n] = multiplyAccumulateRowUnrolled(w + (2 &* i &+ 1), a + (i &+ 1), a[i], n &- 1 &- i)
        i &+= 1
    }
    w[2 &* n &- 1] = 0
    // w = 2·w + Σ aᵢ²·2^(128i).
    var shifted: UInt64 = 0  // the bit shifted out of the previous limb
    var carry: UInt64 = 0
    i = 0
    while i < n {
        let (high, low) = a[i].multipliedFullWidth(by: a[i])
        let w0 = w[2 &* i], w1 = w[2 &* i &+ 1]
        let d0 = (w0 &<< 1) | shifted
        let d1 = (w1 &<< 1) | (w0 &>> 63)
        shifted = w1 &>> 63
        (w[2 &* i], carry) = addWithCarry(d0, low, carry)
        (w[2 &* i &+ 1], carry) = addWithCarry(d1, high, carry)
        i &+= 1
    }
    montgomeryReduceWide(out, w, m, m0inv, n)
}

/// `out = w·R⁻¹ mod m` for a 2n-limb `w < m·R`, fully reduced; `w` is overwritten.
///
/// Operand-scanning Montgomery reduction, two rows at a time: q₀ = w₀·m0inv clears limb i, and
/// q₁ is known as soon as row i has reached limb i + 1; both rows then advance together on two
/// carry chains (``multiplyAccumulateTwoRows``), the carry words of the pair going into limbs
/// i + n and i + n + 1 with the carry left by the previous pair.
///
/// Preconditions: `n` even and ≥ 2; `w` has 2n limbs and overlaps nothing; `out` has n limbs.
/// Timing: depends only on `n`.
@inline(__always)
func montgomeryReduceWide(
    _ out: UnsafeMutablePointer<UInt64>, _ w: UnsafeMutablePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64, _ n: Int
) {
    // Reduction, two rows at a time (n is even): q₁ is known once row i has reached limb i + 1.
    var top: UInt64 = 0  // the carry into limb i + n, exact (a small word)
    var i = 0
    while i < n {
        let z = w + i
        let q0 = z[0] &* m0inv
        var cA: UInt64, cB: UInt64, v: UInt64, cA2: UInt64
        (cA, _) = multiplyAdd(m[0], q0, z[0], 0)  // the low word is 0
        (cA, v) = multiplyAdd(m[1], q0, z[1], cA)
        let q1 = v &* m0inv
        (cB, _) = multiplyAdd(m[0], q1, v, 0)  // the low word is 0
        (cA, cB) = multiplyAccumulateTwoRows(z, m, q0, q1, from: 2, to: n, cA, cB)
        (v, cA2) = addWithCarry(z[n], cA, top)
        (cB, z[n]) = multiplyAdd(m[n &- 1], q1, v, cB)
        (z[n &+ 1], top) = addWithCarry(z[n &+ 1], cB, cA2)
        i &+= 2
    }
    // The result w[n..<2n] + top·R is < 2m.
    subtractModulusIfNeeded(out, UnsafePointer(w + n), top, m, n)
}

/// `z += x * y` over `count` limbs, four limbs per loop step; returns the carry word out.
///
/// Timing: depends only on `count`.
@inline(__always)
func multiplyAccumulateRowUnrolled(
    _ z: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ y: UInt64, _ count: Int
) -> UInt64 {
    var carry: UInt64 = 0
    var i = 0
    while i &+ 4 <= count {
        (carry, z[i]) = multiplyAdd(x[i], y, z[i], carry)
        (carry, z[i &+ 1]) = multiplyAdd(x[i &+ 1], y, z[i &+ 1], carry)
        (carry, z[i &+ 2]) = multiplyAdd(x[i &+ 2], y, z[i &+ 2], carry)
        (carry, z[i &+ 3]) = multiplyAdd(x[i &+ 3], y, z[i &+ 3], carry)
        i &+= 4
    }
    while i < count {
        (carry, z[i]) = multiplyAdd(x[i], y, z[i], carry)
        i &+= 1
    }
    return carry
}

/// `z[j] += x[j]·y0 + x[j−1]·y1` for `j` in `from..<to`, with the two products on separate
/// carry chains `cA` and `cB` (returned), so that two rows of an operand-scanning product
/// advance together: each chain's add/adc latency overlaps the other's. Unrolled by four
/// (measured: docs/implementation-notes.md).
///
/// Preconditions: `from ≥ 1`. Timing: depends only on `from` and `to`.
@inline(__always)
func multiplyAccumulateTwoRows(
    _ z: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ y0: UInt64, _ y1: UInt64,
    from: Int, to end: Int, _ cA: UInt64, _ cB: UInt64
) -> (UInt64, UInt64) {
    var cA = cA, cB = cB, v: UInt64
    var j = from
    while j &+ 4 <= end {
        (cA, v) = multiplyAdd(x[j], y0, z[j], cA)
        (cB, z[j]) = multiplyAdd(x[j &- 1], y1, v, cB)
        (cA, v) = multiplyAdd(x[j &+ 1], y0, z[j &+ 1], cA)
        (cB, z[j &+ 1]) = multiplyAdd(x[j], y1, v, cB)
        (cA, v) = multiplyAdd(x[j &+ 2], y0, z[j &+ 2], cA)
        (cB, z[j &+ 2]) = multiplyAdd(x[j &+ 1], y1, v, cB)
        (cA, v) = multiplyAdd(x[j &+ 3], y0, z[j &+ 3], cA)
        (cB, z[j &+ 3]) = multiplyAdd(x[j &+ 2], y1, v, cB)
        j &+= 4
    }
    while j < end {
        (cA, v) = multiplyAdd(x[j], y0, z[j], cA)
        (cB, z[j]) = multiplyAdd(x[j &- 1], y1, v, cB)
        j &+= 1
    }
    return (cA, cB)
}
