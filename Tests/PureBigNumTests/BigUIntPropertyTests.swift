// Algebraic properties of BigUInt on seeded random values of many shapes.
import Testing
@_spi(Internals) import PureBigNum

@Suite("BigUInt properties on seeded random values")
struct BigUIntPropertyTests {
    /// 2^k built limb by limb, so the shift tests do not use shifts to make their oracle.
    func powerOfTwo(_ k: Int) -> BigUInt {
        var limbs = [UInt64](repeating: 0, count: k / 64 + 1)
        limbs[k / 64] = UInt64(1) << UInt64(k % 64)
        return BigUInt(limbs: limbs)
    }

    @Test("division: quotient times divisor plus remainder is the dividend, and remainder < divisor")
    func divisionIdentity() throws {
        var rng = SeededGenerator(seed: 1)
        for _ in 0..<2000 {
            let a = rng.shapedValue(maxBits: 4200)
            var b = rng.shapedValue(maxBits: rng.next() % 2 == 0 ? 300 : 4200)
            if b.isZero { b = BigUInt(rng.next() | 1) }
            let (q, r) = try a.quotientAndRemainder(dividingBy: b)
            #expect(q * b + r == a, "a=\(a.hexString) b=\(b.hexString)")
            #expect(r < b, "a=\(a.hexString) b=\(b.hexString)")
        }
    }

    @Test("addition then subtraction gives back the first operand; subtracting more overflows")
    func addThenSubtract() throws {
        var rng = SeededGenerator(seed: 2)
        for _ in 0..<2000 {
            let a = rng.shapedValue(maxBits: 3000), b = rng.shapedValue(maxBits: 3000)
            #expect((a + b) - b == a)
            #expect(a + b >= a && a + b >= b)
            let (difference, overflow) = a.subtractingReportingOverflow(b)
            #expect(overflow == (a < b))
            if overflow {
                #expect(throws: BigNumError.negativeResult) { try a.subtracting(b) }
                #expect(difference.isZero)
            } else {
                #expect(difference + b == a)
            }
        }
    }

    @Test("multiplication distributes over addition and commutes")
    func multiplicationLaws() {
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<500 {
            let a = rng.shapedValue(maxBits: 1500), b = rng.shapedValue(maxBits: 1500)
            let c = rng.shapedValue(maxBits: 1500)
            #expect(a * (b + c) == a * b + a * c)
            #expect(a * b == b * a)
        }
    }

    @Test("shifting left by k multiplies by 2^k; shifting right by k divides by 2^k")
    func shiftsArePowersOfTwo() throws {
        var rng = SeededGenerator(seed: 4)
        for _ in 0..<1000 {
            let a = rng.shapedValue(maxBits: 2000)
            let k = rng.int(through: 700)
            let p = powerOfTwo(k)
            #expect(a << k == a * p, "k=\(k)")
            #expect(a >> k == (try a.quotientAndRemainder(dividingBy: p)).quotient, "k=\(k)")
            #expect((a << k) >> k == a)
            #expect(a << -k == a >> k)
        }
        // Counts far out of range never trap: they give zero (or the value itself for zero).
        let a = rng.shapedValue(maxBits: 500)
        #expect(a >> Int.max == BigUInt())
        #expect(a << Int.min == BigUInt())
        #expect(BigUInt() << Int.max == BigUInt())
        #expect(BigUInt() >> Int.min == BigUInt())
    }

    @Test("bit(at:), bitLength and trailingZeroBitCount agree with shifts")
    func bitQueries() {
        var rng = SeededGenerator(seed: 5)
        for _ in 0..<300 {
            let a = rng.shapedValue(maxBits: 700)
            #expect(!a.bit(at: -1) && !a.bit(at: Int.min) && !a.bit(at: Int.max))
            for i in stride(from: 0, to: 710, by: 7) {
                #expect(a.bit(at: i) == (a >> i).isOdd, "bit \(i)")
            }
            if a.isZero {
                #expect(a.bitLength == 0 && a.trailingZeroBitCount == 0)
            } else {
                #expect(a >> a.bitLength == BigUInt() && a >> (a.bitLength - 1) == BigUInt(1))
                let tz = a.trailingZeroBitCount
                #expect((a >> tz).isOdd && (a >> tz) << tz == a)
            }
        }
    }

