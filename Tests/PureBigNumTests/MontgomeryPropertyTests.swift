// Properties of the Montgomery layer on random inputs (seeded, so failures reproduce).
import Testing
@_spi(Internals) @testable import PureBigNum

@Suite struct MontgomeryPropertyTests {
    @Test(arguments: [1, 2, 3, 5, 16, 17, 32])
    func constantTimeAndPublicExponentiationAgree(limbs count: Int) throws {
        var random = SeededGenerator(seed: 0xC0FFEE &+ UInt64(count))
        for _ in 0..<4 {
            let m = try Modulus(limbs: random.oddModulus(limbs: count))
            let base = random.limbs(count)
            let exponent = random.limbs(count <= 5 ? count : 2)
            let secret = m.exponentiateSecret(base: base, exponent: exponent)
            let open = m.exponentiatePublic(base: base, exponent: exponent)
            #expect(secret == open)
            // Leading zero limbs on the exponent change the work, not the result.
            #expect(m.exponentiateSecret(base: base, exponent: exponent + [0, 0]) == secret)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6])
    func everyWindowWidthGivesTheSameResult(windowBits: Int) throws {
        var random = SeededGenerator(seed: 0x57_1D0E)
        for count in [1, 3, 8] {
            let m = try Modulus(limbs: random.oddModulus(limbs: count))
            let base = random.below(m.limbs)
            let exponent = random.limbs(3)
            let expected = m.exponentiatePublic(base: base, exponent: exponent)
            #expect(m.exponentiateSecret(base: base, exponent: exponent, windowBits: windowBits) == expected)
        }
    }

    @Test(arguments: [16, 24, 32, 48, 64])
    func specialisedKernelsAgreeWithTheGenericOne(limbs n: Int) throws {
        var random = SeededGenerator(seed: 0x5EC1A1 &+ UInt64(n))
        let m = random.oddModulus(limbs: n)
        let m0inv = Modulus.negativeInverse(of: m[0])
        for _ in 0..<8 {
            var a = random.limbs(n)
            var b = random.limbs(n)
            a[n - 1] = m[n - 1] >> 1  // a, b < m
            b[n - 1] = m[n - 1] >> 2
            var special = [UInt64](repeating: 0, count: n)
            var generic = [UInt64](repeating: 1, count: n)
            var scratch = [UInt64](repeating: 0, count: 2 * n)
            let specialMultiply: [Int: (MutableLimbs, Limbs64, Limbs64, Limbs64, UInt64, MutableLimbs) -> Void] =
                [16: montgomeryMultiply16, 24: montgomeryMultiply24, 32: montgomeryMultiply32, 48: montgomeryMultiply48, 64: montgomeryMultiply64]
            let specialSquare: [Int: (MutableLimbs, Limbs64, Limbs64, UInt64, MutableLimbs) -> Void] =
                [16: montgomerySquare16, 24: montgomerySquare24, 32: montgomerySquare32, 48: montgomerySquare48, 64: montgomerySquare64]
            specialMultiply[n]!(&special, a, b, m, m0inv, &scratch)
            montgomeryMultiplyGeneric(&generic, a, b, m, m0inv, &scratch, n)
            #expect(special == generic)
            specialSquare[n]!(&special, a, m, m0inv, &scratch)
            montgomerySquareGeneric(&generic, a, m, m0inv, &scratch, n)
            #expect(special == generic)
            // And squaring agrees with multiplying a value by itself.
            montgomeryMultiplyGeneric(&special, a, a, m, m0inv, &scratch, n)
            #expect(special == generic)
        }
    }

    @Test(arguments: [1, 2, 7, 16, 33])
    func valuesSurviveARoundTripThroughTheMontgomeryDomain(limbs n: Int) throws {
        var random = SeededGenerator(seed: 0x20_0D7 &+ UInt64(n))
        let m = try Modulus(limbs: random.oddModulus(limbs: n))
        for _ in 0..<8 {
            let a = random.below(m.limbs)
            let inside = try m.toMontgomery(a)
            #expect(try m.fromMontgomery(inside) == a)
            // Products inside the domain come out as the plain modular product.
            let b = random.limbs(n)
            var product: [UInt64] = []
            try m.montgomeryMultiply(inside, try m.toMontgomery(b), into: &product)
            #expect(try m.fromMontgomery(product) == (try m.multiply(a, b)))
            try m.montgomerySquare(inside, into: &product)
            #expect(try m.fromMontgomery(product) == (try m.multiply(a, a)))
        }
    }

    @Test(arguments: [1, 2, 3, 16])
    func reductionOfValuesOfAnyWidthIsTheSameAsFoldingThem(limbs n: Int) throws {
        var random = SeededGenerator(seed: 0xF01D &+ UInt64(n))
        let m = try Modulus(limbs: random.oddModulus(limbs: n))
        for width in [0, 1, n, 2 * n, 2 * n + 1, 3 * n, 5 * n + 1] {
            let value = random.limbs(width)
            // value = high·2^64 + low0, so value mod m = (high mod m)·2^64 + low0 mod m.
            let high = m.reduce(Array(value.dropFirst()))
            let expected = m.reduce(Limbs.add(Limbs.multiply(high, [0, 1]), Array(value.prefix(1))))
            #expect(m.reduce(value) == expected, "width \(width)")
            // And against an independent oracle: BigUInt's long division (Knuth D).
            let oracle = try BigUInt(limbs: value).modulo(m.value)
            #expect(BigUInt(limbs: m.reduce(value)) == oracle, "width \(width)")
        }
    }

    @Test(arguments: [1, 2, 5, 16, 32])
    func reductionOfWideValuesMatchesMultiplication(limbs n: Int) throws {
        var random = SeededGenerator(seed: 0x0DD5 &+ UInt64(n))
        let m = try Modulus(limbs: random.oddModulus(limbs: n))
        for _ in 0..<8 {
            let a = random.below(m.limbs)
            let b = random.limbs(n)
            // The 2n-limb product reduced equals the modular product.
            #expect(m.reduce(Limbs.multiply(a, b)) == (try m.multiply(a, b)))
            // Adding a multiple of m changes nothing: (a + k·m) mod m = a.
            let k = random.limbs(n - 1 > 0 ? n - 1 : 1)
            let wide = Limbs.add(Limbs.multiply(k, m.limbs), a)
            #expect(m.reduce(wide) == a)
        }
    }

    @Test func modularAdditionAndSubtractionUndoEachOther() throws {
        var random = SeededGenerator(seed: 0xADD5)
        for n in [1, 2, 16, 24] {
            let m = try Modulus(limbs: random.oddModulus(limbs: n))
            for _ in 0..<8 {
                let a = random.below(m.limbs)
                var b = random.limbs(n)
                b[n - 1] = m.limbs[n - 1] - 1  // b < m, and a + b > m: the sum wraps, a − b borrows
                let sum = try m.add(a, b)
                // Against an independent oracle: BigUInt's arithmetic and long division.
                let (bigA, bigB, bigM) = (BigUInt(limbs: a), BigUInt(limbs: b), m.value)
                #expect(BigUInt(limbs: sum) == (try (bigA + bigB).modulo(bigM)))
                #expect(BigUInt(limbs: try m.subtract(a, b)) == (try (bigA + bigM - bigB).modulo(bigM)))
                #expect(BigUInt(limbs: try m.subtract(b, a)) == bigB - bigA)
                #expect(try m.subtract(sum, b) == a)
                #expect(try m.subtract(a, a) == [UInt64](repeating: 0, count: n))
                #expect(try m.add(try m.subtract(a, b), b) == a)
            }
        }
    }
}

@Suite struct ModulusValidationTests {
    @Test func evenZeroAndOneAreRejectedWithTheirOwnErrors() {
        #expect(throws: BigNumError.evenModulus) { try Modulus(limbs: [10]) }
        #expect(throws: BigNumError.evenModulus) { try Modulus(bigEndianBytes: [1, 0, 0, 0, 0, 0, 0, 0, 0]) }
        #expect(throws: BigNumError.modulusTooSmall) { try Modulus(limbs: []) }
        #expect(throws: BigNumError.modulusTooSmall) { try Modulus(limbs: [0, 0]) }
        #expect(throws: BigNumError.modulusTooSmall) { try Modulus(bigEndianBytes: [0, 1]) }
        #expect(throws: BigNumError.operandTooWide(limbs: 257, maximum: 256)) {
            try Modulus(limbs: [UInt64](repeating: 1, count: 257))
        }
    }

    @Test func sizeAndBitLengthAreThoseOfTheNormalisedModulus() throws {
        let m = try Modulus(bigEndianBytes: [0, 0, 0x01, 0, 0, 0, 0, 0, 0, 0, 0x03])
        #expect(m.limbCount == 2)
        #expect(m.bitLength == 65)
        #expect(m.limbs == [3, 1])
        #expect(m.bigEndianBytes() == [0x01, 0, 0, 0, 0, 0, 0, 0, 0x03])
        #expect(try Modulus(limbs: [3, 0, 0]).limbCount == 1)
    }

    @Test func tooWideOperandsThrowInsteadOfTrapping() throws {
        let m = try Modulus(limbs: [0xFFFF_FFFF_FFFF_FFC5, 7])
        // Bases of any width are reduced first, so the exponentiations have no size to refuse.
        let wide = [UInt64](repeating: 1, count: 5)
        #expect(m.exponentiateSecret(base: wide, exponent: [3]) == m.exponentiatePublic(base: m.reduce(wide), exponent: [3]))
        #expect(throws: BigNumError.operandTooWide(limbs: 3, maximum: 2)) { try m.add([1, 2, 3], [1]) }
        #expect(throws: BigNumError.operandTooWide(limbs: 3, maximum: 2)) { try m.subtract([1], [1, 2, 3]) }
        #expect(throws: BigNumError.operandTooWide(limbs: 3, maximum: 2)) { try m.multiply([1, 2, 3], [1]) }
        var out: [UInt64] = []
        #expect(throws: BigNumError.operandTooWide(limbs: 3, maximum: 2)) { try m.montgomeryMultiply([1, 2, 3], [1], into: &out) }
        #expect(throws: BigNumError.operandTooWide(limbs: 3, maximum: 2)) { try m.montgomerySquare([1, 2, 3], into: &out) }
        // Empty operands are zero.
        #expect(m.exponentiateSecret(base: [], exponent: []) == [1, 0])
        #expect(m.exponentiateSecret(base: [], exponent: [5]) == [0, 0])
    }
}

@Suite struct LimbsTests {
    @Test func bytesAndLimbsConvertBothWays() throws {
        let bytes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0A]
        let limbs = Limbs.fromBigEndianBytes(bytes)
        #expect(limbs == [0x0304_0506_0708_090A, 0x0102])
        #expect(try Limbs.bigEndianBytes(limbs, count: 10) == bytes)
        #expect(try Limbs.bigEndianBytes(limbs, count: 12) == [0, 0] + bytes)
        // The error names the bytes the value needs (10), not the width of its limb array (16).
        #expect(throws: BigNumError.valueTooWide(bytes: 10, maximum: 9)) { try Limbs.bigEndianBytes(limbs, count: 9) }
        #expect(throws: BigNumError.valueTooWide(bytes: 9, maximum: 8)) { try Limbs.bigEndianBytes([0, 1, 0, 0], count: 8) }
        #expect(throws: BigNumError.valueTooWide(bytes: 32, maximum: 31)) { try Limbs.bigEndianBytes([0, 0, 0, 1 << 63], count: 31) }
        #expect(Limbs.fromBigEndianBytes([UInt8]()) == [])
    }

