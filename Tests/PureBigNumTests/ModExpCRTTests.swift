// The CRT recombination an RSA signer does, built from the constant-time pieces, against
// BigUInt's (independent, variable-time) arithmetic.
import Testing
@_spi(Internals) @testable import PureBigNum

@Suite struct ModExpCRTTests {
    /// m1 = c^d mod p, m2 = c^d mod q, h = qInv·(m1 − m2) mod p, m = m2 + h·q equals c^d mod pq
    /// for coprime odd p and q (primality is not needed for the identity).
    @Test(arguments: [(2, 2), (3, 2), (2, 5), (8, 8), (16, 16)])
    func crtRecombinationFromTheConstantTimePiecesMatchesBigUInt(pLimbs: Int, qLimbs: Int) throws {
        var random = SeededGenerator(seed: 0xC27 &+ UInt64(pLimbs * 100 + qLimbs))
        var checked = 0
        while checked < 3 {
            let pValue = BigUInt(limbs: random.oddModulus(limbs: pLimbs))
            let qValue = BigUInt(limbs: random.oddModulus(limbs: qLimbs))
            guard BigUInt.gcd(pValue, qValue) == BigUInt(1) else { continue }
            let p = try Modulus(pValue)
            let q = try Modulus(qValue)
            let n = pValue * qValue
            let c = try BigUInt(limbs: random.limbs(pLimbs + qLimbs)).modulo(n)
            let d = BigUInt(limbs: random.limbs(pLimbs + qLimbs))
            let qInv = try qValue.inverse(modulo: pValue)

            let dLimbs = Limbs.zeroExtended(d.limbs, to: pLimbs + qLimbs)
            let cLimbs = Limbs.zeroExtended(c.limbs, to: pLimbs + qLimbs)
            let m1 = p.exponentiateSecret(base: cLimbs, exponent: dLimbs)
            let m2 = q.exponentiateSecret(base: cLimbs, exponent: dLimbs)
            let m2ModP = p.reduce(m2)
            let h = try p.multiply(Limbs.zeroExtended(qInv.limbs, to: pLimbs), try p.subtract(m1, m2ModP))
            let m = Limbs.add(Limbs.multiply(h, q.limbs), m2)

            #expect(BigUInt(limbs: m) == (try c.power(d, modulus: n)))
            #expect(BigUInt(limbs: m1) == (try c.power(d, modulus: pValue)))
            #expect(p.value == pValue)
            checked += 1
        }
    }

    @Test func constantTimeExponentiationMatchesBigUIntOnRandomInputs() throws {
        var random = SeededGenerator(seed: 0xB16)
        for count in [1, 2, 4, 9, 16] {
            let m = try Modulus(limbs: random.oddModulus(limbs: count))
            let base = random.limbs(3 * count + 1)  // wider than 2n: the folding path of reduce
            let exponent = random.limbs(count)
            let expected = try BigUInt(limbs: base).power(BigUInt(limbs: exponent), modulus: m.value)
            #expect(BigUInt(limbs: m.exponentiateSecret(base: base, exponent: exponent)) == expected)
            #expect(BigUInt(limbs: m.reduce(base)) == (try BigUInt(limbs: base).modulo(m.value)))
        }
    }
}
