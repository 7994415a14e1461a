// Reduced-radix Montgomery arithmetic for the secret ladder.
//
// A modulus of n 64-bit limbs is held in L limbs of r < 64 bits, so that a whole column of a
// product-scanning Montgomery multiplication sums in one `UInt128` with no carry out; values stay
// below 2m inside the ladder (no final subtraction per product) and are reduced once at the end.
// Why, the column and output bounds, and what was measured: docs/reduced-radix.md.

/// The constants of a modulus in the reduced-radix form, computed once per modulus.
struct ReducedRadixConstants: Sendable {
    /// Bits per limb (r): ⌊(128 − log2(2L + 1)) / 2⌋ (61 for L = 17).
    let radixBits: Int
    /// The number of r-bit limbs (L), with r·L ≥ 64n + 2 so that 4m < R' = 2^(r·L).
    let limbCount: Int
    /// The modulus, L limbs of r bits.
    let limbs: [UInt64]
    /// −m⁻¹ mod 2^r.
    let m0inv: UInt64
    /// R' mod m: the number one in the reduced-radix Montgomery domain.
    let one: [UInt64]
    /// R'² mod m: multiplying by it moves a value into the domain.
    let rSquared: [UInt64]

    /// The reduced-radix shape for an n-word modulus, or nil where the 64-bit kernels are kept:
    /// 1024-, 1536- and 2048-bit moduli (the CRT halves of RSA-2048, -3072 and -4096), which have
    /// generated kernels, on 64-bit targets (a 32-bit target has no single-instruction 64×64→128
    /// multiply). docs/reduced-radix.md has the measurements.
    static func shape(forWordCount n: Int) -> (limbCount: Int, radixBits: Int)? {
        #if arch(x86_64) || arch(arm64) || arch(riscv64)
        return n == 16 || n == 24 || n == 32 ? shape(words: n) : nil
        #else
        return nil
        #endif
    }

    /// The largest r whose column bound holds for L = ⌈(64n + 2) / r⌉ limbs, and that L.
    static func shape(words n: Int) -> (limbCount: Int, radixBits: Int) {
        var r = 63
        while true {
            let count = (64 * n + 2 + r - 1) / r
            // 2L products below 2^(2r) plus a carry below 2^(128 − r) stay below 2^128 when
            // 2L + 1 ≤ 2^(128 − 2r) (and r ≥ 43, so that the carry is below 2^(2r)).
            let slack = 128 - 2 * r
            if slack >= 62 || 2 * count + 1 <= 1 << slack { return (count, r) }
            r -= 1
        }
    }

    /// Computes the constants from the modulus's 64-bit form.
    ///
    /// R' mod m is R mod m doubled (r·L − 64n) times modulo m; R'² mod m is two 64-bit
    /// Montgomery products, (R'·R'·R⁻¹)·R²·R⁻¹. Timing: depends only on n and L (p and q are
    /// secret).
    init(
        limbCount count: Int, radixBits r: Int, m: [UInt64], m0inv64: UInt64, one64: [UInt64],
        rSquared64: [UInt64]
    ) {
        let n = m.count
        limbCount = count
        radixBits = r
        m0inv = m0inv64 & ((1 &<< UInt64(r)) &- 1)
        var radixLimbs = [UInt64](repeating: 0, count: count)
        var radixOne = [UInt64](repeating: 0, count: count)
        var radixRSquared = [UInt64](repeating: 0, count: count)
        m.withUnsafeBufferPointer { mb in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 5 * n) { buffer in
                let mp = mb.baseAddress!
                let x = buffer.baseAddress!
                let y = x + n
                let scratch = x + 2 * n
                one64.withUnsafeBufferPointer { copyRow(x, $0.baseAddress!, n) }
                for _ in 0..<(r * count - 64 * n) { doubleModulo(x, y, mp, n) }
                radixOne.withUnsafeMutableBufferPointer { toReducedRadix($0.baseAddress!, x, n, count, r) }
                let arithmetic = MontgomeryArithmetic(n: n, m: mp, m0inv: m0inv64, scratch: scratch)
                arithmetic.multiply(y, x, x)
                rSquared64.withUnsafeBufferPointer { arithmetic.multiply(x, y, $0.baseAddress!) }
                radixRSquared.withUnsafeMutableBufferPointer { toReducedRadix($0.baseAddress!, x, n, count, r) }
                radixLimbs.withUnsafeMutableBufferPointer { toReducedRadix($0.baseAddress!, mp, n, count, r) }
            }
        }
        limbs = radixLimbs
        one = radixOne
        rSquared = radixRSquared
    }
}

