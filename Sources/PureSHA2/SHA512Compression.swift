// The SHA-512 compression function (FIPS 180-4, section 6.4.2), shared by SHA-512 and SHA-384
// (which differ only in the initial chaining value and in how much of the result they keep).
//
// Written as SHA256Compression.swift is, for the same reasons: the 80 rounds are unrolled so each
// round constant is an immediate and each schedule word a named local (no table, no index, no
// bounds check); the working variables are renamed instead of moved; the 16-word schedule is a
// rolling window. Every word is a UInt64 spelled out, never an Int, so the code computes the same
// on a 32-bit target (wasm32), where the compiler pairs 32-bit registers for each word.

/// The eight 64-bit chaining words H0…H7 of SHA-512 and SHA-384.
struct SHA512State: Sendable {
    var h0: UInt64, h1: UInt64, h2: UInt64, h3: UInt64
    var h4: UInt64, h5: UInt64, h6: UInt64, h7: UInt64

    /// SHA-512's initial hash value (FIPS 180-4, 5.3.5).
    static let sha512 = SHA512State(
        h0: 0x6a09e667f3bcc908, h1: 0xbb67ae8584caa73b, h2: 0x3c6ef372fe94f82b, h3: 0xa54ff53a5f1d36f1,
        h4: 0x510e527fade682d1, h5: 0x9b05688c2b3e6c1f, h6: 0x1f83d9abfb41bd6b, h7: 0x5be0cd19137e2179)

    /// SHA-384's initial hash value (FIPS 180-4, 5.3.4).
    static let sha384 = SHA512State(
        h0: 0xcbbb9d5dc1059ed8, h1: 0x629a292a367cd507, h2: 0x9159015a3070dd17, h3: 0x152fecd8f70e5939,
        h4: 0x67332667ffc00b31, h5: 0x8eb44a8768581511, h6: 0xdb0c2e0d64f98fa7, h7: 0x47b5481dbefa4fa4)

