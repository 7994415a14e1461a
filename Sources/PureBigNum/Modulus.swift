/// An odd modulus greater than one, with its Montgomery constants computed once.
///
/// Build one per key (RSA modulus n, primes p and q) and reuse it: the constants
/// (−m⁻¹ mod 2⁶⁴, R mod m, R² mod m, R³ mod m with R = 2^(64·limbCount)) cost a few dozen
/// modular doublings and six Montgomery squarings to compute.
///
/// RSA-CRT uses the secret primes p and q as moduli, so every operation documented "constant
/// time" takes time independent of the modulus's value as well as of its operands' values: only
/// ``limbCount`` shapes the work. Anything not so documented (``exponentiatePublic(base:exponent:)``,
/// ``value``, ``bigEndianBytes()``) may depend on the value and must not be used with a secret
/// modulus on a path that runs per request. Making a modulus runs once per key.
@_spi(Internals) public struct Modulus: Sendable {
    /// The largest modulus accepted, in 64-bit limbs (16,384 bits).
    package static let maximumLimbCount = 256

    /// The modulus as little-endian 64-bit limbs, normalised (the last limb is non-zero).
    @_spi(Internals) public let limbs: [UInt64]
    /// −m⁻¹ mod 2⁶⁴.
    let m0inv: UInt64
    /// R mod m: the number one in the Montgomery domain.
    let one: [UInt64]
    /// R² mod m: multiplying by it moves a value into the Montgomery domain.
    let rSquared: [UInt64]
    /// R³ mod m: used to reduce the high half of a double-width value.
    let rCubed: [UInt64]
    /// The constants of the reduced-radix form the secret ladder uses, where it is faster
    /// (``ReducedRadixConstants/shape(forWordCount:)``); nil elsewhere.
    let reducedRadix: ReducedRadixConstants?

    /// The number of 64-bit limbs of the modulus.
    @_spi(Internals) public var limbCount: Int { limbs.count }

    /// The number of significant bits of the modulus.
    @_spi(Internals) public var bitLength: Int {
        limbs.count &* 64 &- limbs[limbs.count &- 1].leadingZeroBitCount
    }

    /// Makes a modulus from big-endian bytes (leading zero bytes are allowed).
    ///
    /// - Parameter bigEndianBytes: the modulus, most significant byte first.
    /// - Throws: ``BigNumError/modulusTooSmall`` for 0 or 1, ``BigNumError/evenModulus`` for an
    ///   even value, ``BigNumError/operandTooWide(limbs:maximum:)`` beyond
    ///   ``maximumLimbCount`` limbs.
    @_spi(Internals) public init(bigEndianBytes: some Collection<UInt8>) throws(BigNumError) {
        try self.init(limbs: Limbs.fromBigEndianBytes(bigEndianBytes))
    }

    /// Makes a modulus from little-endian 64-bit limbs (high zero limbs are allowed).
    ///
    /// - Parameter limbs: the modulus, least significant limb first.
    /// - Throws: ``BigNumError/modulusTooSmall`` for 0 or 1, ``BigNumError/evenModulus`` for an
    ///   even value, ``BigNumError/operandTooWide(limbs:maximum:)`` beyond
    ///   ``maximumLimbCount`` significant limbs.
    @_spi(Internals) public init(limbs: [UInt64]) throws(BigNumError) {
        // The modulus is public: variable-time normalisation is fine.
        var normalized = limbs
        while let last = normalized.last, last == 0 { normalized.removeLast() }
        guard let first = normalized.first, normalized.count > 1 || first > 1 else {
            throw .modulusTooSmall
        }
        guard first & 1 == 1 else { throw .evenModulus }
        guard normalized.count <= Modulus.maximumLimbCount else {
            throw .operandTooWide(limbs: normalized.count, maximum: Modulus.maximumLimbCount)
        }
        self.limbs = normalized
        let m0inv = Modulus.negativeInverse(of: first)
        self.m0inv = m0inv
        let (one, rSquared, rCubed) = Modulus.montgomeryConstants(normalized, m0inv)
        (self.one, self.rSquared, self.rCubed) = (one, rSquared, rCubed)
        self.reducedRadix = ReducedRadixConstants.shape(forWordCount: normalized.count).map {
            ReducedRadixConstants(
                limbCount: $0.limbCount, radixBits: $0.radixBits, m: normalized, m0inv64: m0inv,
                one64: one, rSquared64: rSquared)
        }
    }

