// Field (mod p) and scalar (mod n) arithmetic against Python's integers.
import Testing
@_spi(Internals) import PureBigNum
@testable import PureP256

@Suite("P-256 field and scalar arithmetic")
struct ArithmeticTests {
    /// Operands: the edge values 0, 1, 2, m − 1, m − 2, 2^255 and seeded random values below m.
    static func operands(modulusHex: String, count: Int, seed: UInt64) throws -> [Limbs256] {
        let m = try Limbs256(hex: modulusHex)
        var generator = SeededGenerator(seed: seed)
        var values: [Limbs256] = [
            .zero, Limbs256(1, 0, 0, 0), Limbs256(2, 0, 0, 0),
            modularSubtract(.zero, Limbs256(1, 0, 0, 0), m),
            modularSubtract(.zero, Limbs256(2, 0, 0, 0), m),
            Limbs256(0, 0, 0, 1 << 63),
        ]
        // Values with long runs of ones, where the reduction's carries travel furthest (kept
        // when below m).
        let dense = [
            Limbs256(.max, .max, .max, 0xFFFF_FFFF_0000_0000), Limbs256(.max, 0, .max, 0xFFFF_FFFF_0000_0000),
            Limbs256(0, .max, 0, 0xFFFF_FFFF_0000_0000), Limbs256(.max, .max, .max, 0x7FFF_FFFF_FFFF_FFFF),
        ]
        values += dense.filter { $0.lessThanWord(m) == 1 }
        while values.count < count {
            let v = Limbs256(bigEndian: generator.bytes(32))
            if v.lessThanWord(m) == 1 { values.append(v) }
        }
        return values
    }

    @Test("field +, −, ·, squaring, inverse and square root agree with Python's integers mod p")
    func fieldAgreesWithPython() throws {
        let a = try Self.operands(modulusHex: Curve.p, count: 120, seed: 1)
        let b = try Self.operands(modulusHex: Curve.p, count: 120, seed: 2).reversed()
        let pairs = Array(zip(a, b))
        let input = pairs.map { "\($0.0.hexString) \($0.1.hexString)" }.joined(separator: "\n")
        let expected = try runPython(
            pythonReference + """
                for line in sys.stdin:
                    x, y = (int(v, 16) for v in line.split())
                    r = pow(x, (p + 1) // 4, p)
                    root = "%064x" % r if r * r % p == x else "none"
                    print("%064x %064x %064x %064x %064x %s" % ((x + y) % p, (x - y) % p, x * y % p, x * x % p, pow(x, p - 2, p), root))
                """, input: input)
        #expect(expected.count == pairs.count)
        for ((x, y), line) in zip(pairs, expected) {
            let fx = FieldElement(reduced: x), fy = FieldElement(reduced: y)
            let root = fx.squareRoot().map { hex($0.bigEndianBytes) }
            // Either root is a root; Python gives x^((p+1)/4), which is what we compute too.
            let got = [fx + fy, fx - fy, fx * fy, fx.squared(), fx.inverse()].map { hex($0.bigEndianBytes) } + [root ?? "none"]
            #expect(got.joined(separator: " ") == line, "x = \(x.hexString), y = \(y.hexString)")
        }
    }

    @Test("scalar +, −, ·, inverse and reduction agree with Python's integers mod n")
    func scalarsAgreeWithPython() throws {
        let a = try Self.operands(modulusHex: Curve.n, count: 120, seed: 3)
        let b = try Self.operands(modulusHex: Curve.n, count: 120, seed: 4).reversed()
        var generator = SeededGenerator(seed: 5)
        // Unreduced 256-bit values, as digests are, including 2^256 − 1 and n itself.
        let wide =
            try [Limbs256(hex: "ff" + String(repeating: "ff", count: 31)), Limbs256(hex: Curve.n)]
            + (0..<118).map { _ in Limbs256(bigEndian: generator.bytes(32)) }
        let rows = Array(zip(zip(a, b), wide))
        let input = rows.map { "\($0.0.0.hexString) \($0.0.1.hexString) \($0.1.hexString)" }.joined(separator: "\n")
        let expected = try runPython(
            pythonReference + """
                for line in sys.stdin:
                    x, y, w = (int(v, 16) for v in line.split())
                    print("%064x %064x %064x %064x %064x" % ((x + y) % n, (x - y) % n, x * y % n, pow(x, n - 2, n), w % n))
                """, input: input)
        #expect(expected.count == rows.count)
        for (((x, y), w), line) in zip(rows, expected) {
            let sx = Scalar(reduced: x), sy = Scalar(reduced: y)
            let got = [sx + sy, sx - sy, sx * sy, sx.inverse(), Scalar(reducing: w)].map { hex($0.bigEndianBytes) }
            #expect(got.joined(separator: " ") == line, "x = \(x.hexString), y = \(y.hexString)")
        }
    }

    @Test("byte decoding refuses values not below the modulus, and scalar decoding refuses 0")
    func decodingRanges() throws {
        #expect(FieldElement(bigEndianBytes: try hexBytes(Curve.p)) == nil)
        #expect(FieldElement(bigEndianBytes: [UInt8](repeating: 0xFF, count: 32)) == nil)
        #expect(FieldElement(bigEndianBytes: [UInt8](repeating: 0, count: 31)) == nil)
        let pMinusOne = try hexBytes("ffffffff00000001000000000000000000000000fffffffffffffffffffffffe")
        #expect(FieldElement(bigEndianBytes: pMinusOne).map { $0.bigEndianBytes } == pMinusOne)
        #expect(Scalar(nonZeroBigEndianBytes: try hexBytes(Curve.n)) == nil)
        #expect(Scalar(nonZeroBigEndianBytes: [UInt8](repeating: 0, count: 32)) == nil)
        let nMinusOne = try hexBytes("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550")
        #expect(Scalar(nonZeroBigEndianBytes: nMinusOne).map { $0.bigEndianBytes } == nMinusOne)
    }
}
