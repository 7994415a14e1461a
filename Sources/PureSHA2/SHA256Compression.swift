// The SHA-256 compression function (FIPS 180-4, section 6.2.2), the only hot loop of the module.
//
// Why it looks like this: the 64 rounds are written out so every round constant is an
// immediate and every message-schedule word is a named local (no table, no index, no bounds
// check); the eight working variables are renamed from round to round instead of being moved;
// the 16-word schedule is a rolling window updated in place, so nothing is allocated per block.
// Blocks are read straight from the caller's memory with unaligned big-endian loads.

extension SHA256 {
    /// The eight 32-bit chaining words H0…H7.
    struct State: Sendable {
        var h0: UInt32 = 0x6a09e667
        var h1: UInt32 = 0xbb67ae85
        var h2: UInt32 = 0x3c6ef372
        var h3: UInt32 = 0xa54ff53a
        var h4: UInt32 = 0x510e527f
        var h5: UInt32 = 0x9b05688c
        var h6: UInt32 = 0x1f83d9ab
        var h7: UInt32 = 0x5be0cd19
    }

    /// Runs the compression function over `count` consecutive 64-byte blocks at `blocks`.
    ///
    /// - Precondition: `blocks` points to at least `64 * count` readable bytes (any alignment).
    /// - Timing: straight-line code; time depends only on `count`.
    static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
        var (s0, s1, s2, s3) = (state.h0, state.h1, state.h2, state.h3)
        var (s4, s5, s6, s7) = (state.h4, state.h5, state.h6, state.h7)
        var p = blocks
        for _ in 0..<count {
            var w0 = load(p, 0), w1 = load(p, 1), w2 = load(p, 2), w3 = load(p, 3)
            var w4 = load(p, 4), w5 = load(p, 5), w6 = load(p, 6), w7 = load(p, 7)
            var w8 = load(p, 8), w9 = load(p, 9), w10 = load(p, 10), w11 = load(p, 11)
            var w12 = load(p, 12), w13 = load(p, 13), w14 = load(p, 14), w15 = load(p, 15)
            var (a, b, c, d, e, f, g, h) = (s0, s1, s2, s3, s4, s5, s6, s7)
            var bc = b ^ c

            // Round t uses the working variables rotated by t mod 8 and W[t mod 16];
            // from round 16 on, W[t mod 16] is first replaced by W[t] (expand).
            round(a, b, c, &d, e, f, g, &h, &bc, 0x428a2f98, w0)
            round(h, a, b, &c, d, e, f, &g, &bc, 0x71374491, w1)
            round(g, h, a, &b, c, d, e, &f, &bc, 0xb5c0fbcf, w2)
            round(f, g, h, &a, b, c, d, &e, &bc, 0xe9b5dba5, w3)
            round(e, f, g, &h, a, b, c, &d, &bc, 0x3956c25b, w4)
            round(d, e, f, &g, h, a, b, &c, &bc, 0x59f111f1, w5)
            round(c, d, e, &f, g, h, a, &b, &bc, 0x923f82a4, w6)
            round(b, c, d, &e, f, g, h, &a, &bc, 0xab1c5ed5, w7)
            round(a, b, c, &d, e, f, g, &h, &bc, 0xd807aa98, w8)
            round(h, a, b, &c, d, e, f, &g, &bc, 0x12835b01, w9)
            round(g, h, a, &b, c, d, e, &f, &bc, 0x243185be, w10)
            round(f, g, h, &a, b, c, d, &e, &bc, 0x550c7dc3, w11)
            round(e, f, g, &h, a, b, c, &d, &bc, 0x72be5d74, w12)
            round(d, e, f, &g, h, a, b, &c, &bc, 0x80deb1fe, w13)
            round(c, d, e, &f, g, h, a, &b, &bc, 0x9bdc06a7, w14)
            round(b, c, d, &e, f, g, h, &a, &bc, 0xc19bf174, w15)
            expand(&w0, w14, w9, w1); round(a, b, c, &d, e, f, g, &h, &bc, 0xe49b69c1, w0)
            expand(&w1, w15, w10, w2); round(h, a, b, &c, d, e, f, &g, &bc, 0xefbe4786, w1)
            expand(&w2, w0, w11, w3); round(g, h, a, &b, c, d, e, &f, &bc, 0x0fc19dc6, w2)
            expand(&w3, w1, w12, w4); round(f, g, h, &a, b, c, d, &e, &bc, 0x240ca1cc, w3)
            expand(&w4, w2, w13, w5); round(e, f, g, &h, a, b, c, &d, &bc, 0x2de92c6f, w4)
            expand(&w5, w3, w14, w6); round(d, e, f, &g, h, a, b, &c, &bc, 0x4a7484aa, w5)
            expand(&w6, w4, w15, w7); round(c, d, e, &f, g, h, a, &b, &bc, 0x5cb0a9dc, w6)
            expand(&w7, w5, w0, w8); round(b, c, d, &e, f, g, h, &a, &bc, 0x76f988da, w7)
            expand(&w8, w6, w1, w9); round(a, b, c, &d, e, f, g, &h, &bc, 0x983e5152, w8)
            expand(&w9, w7, w2, w10); round(h, a, b, &c, d, e, f, &g, &bc, 0xa831c66d, w9)
            expand(&w10, w8, w3, w11); round(g, h, a, &b, c, d, e, &f, &bc, 0xb00327c8, w10)
            expand(&w11, w9, w4, w12); round(f, g, h, &a, b, c, d, &e, &bc, 0xbf597fc7, w11)
            expand(&w12, w10, w5, w13); round(e, f, g, &h, a, b, c, &d, &bc, 0xc6e00bf3, w12)
            expand(&w13, w11, w6, w14); round(d, e, f, &g, h, a, b, &c, &bc, 0xd5a79147, w13)
            expand(&w14, w12, w7, w15); round(c, d, e, &f, g, h, a, &b, &bc, 0x06ca6351, w14)
            expand(&w15, w13, w8, w0); round(b, c, d, &e, f, g, h, &a, &bc, 0x14292967, w15)
            expand(&w0, w14, w9, w1); round(a, b, c, &d, e, f, g, &h, &bc, 0x27b70a85, w0)
            expand(&w1, w15, w10, w2); round(h, a, b, &c, d, e, f, &g, &bc, 0x2e1b2138, w1)
            expand(&w2, w0, w11, w3); round(g, h, a, &b, c, d, e, &f, &bc, 0x4d2c6dfc, w2)
            expand(&w3, w1, w12, w4); round(f, g, h, &a, b, c, d, &e, &bc, 0x53380d13, w3)
            expand(&w4, w2, w13, w5); round(e, f, g, &h, a, b, c, &d, &bc, 0x650a7354, w4)
            expand(&w5, w3, w14, w6); round(d, e, f, &g, h, a, b, &c, &bc, 0x766a0abb, w5)
            expand(&w6, w4, w15, w7); round(c, d, e, &f, g, h, a, &b, &bc, 0x81c2c92e, w6)
            expand(&w7, w5, w0, w8); round(b, c, d, &e, f, g, h, &a, &bc, 0x92722c85, w7)
            expand(&w8, w6, w1, w9); round(a, b, c, &d, e, f, g, &h, &bc, 0xa2bfe8a1, w8)
            expand(&w9, w7, w2, w10); round(h, a, b, &c, d, e, f, &g, &bc, 0xa81a664b, w9)
            expand(&w10, w8, w3, w11); round(g, h, a, &b, c, d, e, &f, &bc, 0xc24b8b70, w10)
            expand(&w11, w9, w4, w12); round(f, g, h, &a, b, c, d, &e, &bc, 0xc76c51a3, w11)
            expand(&w12, w10, w5, w13); round(e, f, g, &h, a, b, c, &d, &bc, 0xd192e819, w12)
            expand(&w13, w11, w6, w14); round(d, e, f, &g, h, a, b, &c, &bc, 0xd6990624, w13)
            expand(&w14, w12, w7, w15); round(c, d, e, &f, g, h, a, &b, &bc, 0xf40e3585, w14)
            expand(&w15, w13, w8, w0); round(b, c, d, &e, f, g, h, &a, &bc, 0x106aa070, w15)
            expand(&w0, w14, w9, w1); round(a, b, c, &d, e, f, g, &h, &bc, 0x19a4c116, w0)
            expand(&w1, w15, w10, w2); round(h, a, b, &c, d, e, f, &g, &bc, 0x1e376c08, w1)
            expand(&w2, w0, w11, w3); round(g, h, a, &b, c, d, e, &f, &bc, 0x2748774c, w2)
            expand(&w3, w1, w12, w4); round(f, g, h, &a, b, c, d, &e, &bc, 0x34b0bcb5, w3)
            expand(&w4, w2, w13, w5); round(e, f, g, &h, a, b, c, &d, &bc, 0x391c0cb3, w4)
            expand(&w5, w3, w14, w6); round(d, e, f, &g, h, a, b, &c, &bc, 0x4ed8aa4a, w5)
            expand(&w6, w4, w15, w7); round(c, d, e, &f, g, h, a, &b, &bc, 0x5b9cca4f, w6)
            expand(&w7, w5, w0, w8); round(b, c, d, &e, f, g, h, &a, &bc, 0x682e6ff3, w7)
            expand(&w8, w6, w1, w9); round(a, b, c, &d, e, f, g, &h, &bc, 0x748f82ee, w8)
            expand(&w9, w7, w2, w10); round(h, a, b, &c, d, e, f, &g, &bc, 0x78a5636f, w9)
            expand(&w10, w8, w3, w11); round(g, h, a, &b, c, d, e, &f, &bc, 0x84c87814, w10)
            expand(&w11, w9, w4, w12); round(f, g, h, &a, b, c, d, &e, &bc, 0x8cc70208, w11)
            expand(&w12, w10, w5, w13); round(e, f, g, &h, a, b, c, &d, &bc, 0x90befffa, w12)
            expand(&w13, w11, w6, w14); round(d, e, f, &g, h, a, b, &c, &bc, 0xa4506ceb, w13)
            expand(&w14, w12, w7, w15); round(c, d, e, &f, g, h, a, &b, &bc, 0xbef9a3f7, w14)
            expand(&w15, w13, w8, w0); round(b, c, d, &e, f, g, h, &a, &bc, 0xc67178f2, w15)

            s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d
            s4 &+= e; s5 &+= f; s6 &+= g; s7 &+= h
            p += 64
        }
        state = State(h0: s0, h1: s1, h2: s2, h3: s3, h4: s4, h5: s5, h6: s6, h7: s7)
    }
}