    @Test("bytes, hex and decimal round-trip; width padding pads and refuses too-small widths")
    func textAndBytesRoundTrip() throws {
        var rng = SeededGenerator(seed: 6)
        for _ in 0..<500 {
            let a = rng.shapedValue(maxBits: 4200)
            let bytes = a.bigEndianBytes()
            #expect(BigUInt(bigEndianBytes: bytes) == a)
            #expect(bytes.first != 0)
            #expect(bytes.count == (a.bitLength + 7) / 8)
            let padding = rng.int(through: 9)
            let padded = try a.bigEndianBytes(width: bytes.count + padding)
            #expect(padded == [UInt8](repeating: 0, count: padding) + bytes)
            #expect(BigUInt(bigEndianBytes: padded) == a)
            #expect(BigUInt(bigEndianBytes: padded.dropFirst(padding)) == a)  // a slice
            #expect(BigUInt(bigEndianBytes: padded.lazy.map { $0 }) == a)  // not contiguous
            if !bytes.isEmpty {
                #expect(throws: BigNumError.valueTooWide(bytes: bytes.count, maximum: bytes.count - 1)) {
                    try a.bigEndianBytes(width: bytes.count - 1)
                }
            }
            #expect(try BigUInt(hex: a.hexString) == a)
            #expect(try BigUInt(hex: "0x" + a.hexString.uppercased()) == a)
            #expect(try BigUInt(hex: "000" + a.hexString) == a)
            #expect(try BigUInt(decimal: a.description) == a)
            #expect(try BigUInt(decimal: "00" + a.description) == a)
        }
    }

    @Test("the inverse times the value is 1 modulo m; a value sharing a factor with m has none")
    func inverses() throws {
        var rng = SeededGenerator(seed: 7)
        var checked = 0
        for _ in 0..<400 {
            let m = rng.shapedValue(maxBits: 2100)
            let a = rng.shapedValue(maxBits: 2100)
            guard m > BigUInt(1) else { continue }
            if BigUInt.gcd(a, m) == BigUInt(1) {
                let inverse = try a.inverse(modulo: m)
                #expect(inverse < m && !inverse.isZero)
                #expect(try (a * inverse).modulo(m) == BigUInt(1))
                checked += 1
            } else {
                #expect(throws: BigNumError.noInverse) { try a.inverse(modulo: m) }
            }
        }
        #expect(checked > 50)
    }

    @Test("gcd divides both operands and lcm · gcd = a · b")
    func gcdLaws() throws {
        var rng = SeededGenerator(seed: 8)
        for _ in 0..<300 {
            let common = rng.shapedValue(maxBits: 200)
            let a = rng.shapedValue(maxBits: 1000) * common, b = rng.shapedValue(maxBits: 1000) * common
            let g = BigUInt.gcd(a, b)
            if g.isZero {
                #expect(a.isZero && b.isZero)
                continue
            }
            #expect(try a.modulo(g).isZero && b.modulo(g).isZero)
            let cofactorA = try a.quotientAndRemainder(dividingBy: g).quotient
            let cofactorB = try b.quotientAndRemainder(dividingBy: g).quotient
            #expect(BigUInt.gcd(cofactorA, cofactorB) == BigUInt(1))
            #expect(BigUInt.lcm(a, b) * g == a * b)
        }
    }

    @Test("power agrees with repeated multiplication for small exponents")
    func powerMatchesRepeatedMultiplication() throws {
        var rng = SeededGenerator(seed: 9)
        for _ in 0..<200 {
            var m = rng.shapedValue(maxBits: 1100)
            if m.isZero { m = BigUInt(1) }
            let a = rng.shapedValue(maxBits: 1200)
            let e = rng.int(through: 20)
            var expected = BigUInt(1)
            for _ in 0..<e { expected *= a }
            #expect(try a.power(BigUInt(UInt64(e)), modulus: m) == expected.modulo(m), "e=\(e)")
        }
    }

    @Test("isqrt is the largest r with r² ≤ a")
    func squareRootBounds() {
        var rng = SeededGenerator(seed: 10)
        for _ in 0..<300 {
            let a = rng.shapedValue(maxBits: 3000)
            let r = a.isqrt()
            #expect(r * r <= a)
            #expect((r + BigUInt(1)) * (r + BigUInt(1)) > a)
        }
    }

    @Test("random(bitLength:) stays within the bits and forces the top bit when asked")
    func randomBitLength() {
        var rng = SeededGenerator(seed: 11)
        var sawTopBitClear = false
        for bits in [1, 2, 63, 64, 65, 127, 128, 129, 1000, 2048] {
            for _ in 0..<40 {
                let free = BigUInt.random(bitLength: bits, using: &rng)
                #expect(free.bitLength <= bits)
                if free.bitLength < bits { sawTopBitClear = true }
                let top = BigUInt.random(bitLength: bits, using: &rng, topBitSet: true)
                #expect(top.bitLength == bits)
            }
        }
        #expect(sawTopBitClear)
        #expect(BigUInt.random(bitLength: 0, using: &rng, topBitSet: true).isZero)
        #expect(BigUInt.random(bitLength: -5, using: &rng).isZero)
    }

    @Test("random(below:) is always below the bound and reaches both ends of a small range")
    func randomBelow() throws {
        var rng = SeededGenerator(seed: 12)
        for _ in 0..<200 {
            var bound = rng.shapedValue(maxBits: 1500)
            if bound.isZero { bound = BigUInt(1) }
            #expect(try BigUInt.random(below: bound, using: &rng) < bound)
        }
        var seen = Set<BigUInt>()
        for _ in 0..<200 { seen.insert(try BigUInt.random(below: BigUInt(5), using: &rng)) }
        #expect(seen == Set((0..<5).map { BigUInt(UInt64($0)) }))
        #expect(try BigUInt.random(below: BigUInt(1), using: &rng).isZero)
        #expect(throws: BigNumError.emptyRange) { try BigUInt.random(below: BigUInt(), using: &rng) }
    }
}
