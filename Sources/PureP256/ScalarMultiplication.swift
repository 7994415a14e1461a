@_spi(Internals) import PureBigNum

// Scalar multiplication: by a secret (constant time, any point or the base point) and the
// variable-time double multiplication that only verification uses.

extension ProjectivePoint {
    /// k · P for a secret k, by a fixed 4-bit window from the top: 252 doublings and 64
    /// additions whatever k is, each addition taking its table entry j · P (0 ≤ j < 16, entry 0
    /// the identity) by a masked scan of all 16 entries.
    ///
    /// Timing contract: no branch, loop bound or memory address depends on k or P.
    func multiplied(bySecret k: Limbs256) -> ProjectivePoint {
        var table = [ProjectivePoint](repeating: .identity, count: 16)
        table[1] = self
        for j in 2..<16 { table[j] = j & 1 == 0 ? table[j / 2].doubled() : table[j - 1] + self }
        var acc = ProjectivePoint.identity
        for i in stride(from: 63, through: 0, by: -1) {
            if i != 63 {
                acc = acc.doubled().doubled().doubled().doubled()
            }
            acc = acc + ProjectivePoint.lookup(table, k.nibble(i))
        }
        return acc
    }

    /// The entry `table[index]` by reading every entry and keeping one under a mask.
    @inline(__always)
    static func lookup(_ table: [ProjectivePoint], _ index: UInt64) -> ProjectivePoint {
        var result = ProjectivePoint.identity
        table.withUnsafeBufferPointer { entries in
            for j in 0..<entries.count {
                result = .select(Choice.isEqual(UInt64(j), index).mask, entries[j], result)
            }
        }
        return result
    }

    /// k · G for a secret k: one mixed addition per 4-bit digit of k (64 in all, no doubling),
    /// the digit-i entry d · 16^i · G read from ``BaseTable`` by a masked scan of its 15
    /// entries; a zero digit adds nothing (the sum is computed and discarded by a mask).
    ///
    /// Timing contract: no branch, loop bound or memory address depends on k.
    static func generatorMultiplied(bySecret k: Limbs256) -> ProjectivePoint {
        var acc = ProjectivePoint.identity
        BaseTable.shared.entries.withUnsafeBufferPointer { entries in
            for i in 0..<64 {
                let digit = k.nibble(i)
                var entry = AffinePoint(x: .zero, y: .zero)
                for j in 0..<15 {
                    entry = .select(Choice.isEqual(UInt64(j + 1), digit).mask, entries[i * 15 + j], entry)
                }
                let sum = acc + entry
                acc = .select(Choice.isZero(digit).mask, acc, sum)
            }
        }
        return acc
    }

    /// u1 · G + u2 · self, in variable time: for verification only, where every input is
    /// public. u2 · self through a width-5 NAF (the odd multiples ±1..15 of the point, made
    /// affine with one inversion; about 51 additions and 256 doublings), u1 · G through
    /// ``BaseTable`` (zero digits skipped), both in Jacobian coordinates (``JacobianPoint``).
    func verificationCombination(u1: Limbs256, u2: Limbs256) -> ProjectivePoint {
        var odd = [ProjectivePoint](repeating: self, count: 8)
        let twice = doubled()
        for j in 1..<8 { odd[j] = odd[j - 1] + twice }
        // None is the identity: j · P for odd j < 16 < n, P ≠ O.
        let multiples = batchNormalize(odd)
        let digits = nonAdjacentForm(u2, width: 5)
        var acc = JacobianPoint.identity
        var started = false
        multiples.withUnsafeBufferPointer { multiples in
            for i in stride(from: digits.count - 1, through: 0, by: -1) {
                if started { acc = acc.doubled() }
                let d = Int(digits[i])
                if d > 0 {
                    acc = acc + multiples[d >> 1]
                    started = true
                } else if d < 0 {
                    acc = acc + multiples[(-d) >> 1].negated()
                    started = true
                }
            }
        }
        return acc.addingGeneratorMultiple(u1).projective
    }
}

/// The width-w non-adjacent form of k (public): digits in −(2^(w−1)−1)…2^(w−1)−1, zero or odd,
/// least significant first, with at most one non-zero digit in any w consecutive ones.
func nonAdjacentForm(_ k: Limbs256, width: Int) -> [Int8] {
    var words = [k.w0, k.w1, k.w2, k.w3, 0]
    var digits: [Int8] = []
    digits.reserveCapacity(258)
    let window = UInt64(1) << UInt64(width)
    func isZero() -> Bool { words.allSatisfy { $0 == 0 } }
    func shiftRight() {
        for i in 0..<4 { words[i] = words[i] >> 1 | words[i + 1] << 63 }
        words[4] >>= 1
    }
    while !isZero() {
        var digit: Int64 = 0
        if words[0] & 1 == 1 {
            digit = Int64(words[0] & (window - 1))
            if digit >= Int64(window >> 1) { digit -= Int64(window) }
            // words -= digit
            if digit > 0 {
                var borrow = UInt64(digit)
                for i in 0..<5 where borrow != 0 {
                    let (d, o) = words[i].subtractingReportingOverflow(borrow)
                    words[i] = d
                    borrow = o ? 1 : 0
                }
            } else {
                var carry = UInt64(-digit)
                for i in 0..<5 where carry != 0 {
                    let (s, o) = words[i].addingReportingOverflow(carry)
                    words[i] = s
                    carry = o ? 1 : 0
                }
            }
        }
        digits.append(Int8(digit))
        shiftRight()
    }
    return digits
}

/// The fixed-base table: for each of the 64 digit positions i, the affine points
/// d · 16^i · G for d = 1…15 (960 points, 60 KiB), computed once on first use.
final class BaseTable: Sendable {
    /// Entry `i · 15 + d − 1` is d · 16^i · G.
    let entries: [AffinePoint]

    /// The one table, built on first use (thread-safe lazy global initialisation).
    static let shared = BaseTable()

    private init() {
        var projective: [ProjectivePoint] = []
        projective.reserveCapacity(960)
        var base = ProjectivePoint.generator  // 16^i · G
        for _ in 0..<64 {
            var multiple = base
            projective.append(multiple)
            for _ in 2...15 {
                multiple = multiple + base
                projective.append(multiple)
            }
            base = multiple + base  // 16 · 16^i · G
        }
        entries = batchNormalize(projective)
    }
}

/// The affine forms of points none of which is the identity, with one inversion in all
/// (Montgomery's trick: prefix products, invert the last, walk back).
func batchNormalize(_ points: [ProjectivePoint]) -> [AffinePoint] {
    guard !points.isEmpty else { return [] }
    var prefix = [FieldElement](repeating: .one, count: points.count)
    var running = FieldElement.one
    for (i, point) in points.enumerated() {
        prefix[i] = running
        running = running * point.z
    }
    var inverse = running.inverse()
    var result = [AffinePoint](repeating: AffinePoint(x: .zero, y: .zero), count: points.count)
    for i in stride(from: points.count - 1, through: 0, by: -1) {
        let zInverse = inverse * prefix[i]
        inverse = inverse * points[i].z
        result[i] = AffinePoint(x: points[i].x * zInverse, y: points[i].y * zInverse)
    }
    return result
}