/// The full 128-bit product x·y (the generated kernels call it for every product).
@inline(__always)
func wideProduct(_ x: UInt64, _ y: UInt64) -> UInt128 {
    UInt128(x) &* UInt128(y)
}

/// `out` (L limbs of r bits) = `x` (n 64-bit limbs). Precondition: r·L ≥ 64n.
/// Timing: depends only on n, L and r (every shift and index is a function of the position).
@inline(__always)
func toReducedRadix(
    _ out: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ n: Int, _ count: Int, _ r: Int
) {
    let mask: UInt64 = (1 &<< UInt64(r)) &- 1
    var k = 0
    while k < count {
        let bit = k &* r
        let word = bit / 64
        let shift = bit % 64
        var value: UInt64 = 0
        if word < n {
            value = x[word] &>> UInt64(shift)
            if shift > 64 &- r, word &+ 1 < n { value |= x[word &+ 1] &<< UInt64(64 &- shift) }
        }
        out[k] = value & mask
        k &+= 1
    }
}

/// `out` (n 64-bit limbs) = `x` (L limbs of r bits). Precondition: x < 2^(64n), limbs < 2^r.
/// Timing: depends only on n, L and r.
@inline(__always)
func fromReducedRadix(
    _ out: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ count: Int, _ n: Int, _ r: Int
) {
    clearRow(out, n)
    var k = 0
    while k < count {
        let bit = k &* r
        let word = bit / 64
        let shift = bit % 64
        if word < n {
            out[word] |= x[k] &<< UInt64(shift)
            if shift > 64 &- r, word &+ 1 < n { out[word &+ 1] |= x[k] &>> UInt64(64 &- shift) }
        }
        k &+= 1
    }
}

/// Reduced-radix Montgomery multiplication and squaring for one modulus, by limb count.
///
/// Holds raw pointers: valid only inside the `withUnsafe…` scope that made it.
struct ReducedRadixArithmetic {
    /// Limb count L (public).
    let count: Int
    /// Bits per limb r (public).
    let radixBits: Int
    /// The modulus, L limbs of r bits.
    let m: UnsafePointer<UInt64>
    /// −m⁻¹ mod 2^r.
    let m0inv: UInt64
    /// Scratch for the kernels, L limbs (the multiples uᵢ of m).
    let scratch: UnsafeMutablePointer<UInt64>

    /// `out = a·b·R'⁻¹ mod m`, below 2m, for a, b < 2m. Timing: depends only on L and r.
    @inline(__always)
    func multiply(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>) {
        switch (count, radixBits) {
        case (17, 61): reducedRadixMultiply17(out, a, b, m, m0inv, scratch)
        #if arch(x86_64) || arch(arm64) || arch(riscv64)
        case (26, 61): reducedRadixMultiply26(out, a, b, m, m0inv, scratch)
        case (35, 60): reducedRadixMultiply35(out, a, b, m, m0inv, scratch)
        #endif
        default: reducedRadixMultiplyGeneric(out, a, b, m, m0inv, scratch, count, radixBits)
        }
    }

