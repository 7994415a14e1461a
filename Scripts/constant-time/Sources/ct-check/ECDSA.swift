// ECDSA P-256 signing and key generation under valgrind.
//
//   ct-check memcheck-ecdsa (library|leaky) (d|k)   two keys × three messages. `d`: each key's d is
//        marked undefined before `PrivateKey(rawRepresentation:)` and the messages are signed
//        through the public deterministic entry point `signature(for:)` (RFC 6979: HMAC-DRBG over
//        d and the digest, R = k·G, r, s = k⁻¹(e + r·d), the check before release), so k is
//        secret too, derived from d. `k`: d undefined as well, and each signature made through
//        the explicit-nonce primitive `signature(digest:nonce:)` (reached through the SPI hook
//        P256ConstantTimeHooks) with k's bytes undefined. In both, the public key d·G is marked
//        defined once computed (it is public), and each signature is marked defined when it is
//        returned, before the harness looks at it. memcheck may report only the documented
//        declassifications; Scripts/constant-time.sh checks which and how often (-s listing).
//   ct-check count-ecdsa (library|leaky) (d|k) SEED   one signing chosen by SEED (key, message,
//        nonce), counted by callgrind --toggle-collect='*measureECDSA*'.
//   ct-check count-ecdsa-verification (d|k) SEED   the check before release of that signature,
//        counted by callgrind --toggle-collect='*measureVerification*': the check before release
//        is variable time on the public signature by design, so Scripts/constant-time.sh compares
//        signing minus this.
//   ct-check memcheck-p256keygen (library|leaky)   four keys from `P256ConstantTimeHooks
//        .generateKey(using:)` (FIPS 186-5 A.2.2) with a generator whose every word is undefined;
//        its first candidate is 2^256 − 1, so one rejection is taken too.
//   ct-check count-p256keygen (library|leaky) SEED   one key generation from a seeded generator,
//        counted by callgrind --toggle-collect='*measureKeyGeneration*'.
//
// `leaky` is the control: the same calls, plus a branch on each of 8 bits of the secrets (4 of d
// and 4 of k; 8 of the generated d) that runs an extra signing or key computation when the bit
// is set, so memcheck must report outside the allowed sites and the counts must differ.
import CMemcheck
@_spi(ConstantTimeTesting) import PureP256
import PureSHA2
#if canImport(Glibc)
import Glibc
#endif

/// Marks the public key inside a private key defined: d·G is public once computed (memcheck
/// would otherwise follow d into every use of Q, all of them in verification).
func markPublicKeyDefined(_ key: inout P256.Signing.PrivateKey) {
    guard let offset = MemoryLayout<P256.Signing.PrivateKey>.offset(of: \P256.Signing.PrivateKey.publicKey) else {
        print("ct-check: cannot locate PrivateKey.publicKey")
        exit(2)
    }
    withUnsafeMutableBytes(of: &key) { bytes in
        ct_public(bytes.baseAddress! + offset, MemoryLayout<P256.Signing.PublicKey>.size)
    }
}

/// 32 bytes for a seed, below n (top bit cleared) and not 0.
func scalarBytes(_ random: inout Random) -> [UInt8] {
    var bytes = (0..<32).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    bytes[0] &= 0x7F
    bytes[31] |= 1
    return bytes
}

/// A key from a (secret or public) d.
func ecdsaKey(_ d: [UInt8]) -> P256.Signing.PrivateKey {
    do { return try P256.Signing.PrivateKey(rawRepresentation: d) } catch {
        print("ct-check: the key was refused: \(error)")
        exit(2)
    }
}

/// One signing: deterministic (`nonce` empty) or with the explicit nonce; `leaky` adds the
/// control's secret-dependent branches (an extra signing for each set bit among 4 of d and 4 of
/// k).
@inline(never)
func measureECDSA(_ variant: String, _ key: P256.Signing.PrivateKey, _ d: [UInt8], _ digest: SHA256Digest, _ nonce: [UInt8]) -> [UInt8] {
    var signature: [UInt8] = []
    do {
        if nonce.isEmpty {
            signature = try key.signature(for: digest).rawRepresentation
        } else {
            signature = try P256ConstantTimeHooks.signature(key, digest: digest, nonce: nonce).rawRepresentation
        }
        if variant == "leaky" {
            // The low 4 bits of d and of k (of d's next byte when k is RFC 6979's).
            let bits = d[31] & 0x0F | (nonce.isEmpty ? d[30] : nonce[31]) << 4
            for bit in 0..<8 where bits >> UInt8(bit) & 1 == 1 {
                signature = try key.signature(for: digest).rawRepresentation
            }
        }
    } catch {
        print("ct-check: signing failed: \(error)")
        exit(2)
    }
    return signature
}

/// The inputs of one signing for a seed: d, a 32-byte digest, a nonce (for `k`).
func ecdsaInputs(seed: UInt64) -> (d: [UInt8], digest: SHA256Digest, nonce: [UInt8]) {
    var random = Random(state: 0xEC_D5A0 &+ seed)
    let d = scalarBytes(&random)
    let message = (0..<40).map { _ in UInt8(truncatingIfNeeded: random.next()) }
    return (d, SHA256.hash(data: message), scalarBytes(&random))
}

