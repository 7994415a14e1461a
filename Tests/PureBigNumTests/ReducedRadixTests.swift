// The reduced-radix kernels (lazy reduction below 2m; 17 limbs of 61 bits generated, any shape
// in loops) against BigUInt, and the reduced-radix ladder against the 64-bit one, including
// inputs at the 2m − 1 bound and moduli near 2^(64n−1) and 2^(64n) − 1.
import Testing
@_spi(Internals) @testable import PureBigNum

typealias UnrolledMultiply = (MutableLimbs, Limbs64, Limbs64, Limbs64, UInt64, MutableLimbs) -> Void
typealias UnrolledSquare = (MutableLimbs, Limbs64, Limbs64, UInt64, MutableLimbs) -> Void

@Suite struct ReducedRadixTests {
    /// The value of radix-2^r limbs, summed by BigUInt (independent of the conversion code).
    static func value(_ limbs: [UInt64], _ r: Int) -> BigUInt {
        var total = BigUInt()
        for (k, limb) in limbs.enumerated() { total += BigUInt(limb) << (r * k) }
        return total
    }

    /// The `count` radix-2^r limbs of a BigUInt, by BigUInt shifts (independent of the conversion code).
    static func radixLimbs(_ x: BigUInt, _ count: Int, _ r: Int) -> [UInt64] {
        (0..<count).map { k in ((x >> (r * k)).limbs.first ?? 0) & ((1 << UInt64(r)) - 1) }
    }

    /// Moduli of n words: two random, the odd 2^(64n−1) + 0x1D and one more near it, and 2^(64n) − 1.
    static func moduli(_ random: inout SeededGenerator, words n: Int = 16) -> [[UInt64]] {
        var nearLow = [UInt64](repeating: 0, count: n)
        nearLow[0] = 0x1D
        nearLow[n - 1] = 1 << 63
        var nearLowPlus = nearLow
        nearLowPlus[1] = random.next()
        return [
            random.oddModulus(limbs: n), random.oddModulus(limbs: n), nearLow, nearLowPlus,
            [UInt64](repeating: .max, count: n),
        ]
    }

    static func constants(_ modulus: Modulus) -> ReducedRadixConstants {
        let shape = ReducedRadixConstants.shape(words: modulus.limbCount)
        return ReducedRadixConstants(
            limbCount: shape.limbCount, radixBits: shape.radixBits, m: modulus.limbs,
            m0inv64: modulus.m0inv, one64: modulus.one, rSquared64: modulus.rSquared)
    }

    @Test func shapesFollowTheColumnBound() {
        // r = ⌊(128 − log2(2L + 1)) / 2⌋ with r·L ≥ 64n + 2: issue 19's table.
        #expect(ReducedRadixConstants.shape(words: 16) == (17, 61))
        #expect(ReducedRadixConstants.shape(words: 24) == (26, 61))
        #expect(ReducedRadixConstants.shape(words: 32) == (35, 60))
        #expect(ReducedRadixConstants.shape(words: 64) == (69, 60))  // 2·69 + 1 = 139 ≤ 2^8
    }

    @Test(arguments: [16, 24, 32])
    func constantsAreTheReducedRadixFormsOfTheirDefinitions(words n: Int) throws {
        var random = SeededGenerator(seed: 0x61_C0 &+ UInt64(n))
        for limbs in ReducedRadixTests.moduli(&random, words: n) {
            let modulus = try Modulus(limbs: limbs)
            let c = ReducedRadixTests.constants(modulus)
            let (count, r) = (c.limbCount, c.radixBits)
            let m = modulus.value
            #expect(ReducedRadixTests.value(c.limbs, r) == m)
            #expect(c.limbs.count == count && c.limbs.allSatisfy { $0 >> UInt64(r) == 0 })
            // m0inv·m ≡ −1 (mod 2^r)
            #expect((c.m0inv &* c.limbs[0] &+ 1) & ((1 << UInt64(r)) - 1) == 0)
            #expect(ReducedRadixTests.value(c.one, r) == (try (BigUInt(1) << (r * count)).modulo(m)))
            #expect(ReducedRadixTests.value(c.rSquared, r) == (try (BigUInt(1) << (2 * r * count)).modulo(m)))
            // 4m < R' = 2^(r·L): the precondition of the lazy reduction.
            #expect(m << 2 < BigUInt(1) << (r * count))
        }
    }

