@_spi(Internals) import PureBigNum

/// An element of the P-256 base field, the integers modulo
/// p = 2^256 − 2^224 + 2^192 + 2^96 − 1, kept in Montgomery form (x · 2^256 mod p).
///
/// Timing contract: arithmetic (`+`, `-`, `*`, `squared()`, `inverse()`, `negated()`) and the
/// comparisons returning a ``Choice`` are straight-line code whose duration does not depend on
/// the values. `squareRoot()` and the byte conversions are for public values only where noted.
struct FieldElement: Sendable {
    /// x · 2^256 mod p, fully reduced.
    var montgomery: Limbs256

    init(montgomery: Limbs256) {
        self.montgomery = montgomery
    }

    /// The modulus p.
    @inline(__always)
    static var modulus: Limbs256 {
        Limbs256(0xFFFF_FFFF_FFFF_FFFF, 0x0000_0000_FFFF_FFFF, 0, 0xFFFF_FFFF_0000_0001)
    }

    /// 2^512 mod p, to enter Montgomery form with one multiplication.
    @inline(__always)
    static var rSquared: Limbs256 {
        Limbs256(0x0000_0000_0000_0003, 0xFFFF_FFFB_FFFF_FFFF, 0xFFFF_FFFF_FFFF_FFFE, 0x0000_0004_FFFF_FFFD)
    }

    /// 0.
    static var zero: FieldElement { FieldElement(montgomery: .zero) }

    /// 1 (2^256 mod p in Montgomery form).
    static var one: FieldElement {
        FieldElement(
            montgomery: Limbs256(
                0x0000_0000_0000_0001, 0xFFFF_FFFF_0000_0000,
                0xFFFF_FFFF_FFFF_FFFF, 0x0000_0000_FFFF_FFFE))
    }

    /// The curve coefficient b.
    static var b: FieldElement {
        FieldElement(
            montgomery: Limbs256(
                0xD89C_DF62_29C4_BDDF, 0xACF0_05CD_7884_3090,
                0xE5A2_20AB_F721_2ED6, 0xDC30_061D_0487_4834))
    }

    /// Converts a value already below p.
    init(reduced value: Limbs256) {
        montgomery = p256MontgomeryMultiply(value, FieldElement.rSquared)
    }

    /// Reads 32 big-endian bytes; nil when the value is not below p. Variable time in the
    /// validity check only (coordinates are public).
    init?<Bytes: Collection<UInt8>>(bigEndianBytes bytes: Bytes) {
        guard bytes.count == 32 else { return nil }
        let value = Limbs256(bigEndian: bytes)
        guard value.lessThanWord(FieldElement.modulus) == 1 else { return nil }
        self.init(reduced: value)
    }

    /// The canonical value (out of Montgomery form).
    var canonical: Limbs256 {
        p256MontgomeryMultiply(montgomery, Limbs256(1, 0, 0, 0))
    }

    /// The canonical value as 32 big-endian bytes.
    var bigEndianBytes: [UInt8] { canonical.bigEndianBytes }

    @inline(__always)
    static func + (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(montgomery: modularAdd(a.montgomery, b.montgomery, modulus))
    }

    @inline(__always)
    static func - (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(montgomery: modularSubtract(a.montgomery, b.montgomery, modulus))
    }

    @inline(__always)
    static func * (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(montgomery: p256MontgomeryMultiply(a.montgomery, b.montgomery))
    }

    /// self + self.
    @inline(__always)
    func doubled() -> FieldElement { self + self }

    /// self · self.
    @inline(__always)
    func squared() -> FieldElement { FieldElement(montgomery: p256MontgomerySquare(montgomery)) }

    /// −self.
    @inline(__always)
    func negated() -> FieldElement { FieldElement.zero - self }

    /// self squared `count` times (`count` public).
    @_optimize(speed)
    func squared(times count: Int) -> FieldElement {
        var x = self
        for _ in 0..<count { x = x.squared() }
        return x
    }

    /// self^(p−2) = self^−1 (0 for 0), by a fixed addition chain: 255 squarings and 12
    /// multiplications whatever the value.
    @_optimize(speed)
    func inverse() -> FieldElement {
        let x2 = squared() * self  // 2 ones
        let x3 = x2.squared() * self  // 3
        let x6 = x3.squared(times: 3) * x3  // 6
        let x12 = x6.squared(times: 6) * x6  // 12
        let x15 = x12.squared(times: 3) * x3  // 15
        let x30 = x15.squared(times: 15) * x15  // 30
        let x32 = x30.squared(times: 2) * x2  // 32
        // p − 2 = ffffffff 00000001 00000000 00000000 00000000 ffffffff ffffffff fffffffd
        var t = x32.squared(times: 32) * self
        t = t.squared(times: 128) * x32
        t = t.squared(times: 32) * x32
        t = t.squared(times: 30) * x30
        return t.squared(times: 2) * self
    }

    /// A square root when one exists: self^((p+1)/4), then checked (p ≡ 3 mod 4).
    /// The chain is fixed; only the final answer (some or nil) depends on the value.
    func squareRoot() -> FieldElement? {
        let x2 = squared() * self
        let x4 = x2.squared(times: 2) * x2
        let x8 = x4.squared(times: 4) * x4
        let x16 = x8.squared(times: 8) * x8
        let x32 = x16.squared(times: 16) * x16
        // (p + 1)/4 = (ffffffff 00000001 00000000 00000000 00000001) · 2^94
        var t = x32.squared(times: 32) * self
        t = t.squared(times: 96) * self
        t = t.squared(times: 94)
        return t.squared().isEqual(self).declassified() ? t : nil
    }

    /// True when the element is 0. Constant time.
    var isZero: Choice {
        let m = montgomery
        return Choice.isZero(m.w0 | m.w1 | m.w2 | m.w3)
    }

    /// True when the two elements are equal. Constant time.
    func isEqual(_ other: FieldElement) -> Choice { (self - other).isZero }

    /// True when the canonical value is odd (SEC 1's compressed-point parity bit).
    var isOdd: Choice { Choice.isZero((canonical.w0 & 1) ^ 1) }

    /// `a` where `mask` is all ones, `b` where it is zero. Constant time.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: FieldElement, _ b: FieldElement) -> FieldElement {
        FieldElement(montgomery: Limbs256.select(mask, a.montgomery, b.montgomery))
    }
}