    @Test func comparisonsAnswerAsNumbers() {
        #expect(Limbs.isLess([5], [6, 0]).declassified())
        #expect(!Limbs.isLess([6], [6]).declassified())
        #expect(Limbs.isLess([UInt64.max], [0, 1]).declassified())
        #expect(!Limbs.isLess([0, 1], [UInt64.max]).declassified())
        #expect(Limbs.isEqual([7, 0, 0], [7]).declassified())
        #expect(!Limbs.isEqual([7, 1], [7]).declassified())
        #expect(Limbs.select(.yes, [1, 2], [3]) == [1, 2])
        #expect(Limbs.select(.no, [1, 2], [3]) == [3, 0])
    }

    @Test func plainAdditionAndMultiplicationCarryAcrossLimbs() {
        #expect(Limbs.add([UInt64.max, UInt64.max], [1]) == [0, 0, 1])
        // (2^64 − 1)² = 2^128 − 2^65 + 1
        #expect(Limbs.multiply([UInt64.max], [UInt64.max]) == [1, UInt64.max - 1])
        #expect(Limbs.multiply([UInt64.max, UInt64.max], [UInt64.max]) == [1, UInt64.max, UInt64.max - 1])
        #expect(Limbs.multiply([], [3]) == [0])
    }

    @Test func choicesCombineLikeBooleans() {
        for a in [UInt64(0), 1, 2, UInt64.max] {
            for b in [UInt64(0), 1, 2, UInt64.max] {
                #expect(Choice.isEqual(a, b).declassified() == (a == b))
                #expect(Choice.isLess(a, b).declassified() == (a < b))
            }
            #expect(Choice.isZero(a).declassified() == (a == 0))
        }
        #expect(Choice.yes.mask == UInt64.max)
        #expect(Choice.no.mask == 0)
        #expect((Choice.yes & Choice.no).declassified() == false)
        #expect((Choice.yes | Choice.no).declassified() == true)
        #expect((!Choice.no).declassified() == true)
        #expect(Choice.yes.select(4, 5) == 4)
    }
}
