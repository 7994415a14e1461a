// Runs Vectors/bigint/bigint_tests.txt (made by Vectors/bigint/generate.py with Python integers
// as the oracle) against BigUInt.
import Testing
@_spi(Internals) @testable import PureBigNum

@Suite("BigUInt agrees with Python integers on the bigint vectors")
struct BigUIntVectorTests {
    static let blocks: [VectorBlock] = (try? loadVectorBlocks("bigint/bigint_tests.txt")) ?? []

    /// The blocks of one kind; fails the test when there are fewer than `minimum`, so an
    /// unreadable or truncated file cannot pass by checking nothing.
    func blocks(_ kind: String, minimum: Int) -> [VectorBlock] {
        let selected = Self.blocks.filter { $0.kind == kind }
        #expect(selected.count >= minimum, "only \(selected.count) \(kind) blocks in the vector file")
        return selected
    }

    @Test("every value in the file parses as hex and prints back as the same minimal hex")
    func hexRoundTrip() throws {
        #expect(Self.blocks.count > 1000)
        for block in Self.blocks {
            for (key, text) in block.fields where key != "N" && key != "AddBacks" && key != "Decimal" {
                #expect(try BigUInt(hex: text).hexString == text, "\(block) field \(key)")
            }
        }
    }

    @Test("sums match, in both orders, and subtracting an addend gives the other")
    func sums() throws {
        for block in blocks("Sum", minimum: 100) {
            let a = try block.number("A"), b = try block.number("B"), sum = try block.number("Sum")
            #expect(a + b == sum, "\(block)")
            #expect(b + a == sum, "\(block)")
            var c = a
            c += b
            #expect(c == sum, "\(block)")
            #expect(sum - a == b, "\(block)")
            #expect(try sum.subtracting(b) == a, "\(block)")
            let (difference, overflow) = sum.subtractingReportingOverflow(a)
            #expect(!overflow && difference == b, "\(block)")
        }
    }

    @Test("products match in both orders")
    func products() throws {
        for block in blocks("Product", minimum: 100) {
            let a = try block.number("A"), b = try block.number("B"), product = try block.number("Product")
            #expect(a * b == product, "\(block)")
            #expect(b * a == product, "\(block)")
            var c = a
            c *= b
            #expect(c == product, "\(block)")
        }
    }

    @Test("quotients and remainders match divmod, and Knuth D adds back exactly where Python's model does")
    func quotients() throws {
        let selected = blocks("Quotient", minimum: 300)
        var addBackBlocks = 0
        for block in selected {
            let a = try block.number("A"), b = try block.number("B")
            let (q, r) = try a.quotientAndRemainder(dividingBy: b)
            #expect(q == (try block.number("Quotient")), "\(block)")
            #expect(r == (try block.number("Remainder")), "\(block)")
            #expect(try a.modulo(b) == r, "\(block)")
            let expectedAddBacks = try block.integer("AddBacks")
            #expect(BigUInt.divide(a, by: b).addBacks == expectedAddBacks, "\(block)")
            if expectedAddBacks > 0 { addBackBlocks += 1 }
        }
        #expect(addBackBlocks >= 20, "the file should hold at least 20 divisions that reach step D6")
    }

    @Test("left and right shifts match, and a negative count shifts the other way")
    func shifts() throws {
        for block in blocks("LShift", minimum: 80) {
            let a = try block.number("A"), n = try block.integer("N"), expected = try block.number("LShift")
            #expect(a << n == expected, "\(block)")
            #expect(a >> -n == expected, "\(block)")
            var c = a
            c <<= n
            #expect(c == expected, "\(block)")
        }
        for block in blocks("RShift", minimum: 80) {
            let a = try block.number("A"), n = try block.integer("N"), expected = try block.number("RShift")
            #expect(a >> n == expected, "\(block)")
            #expect(a << -n == expected, "\(block)")
            var c = a
            c >>= n
            #expect(c == expected, "\(block)")
        }
    }

    @Test("gcd and lcm match math.gcd, in both argument orders")
    func gcdAndLcm() throws {
        for block in blocks("GCD", minimum: 40) {
            let a = try block.number("A"), b = try block.number("B")
            #expect(BigUInt.gcd(a, b) == (try block.number("GCD")), "\(block)")
            #expect(BigUInt.gcd(b, a) == (try block.number("GCD")), "\(block)")
            #expect(BigUInt.lcm(a, b) == (try block.number("LCM")), "\(block)")
        }
    }

    @Test("modular inverses match pow(a, -1, m), and pairs sharing a factor throw noInverse")
    func inverses() throws {
        for block in blocks("ModInv", minimum: 50) {
            let a = try block.number("A"), m = try block.number("M")
            #expect(try a.inverse(modulo: m) == (try block.number("ModInv")), "\(block)")
        }
        for block in blocks("NoModInv", minimum: 10) {
            let a = try block.number("A"), m = try block.number("M")
            #expect(throws: BigNumError.noInverse, "\(block)") { try a.inverse(modulo: m) }
        }
    }

    @Test("modular powers match pow(a, e, m), even moduli and m = 1 included")
    func powers() throws {
        for block in blocks("ModExp", minimum: 40) {
            let a = try block.number("A"), e = try block.number("E"), m = try block.number("M")
            #expect(try a.power(e, modulus: m) == (try block.number("ModExp")), "\(block)")
        }
    }

    @Test("integer square roots match math.isqrt")
    func squareRoots() throws {
        for block in blocks("Sqrt", minimum: 30) {
            #expect(try block.number("A").isqrt() == (try block.number("Sqrt")), "\(block)")
        }
    }

    @Test("decimal text matches Python's str() both ways")
    func decimals() throws {
        for block in blocks("Decimal", minimum: 30) {
            let a = try block.number("A")
            let text = try #require(block.fields["Decimal"], "\(block)")
            #expect(a.description == text, "\(block)")
            #expect(try BigUInt(decimal: text) == a, "\(block)")
        }
    }
}
