// dudect (Reparaz, Balasch, Verbauwhede, "Dude, is my code constant time?", DATE 2017): time an
// operation on inputs of two classes — class 0 a FIXED secret, class 1 a RANDOM secret — in
// random order, and compare the two timing distributions with Welch's t-test. A constant-time
// operation gives |t| that stays small however many samples are taken; a leak makes |t| grow
// with the square root of the sample count. As in dudect, the test is repeated on the samples
// below several percentiles (cropping the slow tail, where interrupts and frequency changes
// live), and the largest |t| is reported.
//
//   dudect [--samples N] [TEST…]     tests: modexp, sign-message, sign-key, ecdsa-d, ecdsa-k,
//                                    leaky (the control)
import Glibc
@_spi(Internals) import PureBigNum
@_spi(ConstantTimeTesting) import PureP256
import PureRSA
import PureSHA2

/// SplitMix64: the class sequence and the random inputs.
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
    mutating func bytes(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

/// Nanoseconds from CLOCK_MONOTONIC (1 ns resolution here, ~29 ns per read: docs/implementation-notes.md).
@inline(__always)
func now() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
}

/// Welch's t statistic of two samples, from running sums.
struct Welch {
    var n = [0.0, 0.0], mean = [0.0, 0.0], m2 = [0.0, 0.0]
    mutating func add(_ x: Double, class c: Int) {
        n[c] += 1
        let delta = x - mean[c]
        mean[c] += delta / n[c]
        m2[c] += delta * (x - mean[c])
    }
    var t: Double {
        guard n[0] > 1, n[1] > 1 else { return 0 }
        let v0 = m2[0] / (n[0] - 1), v1 = m2[1] / (n[1] - 1)
        let se = (v0 / n[0] + v1 / n[1]).squareRoot()
        return se == 0 ? 0 : (mean[0] - mean[1]) / se
    }
}

/// One test: `prepare` makes the input of a class (outside the timed region), `run` is timed.
struct TimingTest {
    let name: String
    let what: String
    let prepare: (Int, inout Random) -> Any
    let run: (Any) -> UInt64

    func measure(samples: Int) -> (maxT: Double, atCrop: String, mean0: Double, mean1: Double, n: Int) {
        var random = Random(state: 0x5EED)
        // Warm-up, then inputs made in advance in a random class order.
        for _ in 0..<20 { _ = run(prepare(Int(random.next() & 1), &random)) }
        var classes: [Int] = []
        var inputs: [Any] = []
        for _ in 0..<samples {
            let c = Int(random.next() & 1)
            classes.append(c)
            inputs.append(prepare(c, &random))
        }
        var times = [Double](repeating: 0, count: samples)
        var sink: UInt64 = 0
        for i in 0..<samples {
            let start = now()
            sink ^= run(inputs[i])
            times[i] = Double(now() - start)
        }
        if sink == 0x1234_5678 { print("") }  // keeps the results alive
        // Crops: everything, and below the 50th…99th percentile of all samples.
        let sorted = times.sorted()
        let crops: [(String, Double)] =
            [("all", .infinity)]
            + [50, 75, 90, 95, 99].map { ("p\($0)", sorted[min(samples - 1, samples * $0 / 100)]) }
        var best = (t: 0.0, crop: "all")
        var whole = Welch()
        for i in 0..<samples { whole.add(times[i], class: classes[i]) }
        for (label, limit) in crops {
            var w = Welch()
            for i in 0..<samples where times[i] <= limit { w.add(times[i], class: classes[i]) }
            if abs(w.t) > abs(best.t) { best = (w.t, label) }
        }
        return (best.t, best.crop, whole.mean[0], whole.mean[1], samples)
    }
}

/// Two decimals, without Foundation.
func fixed2(_ x: Double) -> String {
    let hundredths = Int((x * 100).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
}

func loadKey(_ path: String) -> RSAPrivateKey {
    guard let file = fopen(path, "rb") else { print("cannot open \(path)"); exit(2) }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    do { return try RSAPrivateKey(loadingBytes: bytes) } catch { print("cannot load \(path): \(error)"); exit(2) }
}

// Inputs: the two keys' paths come from the script (two different 2048-bit keys).
var arguments = Array(CommandLine.arguments.dropFirst())
var samples = 10_000
var keyPaths: [String] = []
var selected: [String] = []
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--samples": samples = Int(arguments.removeFirst()) ?? samples
    case "--key": keyPaths.append(arguments.removeFirst())
    default: selected.append(argument)
    }
}
if selected.isEmpty { selected = ["modexp", "sign-message", "sign-key", "ecdsa-d", "ecdsa-k", "leaky"] }

var setup = Random(state: 42)
var modulusLimbs = setup.limbs(16)
modulusLimbs[0] |= 1
modulusLimbs[15] |= 1 << 63
let modulus = try! Modulus(limbs: modulusLimbs)
let fixedExponent = [UInt64](repeating: 0, count: 16)  // the most special secret: all bits zero
var fixedBase = setup.limbs(16)
fixedBase[15] >>= 1

