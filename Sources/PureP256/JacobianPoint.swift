@_spi(Internals) import PureBigNum

/// A point in Jacobian coordinates (X : Y : Z), x = X/Z², y = Y/Z³; the identity has Z = 0.
///
/// For signature verification only, where every value is public: doubling (3M + 5S,
/// "dbl-2001-b" of Bernstein and Lange's Explicit-Formulas Database, a = −3) and mixed addition
/// (7M + 4S, "madd-2007-bl") cost fewer multiplications than the complete projective formulas
/// (8M + 3S + 2m_b and 11M + 2m_b), but they are not complete: the exceptional cases (the
/// identity, P + P, P + (−P)) are found by branches on those public values.
struct JacobianPoint: Sendable {
    var x: FieldElement
    var y: FieldElement
    var z: FieldElement

    /// The identity (1 : 1 : 0).
    static var identity: JacobianPoint { JacobianPoint(x: .one, y: .one, z: .zero) }

    /// The point (x : y : 1).
    init(_ affine: AffinePoint) {
        self.init(x: affine.x, y: affine.y, z: .one)
    }

    init(x: FieldElement, y: FieldElement, z: FieldElement) {
        self.x = x
        self.y = y
        self.z = z
    }

    /// The same point in homogeneous projective coordinates, (X·Z : Y : Z³).
    var projective: ProjectivePoint {
        ProjectivePoint(x: x * z, y: y, z: z.squared() * z)
    }

    /// 2P, dbl-2001-b. Correct for the identity too (Z stays 0); P-256 has no point of order 2.
    @_optimize(speed)
    func doubled() -> JacobianPoint {
        let delta = z.squared()
        let gamma = y.squared()
        let beta = x * gamma
        let product = (x - delta) * (x + delta)
        let alpha = product.doubled() + product
        let beta4 = beta.doubled().doubled()
        let x3 = alpha.squared() - beta4.doubled()
        let z3 = (y + z).squared() - gamma - delta
        let gamma8 = gamma.squared().doubled().doubled().doubled()
        let y3 = alpha * (beta4 - x3) - gamma8
        return JacobianPoint(x: x3, y: y3, z: z3)
    }

    /// P + Q for an affine Q, madd-2007-bl, with the exceptional cases handled by branches
    /// (variable time: public points only).
    @_optimize(speed)
    static func + (p: JacobianPoint, q: AffinePoint) -> JacobianPoint {
        if p.z.isZero.declassified() { return JacobianPoint(q) }
        let z1z1 = p.z.squared()
        let u2 = q.x * z1z1
        let s2 = q.y * p.z * z1z1
        let h = u2 - p.x
        let rHalf = s2 - p.y
        if h.isZero.declassified() {
            // Same x: P = Q (double) or P = −Q (the identity).
            return rHalf.isZero.declassified() ? JacobianPoint(q).doubled() : .identity
        }
        let hh = h.squared()
        let i = hh.doubled().doubled()
        let j = h * i
        let r = rHalf.doubled()
        let v = p.x * i
        let x3 = r.squared() - j - v.doubled()
        let y3 = r * (v - x3) - (p.y * j).doubled()
        let z3 = (p.z + h).squared() - z1z1 - hh
        return JacobianPoint(x: x3, y: y3, z: z3)
    }
}
