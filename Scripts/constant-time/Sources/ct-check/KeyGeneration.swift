// Key generation's primality tests under valgrind: the trial-division sieve and one Miller–Rabin
// round, on a secret prime candidate.
//
//   ct-check memcheck-keygen (library|leaky) KEY.der   the key's two primes p and q (public in
//        the file, so they are known to survive the sieve) are taken as candidates: their limbs
//        are marked undefined, then the bits PrimeGeneration.candidate sets to constants (the low
//        bit, the top two) are set again, so they are defined as in the real path. On each
//        candidate: the sieve by every small prime key generation can use (all 3,511, a superset
//        of the count for any size), then one Miller–Rabin round whose base comes from a
//        generator whose every output is undefined too. memcheck's error count is read between
//        the steps; Scripts/constant-time.sh checks that every report is at a declassification
//        point the library documents. `leaky` runs the control instead: a `%`-based sieve that
//        exits at the first divisor, and a Miller–Rabin round with BigUInt's variable-time power
//        and a squaring loop that stops at the secret 2-adicity (it must be flagged elsewhere).
//
// What the release disassembly showed (objdump -d --no-show-raw-insn on PureRSA's object, Swift
// 6.3.1 -O, x86_64): see the note in Scripts/constant-time.sh, section (e).
import CMemcheck
@_spi(Internals) import PureBigNum
@_spi(Internals) import PureDER
@_spi(KeyGenerationTesting) import PureRSA
#if canImport(Glibc)
import Glibc
#endif

/// The odd primes below 2^15: as many divisors as TrialDivision has (3,511).
let keyGenerationDivisors = 3511

/// Random words that memcheck treats as secret, as SystemRandomNumberGenerator's would be.
struct SecretRandom: RandomNumberGenerator {
    var random: Random
    mutating func next() -> UInt64 {
        var word = random.next()
        withUnsafeMutableBytes(of: &word) { ct_secret($0.baseAddress, $0.count) }
        return word
    }
}

/// p and q of a PKCS#1 RSAPrivateKey, as public numbers.
func primes(pkcs1 der: [UInt8]) -> [BigUInt] {
    do throws(DERError) {
        var reader = try DER.Reader(der)
        return try reader.readSequence { (fields: inout DER.Reader) throws(DERError) -> [BigUInt] in
            var primes: [BigUInt] = []
            for index in 0..<9 {
                let content = try fields.readInteger()
                if index == 4 || index == 5 { primes.append(BigUInt(bigEndianBytes: content)) }
            }
            return primes
        }
    } catch {
        print("not a PKCS#1 RSAPrivateKey: \(error)")
        exit(2)
    }
}

/// The prime's limbs as a secret candidate, defined exactly where PrimeGeneration.candidate
/// makes them constant: the bits above the size (masked to 0), bit 0 and the top two (set to 1,
/// when the prime has them); every other bit undefined.
func secretCandidate(_ prime: BigUInt) -> [UInt64] {
    var limbs = prime.limbs
    let bits = prime.bitLength
    markSecret(&limbs)
    let topBits = bits - (limbs.count - 1) * 64
    if topBits < 64 { limbs[limbs.count - 1] &= (1 << UInt64(topBits)) - 1 }
    limbs[0] |= 1
    for bit in [bits - 1, bits - 2] where prime.limbs[bit / 64] >> UInt64(bit % 64) & 1 == 1 {
        limbs[bit / 64] |= 1 << UInt64(bit % 64)
    }
    return limbs
}

/// The sieve, as key generation runs it (the name marks its frames in memcheck's stacks).
@inline(never)
func measureSieve(_ variant: String, _ w: [UInt64]) -> Bool {
    variant == "leaky"
        ? leakyHasSmallFactor(w, divisors: keyGenerationDivisors)
        : KeyGenerationPrimality.hasSmallFactor(BigUInt(limbs: w), divisors: keyGenerationDivisors)
}

/// One Miller–Rabin round with a secret random base.
@inline(never)
func measureMillerRabin(_ variant: String, _ w: [UInt64], _ generator: inout SecretRandom) -> Bool {
    variant == "leaky"
        ? leakyMillerRabin(w, &generator)
        : KeyGenerationPrimality.isProbablePrime(BigUInt(limbs: w), rounds: 1, using: &generator) ?? false
}

/// Variable-time control: w mod d by the `%` operator (a `div` instruction on the secret) for
/// each small prime, stopping at the first that divides.
func leakyHasSmallFactor(_ w: [UInt64], divisors: Int) -> Bool {
    var d: UInt64 = 3, found = 0
    while found < divisors {
        var isPrime = true
        var k: UInt64 = 3
        while k * k <= d { if d % k == 0 { isPrime = false; break }; k += 2 }
        if isPrime {
            found += 1
            var r: UInt64 = 0
            for limb in w.reversed() {
                r = UInt64((UInt128(r) << 64 | UInt128(limb)) % UInt128(d))
            }
            if r == 0 { return true }
        }
        d += 2
    }
    return false
}

/// Variable-time control: a = the 2-adicity of w − 1 by a loop, z = b^m mod w by BigUInt's
/// square-and-multiply, and a squaring loop that stops at a or at the first −1.
func leakyMillerRabin(_ w: [UInt64], _ generator: inout SecretRandom) -> Bool {
    let n = BigUInt(limbs: w), one = BigUInt(1), nMinusOne = n - one
    var m = nMinusOne, a = 0
    while m.limbs[0] & 1 == 0 { m = m >> 1; a += 1 }
    let b = BigUInt(limbs: [generator.next() | 2])
    guard var z = try? b.power(m, modulus: n) else { return false }
    if z == one || z == nMinusOne { return true }
    for _ in 1..<max(a, 1) {
        z = (try? (z * z).modulo(n)) ?? z
        if z == nMinusOne { return true }
    }
    return false
}

func memcheckKeyGeneration(_ variant: String, path: String) {
    var generator = SecretRandom(random: Random(state: 11))
    var verdicts: [String] = []
    for prime in primes(pkcs1: readFile(path)) {
        let w = secretCandidate(prime)
        let beforeSieve = ct_error_count()
        let sieve = measureSieve(variant, w)
        let afterSieve = ct_error_count()
        let probablePrime = measureMillerRabin(variant, w, &generator)
        let afterMillerRabin = ct_error_count()
        verdicts.append(
            "\(prime.bitLength)-bit prime: sieve \(sieve ? "found a factor" : "passed") "
                + "(\(afterSieve - beforeSieve) errors), Miller–Rabin \(probablePrime ? "probable prime" : "composite") "
                + "(\(afterMillerRabin - afterSieve) errors)")
    }
    print("memcheck-keygen \(variant): \(keyGenerationDivisors) divisors in groups of 8; " + verdicts.joined(separator: "; "))
}
