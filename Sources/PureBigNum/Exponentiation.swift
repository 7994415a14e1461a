// Modular exponentiation: constant time for secret exponents, fast for short public ones.

extension Modulus {
    /// `base^exponent mod m` for a SECRET exponent (and secret base), in constant time.
    ///
    /// Timing contract: the sequence of operations and memory addresses depends only on
    /// `limbCount`, `base.count` and `exponent.count` (all public) — never on the values of
    /// `base` or `exponent`. Every one of the `64·exponent.count` exponent bits is processed,
    /// leading zeros included, with a fixed window of ``secretWindowBits(exponentBits:)`` bits;
    /// each window's table entry is fetched by a masked scan over the whole table and always
    /// multiplied in (entry 0 is one). Pass the exponent at its full fixed width (for RSA-CRT,
    /// dP with as many limbs as p).
    ///
    /// - Parameters:
    ///   - base: the base, least significant limb first, any length; it need not be reduced (a
    ///     base of more than `limbCount` limbs is reduced first with ``reduce(_:)``).
    ///   - exponent: the exponent, least significant limb first (any length, zero allowed).
    /// - Returns: the result, `limbCount` limbs, fully reduced (`< m`).
    @_spi(Internals) public func exponentiateSecret(base: [UInt64], exponent: [UInt64]) -> [UInt64] {
        let n = limbCount
        let narrowBase = base.count > n ? reduce(base) : Limbs.zeroExtended(base, to: n)
        let window = Modulus.secretWindowBits(exponentBits: exponent.count * 64)
        return exponentiateSecret(base: narrowBase, exponent: exponent, windowBits: window)
    }

    /// The window width for a secret exponent of `exponentBits` bits (a public length).
    ///
    /// Measured on x86_64 (AMD EPYC Zen 5) with 1024- and 2048-bit exponents: 5 bits tie with 4 and beat
    /// 6 (see the table at the end of this file); below 256 bits the smaller table pays.
    package static func secretWindowBits(exponentBits: Int) -> Int {
        exponentBits <= 256 ? 4 : 5
    }

    /// The fixed-window ladder with an explicit window width (1…8). `base` has `limbCount` limbs.
    func exponentiateSecret(base: [UInt64], exponent: [UInt64], windowBits w: Int) -> [UInt64] {
        if let constants = reducedRadix {
            return exponentiateSecretReducedRadix(constants, base: base, exponent: exponent, windowBits: w)
        }
        return exponentiateSecret64(base: base, exponent: exponent, windowBits: w)
    }

    /// The ladder over 64-bit limbs (every size without a reduced-radix form, and the reference
    /// the reduced-radix ladder is tested against).
    func exponentiateSecret64(base: [UInt64], exponent: [UInt64], windowBits w: Int) -> [UInt64] {
        let n = limbCount
        let tableSize = 1 << w
        var result = [UInt64](repeating: 0, count: n)
        // Scratch: table (tableSize·n) | accumulator n | selected entry n | masks tableSize.
        withArithmetic(extraScratch: (tableSize + 2) * n + tableSize) { arithmetic, scratch in
            let table = scratch
            let accumulator = scratch + tableSize * n
            let selected = accumulator + n
            let masks = selected + n
            base.withUnsafeBufferPointer { bb in
                rSquared.withUnsafeBufferPointer { r2 in
                    one.withUnsafeBufferPointer { oneb in
                        exponent.withUnsafeBufferPointer { eb in
                            result.withUnsafeMutableBufferPointer { out in
                                secretLadder(
                                    arithmetic, out: out.baseAddress!, base: bb.baseAddress!,
                                    exponent: eb, windowBits: w, rSquared: r2.baseAddress!,
                                    one: oneb.baseAddress!, table: table,
                                    accumulator: accumulator, selected: selected, masks: masks)
                            }
                        }
                    }
                }
            }
        }
        return result
    }

