@_spi(Internals) import PureBigNum

/// A point of P-256 (y² = x³ − 3x + b) in homogeneous projective coordinates (X : Y : Z),
/// x = X/Z, y = Y/Z; the identity is (0 : 1 : 0).
///
/// Addition and doubling are the complete formulas of Renes, Costello and Batina,
/// "Complete addition formulas for prime order elliptic curves" (EUROCRYPT 2016), algorithms
/// 4 (addition), 5 (mixed addition) and 6 (doubling) for a = −3: they are correct for every
/// pair of inputs, the identity and P + P and P + (−P) included, so no input needs a branch.
/// Timing contract: straight-line code.
struct ProjectivePoint: Sendable {
    var x: FieldElement
    var y: FieldElement
    var z: FieldElement

    /// The identity (0 : 1 : 0).
    static var identity: ProjectivePoint { ProjectivePoint(x: .zero, y: .one, z: .zero) }

    /// The base point G of FIPS 186-5 / SEC 2.
    static var generator: ProjectivePoint { ProjectivePoint(AffinePoint.generator) }

    init(x: FieldElement, y: FieldElement, z: FieldElement) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The point (x : y : 1).
    init(_ affine: AffinePoint) {
        self.init(x: affine.x, y: affine.y, z: .one)
    }

    /// True for the identity (Z = 0). Constant time.
    var isIdentity: Choice { z.isZero }

    /// −P = (X : −Y : Z).
    func negated() -> ProjectivePoint { ProjectivePoint(x: x, y: y.negated(), z: z) }

