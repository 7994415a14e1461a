/// A secret boolean: a 64-bit word that is 0 (false) or 1 (true).
///
/// Conditions computed from secret values are carried as a `Choice`, never as a `Bool`, so no
/// branch can be taken on them by accident. Turn one into a mask with ``mask`` and combine values
/// with bitwise operations.
///
/// Timing contract: every operation here is straight-line code whose duration does not depend
/// on the value. The mask passes through an optimisation barrier because LLVM was seen to turn
/// masked selections back into branches or secret-indexed loads when it could prove the mask is
/// all ones or all zeros (docs/implementation-notes.md).
@_spi(Internals) public struct Choice: Sendable {
    /// The word, 0 or 1.
    @usableFromInline
    let word: UInt64

    /// Makes a choice from a word that the caller guarantees is 0 or 1.
    @inlinable
    init(word: UInt64) {
        self.word = word
    }

    /// The choice that is true.
    @_spi(Internals) public static var yes: Choice { Choice(word: 1) }
    /// The choice that is false.
    @_spi(Internals) public static var no: Choice { Choice(word: 0) }

    /// All ones (`UInt64.max`) when true, all zeros when false.
    ///
    /// Computed behind an optimisation barrier so the compiler cannot see that only two values
    /// are possible and reintroduce a branch.
    @inlinable
    @_spi(Internals) public var mask: UInt64 {
        optimizationBarrier(0 &- word)
    }

    /// True when `word` is zero. Constant time.
    ///
    /// - Parameter word: any 64-bit word.
    @inlinable
    package static func isZero(_ word: UInt64) -> Choice {
        // (w | -w) has its top bit set exactly when w != 0.
        Choice(word: ((word | (0 &- word)) >> 63) ^ 1)
    }

    /// True when the two words are equal. Constant time.
    @inlinable
    @_spi(Internals) public static func isEqual(_ a: UInt64, _ b: UInt64) -> Choice {
        isZero(a ^ b)
    }

    /// True when `a < b` (unsigned). Constant time: the borrow of `a - b` by a bit formula.
    @inlinable
    @_spi(Internals) public static func isLess(_ a: UInt64, _ b: UInt64) -> Choice {
        let d = a &- b
        return Choice(word: ((~a & b) | (~(a ^ b) & d)) >> 63)
    }

    /// Both choices are true.
    @inlinable
    @_spi(Internals) public static func & (lhs: Choice, rhs: Choice) -> Choice { Choice(word: lhs.word & rhs.word) }
    /// At least one choice is true.
    @inlinable
    @_spi(Internals) public static func | (lhs: Choice, rhs: Choice) -> Choice { Choice(word: lhs.word | rhs.word) }
    /// The opposite choice.
    @inlinable
    @_spi(Internals) public static prefix func ! (choice: Choice) -> Choice { Choice(word: choice.word ^ 1) }

    /// `a` when true, `b` when false, by masking. Constant time.
    @inlinable
    @_spi(Internals) public func select(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let m = mask
        return (a & m) | (b & ~m)
    }

    /// Reveals the choice as a `Bool`.
    ///
    /// Timing contract: NOT constant time from here on — call this only when the value is about
    /// to become public anyway (for example "the signature verified").
    @inlinable
    @_spi(Internals) public func declassified() -> Bool {
        word != 0
    }
}

/// Returns its argument, hiding from the optimiser what it is.
///
/// `@_optimize(none)` and `@inline(never)` keep the body opaque, so masks derived from secrets
/// stay masks (LLVM cannot prove they are 0 or all ones and turn `x & mask` into a branch).
/// Costs one call, so use it once per mask, not once per limb.
@usableFromInline
@inline(never)
@_optimize(none)
func optimizationBarrier(_ value: UInt64) -> UInt64 {
    value
}