/// Big-endian 32-bit word `index` of the block at `p`.
@inline(__always)
private func load(_ p: UnsafeRawPointer, _ index: Int) -> UInt32 {
    UInt32(bigEndian: p.loadUnaligned(fromByteOffset: 4 &* index, as: UInt32.self))
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
    (x &>> n) | (x &<< (32 &- n))
}

/// One round: `d += T1` and `h = T1 + T2`; the caller renames the variables for the next round.
///
/// Σ1(e) = ROTR⁶(e) ⊕ ROTR¹¹(e) ⊕ ROTR²⁵(e) is computed as ROTR⁶(ROTR⁵(ROTR¹⁴(e) ⊕ e) ⊕ e),
/// and Σ0 likewise: the same value in fewer instructions on x86-64 (no copies for rotates).
/// Maj(a, b, c) = b ⊕ ((a ⊕ b) ∧ (b ⊕ c)), where `bc` = b ⊕ c is this round's input and
/// a ⊕ b is the next round's b ⊕ c (the variables shift by one each round).
@inline(__always)
private func round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
    _ bc: inout UInt32, _ k: UInt32, _ w: UInt32
) {
    let sigma1 = rotr(rotr(rotr(e, 14) ^ e, 5) ^ e, 6)
    let choose = g ^ (e & (f ^ g))
    let t1 = h &+ sigma1 &+ choose &+ k &+ w
    let sigma0 = rotr(rotr(rotr(a, 9) ^ a, 11) ^ a, 2)
    let ab = a ^ b
    let majority = b ^ (ab & bc)
    bc = ab
    d &+= t1
    h = t1 &+ sigma0 &+ majority
}

/// Message schedule step: `w` holds W[t-16] and becomes W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16].
@inline(__always)
private func expand(_ w: inout UInt32, _ w2: UInt32, _ w7: UInt32, _ w15: UInt32) {
    let small1 = rotr(rotr(w2, 2) ^ w2, 17) ^ (w2 &>> 10)
    let small0 = rotr(rotr(w15, 11) ^ w15, 7) ^ (w15 &>> 3)
    w &+= small1 &+ w7 &+ small0
}
