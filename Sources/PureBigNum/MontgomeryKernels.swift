// Size-specialised entry points for the Montgomery kernels.
//
// The 16-, 24-, 32-, 48- and 64-limb functions (1024, 1536, 2048, 3072, 4096 bits: RSA-2048/3072/4096
// CRT halves and full moduli) run the generic multiplication kernel with the limb count a
// compile-time constant; their squarings run the separated square-then-reduce kernel
// (``montgomerySquareSeparatedKernel``; 16 limbs: the generated unrolled kernels). A property
// test checks that each agrees with the generic path (product scanning) on random inputs.

/// Montgomery multiplication and squaring for one modulus, choosing the kernel by size.
///
/// Holds raw pointers: valid only inside the `withUnsafe…` scope that made it.
struct MontgomeryArithmetic {
    /// Limb count of the modulus (public).
    let n: Int
    /// The modulus, `n` limbs.
    let m: UnsafePointer<UInt64>
    /// −m⁻¹ mod 2⁶⁴.
    let m0inv: UInt64
    /// Scratch for the kernels, at least `2n` limbs (the separated squaring keeps the whole
    /// 2n-limb square there).
    let scratch: UnsafeMutablePointer<UInt64>

    /// `out = a·b·R⁻¹ mod m`; see ``montgomeryMultiplyKernel``. Timing: depends only on `n`.
    @inline(__always)
    func multiply(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>, _ b: UnsafePointer<UInt64>) {
        switch n {
        case 16: montgomeryMultiply16(out, a, b, m, m0inv, scratch)
        case 24: montgomeryMultiply24(out, a, b, m, m0inv, scratch)
        case 32: montgomeryMultiply32(out, a, b, m, m0inv, scratch)
        case 48: montgomeryMultiply48(out, a, b, m, m0inv, scratch)
        case 64: montgomeryMultiply64(out, a, b, m, m0inv, scratch)
        default: montgomeryMultiplyGeneric(out, a, b, m, m0inv, scratch, n)
        }
    }

    /// `out = a²·R⁻¹ mod m`; see ``montgomerySquareKernel``. Timing: depends only on `n`.
    @inline(__always)
    func square(_ out: UnsafeMutablePointer<UInt64>, _ a: UnsafePointer<UInt64>) {
        switch n {
        case 16: montgomerySquare16(out, a, m, m0inv, scratch)
        case 24: montgomerySquare24(out, a, m, m0inv, scratch)
        case 32: montgomerySquare32(out, a, m, m0inv, scratch)
        case 48: montgomerySquare48(out, a, m, m0inv, scratch)
        case 64: montgomerySquare64(out, a, m, m0inv, scratch)
        default: montgomerySquareGeneric(out, a, m, m0inv, scratch, n)
        }
    }
}

typealias MutableLimbs = UnsafeMutablePointer<UInt64>
typealias Limbs64 = UnsafePointer<UInt64>

@inline(never)
func montgomeryMultiplyGeneric(_ out: MutableLimbs, _ a: Limbs64, _ b: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs, _ n: Int) {
    montgomeryMultiplyKernel(out, a, b, m, m0inv, t, n)
}

@inline(never)
func montgomerySquareGeneric(_ out: MutableLimbs, _ a: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs, _ n: Int) {
    montgomerySquareKernel(out, a, m, m0inv, t, n)
}

@inline(never)
func montgomeryMultiply16(_ out: MutableLimbs, _ a: Limbs64, _ b: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomeryMultiply16Unrolled(out, a, b, m, m0inv)  // generated; needs no scratch
}

@inline(never)
func montgomerySquare16(_ out: MutableLimbs, _ a: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomerySquare16Unrolled(out, a, m, m0inv)  // generated; needs no scratch
}

@inline(never)
func montgomeryMultiply24(_ out: MutableLimbs, _ a: Limbs64, _ b: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomeryMultiplyKernel(out, a, b, m, m0inv, t, 24)
}

@inline(never)
func montgomerySquare24(_ out: MutableLimbs, _ a: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomerySquareSeparatedKernel(out, a, m, m0inv, t, 24)  // square, then reduce
}

@inline(never)
func montgomeryMultiply32(_ out: MutableLimbs, _ a: Limbs64, _ b: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomeryMultiplyKernel(out, a, b, m, m0inv, t, 32)
}

@inline(never)
func montgomerySquare32(_ out: MutableLimbs, _ a: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomerySquareSeparatedKernel(out, a, m, m0inv, t, 32)  // square, then reduce
}

@inline(never)
func montgomeryMultiply48(_ out: MutableLimbs, _ a: Limbs64, _ b: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomeryMultiplyKernel(out, a, b, m, m0inv, t, 48)
}

@inline(never)
func montgomerySquare48(_ out: MutableLimbs, _ a: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomerySquareSeparatedKernel(out, a, m, m0inv, t, 48)  // square, then reduce
}

@inline(never)
func montgomeryMultiply64(_ out: MutableLimbs, _ a: Limbs64, _ b: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomeryMultiplyKernel(out, a, b, m, m0inv, t, 64)
}

@inline(never)
func montgomerySquare64(_ out: MutableLimbs, _ a: Limbs64, _ m: Limbs64, _ m0inv: UInt64, _ t: MutableLimbs) {
    montgomerySquareSeparatedKernel(out, a, m, m0inv, t, 64)  // square, then reduce
}

// What the disassembly of these kernels shows, and how it was read: docs/implementation-notes.md.
// Scripts/constant-time.sh (memcheck with the secrets undefined) is the judge of all of this.
