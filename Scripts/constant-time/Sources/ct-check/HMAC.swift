// HMAC tag verification under valgrind: HMAC-SHA-256/384/512 computed and compared with the key
// and the received tag secret.
//
//   ct-check memcheck-hmac (library|leaky)   the key bytes and the tag bytes are marked
//        undefined; verifying a right tag, a tag wrong in its first byte and one wrong in its
//        last byte (keys of 32 bytes and of 131, longer than every block, hashed first) must not
//        make memcheck report anything until the verdict is made public here. `leaky` compares
//        with an early exit instead (a control: it must be reported).
//   ct-check count-hmac (library|leaky) SEED  one verification per hash of a 300-byte message,
//        counted by callgrind --toggle-collect='*measureHMAC*'. SEED picks the key bytes and how
//        the tag is wrong: 0 right, 1 first byte, 2 last byte, 3 every byte.
import CMemcheck
import PureSHA2
#if canImport(Glibc)
import Glibc
#endif

/// The received tag for a test: the right one, or one changed as `seed` says. Every seed writes
/// every byte, so each makes the same copies and allocations (malloc's instruction count depends
/// on the heap's history).
func receivedTag(_ right: [UInt8], seed: UInt64) -> [UInt8] {
    var tag = right
    let last = tag.count - 1
    for i in tag.indices {
        let change: UInt8 =
            switch seed % 4 {
            case 1: i == 0 ? 0x01 : 0
            case 2: i == last ? 0x80 : 0
            case 3: 0xa5
            default: 0
            }
        tag[i] ^= change
    }
    return tag
}

/// An early-exit comparison: the leak the checks must catch.
func leakyEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    for i in a.indices where a[i] != b[i] { return false }
    return true
}

func verify<H: HashFunction>(_: H.Type, _ leaky: Bool, _ key: SymmetricKey, _ message: [UInt8], _ tag: [UInt8]) -> Bool {
    leaky
        ? leakyEqual(HMAC<H>.authenticationCode(for: message, using: key).bytes, tag)
        : HMAC<H>.isValidAuthenticationCode(tag, authenticating: message, using: key)
}

/// The verifications whose instructions callgrind counts (the name is the toggle pattern).
@inline(never)
func measureHMAC(_ leaky: Bool, _ keys: [SymmetricKey], _ message: [UInt8], _ tags: [[UInt8]]) -> [Bool] {
    [
        verify(SHA256.self, leaky, keys[0], message, tags[0]),
        verify(SHA384.self, leaky, keys[1], message, tags[1]),
        verify(SHA512.self, leaky, keys[2], message, tags[2]),
    ]
}

/// The right tags of `message` under `keys` (one per hash), computed on public copies.
func rightTags(_ keys: [[UInt8]], _ message: [UInt8]) -> [[UInt8]] {
    [
        HMAC<SHA256>.authenticationCode(for: message, using: SymmetricKey(data: keys[0])).bytes,
        HMAC<SHA384>.authenticationCode(for: message, using: SymmetricKey(data: keys[1])).bytes,
        HMAC<SHA512>.authenticationCode(for: message, using: SymmetricKey(data: keys[2])).bytes,
    ]
}

func hmacKeys(seed: UInt64, length: Int) -> [[UInt8]] {
    var random = Random(state: 0x484d_4143 &+ seed)
    return (0..<3).map { _ in (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
}

func memcheckHMAC(_ variant: String) {
    let leaky = variant == "leaky"
    let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    var verdicts: [Bool] = []
    for keyLength in [32, 131] {
        let keyBytes = hmacKeys(seed: 1, length: keyLength)
        let right = rightTags(keyBytes, message)
        for seed: UInt64 in 0..<3 {
            var secretKeys = keyBytes
            var tags = right.map { receivedTag($0, seed: seed) }
            for i in 0..<3 {
                secretKeys[i].withUnsafeMutableBytes { ct_secret($0.baseAddress, $0.count) }
                tags[i].withUnsafeMutableBytes { ct_secret($0.baseAddress, $0.count) }
            }
            var results = measureHMAC(leaky, secretKeys.map { SymmetricKey(data: $0) }, message, tags)
            // The verdicts become public only now.
            results.withUnsafeMutableBytes { ct_public($0.baseAddress, $0.count) }
            verdicts += results
        }
    }
    let expected = [true, true, true, false, false, false, false, false, false]
    let correct = verdicts == expected + expected
    print("memcheck-hmac \(variant): \(verdicts.count) verifications, verdicts \(correct ? "as expected" : "WRONG")")
    if !correct { exit(1) }
}

func countHMAC(_ variant: String, seed: UInt64) {
    let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let keyBytes = hmacKeys(seed: seed, length: 32)
    let keys = keyBytes.map { SymmetricKey(data: $0) }
    let tags = rightTags(keyBytes, message).map { receivedTag($0, seed: seed) }
    let verdicts = measureHMAC(variant == "leaky", keys, message, tags)
    print("count-hmac \(variant) seed \(seed): \(verdicts)")
}