    /// The modulus as big-endian bytes without leading zeros.
    @_spi(Internals) public func bigEndianBytes() -> [UInt8] {
        let byteCount = (bitLength &+ 7) / 8
        // Cannot fail: the value fits its own byte length.
        return (try? Limbs.bigEndianBytes(limbs, count: byteCount)) ?? []
    }

    /// −x⁻¹ mod 2⁶⁴ for odd x, by Newton's iteration (each step doubles the correct bits;
    /// x·x ≡ 1 mod 8 gives the first 3).
    static func negativeInverse(of x: UInt64) -> UInt64 {
        var inverse = x
        for _ in 0..<5 { inverse = inverse &* (2 &- x &* inverse) }
        return 0 &- inverse
    }

    /// R mod m, R² mod m and R³ mod m.
    ///
    /// R mod m comes from 2^(bitLength−1) (which is < m) by at most 64 modular doublings; n
    /// more doublings give 2ⁿ·R mod m, the Montgomery form of 2ⁿ, and six Montgomery squarings
    /// raise that to 2^(64n) = R, whose Montgomery form is R² mod m. Then R³ = R²·R²·R⁻¹.
    /// Timing: depends only on the modulus's limb count and bit length (p and q are secret).
    static func montgomeryConstants(
        _ m: [UInt64], _ m0inv: UInt64
    ) -> (one: [UInt64], rSquared: [UInt64], rCubed: [UInt64]) {
        let n = m.count
        let bits = n * 64 - m[n - 1].leadingZeroBitCount
        var one = [UInt64](repeating: 0, count: n)
        var rSquared = [UInt64](repeating: 0, count: n)
        var rCubed = [UInt64](repeating: 0, count: n)
        m.withUnsafeBufferPointer { mb in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 4 * n) { buffer in
                let x = buffer.baseAddress!
                let y = x + n
                let scratch = x + 2 * n
                let mp = mb.baseAddress!
                clearRow(x, n)
                x[(bits - 1) / 64] = 1 << UInt64((bits - 1) % 64)
                func double() { doubleModulo(x, y, mp, n) }
                for _ in 0..<(64 * n - bits + 1) { double() }
                one.withUnsafeMutableBufferPointer { copyRow($0.baseAddress!, x, n) }
                for _ in 0..<n { double() }
                let arithmetic = MontgomeryArithmetic(n: n, m: mp, m0inv: m0inv, scratch: scratch)
                for _ in 0..<6 {
                    arithmetic.square(y, x)
                    copyRow(x, y, n)
                }
                rSquared.withUnsafeMutableBufferPointer { copyRow($0.baseAddress!, x, n) }
                arithmetic.multiply(y, x, x)
                rCubed.withUnsafeMutableBufferPointer { copyRow($0.baseAddress!, y, n) }
            }
        }
        return (one, rSquared, rCubed)
    }

    /// Runs `body` with raw access to the modulus and kernels sized for it, plus `extra` limbs
    /// of scratch for the caller. One temporary allocation per call.
    func withArithmetic<Result>(
        extraScratch extra: Int,
        _ body: (MontgomeryArithmetic, UnsafeMutablePointer<UInt64>) -> Result
    ) -> Result {
        let n = limbCount
        return limbs.withUnsafeBufferPointer { mb in
            withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * n + extra) { buffer in
                let base = buffer.baseAddress!
                let arithmetic = MontgomeryArithmetic(
                    n: n, m: mb.baseAddress!, m0inv: m0inv, scratch: base)
                return body(arithmetic, base + 2 * n)
            }
        }
    }
}

/// `x = 2x mod m` for x < m, in `n` limbs, with `y` as `n` limbs of scratch: the shift, then one
/// masked subtraction. Timing: depends only on `n` (the values may be secret: p and q).
@inline(__always)
func doubleModulo(_ x: UnsafeMutablePointer<UInt64>, _ y: UnsafeMutablePointer<UInt64>, _ m: UnsafePointer<UInt64>, _ n: Int) {
    var shifted: UInt64 = 0
    for i in 0..<n {
        let limb = x[i]
        x[i] = (limb << 1) | shifted
        shifted = limb >> 63
    }
    subtractModulusIfNeeded(y, x, shifted, m, n)
    copyRow(x, y, n)
}