    /// `base^exponent mod m` for a PUBLIC exponent (RSA verification, e = 65537).
    ///
    /// Timing contract: NOT constant time in the exponent — the number of multiplications follows
    /// its bits (left-to-right binary: for 65537, 16 squarings and 2 multiplications, one of them
    /// moving the base into the Montgomery domain). Each multiplication is constant time, so the
    /// base's value does not influence timing.
    ///
    /// - Parameters:
    ///   - base: the base, any length; it need not be reduced.
    ///   - exponent: the exponent, least significant limb first (any length, zero allowed).
    /// - Returns: the result, `limbCount` limbs, fully reduced (`< m`).
    @_spi(Internals) public func exponentiatePublic(base: [UInt64], exponent: [UInt64]) -> [UInt64] {
        let n = limbCount
        let narrowBase = base.count > n ? reduce(base) : Limbs.zeroExtended(base, to: n)
        var topBit = exponent.count * 64 - 1
        while topBit >= 0, exponent[topBit / 64] >> UInt64(topBit % 64) & 1 == 0 { topBit -= 1 }
        var result = [UInt64](repeating: 0, count: n)
        guard topBit >= 0 else {
            result[0] = 1  // x^0 = 1, and m > 1
            return result
        }
        // Scratch: base in the Montgomery domain n | accumulator n | constant one n.
        withArithmetic(extraScratch: 3 * n) { arithmetic, scratch in
            let montgomeryBase = scratch
            let accumulator = scratch + n
            let plainOne = scratch + 2 * n
            narrowBase.withUnsafeBufferPointer { bb in
                rSquared.withUnsafeBufferPointer { r2 in
                    result.withUnsafeMutableBufferPointer { out in
                        let b = bb.baseAddress!
                        arithmetic.multiply(montgomeryBase, b, r2.baseAddress!)
                        copyRow(accumulator, montgomeryBase, n)
                        var bit = topBit - 1
                        while bit >= 0 {
                            arithmetic.square(accumulator, accumulator)
                            if exponent[bit / 64] >> UInt64(bit % 64) & 1 == 1 {
                                if bit == 0 {
                                    // Multiplying by the plain base leaves the domain for free.
                                    arithmetic.multiply(out.baseAddress!, accumulator, b)
                                    return
                                }
                                arithmetic.multiply(accumulator, accumulator, montgomeryBase)
                            }
                            bit -= 1
                        }
                        clearRow(plainOne, n)
                        plainOne[0] = 1
                        arithmetic.multiply(out.baseAddress!, accumulator, plainOne)
                    }
                }
            }
        }
        return result
    }
}

/// The fixed-window ladder over raw buffers; see ``Modulus/exponentiateSecret(base:exponent:)``.
///
/// Preconditions: `base` has n limbs (any value < R); `table` has 2^w·n limbs, `accumulator`
/// and `selected` n each, `masks` 2^w words, none overlapping. Timing: depends only on n, w and exponent.count.
@inline(__always)
private func secretLadder(
    _ arithmetic: MontgomeryArithmetic, out: UnsafeMutablePointer<UInt64>,
    base: UnsafePointer<UInt64>, exponent: UnsafeBufferPointer<UInt64>, windowBits w: Int,
    rSquared: UnsafePointer<UInt64>, one: UnsafePointer<UInt64>,
    table: UnsafeMutablePointer<UInt64>, accumulator: UnsafeMutablePointer<UInt64>,
    selected: UnsafeMutablePointer<UInt64>, masks: UnsafeMutablePointer<UInt64>
) {
    let n = arithmetic.n
    let tableSize = 1 << w
    // table[k] = base^k·R mod m. Even entries by squaring (cheaper), odd by one multiplication.
    copyRow(table, one, n)
    arithmetic.multiply(table + n, base, rSquared)
    var k = 2
    while k < tableSize {
        if k & 1 == 0 {
            arithmetic.square(table + k * n, table + (k / 2) * n)
        } else {
            arithmetic.multiply(table + k * n, table + (k - 1) * n, table + n)
        }
        k += 1
    }
    let bitCount = exponent.count * 64
    if bitCount == 0 {
        copyRow(accumulator, one, n)
    } else {
        // The top window takes the bits that do not fill a whole window; the rest are full.
        let topWidth = bitCount % w == 0 ? w : bitCount % w
        var position = bitCount - topWidth
        scanTable(
            selected: accumulator, table: table, tableSize: tableSize, n: n,
            index: windowValue(exponent, position: position, width: topWidth), masks: masks)
        while position > 0 {
            position -= w
            for _ in 0..<w { arithmetic.square(accumulator, accumulator) }
            scanTable(
                selected: selected, table: table, tableSize: tableSize, n: n,
                index: windowValue(exponent, position: position, width: w), masks: masks)
            arithmetic.multiply(accumulator, accumulator, selected)
        }
    }
    // Leave the Montgomery domain: multiply by plain 1.
    clearRow(selected, n)
    selected[0] = 1
    arithmetic.multiply(out, accumulator, selected)
}