    /// Runs the compression function over `count` consecutive 128-byte blocks at `blocks`.
    ///
    /// - Precondition: `blocks` points to at least `128 * count` readable bytes (any alignment).
    /// - Timing: straight-line code; time depends only on `count`.
    mutating func compress(blocks: UnsafeRawPointer, count: Int) {
        var (s0, s1, s2, s3, s4, s5, s6, s7) = (h0, h1, h2, h3, h4, h5, h6, h7)
        var p = blocks
        for _ in 0..<count {
            var w0 = load64(p, 0), w1 = load64(p, 1), w2 = load64(p, 2), w3 = load64(p, 3)
            var w4 = load64(p, 4), w5 = load64(p, 5), w6 = load64(p, 6), w7 = load64(p, 7)
            var w8 = load64(p, 8), w9 = load64(p, 9), w10 = load64(p, 10), w11 = load64(p, 11)
            var w12 = load64(p, 12), w13 = load64(p, 13), w14 = load64(p, 14), w15 = load64(p, 15)
            var (a, b, c, d, e, f, g, h) = (s0, s1, s2, s3, s4, s5, s6, s7)
            var bc = b ^ c

            // Round t uses the working variables rotated by t mod 8 and W[t mod 16];
            // from round 16 on, W[t mod 16] is first replaced by W[t] (expand).
            round(a, b, c, &d, e, f, g, &h, &bc, 0x428a2f98d728ae22, w0)
            round(h, a, b, &c, d, e, f, &g, &bc, 0x7137449123ef65cd, w1)
            round(g, h, a, &b, c, d, e, &f, &bc, 0xb5c0fbcfec4d3b2f, w2)
            round(f, g, h, &a, b, c, d, &e, &bc, 0xe9b5dba58189dbbc, w3)
            round(e, f, g, &h, a, b, c, &d, &bc, 0x3956c25bf348b538, w4)
            round(d, e, f, &g, h, a, b, &c, &bc, 0x59f111f1b605d019, w5)
            round(c, d, e, &f, g, h, a, &b, &bc, 0x923f82a4af194f9b, w6)
            round(b, c, d, &e, f, g, h, &a, &bc, 0xab1c5ed5da6d8118, w7)
            round(a, b, c, &d, e, f, g, &h, &bc, 0xd807aa98a3030242, w8)
            round(h, a, b, &c, d, e, f, &g, &bc, 0x12835b0145706fbe, w9)
            round(g, h, a, &b, c, d, e, &f, &bc, 0x243185be4ee4b28c, w10)
            round(f, g, h, &a, b, c, d, &e, &bc, 0x550c7dc3d5ffb4e2, w11)
            round(e, f, g, &h, a, b, c, &d, &bc, 0x72be5d74f27b896f, w12)
            round(d, e, f, &g, h, a, b, &c, &bc, 0x80deb1fe3b1696b1, w13)
            round(c, d, e, &f, g, h, a, &b, &bc, 0x9bdc06a725c71235, w14)
            round(b, c, d, &e, f, g, h, &a, &bc, 0xc19bf174cf692694, w15)
            expand(&w0, w14, w9, w1); round(a, b, c, &d, e, f, g, &h, &bc, 0xe49b69c19ef14ad2, w0)
            expand(&w1, w15, w10, w2); round(h, a, b, &c, d, e, f, &g, &bc, 0xefbe4786384f25e3, w1)
            expand(&w2, w0, w11, w3); round(g, h, a, &b, c, d, e, &f, &bc, 0x0fc19dc68b8cd5b5, w2)
            expand(&w3, w1, w12, w4); round(f, g, h, &a, b, c, d, &e, &bc, 0x240ca1cc77ac9c65, w3)
            expand(&w4, w2, w13, w5); round(e, f, g, &h, a, b, c, &d, &bc, 0x2de92c6f592b0275, w4)
            expand(&w5, w3, w14, w6); round(d, e, f, &g, h, a, b, &c, &bc, 0x4a7484aa6ea6e483, w5)
            expand(&w6, w4, w15, w7); round(c, d, e, &f, g, h, a, &b, &bc, 0x5cb0a9dcbd41fbd4, w6)
            expand(&w7, w5, w0, w8); round(b, c, d, &e, f, g, h, &a, &bc, 0x76f988da831153b5, w7)
            expand(&w8, w6, w1, w9); round(a, b, c, &d, e, f, g, &h, &bc, 0x983e5152ee66dfab, w8)
            expand(&w9, w7, w2, w10); round(h, a, b, &c, d, e, f, &g, &bc, 0xa831c66d2db43210, w9)
            expand(&w10, w8, w3, w11); round(g, h, a, &b, c, d, e, &f, &bc, 0xb00327c898fb213f, w10)
            expand(&w11, w9, w4, w12); round(f, g, h, &a, b, c, d, &e, &bc, 0xbf597fc7beef0ee4, w11)
            expand(&w12, w10, w5, w13); round(e, f, g, &h, a, b, c, &d, &bc, 0xc6e00bf33da88fc2, w12)
            expand(&w13, w11, w6, w14); round(d, e, f, &g, h, a, b, &c, &bc, 0xd5a79147930aa725, w13)
            expand(&w14, w12, w7, w15); round(c, d, e, &f, g, h, a, &b, &bc, 0x06ca6351e003826f, w14)
            expand(&w15, w13, w8, w0); round(b, c, d, &e, f, g, h, &a, &bc, 0x142929670a0e6e70, w15)
            expand(&w0, w14, w9, w1); round(a, b, c, &d, e, f, g, &h, &bc, 0x27b70a8546d22ffc, w0)
            expand(&w1, w15, w10, w2); round(h, a, b, &c, d, e, f, &g, &bc, 0x2e1b21385c26c926, w1)
            expand(&w2, w0, w11, w3); round(g, h, a, &b, c, d, e, &f, &bc, 0x4d2c6dfc5ac42aed, w2)
            expand(&w3, w1, w12, w4); round(f, g, h, &a, b, c, d, &e, &bc, 0x53380d139d95b3df, w3)
            expand(&w4, w2, w13, w5); round(e, f, g, &h, a, b, c, &d, &bc, 0x650a73548baf63de, w4)
            expand(&w5, w3, w14, w6); round(d, e, f, &g, h, a, b, &c, &bc, 0x766a0abb3c77b2a8, w5)
            expand(&w6, w4, w15, w7); round(c, d, e, &f, g, h, a, &b, &bc, 0x81c2c92e47edaee6, w6)
            expand(&w7, w5, w0, w8); round(b, c, d, &e, f, g, h, &a, &bc, 0x92722c851482353b, w7)
            expand(&w8, w6, w1, w9); round(a, b, c, &d, e, f, g, &h, &bc, 0xa2bfe8a14cf10364, w8)
            expand(&w9, w7, w2, w10); round(h, a, b, &c, d, e, f, &g, &bc, 0xa81a664bbc423001, w9)
            expand(&w10, w8, w3, w11); round(g, h, a, &b, c, d, e, &f, &bc, 0xc24b8b70d0f89791, w10)
            expand(&w11, w9, w4, w12); round(f, g, h, &a, b, c, d, &e, &bc, 0xc76c51a30654be30, w11)
            expand(&w12, w10, w5, w13); round(e, f, g, &h, a, b, c, &d, &bc, 0xd192e819d6ef5218, w12)
            expand(&w13, w11, w6, w14); round(d, e, f, &g, h, a, b, &c, &bc, 0xd69906245565a910, w13)
            expand(&w14, w12, w7, w15); round(c, d, e, &f, g, h, a, &b, &bc, 0xf40e35855771202a, w14)
            expand(&w15, w13, w8, w0); round(b, c, d, &e, f, g, h, &a, &bc, 0x106aa07032bbd1b8, w15)
            expand(&w0, w14, w9, w1); round(a, b, c, &d, e, f, g, &h, &bc, 0x19a4c116b8d2d0c8, w0)
            expand(&w1, w15, w10, w2); round(h, a, b, &c, d, e, f, &g, &bc, 0x1e376c085141ab53, w1)
            expand(&w2, w0, w11, w3); round(g, h, a, &b, c, d, e, &f, &bc, 0x2748774cdf8eeb99, w2)
            expand(&w3, w1, w12, w4); round(f, g, h, &a, b, c, d, &e, &bc, 0x34b0bcb5e19b48a8, w3)
            expand(&w4, w2, w13, w5); round(e, f, g, &h, a, b, c, &d, &bc, 0x391c0cb3c5c95a63, w4)
            expand(&w5, w3, w14, w6); round(d, e, f, &g, h, a, b, &c, &bc, 0x4ed8aa4ae3418acb, w5)
            expand(&w6, w4, w15, w7); round(c, d, e, &f, g, h, a, &b, &bc, 0x5b9cca4f7763e373, w6)
            expand(&w7, w5, w0, w8); round(b, c, d, &e, f, g, h, &a, &bc, 0x682e6ff3d6b2b8a3, w7)
            expand(&w8, w6, w1, w9); round(a, b, c, &d, e, f, g, &h, &bc, 0x748f82ee5defb2fc, w8)
            expand(&w9, w7, w2, w10); round(h, a, b, &c, d, e, f, &g, &bc, 0x78a5636f43172f60, w9)
            expand(&w10, w8, w3, w11); round(g, h, a, &b, c, d, e, &f, &bc, 0x84c87814a1f0ab72, w10)
            expand(&w11, w9, w4, w12); round(f, g, h, &a, b, c, d, &e, &bc, 0x8cc702081a6439ec, w11)
            expand(&w12, w10, w5, w13); round(e, f, g, &h, a, b, c, &d, &bc, 0x90befffa23631e28, w12)
            expand(&w13, w11, w6, w14); round(d, e, f, &g, h, a, b, &c, &bc, 0xa4506cebde82bde9, w13)
            expand(&w14, w12, w7, w15); round(c, d, e, &f, g, h, a, &b, &bc, 0xbef9a3f7b2c67915, w14)
            expand(&w15, w13, w8, w0); round(b, c, d, &e, f, g, h, &a, &bc, 0xc67178f2e372532b, w15)
            expand(&w0, w14, w9, w1); round(a, b, c, &d, e, f, g, &h, &bc, 0xca273eceea26619c, w0)
            expand(&w1, w15, w10, w2); round(h, a, b, &c, d, e, f, &g, &bc, 0xd186b8c721c0c207, w1)
            expand(&w2, w0, w11, w3); round(g, h, a, &b, c, d, e, &f, &bc, 0xeada7dd6cde0eb1e, w2)
            expand(&w3, w1, w12, w4); round(f, g, h, &a, b, c, d, &e, &bc, 0xf57d4f7fee6ed178, w3)
            expand(&w4, w2, w13, w5); round(e, f, g, &h, a, b, c, &d, &bc, 0x06f067aa72176fba, w4)
            expand(&w5, w3, w14, w6); round(d, e, f, &g, h, a, b, &c, &bc, 0x0a637dc5a2c898a6, w5)
            expand(&w6, w4, w15, w7); round(c, d, e, &f, g, h, a, &b, &bc, 0x113f9804bef90dae, w6)
            expand(&w7, w5, w0, w8); round(b, c, d, &e, f, g, h, &a, &bc, 0x1b710b35131c471b, w7)
            expand(&w8, w6, w1, w9); round(a, b, c, &d, e, f, g, &h, &bc, 0x28db77f523047d84, w8)
            expand(&w9, w7, w2, w10); round(h, a, b, &c, d, e, f, &g, &bc, 0x32caab7b40c72493, w9)
            expand(&w10, w8, w3, w11); round(g, h, a, &b, c, d, e, &f, &bc, 0x3c9ebe0a15c9bebc, w10)
            expand(&w11, w9, w4, w12); round(f, g, h, &a, b, c, d, &e, &bc, 0x431d67c49c100d4c, w11)
            expand(&w12, w10, w5, w13); round(e, f, g, &h, a, b, c, &d, &bc, 0x4cc5d4becb3e42b6, w12)
            expand(&w13, w11, w6, w14); round(d, e, f, &g, h, a, b, &c, &bc, 0x597f299cfc657e2a, w13)
            expand(&w14, w12, w7, w15); round(c, d, e, &f, g, h, a, &b, &bc, 0x5fcb6fab3ad6faec, w14)
            expand(&w15, w13, w8, w0); round(b, c, d, &e, f, g, h, &a, &bc, 0x6c44198c4a475817, w15)

            s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d
            s4 &+= e; s5 &+= f; s6 &+= g; s7 &+= h
            p += 128
        }
        (h0, h1, h2, h3, h4, h5, h6, h7) = (s0, s1, s2, s3, s4, s5, s6, s7)
    }
}

