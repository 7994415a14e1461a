// ct-check: runs one PureBigNum operation on secrets chosen by a seed, for valgrind.
//
//   ct-check memcheck (library|leaky)      secrets marked undefined; memcheck must stay silent
//                                          for `library` and must complain for `leaky`
//   ct-check count (library|leaky) SEED    one call of the operation, to be counted by
//                                          callgrind --toggle-collect='*measureExponentiation*'
//   ct-check memcheck-sign / count-sign    the whole signing path (Signing.swift)
//   ct-check memcheck-keygen               key generation's sieve and Miller–Rabin (KeyGeneration.swift)
//   ct-check memcheck-p256 / count-p256    P-256 scalar multiplication by a secret (P256.swift)
//   ct-check memcheck-ecdsa / count-ecdsa  ECDSA P-256 signing, d or k secret (ECDSA.swift)
//   ct-check memcheck-p256keygen / count-p256keygen  P-256 key generation (ECDSA.swift)
//   ct-check memcheck-hmac / count-hmac    HMAC tag verification (HMAC.swift)
//
// `leaky` is a deliberately variable-time square-and-multiply kept HERE, never in the library:
// it proves each check can fail.
import CMemcheck
@_spi(Internals) import PureBigNum
#if canImport(Glibc)
import Glibc
#endif

/// SplitMix64, so a seed picks the secrets.
struct Random {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func limbs(_ count: Int) -> [UInt64] { (0..<count).map { _ in next() } }
}

/// A fixed public odd modulus of `limbs` limbs (16: one RSA-2048 CRT half).
func publicModulus(limbs: Int) -> Modulus {
    var random = Random(state: 42)
    var m = random.limbs(limbs)
    m[0] |= 1
    m[limbs - 1] |= 1 << 63
    return try! Modulus(limbs: m)
}

/// The sizes with their own kernels (16, 24, 32, 48, 64 limbs; 16 runs the reduced-radix ladder on
/// 64-bit targets) and two that take the generic one.
let checkedSizes = [16, 24, 32, 48, 64, 17, 3]

func markSecret(_ value: inout [UInt64]) {
    value.withUnsafeMutableBytes { ct_secret($0.baseAddress, $0.count) }
}

func markPublic(_ value: inout [UInt64]) {
    value.withUnsafeMutableBytes { ct_public($0.baseAddress, $0.count) }
}

/// Square-and-multiply that branches on each exponent bit: the leak the checks must catch.
func leakyExponentiate(_ m: Modulus, base: [UInt64], exponent: [UInt64]) -> [UInt64] {
    let montgomeryBase = try! m.toMontgomery(base)
    var accumulator = try! m.toMontgomery([1])
    var scratch: [UInt64] = []
    for bit in (0..<(exponent.count * 64)).reversed() {
        try! m.montgomerySquare(accumulator, into: &scratch)
        swap(&accumulator, &scratch)
        if exponent[bit / 64] >> UInt64(bit % 64) & 1 == 1 {
            try! m.montgomeryMultiply(accumulator, montgomeryBase, into: &scratch)
            swap(&accumulator, &scratch)
        }
    }
    return try! m.fromMontgomery(accumulator)
}

/// The operation whose instructions callgrind counts (the name is the toggle pattern).
@inline(never)
func measureExponentiation(_ variant: String, _ m: Modulus, _ base: [UInt64], _ exponent: [UInt64]) -> [UInt64] {
    variant == "leaky"
        ? leakyExponentiate(m, base: base, exponent: exponent)
        : m.exponentiateSecret(base: base, exponent: exponent)
}

@inline(never)
func measureCRTHelpers(_ m: Modulus, _ wide: [UInt64], _ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
    let r = m.reduce(wide)
    let d = try! m.subtract(r, a)
    let s = try! m.add(d, b)
    let p = try! m.multiply(s, a)
    return Limbs.add(Limbs.multiply(p, b), a)
}

/// Every secret-handling entry point, on secrets memcheck treats as undefined.
func memcheckRun(_ variant: String) {
    var results: [[UInt64]] = []
    for n in variant == "leaky" ? [16] : checkedSizes {
        results += memcheckOperations(variant, limbs: n)
    }
    // The results become public only now.
    var checksum: UInt64 = 0
    for var r in results {
        markPublic(&r)
        for limb in r { checksum ^= limb }
    }
    print("memcheck \(variant): \(results.count) operations, checksum \(String(checksum, radix: 16))")
}