    @Test func selectedOnlyForThe1024To2048BitModuliOf64BitTargets() throws {
        var random = SeededGenerator(seed: 0x5E1)
        for n in [16, 24, 32] {
            let modulus = try Modulus(limbs: random.oddModulus(limbs: n))
            #expect((modulus.reducedRadix != nil) == (UInt.bitWidth == 64))
        }
        for n in [15, 17, 64] {
            #expect(try Modulus(limbs: random.oddModulus(limbs: n)).reducedRadix == nil)
        }
    }

    /// The generated kernels (17, 26 and 35 limbs) against the loop kernels, and both against BigUInt.
    @Test(arguments: [16, 24, 32])
    func kernelsGiveAProductBelow2mCongruentToABOverR(words n: Int) throws {
        var random = SeededGenerator(seed: 0x61_61 &+ UInt64(n))
        for limbs in ReducedRadixTests.moduli(&random, words: n) {
            let modulus = try Modulus(limbs: limbs)
            let c = ReducedRadixTests.constants(modulus)
            let (count, r) = (c.limbCount, c.radixBits)
            let rPrime = BigUInt(1) << (r * count)
            let m = modulus.value
            let twoM = m << 1
            // Operands: random below 2m, and at the bound 2m − 1, m, m − 1, 0, 1.
            var operands: [BigUInt] = [twoM - 1, m, m - 1, BigUInt(), BigUInt(1), twoM - 2]
            for _ in 0..<8 {
                operands.append(try BigUInt(limbs: random.limbs(n + 1)).modulo(twoM))
            }
            var scratch = [UInt64](repeating: 0, count: count)
            for (index, x) in operands.enumerated() {
                let y = operands[(index * 7 + 3) % operands.count]
                let a = ReducedRadixTests.radixLimbs(x, count, r)
                let b = ReducedRadixTests.radixLimbs(y, count, r)
                var product = [UInt64](repeating: 0, count: count)
                var square = [UInt64](repeating: 0, count: count)
                reducedRadixMultiplyGeneric(&product, a, b, c.limbs, c.m0inv, &scratch, count, r)
                reducedRadixSquareGeneric(&square, a, c.limbs, c.m0inv, &scratch, count, r)
                for (out, expected) in [(product, x * y), (square, x * x)] {
                    let value = ReducedRadixTests.value(out, r)
                    #expect(value < twoM)
                    #expect(out.allSatisfy { $0 >> UInt64(r) == 0 })
                    #expect(try (value * rPrime).modulo(m) == (try expected.modulo(m)))
                }
                // Each generated kernel writes into a row filled with ones first, so a kernel that
                // wrote nothing could not pass on another kernel's result.
                #if arch(x86_64) || arch(arm64) || arch(riscv64)
                let generated: [(Int, UnrolledMultiply, UnrolledSquare)] = [
                    (16, reducedRadixMultiply17, reducedRadixSquare17),
                    (24, reducedRadixMultiply26, reducedRadixSquare26),
                    (32, reducedRadixMultiply35, reducedRadixSquare35),
                ]
                #else
                let generated: [(Int, UnrolledMultiply, UnrolledSquare)] = [
                    (16, reducedRadixMultiply17, reducedRadixSquare17)
                ]
                #endif
                for (words, multiplyKernel, squareKernel) in generated where words == n {
                    var unrolled = [UInt64](repeating: 1, count: count)
                    multiplyKernel(&unrolled, a, b, c.limbs, c.m0inv, &scratch)
                    #expect(unrolled == product)
                    unrolled = [UInt64](repeating: 1, count: count)
                    squareKernel(&unrolled, a, c.limbs, c.m0inv, &scratch)
                    #expect(unrolled == square)
                }
                // In place: out may be an operand.
                c.withArithmetic { arithmetic in
                    var inPlace = a
                    inPlace.withUnsafeMutableBufferPointer { p in arithmetic.square(p.baseAddress!, p.baseAddress!) }
                    #expect(inPlace == square)
                    inPlace = a
                    inPlace.withUnsafeMutableBufferPointer { p in
                        arithmetic.multiply(p.baseAddress!, p.baseAddress!, b)
                    }
                    #expect(inPlace == product)
                    inPlace = b
                    inPlace.withUnsafeMutableBufferPointer { p in
                        arithmetic.multiply(p.baseAddress!, a, p.baseAddress!)
                    }
                    #expect(inPlace == product)
                }
            }
        }
    }

