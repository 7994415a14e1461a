@_spi(Internals) import PureBigNum

// Validation of private-key numbers, and recovery of p and q from (n, e, d).
//
// Timing: this runs once per key load, with PureBigNum's variable-time BigUInt (division,
// gcd, inverse). It handles secrets (p, q, d), so its timing depends on them; an attacker would
// need to watch many loads of the same key to learn anything, unlike signing, which is constant
// time and runs per request. The exponentiations of the prime recovery use the constant-time
// secret path all the same.

enum KeyValidation {
    /// The bases tried, in order, when factoring n from e·d − 1: small primes, so the recovery
    /// is deterministic (the same key always gives the same p and q).
    static let recoveryBases: [UInt64] = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181,
        191, 193, 197, 199,
    ]

    /// Checks every relation between the eight numbers of a private key.
    ///
    /// The public numbers (n, e, the size policy) are checked by ``RSAPublicKey`` beforehand.
    ///
    /// - Throws: the first ``RSAError`` that applies.
    static func validate(_ key: RSAPrivateKeyComponents) throws(RSAError) {
        let n = BigUInt(bigEndianBytes: key.modulus)
        let e = BigUInt(bigEndianBytes: key.publicExponent)
        let d = BigUInt(bigEndianBytes: key.privateExponent)
        let p = BigUInt(bigEndianBytes: key.prime1)
        let q = BigUInt(bigEndianBytes: key.prime2)
        let one = BigUInt(1)
        guard !d.isZero, d < n else { throw .privateExponentOutOfRange }
        guard p.isOdd, p > one else { throw .invalidPrime(field: "first prime (p)") }
        guard q.isOdd, q > one else { throw .invalidPrime(field: "second prime (q)") }
        guard p != q else { throw .equalPrimes }
        guard p * q == n else { throw .modulusNotProductOfPrimes }
        let pMinus1 = p - one
        let qMinus1 = q - one
        let lambda = BigUInt.lcm(pMinus1, qMinus1)
        guard try arithmetic({ () throws(BigNumError) in try (d * e).modulo(lambda) }) == one else {
            throw .privateExponentMismatch
        }
        guard
            try arithmetic({ () throws(BigNumError) in try d.modulo(pMinus1) })
                == BigUInt(bigEndianBytes: key.exponent1)
        else {
            throw .crtValueMismatch(field: "first CRT exponent (d mod (p−1))")
        }
        guard
            try arithmetic({ () throws(BigNumError) in try d.modulo(qMinus1) })
                == BigUInt(bigEndianBytes: key.exponent2)
        else {
            throw .crtValueMismatch(field: "second CRT exponent (d mod (q−1))")
        }
        let coefficient = BigUInt(bigEndianBytes: key.coefficient)
        guard coefficient < p,
            try arithmetic({ () throws(BigNumError) in try (coefficient * q).modulo(p) }) == one
        else {
            throw .crtValueMismatch(field: "CRT coefficient (q⁻¹ mod p)")
        }
    }

    /// Recovers p and q from n, e and d, and completes the CRT values (RFC 8017 does not
    /// define this; it is the method of NIST SP 800-56B rev. 2, appendix C.2, with fixed
    /// bases instead of random ones).
    ///
    /// e·d − 1 = 2^t · r with r odd is a multiple of λ(n). For a base g, the sequence
    /// g^r, g^(2r), …, g^(2^t·r) = 1 (mod n) reaches 1; if the element before the first 1 is
    /// some y ≠ ±1, then y is a non-trivial square root of 1 and gcd(y − 1, n) is a prime factor.
    /// At least half of all bases work for a genuine key, so a handful of tries suffices.
    ///
    /// - Parameters:
    ///   - modulus: n (public, checked by ``RSAPublicKey`` already).
    ///   - publicExponent: e.
    ///   - privateExponent: d, nonzero and below n (checked by the caller).
    /// - Returns: all eight numbers, the larger prime as p.
    /// - Throws: ``RSAError/cannotRecoverPrimes`` when no base splits n.
    static func recoverPrimes(
        modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8], nModulus: Modulus
    ) throws(RSAError) -> RSAPrivateKeyComponents {
        let n = BigUInt(bigEndianBytes: modulus)
        let e = BigUInt(bigEndianBytes: publicExponent)
        let d = BigUInt(bigEndianBytes: privateExponent)
        let one = BigUInt(1)
        let nMinus1 = n - one
        let edMinus1 = d * e - one
        guard !edMinus1.isZero else { throw .cannotRecoverPrimes }
        let t = edMinus1.trailingZeroBitCount
        let r = edMinus1 >> t
        let rLimbs = r.limbs
        var onePadded = [UInt64](repeating: 0, count: nModulus.limbCount)
        onePadded[0] = 1
        let nMinus1Limbs = Limbs.zeroExtended(nMinus1.limbs, to: nModulus.limbCount)
        for g in recoveryBases {
            var y = nModulus.exponentiateSecret(base: [g], exponent: rLimbs)
            if y == onePadded || y == nMinus1Limbs { continue }
            var reachedMinusOne = false
            for _ in 0..<t {
                let x = try arithmetic { () throws(BigNumError) in try nModulus.multiply(y, y) }
                if x == onePadded {
                    let factor = BigUInt.gcd(BigUInt(limbs: y) - one, n)
                    guard factor > one, factor < n else { throw .cannotRecoverPrimes }
                    return try arithmetic { () throws(BigNumError) in try complete(n: n, e: e, d: d, factor: factor) }
                }
                if x == nMinus1Limbs { reachedMinusOne = true; break }
                y = x
            }
            // g^(e·d − 1) ≠ 1: e·d − 1 is no multiple of λ(n), so d does not belong to (n, e).
            // Stop at once rather than trying every base.
            if !reachedMinusOne { throw .cannotRecoverPrimes }
        }
        throw .cannotRecoverPrimes
    }

    /// The eight numbers from n, e, d and one prime factor of n.
    private static func complete(n: BigUInt, e: BigUInt, d: BigUInt, factor: BigUInt) throws(BigNumError) -> RSAPrivateKeyComponents {
        let other = try n.quotientAndRemainder(dividingBy: factor).quotient
        let p = max(factor, other)
        let q = min(factor, other)
        let one = BigUInt(1)
        return RSAPrivateKeyComponents(
            modulus: n.bigEndianBytes(), publicExponent: e.bigEndianBytes(),
            privateExponent: d.bigEndianBytes(), prime1: p.bigEndianBytes(), prime2: q.bigEndianBytes(),
            exponent1: try d.modulo(p - one).bigEndianBytes(), exponent2: try d.modulo(q - one).bigEndianBytes(),
            coefficient: try q.inverse(modulo: p).bigEndianBytes())
    }

    /// Runs a PureBigNum step, reporting its refusal as ``RSAError/arithmetic(_:)``.
    static func arithmetic<T>(_ body: () throws(BigNumError) -> T) throws(RSAError) -> T {
        do {
            return try body()
        } catch {
            throw .arithmetic(error)
        }
    }
}
