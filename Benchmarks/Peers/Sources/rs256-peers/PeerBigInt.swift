// attaswift/BigInt 6: pure-Swift arbitrary-precision integers (variable time).
import BigInt

enum BigIntPeer {
    /// `base^exponent mod modulus` with `BigUInt.power(_:modulus:)`; limbs least significant first.
    static func modexp(modulus: [UInt64], base: [UInt64], exponent: [UInt64]) -> (result: [UInt64], body: Body) {
        func value(_ limbs: [UInt64]) -> BigUInt { BigUInt(words: limbs.map { UInt($0) }) }
        let m = value(modulus), b = value(base), e = value(exponent)
        let result = b.power(e, modulus: m)
        var limbs = result.words.map { UInt64($0) }
        while limbs.count < modulus.count { limbs.append(0) }
        return (limbs, { n in for _ in 0..<n { blackHole(b.power(e, modulus: m)) } })
    }
}