/// The `width` exponent bits starting at bit `position` (both public), as a number.
///
/// Timing: the limbs read depend only on `position` and `width`; the bits themselves are only
/// shifted and masked.
@inline(__always)
func windowValue(_ exponent: UnsafeBufferPointer<UInt64>, position: Int, width: Int) -> UInt64 {
    let index = position / 64
    let shift = position % 64
    var value = exponent[index] >> UInt64(shift)
    if shift + width > 64, index + 1 < exponent.count {
        value |= exponent[index + 1] << UInt64(64 - shift)
    }
    return value & ((1 << UInt64(width)) - 1)
}

/// `selected = table[index]` by reading every entry and keeping the one whose position matches
/// under a mask, so the addresses touched do not depend on the secret `index`.
///
/// The `tableSize` masks are computed first into `masks` (each through the optimisation barrier,
/// ``Choice/mask``: without it LLVM was seen to turn a scan into `cmp; jne` around the load).
/// Then, eight limbs at a time, every entry's limbs are ANDed with their mask and ORed into four
/// two-limb vector accumulators that stay in registers (`pand`/`por` on SSE2, the x86_64
/// baseline); the last `n % 8` limbs take a scalar loop. The earlier scan (entry by entry, OR
/// into `selected` in memory) cost about as many instructions as all the multiplications of the
/// ladder.
///
/// Preconditions: `masks` has `tableSize` words and overlaps nothing else.
/// Timing: depends only on `tableSize` and `n`.
@inline(__always)
func scanTable(
    selected: UnsafeMutablePointer<UInt64>, table: UnsafePointer<UInt64>, tableSize: Int, n: Int,
    index: UInt64, masks: UnsafeMutablePointer<UInt64>
) {
    var k = 0
    while k < tableSize {
        masks[k] = Choice.isEqual(UInt64(truncatingIfNeeded: k), index).mask
        k &+= 1
    }
    typealias Pair = SIMD2<UInt64>
    var j = 0
    while j &+ 8 <= n {
        var s0 = Pair(), s1 = Pair(), s2 = Pair(), s3 = Pair()
        k = 0
        while k < tableSize {
            let mask = Pair(repeating: masks[k])
            let entry = UnsafeRawPointer(table + (k &* n &+ j))
            s0 |= entry.loadUnaligned(as: Pair.self) & mask
            s1 |= entry.loadUnaligned(fromByteOffset: 16, as: Pair.self) & mask
            s2 |= entry.loadUnaligned(fromByteOffset: 32, as: Pair.self) & mask
            s3 |= entry.loadUnaligned(fromByteOffset: 48, as: Pair.self) & mask
            k &+= 1
        }
        let out = UnsafeMutableRawPointer(selected + j)
        out.storeBytes(of: s0, as: Pair.self)
        out.storeBytes(of: s1, toByteOffset: 16, as: Pair.self)
        out.storeBytes(of: s2, toByteOffset: 32, as: Pair.self)
        out.storeBytes(of: s3, toByteOffset: 48, as: Pair.self)
        j &+= 8
    }
    while j < n {
        var limb: UInt64 = 0
        k = 0
        while k < tableSize {
            limb |= table[k &* n &+ j] & masks[k]
            k &+= 1
        }
        selected[j] = limb
        j &+= 1
    }
}

// Window width: 5 bits, measured against 4 and 6 (docs/implementation-notes.md has the figures).
// 1024 squarings cost the same for every width; 5 bits trades 205 multiplications for a
// 32-entry table (16 squarings + 15 multiplications to build, 512 limbs scanned per window).