func memcheckECDSA(_ variant: String, mode: String) {
    var checksum: UInt8 = 0
    var signatures = 0
    for keyIndex: UInt64 in 0..<2 {
        var d = ecdsaInputs(seed: 100 * keyIndex).d
        d.withUnsafeMutableBytes { ct_secret($0.baseAddress, $0.count) }
        var key = ecdsaKey(d)
        markPublicKeyDefined(&key)
        for message: UInt64 in 0..<3 {
            let inputs = ecdsaInputs(seed: 100 * keyIndex + message + 1)
            var nonce = mode == "k" ? inputs.nonce : []
            nonce.withUnsafeMutableBytes { ct_secret($0.baseAddress, $0.count) }
            var signature = measureECDSA(variant, key, d, inputs.digest, nonce)
            signature.withUnsafeMutableBytes { ct_public($0.baseAddress, $0.count) }
            for byte in signature { checksum ^= byte }
            signatures += 1
        }
    }
    print("memcheck-ecdsa \(variant) \(mode): 2 keys, \(signatures) signatures, checksum \(checksum), \(ct_error_count()) memcheck report(s)")
}

/// The check before release of a finished signature, through the hook that runs exactly what
/// the signing path runs (the verification with the key's comb of Q), counted on its own so
/// that Scripts/constant-time.sh can subtract it.
@inline(never)
func measureVerification(_ key: P256.Signing.PrivateKey, _ signature: P256.Signing.ECDSASignature, _ digest: SHA256Digest) -> Bool {
    P256ConstantTimeHooks.checkBeforeRelease(key, signature, digest: digest)
}

/// `verification`: false counts one signing (measureECDSA), true the verification of the same
/// signature (measureVerification); the same work precedes both, uncounted.
func countECDSA(_ variant: String, mode: String, seed: UInt64, verification: Bool) {
    // Seeds 0…5: three keys × two messages (and nonces); every seed makes the same allocations.
    let inputs = ecdsaInputs(seed: 100 * (seed / 2) + seed % 2 + 1)
    let d = ecdsaInputs(seed: 100 * (seed / 2)).d
    let key = ecdsaKey(d)
    let nonce = mode == "k" ? inputs.nonce : []
    // Warm-up: one uncounted signing (the fixed-base tables are built on first use).
    let signature = (try? key.signature(for: inputs.digest))?.rawRepresentation ?? []
    if verification {
        let explicit = nonce.isEmpty ? nil : try? P256ConstantTimeHooks.signature(key, digest: inputs.digest, nonce: nonce)
        let expected = explicit?.rawRepresentation ?? signature
        guard let parsed = try? P256.Signing.ECDSASignature(rawRepresentation: expected) else {
            print("ct-check: the signature to count does not parse")
            exit(2)
        }
        let valid = measureVerification(key, parsed, inputs.digest)
        print("count-ecdsa-verification \(mode) seed \(seed): \(valid)")
    } else {
        let made = measureECDSA(variant, key, d, inputs.digest, nonce)
        print("count-ecdsa \(variant) \(mode) seed \(seed): \(made.first ?? 0)")
    }
}

/// Words that memcheck treats as secret, as SystemRandomNumberGenerator's would be; counts them.
/// `rejected`: the first candidate is 2^256 − 1 (above n − 2), so the rejection path runs too.
struct CountingSecretRandom: RandomNumberGenerator {
    var random: Random
    var secret: Bool
    var rejected = false
    var draws = 0
    mutating func next() -> UInt64 {
        var word = rejected && draws < 4 ? UInt64.max : random.next()
        if secret { withUnsafeMutableBytes(of: &word) { ct_secret($0.baseAddress, $0.count) } }
        draws += 1
        return word
    }
}

/// One key generation; `leaky` adds the control's branches on the low 8 bits of d.
@inline(never)
func measureKeyGeneration(_ variant: String, _ generator: inout CountingSecretRandom) -> [UInt8] {
    var key = P256ConstantTimeHooks.generateKey(using: &generator)
    if variant == "leaky" {
        let d = key.rawRepresentation
        for bit in 0..<8 where d[31] >> UInt8(bit) & 1 == 1 {
            key = ecdsaKey([UInt8](repeating: 0, count: 31) + [UInt8(bit + 1)])
        }
    }
    return key.publicKey.rawRepresentation
}

func memcheckP256KeyGeneration(_ variant: String) {
    var checksum: UInt8 = 0
    var generator = CountingSecretRandom(random: Random(state: 0x6E_4E00), secret: true, rejected: true)
    for _ in 0..<4 {
        var publicKey = measureKeyGeneration(variant, &generator)
        publicKey.withUnsafeMutableBytes { ct_public($0.baseAddress, $0.count) }
        for byte in publicKey { checksum ^= byte }
    }
    print("memcheck-p256keygen \(variant): 4 keys, \(generator.draws / 4) candidates, checksum \(checksum), \(ct_error_count()) memcheck report(s)")
}

func countP256KeyGeneration(_ variant: String, seed: UInt64) {
    var warmUp = CountingSecretRandom(random: Random(state: 0xFFFF), secret: false)
    _ = P256ConstantTimeHooks.generateKey(using: &warmUp)
    var generator = CountingSecretRandom(random: Random(state: 0x6E_4E00 &+ seed), secret: false)
    let publicKey = measureKeyGeneration(variant, &generator)
    print("count-p256keygen \(variant) seed \(seed): \(generator.draws / 4) candidate(s), \(publicKey.first ?? 0)")
}
