@_spi(Internals) import PureBigNum

/// An integer modulo the P-256 group order
/// n = ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551, in Montgomery form.
///
/// Timing contract: arithmetic and the ``Choice`` comparisons are straight-line code; the
/// inverse uses a fixed chain (the exponent n − 2 is public). Only the checks that refuse a
/// public encoding are variable time, where noted.
struct Scalar: Sendable {
    /// x · 2^256 mod n, fully reduced.
    var montgomery: Limbs256

    init(montgomery: Limbs256) {
        self.montgomery = montgomery
    }

    /// The group order n.
    @inline(__always)
    static var modulus: Limbs256 {
        Limbs256(0xF3B9_CAC2_FC63_2551, 0xBCE6_FAAD_A717_9E84, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_0000_0000)
    }

    /// −n^−1 mod 2^64.
    @inline(__always)
    static var mPrime: UInt64 { 0xCCD1_C8AA_EE00_BC4F }

    /// 2^512 mod n.
    @inline(__always)
    static var rSquared: Limbs256 {
        Limbs256(0x8324_4C95_BE79_EEA2, 0x4699_799C_49BD_6FA6, 0x2845_B239_2B6B_EC59, 0x66E1_2D94_F3D9_5620)
    }

    /// 0.
    static var zero: Scalar { Scalar(montgomery: .zero) }

    /// Converts a value already below n.
    init(reduced value: Limbs256) {
        montgomery = montgomeryMultiply(value, Scalar.rSquared, Scalar.modulus, Scalar.mPrime)
    }

    /// Any 256-bit value reduced modulo n (one masked subtraction, since 2^256 < 2n).
    /// Constant time: this is how a digest becomes the integer e, and how x(R) becomes r.
    init(reducing value: Limbs256) {
        self.init(reduced: subtractModulusIfNeeded(value, carry: 0, Scalar.modulus))
    }

    /// Reads 32 big-endian bytes as a value in 1..<n; nil for 0 or a value not below n.
    /// The answer (nil or not) is the only thing that depends on the value.
    init?<Bytes: Collection<UInt8>>(nonZeroBigEndianBytes bytes: Bytes) {
        guard bytes.count == 32 else { return nil }
        let value = Limbs256(bigEndian: bytes)
        let valid = Choice.isZero(value.lessThanWord(Scalar.modulus) ^ 1) & !Choice.isZero(value.w0 | value.w1 | value.w2 | value.w3)
        guard valid.declassified() else { return nil }
        self.init(reduced: value)
    }

    /// The canonical value (out of Montgomery form).
    var canonical: Limbs256 {
        montgomeryMultiply(montgomery, Limbs256(1, 0, 0, 0), Scalar.modulus, Scalar.mPrime)
    }

    /// The canonical value as 32 big-endian bytes.
    var bigEndianBytes: [UInt8] { canonical.bigEndianBytes }

    static func + (a: Scalar, b: Scalar) -> Scalar {
        Scalar(montgomery: modularAdd(a.montgomery, b.montgomery, modulus))
    }

    static func - (a: Scalar, b: Scalar) -> Scalar {
        Scalar(montgomery: modularSubtract(a.montgomery, b.montgomery, modulus))
    }

    @_optimize(speed)
    static func * (a: Scalar, b: Scalar) -> Scalar {
        Scalar(montgomery: montgomeryMultiply(a.montgomery, b.montgomery, modulus, mPrime))
    }

    /// −self.
    func negated() -> Scalar { Scalar.zero - self }

    /// True when the scalar is 0. Constant time.
    var isZero: Choice {
        let m = montgomery
        return Choice.isZero(m.w0 | m.w1 | m.w2 | m.w3)
    }

    /// self^(n−2) = self^−1 (0 for 0): a 4-bit fixed window over the public exponent n − 2,
    /// 256 squarings and 64 multiplications (by table entries chosen by the public exponent).
    func inverse() -> Scalar {
        var table = [Scalar](repeating: Scalar(reduced: Limbs256(1, 0, 0, 0)), count: 16)
        for i in 1..<16 { table[i] = table[i - 1] * self }
        // n − 2
        let e = Limbs256(0xF3B9_CAC2_FC63_254F, 0xBCE6_FAAD_A717_9E84, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_0000_0000)
        var x = table[Int(e.nibble(63))]
        for i in stride(from: 62, through: 0, by: -1) {
            x = x * x
            x = x * x
            x = x * x
            x = x * x
            x = x * table[Int(e.nibble(i))]
        }
        return x
    }
}