/// Big-endian 64-bit word `index` of the block at `p`.
@inline(__always)
private func load64(_ p: UnsafeRawPointer, _ index: Int) -> UInt64 {
    UInt64(bigEndian: p.loadUnaligned(fromByteOffset: 8 &* index, as: UInt64.self))
}

@inline(__always)
private func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 {
    (x &>> n) | (x &<< (64 &- n))
}

/// One round: `d += T1` and `h = T1 + T2`; the caller renames the variables for the next round.
///
/// Σ1(e) = ROTR¹⁴(e) ⊕ ROTR¹⁸(e) ⊕ ROTR⁴¹(e) is computed as ROTR¹⁴(ROTR⁴(ROTR²³(e) ⊕ e) ⊕ e) and
/// Σ0(a) = ROTR²⁸ ⊕ ROTR³⁴ ⊕ ROTR³⁹ as ROTR²⁸(ROTR⁶(ROTR⁵(a) ⊕ a) ⊕ a): fewer register copies.
/// Maj(a, b, c) = b ⊕ ((a ⊕ b) ∧ (b ⊕ c)), with b ⊕ c carried over from the previous round.
@inline(__always)
private func round(
    _ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: inout UInt64,
    _ e: UInt64, _ f: UInt64, _ g: UInt64, _ h: inout UInt64,
    _ bc: inout UInt64, _ k: UInt64, _ w: UInt64
) {
    let sigma1 = rotr(rotr(rotr(e, 23) ^ e, 4) ^ e, 14)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ k &+ w
    let sigma0 = rotr(rotr(rotr(a, 5) ^ a, 6) ^ a, 28)
    let ab = a ^ b
    let majority = b ^ (ab & bc)
    bc = ab
    d &+= t1
    h = t1 &+ sigma0 &+ majority
}

/// Message schedule step: `w` holds W[t-16] and becomes W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16],
/// with σ1(x) = ROTR¹⁹(x) ⊕ ROTR⁶¹(x) ⊕ SHR⁶(x) and σ0(x) = ROTR¹(x) ⊕ ROTR⁸(x) ⊕ SHR⁷(x).
@inline(__always)
private func expand(_ w: inout UInt64, _ w2: UInt64, _ w7: UInt64, _ w15: UInt64) {
    let small1 = rotr(rotr(w2, 42) ^ w2, 19) ^ (w2 &>> 6)
    let small0 = rotr(rotr(w15, 7) ^ w15, 1) ^ (w15 &>> 7)
    w &+= small1 &+ w7 &+ small0
}
