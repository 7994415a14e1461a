// Row primitives on little-endian rows of 64-bit limbs held in raw buffers.
//
// Every function here is straight-line over its count: no branch, loop bound or address
// depends on limb values, only on `count` (public). Carries come from `multipliedFullWidth` and
// `addingReportingOverflow`, with the overflow flag reinterpreted as a 0/1 byte (``word(_:)``):
// LLVM emits mul/add/adc/setb chains for that (checked with objdump, see
// MontgomeryKernels.swift). `c ? 1 : 0` was seen to compile to data-dependent jumps
// (docs/implementation-notes.md). UInt128 arithmetic gave the same release code but is ~30 times slower
// in debug builds (each operation is an unoptimised call), which made the tests crawl.
//
// Aliasing: an output may be the same buffer as an input (each limb is read before it is
// written at the same index), unless a comment says otherwise.
//
// Limbs are `UInt64` explicitly and indices are `Int`, so the arithmetic is the same where
// `Int` is 32 bits wide.

/// A flag as the word 0 or 1, without a branch.
///
/// `flag ? 1 : 0` was seen to compile to jumps (docs/implementation-notes.md); reinterpreting the Bool's
/// byte (which is 0 or 1) keeps it a `setb`/`adc` in the carry chains below.
@inline(__always)
func word(_ flag: Bool) -> UInt64 {
    UInt64(unsafeBitCast(flag, to: UInt8.self))
}

/// `a·b + c + d` as a double word; it cannot overflow 128 bits.
@inline(__always)
func multiplyAdd(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> (high: UInt64, low: UInt64) {
    let (high, low) = a.multipliedFullWidth(by: b)
    let (s1, o1) = low.addingReportingOverflow(c)
    let (s2, o2) = s1.addingReportingOverflow(d)
    return (high &+ word(o1) &+ word(o2), s2)
}

/// `(t2:t1:t0) += a·b`: the three-word accumulator of product scanning.
///
/// The caller keeps the accumulator below 2¹⁹² (at most 2⁶³ products per column).
@inline(__always)
func multiplyAccumulate(_ t0: inout UInt64, _ t1: inout UInt64, _ t2: inout UInt64, _ a: UInt64, _ b: UInt64) {
    let (high, low) = a.multipliedFullWidth(by: b)
    let (s0, o0) = t0.addingReportingOverflow(low)
    t0 = s0
    // high ≤ 2⁶⁴ − 2, so adding the carry cannot wrap.
    let (s1, o1) = t1.addingReportingOverflow(high &+ word(o0))
    t1 = s1
    t2 &+= word(o1)
}

/// `a + b + carry` as (sum, carry out), for any words; the carry out is the number of wraps.
@inline(__always)
func addWithCarry(_ a: UInt64, _ b: UInt64, _ carry: UInt64) -> (sum: UInt64, carry: UInt64) {
    let (s1, o1) = a.addingReportingOverflow(b)
    let (s2, o2) = s1.addingReportingOverflow(carry)
    return (s2, word(o1) &+ word(o2))
}

/// `a − b − borrow` as (difference, borrow out) for a borrow of 0 or 1.
@inline(__always)
func subtractWithBorrow(_ a: UInt64, _ b: UInt64, _ borrow: UInt64) -> (difference: UInt64, borrow: UInt64) {
    let (d1, o1) = a.subtractingReportingOverflow(b)
    let (d2, o2) = d1.subtractingReportingOverflow(borrow)
    return (d2, word(o1) &+ word(o2))
}

/// `z = x + y` over `count` limbs; returns the carry out (0 or 1).
///
/// Timing: depends only on `count`.
@inline(__always)
func addRow(
    _ z: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>,
    _ count: Int
) -> UInt64 {
    var carry: UInt64 = 0
    var i = 0
    while i < count {
        (z[i], carry) = addWithCarry(x[i], y[i], carry)
        i &+= 1
    }
    return carry
}

/// `z = x - y` over `count` limbs; returns the borrow out (0 or 1).
///
/// Timing: depends only on `count`.
@inline(__always)
func subtractRow(
    _ z: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>,
    _ count: Int
) -> UInt64 {
    var borrow: UInt64 = 0
    var i = 0
    while i < count {
        (z[i], borrow) = subtractWithBorrow(x[i], y[i], borrow)
        i &+= 1
    }
    return borrow
}

/// `z += x * y` over `count` limbs of `z` and `x`; returns the carry word out.
///
/// Timing: depends only on `count`.
@inline(__always)
func multiplyAccumulateRow(
    _ z: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ y: UInt64, _ count: Int
) -> UInt64 {
    var carry: UInt64 = 0
    var i = 0
    while i < count {
        (carry, z[i]) = multiplyAdd(x[i], y, z[i], carry)
        i &+= 1
    }
    return carry
}

/// `z = mask ? x : y` limb by limb, where `mask` is all ones or all zeros (from ``Choice/mask``).
///
/// Timing: depends only on `count`; both rows are read in full.
@inline(__always)
func selectRow(
    _ z: UnsafeMutablePointer<UInt64>, _ mask: UInt64,
    _ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ count: Int
) {
    var i = 0
    while i < count {
        z[i] = (x[i] & mask) | (y[i] & ~mask)
        i &+= 1
    }
}

/// True when the rows are equal. Timing: depends only on `count`.
@inline(__always)
func isEqualRow(_ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ count: Int) -> Choice {
    var difference: UInt64 = 0
    var i = 0
    while i < count {
        difference |= x[i] ^ y[i]
        i &+= 1
    }
    return Choice.isZero(difference)
}

/// True when `x < y` as numbers. Timing: depends only on `count` (the borrow of `x - y`,
/// computed without storing the difference).
@inline(__always)
func isLessRow(_ x: UnsafePointer<UInt64>, _ y: UnsafePointer<UInt64>, _ count: Int) -> Choice {
    var borrow: UInt64 = 0
    var i = 0
    while i < count {
        borrow = subtractWithBorrow(x[i], y[i], borrow).borrow
        i &+= 1
    }
    return Choice(word: borrow)
}

/// Sets `count` limbs to zero.
@inline(__always)
func clearRow(_ z: UnsafeMutablePointer<UInt64>, _ count: Int) {
    z.update(repeating: 0, count: count)
}

/// Copies `count` limbs from `x` to `z` (non-overlapping or identical).
@inline(__always)
func copyRow(_ z: UnsafeMutablePointer<UInt64>, _ x: UnsafePointer<UInt64>, _ count: Int) {
    var i = 0
    while i < count {
        z[i] = x[i]
        i &+= 1
    }
}