func memcheckOperations(_ variant: String, limbs n: Int) -> [[UInt64]] {
    let m = publicModulus(limbs: n)
    var random = Random(state: 7)
    var base = random.limbs(n)
    base[n - 1] >>= 1
    var exponent = random.limbs(n)
    var wide = random.limbs(2 * n)
    var wider = random.limbs(3 * n + 1)
    var a = random.limbs(n)
    a[n - 1] >>= 1
    var b = random.limbs(n)
    b[n - 1] >>= 2
    markSecret(&base); markSecret(&exponent); markSecret(&wide); markSecret(&wider); markSecret(&a); markSecret(&b)

    var results: [[UInt64]] = []
    results.append(measureExponentiation(variant, m, base, exponent))
    if variant == "library" {
        results.append(m.exponentiateSecret(base: wide, exponent: exponent))  // wide base
        results.append(measureCRTHelpers(m, wide, a, b))
        results.append(m.reduce(wider))  // folded from the top, more than twice the width
        var product: [UInt64] = []
        try! m.montgomeryMultiply(a, b, into: &product)
        results.append(product)
        try! m.montgomerySquare(a, into: &product)
        results.append(product)
        results.append(try! m.toMontgomery(a))
        results.append(try! m.fromMontgomery(a))
        results.append(Limbs.select(Limbs.isLess(a, b) & !Limbs.isEqual(a, b), a, b))
        results.append(Limbs.fromBigEndianBytes(a.flatMap { limb in (0..<8).map { UInt8(truncatingIfNeeded: limb >> (8 * $0)) } }))
        // The exponentiation of a public exponent is constant time in its base.
        results.append(m.exponentiatePublic(base: a, exponent: [65537]))
    }
    return results
}

func countRun(_ variant: String, limbs n: Int, seed: UInt64) {
    let m = publicModulus(limbs: n)
    var random = Random(state: seed)
    var base = random.limbs(n)
    base[n - 1] >>= 1
    var exponent = random.limbs(n)
    // Edited in place, so every seed makes the same heap allocations before the measured call
    // (malloc's own instruction count depends on the heap's history).
    for i in 0..<n where seed < 2 {
        base[i] = seed == 0 ? 0 : m.limbs[i] &- (i == 0 ? 1 : 0)  // 0 or m − 1 (m is odd)
        exponent[i] = seed == 0 ? 0 : .max
    }
    let result = measureExponentiation(variant, m, base, exponent)
    print("count \(variant) limbs \(n) seed \(seed): \(String(result[0], radix: 16))")
}

let arguments = CommandLine.arguments
switch (arguments.count, arguments.count > 1 ? arguments[1] : "") {
case (3, "memcheck") where ["library", "leaky"].contains(arguments[2]):
    memcheckRun(arguments[2])
case (4, "memcheck-sign") where ["library", "pss", "leaky"].contains(arguments[2]):
    memcheckSigning(arguments[2], path: arguments[3])
case (5, "count-sign") where ["library", "pss", "leaky"].contains(arguments[2]):
    countSigning(arguments[2], path: arguments[3], seed: UInt64(arguments[4]) ?? 0)
case (4, "memcheck-keygen") where ["library", "leaky"].contains(arguments[2]):
    memcheckKeyGeneration(arguments[2], path: arguments[3])
case (3, "memcheck-p256") where ["library", "leaky"].contains(arguments[2]):
    memcheckP256(arguments[2])
case (4, "count-p256") where ["library", "leaky"].contains(arguments[2]):
    countP256(arguments[2], seed: UInt64(arguments[3]) ?? 0)
case (4, "memcheck-ecdsa") where ["library", "leaky"].contains(arguments[2]) && ["d", "k"].contains(arguments[3]):
    memcheckECDSA(arguments[2], mode: arguments[3])
case (5, "count-ecdsa") where ["library", "leaky"].contains(arguments[2]) && ["d", "k"].contains(arguments[3]):
    countECDSA(arguments[2], mode: arguments[3], seed: UInt64(arguments[4]) ?? 0, verification: false)
case (4, "count-ecdsa-verification") where ["d", "k"].contains(arguments[2]):
    countECDSA("library", mode: arguments[2], seed: UInt64(arguments[3]) ?? 0, verification: true)
case (3, "memcheck-p256keygen") where ["library", "leaky"].contains(arguments[2]):
    memcheckP256KeyGeneration(arguments[2])
case (4, "count-p256keygen") where ["library", "leaky"].contains(arguments[2]):
    countP256KeyGeneration(arguments[2], seed: UInt64(arguments[3]) ?? 0)
case (3, "memcheck-hmac") where ["library", "leaky"].contains(arguments[2]):
    memcheckHMAC(arguments[2])
case (4, "count-hmac") where ["library", "leaky"].contains(arguments[2]):
    countHMAC(arguments[2], seed: UInt64(arguments[3]) ?? 0)
case (5, "count") where ["library", "leaky"].contains(arguments[2]):
    countRun(arguments[2], limbs: max(1, Int(arguments[3]) ?? 16), seed: UInt64(arguments[4]) ?? 2)
default:
    print("usage: ct-check memcheck (library|leaky) | ct-check count (library|leaky) LIMBS SEED")
    print("       ct-check memcheck-sign (library|pss|leaky) KEY.der | ct-check count-sign (library|pss|leaky) KEY.der SEED")
    print("       ct-check memcheck-keygen (library|leaky) KEY.der")
    print("       ct-check memcheck-p256 (library|leaky) | ct-check count-p256 (library|leaky) SEED")
    print("       ct-check memcheck-ecdsa (library|leaky) (d|k) | ct-check count-ecdsa (library|leaky) (d|k) SEED")
    print("       ct-check count-ecdsa-verification (d|k) SEED")
    print("       ct-check memcheck-p256keygen (library|leaky) | ct-check count-p256keygen (library|leaky) SEED")
    print("       ct-check memcheck-hmac (library|leaky) | ct-check count-hmac (library|leaky) SEED")
    exit(2)
}
