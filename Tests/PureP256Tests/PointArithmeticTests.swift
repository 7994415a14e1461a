// Point arithmetic against the slow affine reference over Python's integers (P256TestSupport).
import Testing
@_spi(Internals) import PureBigNum
@testable import PureP256

@Suite("P-256 point arithmetic")
struct PointArithmeticTests {
    /// Scalars: 0, 1, 2, 3, 15, 16, 17, n − 2, n − 1, n, 2^256 − 1 and seeded random ones.
    static func scalars(count: Int, seed: UInt64) throws -> [Limbs256] {
        var generator = SeededGenerator(seed: seed)
        var values = [
            Limbs256.zero, Limbs256(1, 0, 0, 0), Limbs256(2, 0, 0, 0), Limbs256(3, 0, 0, 0),
            Limbs256(15, 0, 0, 0), Limbs256(16, 0, 0, 0), Limbs256(17, 0, 0, 0),
            try Limbs256(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc63254f"),
            try Limbs256(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550"),
            try Limbs256(hex: Curve.n), try Limbs256(hex: String(repeating: "f", count: 64)),
        ]
        while values.count < count { values.append(Limbs256(bigEndian: generator.bytes(32))) }
        return values
    }

    @Test("G is on the curve and n·G is the identity, by both constant-time multiplications")
    func generatorOrder() throws {
        #expect(AffinePoint.generator.isOnCurve)
        let n = try Limbs256(hex: Curve.n)
        #expect(ProjectivePoint.generator.multiplied(bySecret: n).isIdentity.declassified())
        #expect(ProjectivePoint.generatorMultiplied(bySecret: n).isIdentity.declassified())
    }

    @Test("k·G (fixed-base and variable-base) matches the affine reference, k = 0, 1, n−2, n−1, n, random")
    func scalarMultiplication() throws {
        let ks = try Self.scalars(count: 24, seed: 11)
        let expected = try runPython(
            pythonReference + """
                for line in sys.stdin: print(show(mul(int(line, 16), G)))
                """, input: ks.map(\.hexString).joined(separator: "\n"))
        #expect(expected.count == ks.count)
        for (k, line) in zip(ks, expected) {
            #expect(ProjectivePoint.generatorMultiplied(bySecret: k).shown == line, "k = \(k.hexString)")
            #expect(ProjectivePoint.generator.multiplied(bySecret: k).shown == line, "k = \(k.hexString)")
        }
    }

    @Test("k·P for random points P, and u1·G + u2·Q (window and comb), match the affine reference")
    func variableBase() throws {
        var generator = SeededGenerator(seed: 12)
        let ks = try Self.scalars(count: 16, seed: 13)
        let rows = ks.map { k in (k, Limbs256(bigEndian: generator.bytes(32)), Limbs256(bigEndian: generator.bytes(32))) }
        let input = rows.map { "\($0.0.hexString) \($0.1.hexString) \($0.2.hexString)" }.joined(separator: "\n")
        let expected = try runPython(
            pythonReference + """
                for line in sys.stdin:
                    k, a, u = (int(v, 16) for v in line.split())
                    P = mul(a, G)
                    print(show(P) + "|" + show(mul(k, P)) + "|" + show(add(mul(u, G), mul(k, P))))
                """, input: input)
        #expect(expected.count == rows.count)
        for ((k, a, u), line) in zip(rows, expected) {
            let parts = line.split(separator: "|").map(String.init)
            let point = ProjectivePoint.generatorMultiplied(bySecret: a)
            #expect(point.shown == parts[0])
            #expect(point.multiplied(bySecret: k).shown == parts[1], "k = \(k.hexString)")
            #expect(point.verificationCombination(u1: u, u2: k).shown == parts[2], "k = \(k.hexString)")
            let comb = CombTable(point.affine!)
            #expect(JacobianPoint.verificationCombination(u1: u, u2: k, comb: comb).shown == parts[2], "comb, k = \(k.hexString)")
        }
    }

    @Test("the complete formulas and the Jacobian ones: P + Q, P + P, P + (−P), P + O, O + O, 2P, mixed P + Q match the reference")
    func completeFormulas() throws {
        var generator = SeededGenerator(seed: 14)
        let pairs = (0..<12).map { _ in (Limbs256(bigEndian: generator.bytes(32)), Limbs256(bigEndian: generator.bytes(32))) }
        let input = pairs.map { "\($0.0.hexString) \($0.1.hexString)" }.joined(separator: "\n")
        let expected = try runPython(
            pythonReference + """
                for line in sys.stdin:
                    a, c = (int(v, 16) for v in line.split())
                    P, Q = mul(a, G), mul(c, G)
                    print(show(add(P, Q)) + "|" + show(add(P, P)))
                """, input: input)
        #expect(expected.count == pairs.count)
        for ((a, c), line) in zip(pairs, expected) {
            let parts = line.split(separator: "|").map(String.init)
            // Scale P's coordinates by a random Z so the formulas see Z ≠ 1.
            let plain = ProjectivePoint.generatorMultiplied(bySecret: a)
            let scale = FieldElement(reduced: Limbs256(c.w0, c.w1, 7, 0))
            let p = ProjectivePoint(x: plain.x * scale, y: plain.y * scale, z: plain.z * scale)
            let q = ProjectivePoint.generatorMultiplied(bySecret: c)
            let identity = ProjectivePoint.identity
            #expect((p + q).shown == parts[0])
            #expect((p + q.affine!).shown == parts[0])
            #expect((p + p).shown == parts[1])
            #expect((p + plain.affine!).shown == parts[1])
            #expect(p.doubled().shown == parts[1])
            #expect((p + p.negated()).isIdentity.declassified())
            #expect((p + plain.negated().affine!).isIdentity.declassified())
            #expect((p + identity).isEqual(p).declassified())
            #expect((identity + p).isEqual(p).declassified())
            #expect((identity + plain.affine!).isEqual(p).declassified())
            #expect((identity + identity).isIdentity.declassified())
            #expect(identity.doubled().isIdentity.declassified())
            // The verification-only Jacobian formulas, their exceptional cases included.
            let plainAffine = plain.affine!
            let jacobian = JacobianPoint(x: plainAffine.x * scale * scale, y: plainAffine.y * scale * scale * scale, z: scale)
            let jacobianIdentity = JacobianPoint.identity
            #expect((jacobian + q.affine!).projective.shown == parts[0])
            #expect((jacobian + plain.affine!).projective.shown == parts[1])
            #expect(jacobian.doubled().projective.shown == parts[1])
            #expect((jacobian + plain.affine!.negated()).projective.isIdentity.declassified())
            #expect((jacobianIdentity + plain.affine!).projective.isEqual(p).declassified())
            #expect(jacobianIdentity.doubled().projective.isIdentity.declassified())
        }
    }

    @Test("width-5 NAF digits are odd or zero, below 16 in size, and sum back to k")
    func nonAdjacentFormRecodes() throws {
        for k in try Self.scalars(count: 20, seed: 15) where k.lessThanWord(try Limbs256(hex: Curve.n)) == 1 {
            let digits = nonAdjacentForm(k, width: 5)
            let input = digits.map { String($0) }.joined(separator: " ")
            let value = try runPython(
                "import sys\nd = [int(v) for v in sys.stdin.read().split()]\nprint('%064x' % sum(x << i for i, x in enumerate(d)))", input: input)
            #expect(value == [k.hexString])
            #expect(digits.allSatisfy { $0 == 0 || ($0 & 1 == 1 && abs(Int($0)) < 16) })
        }
    }
}
