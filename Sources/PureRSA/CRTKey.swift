@_spi(Internals) import PureBigNum

/// The private-key operation `c^d mod n` by the Chinese remainder theorem, in constant time.
///
/// m₁ = c^dP mod p and m₂ = c^dQ mod q with PureBigNum's constant-time fixed-window
/// exponentiation (each exponent at the full width of its prime, leading zero bits included),
/// then Garner's recombination m = m₂ + q·((m₁ − m₂)·qInv mod p), with constant-time modular
/// reduction, subtraction and multiplication and a plain (carry-propagating, branch-free)
/// multiply-add. About four times faster than one exponentiation modulo n.
///
/// Timing contract: the sequence of operations and memory addresses depends only on the limb
/// counts of n, p and q — never on c, p, q, dP, dQ or qInv.
struct CRTKey: Sendable {
    /// The first prime with its Montgomery constants.
    let p: Modulus
    /// The second prime with its Montgomery constants.
    let q: Modulus
    /// d mod (p − 1), exactly `p.limbCount` limbs.
    let dP: [UInt64]
    /// d mod (q − 1), exactly `q.limbCount` limbs.
    let dQ: [UInt64]
    /// q⁻¹ mod p, exactly `p.limbCount` limbs.
    let qInv: [UInt64]

    /// Precomputes the CRT values of a validated key.
    ///
    /// - Parameter key: the eight numbers, already validated (p, q odd and > 1, dP < p, …).
    /// - Throws: ``RSAError/arithmetic(_:)`` only for an internal inconsistency.
    init(_ key: RSAPrivateKeyComponents) throws(RSAError) {
        let p = try KeyValidation.arithmetic { () throws(BigNumError) in try Modulus(limbs: Limbs.fromBigEndianBytes(key.prime1)) }
        let q = try KeyValidation.arithmetic { () throws(BigNumError) in try Modulus(limbs: Limbs.fromBigEndianBytes(key.prime2)) }
        self.p = p
        self.q = q
        self.dP = Limbs.zeroExtended(Limbs.fromBigEndianBytes(key.exponent1), to: p.limbCount)
        self.dQ = Limbs.zeroExtended(Limbs.fromBigEndianBytes(key.exponent2), to: q.limbCount)
        self.qInv = Limbs.zeroExtended(Limbs.fromBigEndianBytes(key.coefficient), to: p.limbCount)
        guard dP.count == p.limbCount, dQ.count == q.limbCount, qInv.count == p.limbCount else {
            // Cannot happen after validation (each is below its prime); refuse rather than trap.
            throw .crtValueMismatch(field: "CRT values")
        }
    }

    /// `c^d mod n` as exactly `modulusByteCount` big-endian bytes.
    ///
    /// - Parameters:
    ///   - c: the message representative, below n, as many limbs as n.
    ///   - modulusByteCount: k, the length of n in bytes.
    ///   - fault: a fault to inject (tests only); `.none` in production.
    /// - Throws: ``RSAError/signatureSelfCheckFailed`` when the result does not fit in k bytes
    ///   (only a fault can cause that), ``RSAError/arithmetic(_:)`` for an internal inconsistency.
    func privateOperation(_ c: [UInt64], modulusByteCount: Int, fault: SigningFault) throws(RSAError) -> [UInt8] {
        let p = self.p, q = self.q, qInv = self.qInv
        // c is as wide as n; exponentiateSecret reduces a base wider than its modulus first.
        var m1 = p.exponentiateSecret(base: c, exponent: dP)
        var m2 = q.exponentiateSecret(base: c, exponent: dQ)
        switch fault {
        case .none: break
        case .corruptPrimeOneHalf: m1[0] ^= 1
        case .corruptPrimeTwoHalf: m2[0] ^= 1
        }
        let m = try KeyValidation.arithmetic { () throws(BigNumError) -> [UInt64] in
            let m2ModP = p.reduce(m2)  // m₂ may exceed p when q > p
            let difference = try p.subtract(m1, m2ModP)  // (m₁ − m₂) mod p
            let h = try p.multiply(difference, qInv)  // < p
            return Limbs.add(Limbs.multiply(h, q.limbs), m2)  // m₂ + q·h < q·p = n
        }
        do {
            return try Limbs.bigEndianBytes(m, count: modulusByteCount)
        } catch {
            throw .signatureSelfCheckFailed
        }
    }
}