    /// `out = a²·R'⁻¹ mod m`, below 2m, for a < 2m. Timing: depends only on L and r.
    @inline(__always)
    func square(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) {
        switch (count, radixBits) {
        case (17, 61): reducedRadixSquare17(out, a, m, m0inv, scratch)
        #if arch(x86_64) || arch(arm64) || arch(riscv64)
        case (26, 61): reducedRadixSquare26(out, a, m, m0inv, scratch)
        case (35, 60): reducedRadixSquare35(out, a, m, m0inv, scratch)
        #endif
        default: reducedRadixSquareGeneric(out, a, m, m0inv, scratch, count, radixBits)
        }
    }
}

// reducedRadixMultiply17/26/35 and reducedRadixSquare17/26/35: ReducedRadixKernelsUnrolled.swift
// (generated).

@inline(never)
func reducedRadixMultiplyGeneric(
    _ out: MutableLimbs, _ a: Limbs64, _ b: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ u: MutableLimbs,
    _ count: Int, _ r: Int
) {
    reducedRadixMultiplyKernel(out, a, b, m, m0inv, u, count, r)
}

@inline(never)
func reducedRadixSquareGeneric(
    _ out: MutableLimbs, _ a: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ u: MutableLimbs, _ count: Int, _ r: Int
) {
    reducedRadixSquareKernel(out, a, m, m0inv, u, count, r)
}

