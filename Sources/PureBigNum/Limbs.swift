/// Constant-time operations on fixed-width numbers stored as little-endian 64-bit limbs
/// (`[UInt64]`, least significant limb first).
///
/// These are the plain (non-modular) pieces a CRT recombination needs, plus conversion to and
/// from big-endian bytes. Widths are public: every function's timing depends only on the
/// counts of its inputs, never on their values, unless its documentation says otherwise.
/// Inputs of different lengths are treated as zero-extended.
@_spi(Internals) public enum Limbs {
    /// The limbs of a big-endian byte string: `(bytes.count + 7) / 8` limbs, zero-padded.
    ///
    /// Timing: depends only on `bytes.count`.
    /// - Parameter bytes: a number, most significant byte first (leading zeros allowed).
    @_spi(Internals) public static func fromBigEndianBytes(_ bytes: [UInt8]) -> [UInt64] {
        // Not generic, so a caller in another module gets this loop on the array's memory
        // rather than an unspecialised witness call per byte (measured: a fifth of an RSA
        // verification's time went there).
        let count = bytes.count
        var limbs = [UInt64](repeating: 0, count: (count + 7) / 8)
        bytes.withUnsafeBufferPointer { source in
            limbs.withUnsafeMutableBufferPointer { target in
                var position = count  // bytes left, i.e. byte weight + 1 of the next byte
                for byte in source {
                    position -= 1
                    target[position >> 3] |= UInt64(byte) << UInt64((position & 7) << 3)
                }
            }
        }
        return limbs
    }

    /// The limbs of a big-endian byte string held in any collection (a slice, say); see the
    /// `[UInt8]` overload.
    ///
    /// Timing: depends only on `bytes.count`.
    /// - Parameter bytes: a number, most significant byte first (leading zeros allowed).
    @_spi(Internals) public static func fromBigEndianBytes(_ bytes: some Collection<UInt8>) -> [UInt64] {
        fromBigEndianBytes(Array(bytes))
    }

    /// The value as exactly `count` big-endian bytes.
    ///
    /// Timing: depends only on `limbs.count` and `count`, except that the throw (when the value
    /// needs more than `count` bytes) is a branch on the OR of the bytes that do not fit; only
    /// that refusal path then measures how many bytes the value needs, for the error.
    /// - Parameters:
    ///   - limbs: the value, least significant limb first.
    ///   - count: the number of bytes wanted (for an RSA signature, the modulus byte length).
    /// - Throws: ``BigNumError/valueTooWide(bytes:maximum:)`` when a non-zero byte would be lost.
    @_spi(Internals) public static func bigEndianBytes(_ limbs: [UInt64], count: Int) throws(BigNumError) -> [UInt8] {
        let available = limbs.count * 8
        var bytes = [UInt8](repeating: 0, count: max(count, 0))
        var lost: UInt64 = 0
        for position in 0..<available {
            let byte = UInt8(truncatingIfNeeded: limbs[position / 8] >> UInt64(8 * (position % 8)))
            if position < count {
                bytes[count - 1 - position] = byte
            } else {
                lost |= UInt64(byte)
            }
        }
        if lost != 0 {
            // The value is refused, never returned: scanning it for its width here is fine.
            var needed = available
            while needed > 0, UInt8(truncatingIfNeeded: limbs[(needed - 1) / 8] >> UInt64(8 * ((needed - 1) % 8))) == 0 {
                needed -= 1
            }
            throw .valueTooWide(bytes: needed, maximum: count)
        }
        return bytes
    }

    /// `a + b`, as `max(a.count, b.count) + 1` limbs. Constant time.
    @_spi(Internals) public static func add(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let count = max(a.count, b.count)
        let x = zeroExtended(a, to: count)
        let y = zeroExtended(b, to: count)
        var sum = [UInt64](repeating: 0, count: count + 1)
        sum.withUnsafeMutableBufferPointer { z in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeBufferPointer { yb in
                    guard count > 0 else { return }
                    z[count] = addRow(z.baseAddress!, xb.baseAddress!, yb.baseAddress!, count)
                }
            }
        }
        return sum
    }

    /// `a · b`, as `a.count + b.count` limbs (schoolbook). Constant time.
    @_spi(Internals) public static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var product = [UInt64](repeating: 0, count: a.count + b.count)
        guard !a.isEmpty, !b.isEmpty else { return product }
        product.withUnsafeMutableBufferPointer { z in
            a.withUnsafeBufferPointer { ab in
                b.withUnsafeBufferPointer { bb in
                    for i in 0..<b.count {
                        z[i + a.count] = multiplyAccumulateRow(
                            z.baseAddress! + i, ab.baseAddress!, bb[i], a.count)
                    }
                }
            }
        }
        return product
    }

    /// True when `a == b` as numbers. Constant time.
    @_spi(Internals) public static func isEqual(_ a: [UInt64], _ b: [UInt64]) -> Choice {
        let count = max(a.count, b.count)
        let x = zeroExtended(a, to: count)
        let y = zeroExtended(b, to: count)
        return x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                guard count > 0 else { return Choice.yes }
                return isEqualRow(xb.baseAddress!, yb.baseAddress!, count)
            }
        }
    }

    /// True when `a < b` as numbers. Constant time.
    @_spi(Internals) public static func isLess(_ a: [UInt64], _ b: [UInt64]) -> Choice {
        let count = max(a.count, b.count)
        let x = zeroExtended(a, to: count)
        let y = zeroExtended(b, to: count)
        return x.withUnsafeBufferPointer { xb in
            y.withUnsafeBufferPointer { yb in
                guard count > 0 else { return Choice.no }
                return isLessRow(xb.baseAddress!, yb.baseAddress!, count)
            }
        }
    }

    /// `choice ? a : b`, both zero-extended to the longer length. Constant time.
    @_spi(Internals) public static func select(_ choice: Choice, _ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        let count = max(a.count, b.count)
        let x = zeroExtended(a, to: count)
        var result = zeroExtended(b, to: count)
        let mask = choice.mask
        result.withUnsafeMutableBufferPointer { z in
            x.withUnsafeBufferPointer { xb in
                guard count > 0 else { return }
                selectRow(z.baseAddress!, mask, xb.baseAddress!, UnsafePointer(z.baseAddress!), count)
            }
        }
        return result
    }

    /// `value` with zero limbs appended up to `count` (unchanged when already that long).
    ///
    /// Timing: depends only on `value.count` and `count`.
    /// - Parameters:
    ///   - value: the number, least significant limb first.
    ///   - count: the width wanted, in limbs.
    package static func zeroExtended(_ value: [UInt64], to count: Int) -> [UInt64] {
        value.count >= count ? value : value + [UInt64](repeating: 0, count: count - value.count)
    }
}