    /// P + Q, algorithm 4 (12M + 2m_b + 29a).
    @_optimize(speed)
    static func + (p: ProjectivePoint, q: ProjectivePoint) -> ProjectivePoint {
        let b = FieldElement.b
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t2 = p.z * q.z
        var t3 = p.x + p.y
        var t4 = q.x + q.y
        t3 = t3 * t4
        t4 = t0 + t1
        t3 = t3 - t4
        t4 = p.y + p.z
        var x3 = q.y + q.z
        t4 = t4 * x3
        x3 = t1 + t2
        t4 = t4 - x3
        x3 = p.x + p.z
        var y3 = q.x + q.z
        x3 = x3 * y3
        y3 = t0 + t2
        y3 = x3 - y3
        var z3 = b * t2
        x3 = y3 - z3
        z3 = x3 + x3
        x3 = x3 + z3
        z3 = t1 - x3
        x3 = t1 + x3
        y3 = b * y3
        t1 = t2 + t2
        t2 = t1 + t2
        y3 = y3 - t2
        y3 = y3 - t0
        t1 = y3 + y3
        y3 = t1 + y3
        t1 = t0 + t0
        t0 = t1 + t0
        t0 = t0 - t2
        t1 = t4 * y3
        t2 = t0 * y3
        y3 = x3 * z3
        y3 = y3 + t2
        x3 = t3 * x3
        x3 = x3 - t1
        z3 = t4 * z3
        t1 = t3 * t0
        z3 = z3 + t1
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    /// P + Q for an affine Q (Z = 1), algorithm 5 (11M + 2m_b + 23a). Q cannot be the
    /// identity (it has no affine form); callers that may add "nothing" select afterwards.
    @_optimize(speed)
    static func + (p: ProjectivePoint, q: AffinePoint) -> ProjectivePoint {
        let b = FieldElement.b
        var t0 = p.x * q.x
        var t1 = p.y * q.y
        var t3 = q.x + q.y
        var t4 = p.x + p.y
        t3 = t3 * t4
        t4 = t0 + t1
        t3 = t3 - t4
        t4 = q.y * p.z
        t4 = t4 + p.y
        var y3 = q.x * p.z
        y3 = y3 + p.x
        var z3 = b * p.z
        var x3 = y3 - z3
        z3 = x3 + x3
        x3 = x3 + z3
        z3 = t1 - x3
        x3 = t1 + x3
        y3 = b * y3
        t1 = p.z + p.z
        var t2 = t1 + p.z
        y3 = y3 - t2
        y3 = y3 - t0
        t1 = y3 + y3
        y3 = t1 + y3
        t1 = t0 + t0
        t0 = t1 + t0
        t0 = t0 - t2
        t1 = t4 * y3
        t2 = t0 * y3
        y3 = x3 * z3
        y3 = y3 + t2
        x3 = t3 * x3
        x3 = x3 - t1
        z3 = t4 * z3
        t1 = t3 * t0
        z3 = z3 + t1
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    /// 2P, algorithm 6 (8M + 3S + 2m_b + 21a).
    @_optimize(speed)
    func doubled() -> ProjectivePoint {
        let b = FieldElement.b
        var t0 = x.squared()
        let t1 = y.squared()
        var t2 = z.squared()
        var t3 = x * y
        t3 = t3 + t3
        var z3 = x * z
        z3 = z3 + z3
        var y3 = b * t2
        y3 = y3 - z3
        var x3 = y3 + y3
        y3 = x3 + y3
        x3 = t1 - y3
        y3 = t1 + y3
        y3 = x3 * y3
        x3 = x3 * t3
        t3 = t2 + t2
        t2 = t2 + t3
        z3 = b * z3
        z3 = z3 - t2
        z3 = z3 - t0
        t3 = z3 + z3
        z3 = z3 + t3
        t3 = t0 + t0
        t0 = t3 + t0
        t0 = t0 - t2
        t0 = t0 * z3
        y3 = y3 + t0
        t0 = y * z
        t0 = t0 + t0
        z3 = t0 * z3
        x3 = x3 - z3
        z3 = t0 * t1
        z3 = z3 + z3
        z3 = z3 + z3
        return ProjectivePoint(x: x3, y: y3, z: z3)
    }

    /// `a` where `mask` is all ones, `b` where it is zero. Constant time.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: ProjectivePoint, _ b: ProjectivePoint) -> ProjectivePoint {
        ProjectivePoint(x: .select(mask, a.x, b.x), y: .select(mask, a.y, b.y), z: .select(mask, a.z, b.z))
    }

    /// The affine form, nil for the identity. One inversion (constant time); only the
    /// identity test at the end branches.
    var affine: AffinePoint? {
        let zInverse = z.inverse()
        let result = AffinePoint(x: x * zInverse, y: y * zInverse)
        return isIdentity.declassified() ? nil : result
    }

    /// True when P and Q are the same point (X1·Z2 = X2·Z1 and Y1·Z2 = Y2·Z1). Constant time.
    func isEqual(_ other: ProjectivePoint) -> Choice {
        (x * other.z).isEqual(other.x * z) & (y * other.z).isEqual(other.y * z)
    }
}

/// A point other than the identity, in affine coordinates.
struct AffinePoint: Sendable {
    var x: FieldElement
    var y: FieldElement

    /// G.
    static var generator: AffinePoint {
        AffinePoint(
            x: FieldElement(
                reduced: Limbs256(
                    0xF4A1_3945_D898_C296, 0x7703_7D81_2DEB_33A0,
                    0xF8BC_E6E5_63A4_40F2, 0x6B17_D1F2_E12C_4247)),
            y: FieldElement(
                reduced: Limbs256(
                    0xCBB6_4068_37BF_51F5, 0x2BCE_3357_6B31_5ECE,
                    0x8EE7_EB4A_7C0F_9E16, 0x4FE3_42E2_FE1A_7F9B)))
    }

    /// −P = (x, −y).
    func negated() -> AffinePoint { AffinePoint(x: x, y: y.negated()) }

    /// True when y² = x³ − 3x + b.
    var isOnCurve: Bool {
        let rhs = (x.squared() - FieldElement.one - FieldElement.one - FieldElement.one) * x + FieldElement.b
        return y.squared().isEqual(rhs).declassified()
    }

    /// `a` where `mask` is all ones, `b` where it is zero. Constant time.
    @inline(__always)
    static func select(_ mask: UInt64, _ a: AffinePoint, _ b: AffinePoint) -> AffinePoint {
        AffinePoint(x: .select(mask, a.x, b.x), y: .select(mask, a.y, b.y))
    }
}