extension Modulus {
    /// The fixed-window ladder of ``exponentiateSecret(base:exponent:windowBits:)`` in the
    /// reduced-radix form: the same windows, table and masked scan, values below 2m throughout,
    /// one masked subtraction at the end. `base` has `limbCount` limbs and is < m.
    /// Timing: depends only on n, L, w and exponent.count.
    func exponentiateSecretReducedRadix(
        _ constants: ReducedRadixConstants, base: [UInt64], exponent: [UInt64], windowBits w: Int
    ) -> [UInt64] {
        let n = limbCount
        let count = constants.limbCount
        let tableSize = 1 << w
        var result = [UInt64](repeating: 0, count: n)
        let r = constants.radixBits
        // Scratch: table (tableSize·L) | accumulator L | selected L | masks tableSize | plain n
        // | kernel scratch L.
        let scratchCount = (tableSize + 3) * count + tableSize + n
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scratchCount) { buffer in
            let table = buffer.baseAddress!
            let accumulator = table + tableSize * count
            let selected = accumulator + count
            let masks = selected + count
            let plain = masks + tableSize
            let kernelScratch = plain + n
            constants.limbs.withUnsafeBufferPointer { mb in
                constants.rSquared.withUnsafeBufferPointer { r2 in
                    constants.one.withUnsafeBufferPointer { oneb in
                        let arithmetic = ReducedRadixArithmetic(
                            count: count, radixBits: r, m: mb.baseAddress!, m0inv: constants.m0inv,
                            scratch: kernelScratch)
                        // table[k] = base^k·R' mod m (each < 2m): even entries by squaring.
                        copyRow(table, oneb.baseAddress!, count)
                        base.withUnsafeBufferPointer { toReducedRadix(selected, $0.baseAddress!, n, count, r) }
                        arithmetic.multiply(table + count, selected, r2.baseAddress!)
                        var k = 2
                        while k < tableSize {
                            if k & 1 == 0 {
                                arithmetic.square(table + k * count, table + (k / 2) * count)
                            } else {
                                arithmetic.multiply(table + k * count, table + (k - 1) * count, table + count)
                            }
                            k += 1
                        }
                        exponent.withUnsafeBufferPointer { eb in
                            let bitCount = eb.count * 64
                            if bitCount == 0 {
                                copyRow(accumulator, oneb.baseAddress!, count)
                                return
                            }
                            let topWidth = bitCount % w == 0 ? w : bitCount % w
                            var position = bitCount - topWidth
                            scanTable(
                                selected: accumulator, table: table, tableSize: tableSize, n: count,
                                index: windowValue(eb, position: position, width: topWidth), masks: masks)
                            while position > 0 {
                                position -= w
                                for _ in 0..<w { arithmetic.square(accumulator, accumulator) }
                                scanTable(
                                    selected: selected, table: table, tableSize: tableSize, n: count,
                                    index: windowValue(eb, position: position, width: w), masks: masks)
                                arithmetic.multiply(accumulator, accumulator, selected)
                            }
                        }
                        // Leave the domain (multiply by plain 1: the result is ≤ m), back to 64-bit
                        // limbs, and one masked subtraction to < m.
                        clearRow(selected, count)
                        selected[0] = 1
                        arithmetic.multiply(accumulator, accumulator, selected)
                        fromReducedRadix(plain, accumulator, count, n, r)
                        limbs.withUnsafeBufferPointer { m64 in
                            result.withUnsafeMutableBufferPointer { out in
                                subtractModulusIfNeeded(out.baseAddress!, plain, 0, m64.baseAddress!, n)
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}

// Single reduced-radix products, for the benchmark rows `montmul/N/rR` and `montsqr/N/rR` (the
// same array handling as ``Modulus/montgomeryMultiply(_:_:into:)``, so the rows compare kernels).
extension Modulus {
    /// The bits per limb of this modulus's reduced-radix form, or nil for a modulus without one.
    package var reducedRadixBits: Int? { reducedRadix?.radixBits }

    /// `x` (below m, `limbCount` limbs) in the reduced-radix form, or nil for a modulus without one.
    package func reducedRadixForm(_ x: [UInt64]) -> [UInt64]? {
        guard let constants = reducedRadix else { return nil }
        let (n, count, r) = (limbCount, constants.limbCount, constants.radixBits)
        var out = [UInt64](repeating: 0, count: count)
        let plain = Limbs.zeroExtended(x, to: n)
        plain.withUnsafeBufferPointer { xb in
            out.withUnsafeMutableBufferPointer { toReducedRadix($0.baseAddress!, xb.baseAddress!, n, count, r) }
        }
        return out
    }

    /// `result = a·b·R'⁻¹ mod m` (below 2m) for reduced-radix `a`, `b` below 2m; nothing for a
    /// modulus without the form or operands of another width. Timing: depends only on the width.
    package func reducedRadixMultiply(_ a: [UInt64], _ b: [UInt64], into result: inout [UInt64]) {
        guard let constants = reducedRadix, a.count == constants.limbCount, b.count == constants.limbCount else {
            return
        }
        let count = constants.limbCount
        let x = Limbs.zeroExtended(a, to: count)
        let y = Limbs.zeroExtended(b, to: count)
        if result.count != count { result = [UInt64](repeating: 0, count: count) }
        constants.withArithmetic { arithmetic in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    result.withUnsafeMutableBufferPointer {
                        arithmetic.multiply($0.baseAddress!, xb.baseAddress!, yb.baseAddress!)
                    }
                }
            }
        }
    }

    /// `result = a²·R'⁻¹ mod m` (below 2m) for a reduced-radix `a` below 2m; as
    /// ``reducedRadixMultiply(_:_:into:)``.
    package func reducedRadixSquare(_ a: [UInt64], into result: inout [UInt64]) {
        guard let constants = reducedRadix, a.count == constants.limbCount else { return }
        let count = constants.limbCount
        let x = Limbs.zeroExtended(a, to: count)
        if result.count != count { result = [UInt64](repeating: 0, count: count) }
        constants.withArithmetic { arithmetic in
            x.withUnsafeBufferPointer { xb in
                result.withUnsafeMutableBufferPointer { arithmetic.square($0.baseAddress!, xb.baseAddress!) }
            }
        }
    }
}

extension ReducedRadixConstants {
    /// Runs `body` with kernels for this modulus and their scratch (one temporary allocation).
    func withArithmetic<Result>(_ body: (ReducedRadixArithmetic) -> Result) -> Result {
        limbs.withUnsafeBufferPointer { mb in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: limbCount) { scratch in
                body(
                    ReducedRadixArithmetic(
                        count: limbCount, radixBits: radixBits, m: mb.baseAddress!, m0inv: m0inv,
                        scratch: scratch.baseAddress!))
            }
        }
    }
}

/// `out = a·b·R'⁻¹ mod m`, below 2m, in `count` limbs of `r` bits: the loop form of the generated
/// kernels (product scanning, one `UInt128` column accumulator, no final subtraction).
///
/// Preconditions: limbs of `a`, `b`, `m` below 2^r; a, b < 2m; 4m < R' = 2^(r·count); the
/// column bound of docs/reduced-radix.md holds for `count` and `r`; `u` has `count` scratch limbs
/// overlapping nothing. `out` may be `a` or `b`. Timing: depends only on `count` and `r`.
@inline(__always)
func reducedRadixMultiplyKernel(
    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64, _ u: UnsafeMutablePointer<UInt64>,
    _ count: Int, _ r: Int
) {
    let mask: UInt64 = (1 &<< UInt64(r)) &- 1
    let shift = UInt128(truncatingIfNeeded: r)
    var t: UInt128 = 0
    var i = 0
    while i < count {
        var j = 0
        while j < i {
            t &+= UInt128(a[j]) &* UInt128(b[i &- j])
            t &+= UInt128(u[j]) &* UInt128(m[i &- j])
            j &+= 1
        }
        t &+= UInt128(a[i]) &* UInt128(b[0])
        let q = (UInt64(truncatingIfNeeded: t) &* m0inv) & mask
        u[i] = q
        t &+= UInt128(q) &* UInt128(m[0])  // clears the low r bits
        t &>>= shift
        i &+= 1
    }
    while i < 2 &* count &- 1 {
        var j = i &- count &+ 1
        while j < count {
            t &+= UInt128(a[j]) &* UInt128(b[i &- j])
            t &+= UInt128(u[j]) &* UInt128(m[i &- j])
            j &+= 1
        }
        u[i &- count] = UInt64(truncatingIfNeeded: t) & mask  // u[i − count] is no longer read
        t &>>= shift
        i &+= 1
    }
    u[count &- 1] = UInt64(truncatingIfNeeded: t)
    copyRow(out, u, count)
}

/// `out = a²·R'⁻¹ mod m`, below 2m: the generated square's algorithm in loops (the generated
/// kernels sum a column's products in another order, into the same exact column value; cross
/// products here as (2aᵢ)·aⱼ). Preconditions and timing as for ``reducedRadixMultiplyKernel``;
/// `out` may be `a`.
@inline(__always)
func reducedRadixSquareKernel(
    _ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>,
    _ m: UnsafePointer<UInt64>, _ m0inv: UInt64, _ u: UnsafeMutablePointer<UInt64>,
    _ count: Int, _ r: Int
) {
    let mask: UInt64 = (1 &<< UInt64(r)) &- 1
    let shift = UInt128(truncatingIfNeeded: r)
    var t: UInt128 = 0
    var i = 0
    while i < 2 &* count &- 1 {
        let first = i < count ? 0 : i &- count &+ 1
        var j = first
        while j &* 2 < i {
            t &+= UInt128(a[j] &<< 1) &* UInt128(a[i &- j])
            j &+= 1
        }
        if i & 1 == 0 { t &+= UInt128(a[i &>> 1]) &* UInt128(a[i &>> 1]) }
        let last = i < count ? i : count
        j = first
        while j < last {
            t &+= UInt128(u[j]) &* UInt128(m[i &- j])
            j &+= 1
        }
        if i < count {
            let q = (UInt64(truncatingIfNeeded: t) &* m0inv) & mask
            u[i] = q
            t &+= UInt128(q) &* UInt128(m[0])  // clears the low r bits
        } else {
            u[i &- count] = UInt64(truncatingIfNeeded: t) & mask
        }
        t &>>= shift
        i &+= 1
    }
    u[count &- 1] = UInt64(truncatingIfNeeded: t)
    copyRow(out, u, count)
}
