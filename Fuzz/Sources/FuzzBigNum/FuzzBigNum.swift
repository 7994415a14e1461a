// Fuzz target: the constant-time Montgomery path against BigUInt's schoolbook arithmetic
// (PureBigNum), on fuzzer-chosen operands.
//
// Input layout: one byte picks the modulus width (1…33 limbs, so the 16- and 32-limb
// specialisations and the generic kernel all run), then the modulus, two operands and an
// exponent (its width from one more byte). The modulus gets its low bit set (Montgomery needs it
// odd). Properties, with BigUInt (Knuth division, square-and-multiply) as the oracle:
// 1. Division: q·m + r == a and r < m.
// 2. reduce(x) == x mod m, for n-limb and wide (3n-limb) x.
// 3. add, subtract, multiply of reduced operands == the same mod m (multiply also with one
//    unreduced operand, which its contract allows).
// 4. fromMontgomery(toMontgomery(a)) == a; montgomeryMultiply of the two forms == a·b mod m.
// 5. exponentiatePublic and exponentiateSecret (at every fixed width of the exponent) ==
//    BigUInt.power.
import FuzzSupport
@_spi(Internals) import PureBigNum

func limbs(_ bytes: [UInt8]) -> [UInt64] {
    var out = [UInt64](repeating: 0, count: (bytes.count + 7) / 8)
    for (i, byte) in bytes.enumerated() { out[i / 8] |= UInt64(byte) << UInt64(8 * (i % 8)) }
    return out
}

func padded(_ value: BigUInt, _ n: Int) -> [UInt64] {
    value.limbs + [UInt64](repeating: 0, count: max(0, n - value.limbs.count))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(bytes(data, size))
    let n = 1 + Int(input.byte()) % 33
    var mLimbs = limbs(input.take(8 * n))
    if mLimbs.isEmpty { mLimbs = [3] }
    mLimbs[0] |= 1
    let a = BigUInt(limbs: limbs(input.take(8 * n)))
    let b = BigUInt(limbs: limbs(input.take(8 * n)))
    let exponentBytes = input.run(unit: 1).prefix(40)
    let e = BigUInt(limbs: limbs(Array(exponentBytes)))
    let wide = BigUInt(limbs: limbs(input.remainder()))

    guard let modulus = try? Modulus(limbs: mLimbs) else {
        require(BigUInt(limbs: mLimbs) <= BigUInt(1), "Modulus refused the odd value \(BigUInt(limbs: mLimbs))")
        return 0
    }
    let m = modulus.value
    let width = modulus.limbCount
    func same(_ got: [UInt64], _ want: BigUInt, _ what: String) {
        require(BigUInt(limbs: got) == want, "\(what): got \(BigUInt(limbs: got)), want \(want), m = \(m)")
        require(got.count == width, "\(what): \(got.count) limbs, not \(width)")
    }
    do {
        // 1. Division.
        let (q, r) = try a.quotientAndRemainder(dividingBy: m)
        require(q * m + r == a && r < m, "division: \(a) = \(q)·\(m) + \(r)?")
        let aR = r
        let bR = try b.modulo(m)
        // 2. Reduction.
        same(modulus.reduce(a.limbs), aR, "reduce(a)")
        let w = (a << (64 * width)) + b + (wide << (128 * width))
        same(modulus.reduce(w.limbs), try w.modulo(m), "reduce(wide)")
        // 3. Arithmetic mod m.
        same(try modulus.add(padded(aR, width), padded(bR, width)), try (aR + bR).modulo(m), "add")
        same(try modulus.subtract(padded(aR, width), padded(bR, width)), try (aR + m - bR).modulo(m), "subtract")
        same(try modulus.multiply(padded(aR, width), padded(bR, width)), try (aR * bR).modulo(m), "multiply")
        if b.limbs.count <= width {
            same(try modulus.multiply(padded(aR, width), padded(b, width)), try (aR * b).modulo(m), "multiply (unreduced b)")
        }
        // 4. Montgomery domain.
        let aM = try modulus.toMontgomery(padded(aR, width))
        let bM = try modulus.toMontgomery(padded(bR, width))
        same(try modulus.fromMontgomery(aM), aR, "fromMontgomery(toMontgomery(a))")
        var productM: [UInt64] = []
        try modulus.montgomeryMultiply(aM, bM, into: &productM)
        same(try modulus.fromMontgomery(productM), try (aR * bR).modulo(m), "montgomeryMultiply")
        var squareM: [UInt64] = []
        try modulus.montgomerySquare(aM, into: &squareM)
        same(try modulus.fromMontgomery(squareM), try (aR * aR).modulo(m), "montgomerySquare")
        // 5. Exponentiation.
        let want = try a.power(e, modulus: m)
        same(modulus.exponentiatePublic(base: a.limbs, exponent: e.limbs), want, "exponentiatePublic")
        same(modulus.exponentiateSecret(base: a.limbs, exponent: e.limbs), want, "exponentiateSecret")
        same(
            modulus.exponentiateSecret(base: padded(a, width), exponent: e.limbs + [0, 0]), want,
            "exponentiateSecret (exponent with leading zero limbs)")
    } catch {
        require(false, "unexpected error \(error) for m = \(m)")
    }
    return 0
}
