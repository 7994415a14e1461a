// Comparing secret bytes without revealing where they differ. PureSHA2 stands alone (no
// PureBigNum), so the little it needs of PureBigNum's `Choice` idiom is written again here.

/// Whether two byte buffers hold the same bytes, in time that depends only on their lengths.
///
/// Every byte pair is XORed into one accumulator (no early exit); the accumulator becomes a
/// 0-or-1 word by arithmetic, through an optimisation barrier, and only that final word turns
/// into a `Bool`: the verdict, which the caller is about to make public anyway.
///
/// - Parameters:
///   - a: the first bytes.
///   - b: the second bytes.
/// - Returns: true when the lengths are equal and every byte matches. Unequal lengths return
///   false at once: a length is public.
/// - Timing: constant in the contents, linear in the (public) length.
func constantTimeEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    var difference: UInt32 = 0
    for index in 0..<a.count {
        difference |= UInt32(a[index] ^ b[index])
    }
    // difference ≤ 255, so difference − 1 wraps to a word with bit 31 set exactly when it is 0.
    let isEqual = (sha2OptimizationBarrier(difference) &- 1) &>> 31
    return sha2OptimizationBarrier(isEqual) == 1
}

/// Returns `value` unchanged, where the optimiser cannot see through it, so a masked or
/// accumulated secret is not turned back into a branch (LLVM was seen to do that with masks).
@inline(never)
@_optimize(none)
func sha2OptimizationBarrier(_ value: UInt32) -> UInt32 {
    value
}