    @Test func conversionsRoundTrip() throws {
        var random = SeededGenerator(seed: 0xC0_4E)
        for _ in 0..<16 {
            for (n, count, r) in [(16, 17, 61), (32, 35, 60)] {
                let x = random.limbs(n)
                var radix = [UInt64](repeating: 0, count: count)
                var back = [UInt64](repeating: 0, count: n)
                toReducedRadix(&radix, x, n, count, r)
                #expect(radix == ReducedRadixTests.radixLimbs(BigUInt(limbs: x), count, r))
                fromReducedRadix(&back, radix, count, n, r)
                #expect(back == x)
            }
        }
    }

    @Test(arguments: [(16, 1), (16, 5), (24, 5), (32, 5)])
    func ladderAgreesWithThe64BitLadder(words n: Int, windowBits w: Int) throws {
        var random = SeededGenerator(seed: 0x1AD_DE2 &+ UInt64(w) &+ UInt64(n) << 8)
        // Also a modulus whose top word is 1 (961 bits for 16 words): far below 2^(64n−1), 4m ≪ R'.
        var short = random.oddModulus(limbs: n)
        short[n - 1] = 1
        for limbs in ReducedRadixTests.moduli(&random, words: n) + [short] {
            let m = try Modulus(limbs: limbs)
            let c = ReducedRadixTests.constants(m)
            var mMinusOne = limbs
            mMinusOne[0] -= 1
            // An unreduced base too (2^(64n) − 1 ≥ m): the ladder's entry takes any n-word base.
            let bases = [
                random.below(limbs), mMinusOne, [UInt64](repeating: 0, count: n),
                [1] + [UInt64](repeating: 0, count: n - 1), [UInt64](repeating: .max, count: n),
            ]
            // One full-width exponent (the RSA-CRT shape), the rest short (debug builds are slow).
            let exponents = [random.limbs(n), [], [0], [1], [2], random.limbs(3)]
            for (i, base) in bases.enumerated() {
                for exponent in i == 0 ? exponents : Array(exponents.dropFirst()) {
                    let radix = m.exponentiateSecretReducedRadix(c, base: base, exponent: exponent, windowBits: w)
                    let plain = m.exponentiateSecret64(base: base, exponent: exponent, windowBits: w)
                    #expect(radix == plain)
                }
            }
        }
    }

    @Test func ladderAgreesWithBigUIntOnRandomInputs() throws {
        var random = SeededGenerator(seed: 0xB16_0A7)
        for limbs in ReducedRadixTests.moduli(&random) {
            let m = try Modulus(limbs: limbs)
            let base = random.below(limbs)
            let exponent = random.limbs(2)
            // Square-and-multiply with BigUInt's multiplication and long division.
            var expected = BigUInt(1)
            let b = BigUInt(limbs: base)
            for bit in stride(from: 127, through: 0, by: -1) {
                expected = try (expected * expected).modulo(m.value)
                if exponent[bit / 64] >> UInt64(bit % 64) & 1 == 1 { expected = try (expected * b).modulo(m.value) }
            }
            #expect(BigUInt(limbs: m.exponentiateSecret(base: base, exponent: exponent)) == expected)
        }
    }
}
