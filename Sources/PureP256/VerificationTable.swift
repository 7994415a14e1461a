// The per-key table that makes the check before release cheap: a four-tooth comb for the
// public point Q, built once when a private key is made.

/// The 15 non-trivial sums c0·Q + c1·2^64·Q + c2·2^128·Q + c3·2^192·Q (c_j ∈ {0, 1}) in affine
/// form, entry `c − 1` for c = c0 + 2c1 + 4c2 + 8c3. With it, u · Q for a 256-bit u takes
/// 63 doublings and at most 64 mixed additions (one per 64-bit column of u) instead of the
/// 256 doublings of a window method; 15 points of 64 bytes, 960 bytes per key.
///
/// Building it costs 192 (Jacobian) doublings, 11 additions and one batched inversion. None of the sums is
/// the identity (each is a multiple c · Q with 0 < c < 2^193 < n and Q of prime order n), so all
/// have an affine form.
struct CombTable: Sendable {
    /// Entry `c − 1` is the sum for the tooth pattern c (1 ≤ c ≤ 15).
    let entries: [AffinePoint]

    /// The comb for Q; Q is public (this runs in variable time only through its loop counts,
    /// which are fixed).
    init(_ q: AffinePoint) {
        // The teeth 2^(64j) · Q by Jacobian doublings (cheaper than the complete ones, and
        // exact here: none of these multiples is the identity).
        var teeth = [ProjectivePoint(q)]
        var tooth = JacobianPoint(q)
        for _ in 1..<4 {
            for _ in 0..<64 { tooth = tooth.doubled() }
            teeth.append(tooth.projective)
        }
        var sums = [ProjectivePoint](repeating: .identity, count: 15)
        for c in 1...15 {
            let top = c.bitWidth - 1 - c.leadingZeroBitCount
            let rest = c & ~(1 << top)
            sums[c - 1] = rest == 0 ? teeth[top] : sums[rest - 1] + teeth[top]
        }
        entries = batchNormalize(sums)
    }
}

extension JacobianPoint {
    /// u1 · G + u2 · Q in variable time, for the check of a signature just made (all values
    /// public): u2 · Q through Q's ``CombTable`` (63 doublings, one mixed addition per non-zero
    /// column), u1 · G through ``BaseTable`` (no doubling).
    static func verificationCombination(u1: Limbs256, u2: Limbs256, comb: CombTable) -> ProjectivePoint {
        var acc = JacobianPoint.identity
        var started = false
        comb.entries.withUnsafeBufferPointer { entries in
            for i in stride(from: 63, through: 0, by: -1) {
                if started { acc = acc.doubled() }
                let shift = UInt64(i)
                let column =
                    (u2.w0 >> shift & 1) | (u2.w1 >> shift & 1) << 1
                    | (u2.w2 >> shift & 1) << 2 | (u2.w3 >> shift & 1) << 3
                if column != 0 {
                    acc = acc + entries[Int(column) - 1]
                    started = true
                }
            }
        }
        return acc.addingGeneratorMultiple(u1).projective
    }

    /// self + u · G in variable time (u public): one mixed addition per non-zero 4-bit digit,
    /// from ``BaseTable``.
    func addingGeneratorMultiple(_ u: Limbs256) -> JacobianPoint {
        var acc = self
        BaseTable.shared.entries.withUnsafeBufferPointer { entries in
            for i in 0..<64 {
                let digit = Int(u.nibble(i))
                if digit != 0 { acc = acc + entries[i * 15 + digit - 1] }
            }
        }
        return acc
    }
}
