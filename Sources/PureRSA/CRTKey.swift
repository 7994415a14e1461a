import PureBigNum

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
    /// - Parameters:
    ///   - key: the eight numbers, already validated (p, q odd and > 1, dP < p, …).
    ///   - modulusLimbs: the limb count of n.
    /// - Throws: ``RSAError/arithmetic(_:)`` only for an internal inconsistency.
    init(_ key: RSAPrivateKeyComponents) throws(RSAError) {
        let p = try KeyValidation.arithmetic { () throws(BigNumError) in try Modulus(limbs: limbsFromBigEndian(key.prime1)) }
        let q = try KeyValidation.arithmetic { () throws(BigNumError) in try Modulus(limbs: limbsFromBigEndian(key.prime2)) }
        self.p = p
        self.q = q
        self.dP = KeyValidation.padded(limbsFromBigEndian(key.exponent1), to: p.limbCount)
        self.dQ = KeyValidation.padded(limbsFromBigEndian(key.exponent2), to: q.limbCount)
        self.qInv = KeyValidation.padded(limbsFromBigEndian(key.coefficient), to: p.limbCount)
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
        let p = self.p, q = self.q, dP = self.dP, dQ = self.dQ, qInv = self.qInv
        var m1 = try KeyValidation.arithmetic { () throws(BigNumError) in
            try p.exponentiateSecret(base: reduceWide(c, modulo: p), exponent: dP)
        }
        var m2 = try KeyValidation.arithmetic { () throws(BigNumError) in
            try q.exponentiateSecret(base: reduceWide(c, modulo: q), exponent: dQ)
        }
        switch fault {
        case .none: break
        case .corruptPrimeOneHalf: m1[0] ^= 1
        case .corruptPrimeTwoHalf: m2[0] ^= 1
        }
        let m = try KeyValidation.arithmetic { () throws(BigNumError) -> [UInt64] in
            let m2ModP = try reduceWide(m2, modulo: p)          // m₂ may exceed p when q > p
            let difference = try p.subtract(m1, m2ModP)         // (m₁ − m₂) mod p
            let h = try p.multiply(difference, qInv)            // < p
            return Limbs.add(Limbs.multiply(h, q.limbs), m2)    // m₂ + q·h < q·p = n
        }
        do {
            return try Limbs.bigEndianBytes(m, count: modulusByteCount)
        } catch {
            throw .signatureSelfCheckFailed
        }
    }
}

/// `value mod m` for a value of any width, in constant time.
///
/// The core's ``Modulus/reduce(_:)`` takes up to twice the modulus width, which covers the
/// usual balanced primes (n has twice the limbs of p). Keys with unbalanced primes exist
/// (Wycheproof has a 2048-bit key with 1364- and 684-bit primes), so wider values are folded
/// in from the top by Horner's rule: with R = 2^(64·limbCount) and the value cut into
/// limbCount-limb chunks, acc ← (acc·R + chunk) mod m, each step one ``Modulus/reduce(_:)`` of
/// `chunk ‖ acc`.
///
/// Timing contract: depends only on `value.count` and `m.limbCount`.
func reduceWide(_ value: [UInt64], modulo m: Modulus) throws(BigNumError) -> [UInt64] {
    let width = m.limbCount
    if value.count <= 2 * width { return try m.reduce(value) }
    let chunks = (value.count + width - 1) / width
    let padded = KeyValidation.padded(value, to: chunks * width)
    // The top two chunks first, then one more chunk per step.
    var accumulator = try m.reduce(Array(padded[((chunks - 2) * width)...]))
    var index = chunks - 3
    while index >= 0 {
        accumulator = try m.reduce(Array(padded[(index * width)..<((index + 1) * width)]) + accumulator)
        index -= 1
    }
    return accumulator
}
