// Benchmark rows for PureBigNum: Montgomery kernels and modular exponentiation.
@_spi(Internals) import PureBigNum

/// Rows `montmul/N`, `montsqr/N` (N limbs; `montmul/N/rR`, `montsqr/N/rR` for N = 16, 24, 32:
/// the reduced-radix kernels, 17 and 26 limbs of R = 61 bits, 35 of 60), `modexp/ct/BITS`
/// (secret exponent as wide as the modulus) and `modexp/e65537/BITS`. Inputs come from a fixed-seed generator, so every run
/// measures the same numbers.
func bigNumRows() -> [BenchRow] {
    var rows: [BenchRow] = []
    var random = BenchRandom(state: 0x6D6F_6E74_676F_6D65)
    for limbs in [16, 24, 32, 64] {
        guard let m = try? Modulus(limbs: random.oddModulus(limbs: limbs)) else { continue }
        let a = random.below(m)
        let b = random.below(m)
        rows.append(
            BenchRow("montmul/\(limbs)") { iterations in
                var result: [UInt64] = []
                for _ in 0..<iterations { try? m.montgomeryMultiply(a, b, into: &result) }
                blackHole(result)
            })
        rows.append(
            BenchRow("montsqr/\(limbs)") { iterations in
                var result: [UInt64] = []
                for _ in 0..<iterations { try? m.montgomerySquare(a, into: &result) }
                blackHole(result)
            })
        // The reduced-radix kernels the secret ladder uses at this size (none at the others).
        if let ra = m.reducedRadixForm(a), let rb = m.reducedRadixForm(b), let bits = m.reducedRadixBits {
            rows.append(
                BenchRow("montmul/\(limbs)/r\(bits)") { iterations in
                    var result: [UInt64] = []
                    for _ in 0..<iterations { m.reducedRadixMultiply(ra, rb, into: &result) }
                    blackHole(result)
                })
            rows.append(
                BenchRow("montsqr/\(limbs)/r\(bits)") { iterations in
                    var result: [UInt64] = []
                    for _ in 0..<iterations { m.reducedRadixSquare(ra, into: &result) }
                    blackHole(result)
                })
        }
    }
    for bits in [1024, 1536, 2048, 3072, 4096] {
        guard let m = try? Modulus(limbs: random.oddModulus(limbs: bits / 64)) else { continue }
        let base = random.below(m)
        let exponent = random.limbs(bits / 64)
        // An RSA-2·BITS CRT signature is about two of these.
        let reference: OpenSSLReference? = bits == 1024 || bits == 2048 ? .rsaSign(bits: 2 * bits) : nil
        rows.append(
            BenchRow("modexp/ct/\(bits)", openssl: reference) { iterations in
                for _ in 0..<iterations { blackHole(m.exponentiateSecret(base: base, exponent: exponent)) }
            })
    }
    for bits in [2048, 4096] {
        guard let m = try? Modulus(limbs: random.oddModulus(limbs: bits / 64)) else { continue }
        let base = random.below(m)
        rows.append(
            BenchRow("modexp/e65537/\(bits)", openssl: .rsaVerify(bits: bits)) { iterations in
                for _ in 0..<iterations { blackHole(m.exponentiatePublic(base: base, exponent: [65537])) }
            })
    }
    return rows
}

/// SplitMix64, for reproducible benchmark inputs.
private struct BenchRandom {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func limbs(_ count: Int) -> [UInt64] { (0..<count).map { _ in next() } }

    /// An odd number of exactly `limbs` limbs (top bit set).
    mutating func oddModulus(limbs count: Int) -> [UInt64] {
        var m = limbs(count)
        m[0] |= 1
        m[count - 1] |= 1 << 63
        return m
    }

    /// A value below `m` (one limb shorter, so certainly smaller, then the top limb refilled
    /// below m's top limb).
    mutating func below(_ m: Modulus) -> [UInt64] {
        var value = limbs(m.limbCount)
        value[m.limbCount - 1] = m.limbs[m.limbCount - 1] >> 1
        return value
    }
}