var tests: [TimingTest] = [
    TimingTest(
        name: "modexp", what: "Modulus.exponentiateSecret, 1024-bit modulus: exponent all zero bits (fixed) vs random",
        prepare: { c, r in (c == 0 ? fixedExponent : r.limbs(16)) as [UInt64] },
        run: { e in modulus.exponentiateSecret(base: fixedBase, exponent: e as! [UInt64])[0] }),
    TimingTest(
        name: "leaky", what: "CONTROL: BigUInt.power (variable time), same inputs — must show a large |t|",
        prepare: { c, r in (c == 0 ? fixedExponent : r.limbs(16)) as [UInt64] },
        run: { e in (try! BigUInt(limbs: fixedBase).power(BigUInt(limbs: e as! [UInt64]), modulus: modulus.value)).limbs.first ?? 0 }),
]
if keyPaths.count >= 2 {
    let keyA = loadKey(keyPaths[0]), keyB = loadKey(keyPaths[1])
    let fixedMessage = [UInt8](repeating: 0, count: 64)
    tests.append(
        TimingTest(
            name: "sign-message", what: "RSAPrivateKey.signature(for:), \(keyA.keySizeInBits)-bit key: one fixed 64-byte message vs random ones",
            prepare: { c, r in (c == 0 ? fixedMessage : r.bytes(64)) as [UInt8] },
            run: { m in UInt64((try! keyA.signature(for: m as! [UInt8])).rawRepresentation[0]) }))
    tests.append(
        TimingTest(
            name: "sign-key", what: "RSAPrivateKey.signature(for:): key A (fixed) vs key B, same size, random 64-byte messages",
            prepare: { c, r in (c, r.bytes(64)) as (Int, [UInt8]) },
            run: { input in
                let (c, m) = input as! (Int, [UInt8])
                return UInt64((try! (c == 0 ? keyA : keyB).signature(for: m)).rawRepresentation[0])
            }))
}

// ECDSA P-256: a random digest in both classes (so the signature, and the time of its public
// verification before release, is random in both); only the secret is fixed or random.
/// 32 bytes below n and not 0 (the top bit cleared, the low bit set).
func p256Scalar(_ r: inout Random) -> [UInt8] {
    var bytes = r.bytes(32)
    bytes[0] &= 0x7F
    bytes[31] |= 1
    return bytes
}
// The fixed secrets are the most special ones: d = 1 and k = 1 (every comb digit 0 but one).
let one = [UInt8](repeating: 0, count: 31) + [1]
let fixedP256Key = try! P256.Signing.PrivateKey(rawRepresentation: one)
let fixedNonce = one
tests.append(
    TimingTest(
        name: "ecdsa-d", what: "P256.Signing.PrivateKey.signature(for:) (RFC 6979): d = 1 (fixed) vs random d, random digests",
        prepare: { c, r in
            let key = c == 0 ? fixedP256Key : try! P256.Signing.PrivateKey(rawRepresentation: p256Scalar(&r))
            return (key, SHA256.hash(data: r.bytes(32))) as (P256.Signing.PrivateKey, SHA256Digest)
        },
        run: { input in
            let (key, digest) = input as! (P256.Signing.PrivateKey, SHA256Digest)
            return UInt64((try! key.signature(for: digest)).rawRepresentation[0])
        }))
tests.append(
    TimingTest(
        name: "ecdsa-k", what: "ECDSA P-256 with an explicit nonce (signature(digest:nonce:)): k = 1 (fixed) vs random k, key d = 1, random digests",
        prepare: { c, r in (c == 0 ? fixedNonce : p256Scalar(&r), SHA256.hash(data: r.bytes(32))) as ([UInt8], SHA256Digest) },
        run: { input in
            let (nonce, digest) = input as! ([UInt8], SHA256Digest)
            return UInt64((try! P256ConstantTimeHooks.signature(fixedP256Key, digest: digest, nonce: nonce)).rawRepresentation[0])
        }))

print("dudect: Welch's t, fixed (class 0) vs random (class 1); |t| > 4.5 would suggest a leak (dudect's threshold), |t| > 10 a clear one")
for name in selected {
    guard let test = tests.first(where: { $0.name == name }) else { print("no test \(name) (need two --key for sign-*)"); continue }
    let n = name == "modexp" || name == "leaky" ? samples : max(200, samples / 5)
    let r = test.measure(samples: n)
    let verdict = abs(r.maxT) > 10 ? "LEAK" : abs(r.maxT) > 4.5 ? "suspicious" : "no evidence of a leak"
    let padded = name + String(repeating: " ", count: max(0, 13 - name.count))
    print("\(padded) max |t| = \(fixed2(abs(r.maxT))) (crop \(r.atCrop)), n = \(r.n), mean \(Int(r.mean0)) vs \(Int(r.mean1)) ns: \(verdict)")
    print("              \(test.what)")
}
