// Benchmark rows for PureP256: ECDSA P-256 / SHA-256 signing and verification, and the layers
// under them (field multiplication, scalar multiplication).
@_spi(Internals) import PureBigNum
import PureJWT
import PureP256
import PureSHA2

/// Rows `ecdsa/sign/p256` (the public deterministic API `signature(for: digest)`: the RFC 6979
/// HMAC-DRBG nonce, k·G, the signature equation and the verify-before-release check),
/// `ecdsa/verify/p256`,
/// `p256/fieldmul` (4-limb Montgomery, UInt128 products), `p256/fieldmul/bignum` (the same
/// product through PureBigNum's generic Montgomery multiply, for the design comparison),
/// `p256/scalarmult` (constant-time variable base) and `p256/basemult` (constant-time k·G),
/// `ecdsa/keygen/p256` (`P256.Signing.PrivateKey()`: 32 random bytes, d·G and the key's
/// precomputation; `openssl speed` has no key-generation row to compare) and `jwt/mint-es256`
/// (a whole ES256 tenant token from a loaded key, next to OpenSSL's bare signature).
func p256Rows() -> [BenchRow] {
    // The first NIST SigGen [P-256,SHA-256] key (and its nonce, for the scalar-multiplication rows).
    let d = bytes("519b423d715f8b581f4fa8ee59f4771a5b44c8130b4e3eacca54a56dda72b464")
    let k = bytes("94a1bbb14b906a61a280f245f9e93c7f3b4a6247824f5d33b9670787642a68de")
    guard let key = try? P256.Signing.PrivateKey(rawRepresentation: d) else { return [] }
    let digest = SHA256.hash(data: Array("ES256 benchmark message".utf8))
    guard let signature = try? key.signature(for: digest) else { return [] }
    let publicKey = key.publicKey
    let x = bytes("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")
    let y = bytes("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")
    var rows = [
        BenchRow("ecdsa/sign/p256", openssl: .ecdsaP256Sign) { iterations in
            for _ in 0..<iterations { blackHole(try? key.signature(for: digest)) }
        },
        BenchRow("ecdsa/verify/p256", openssl: .ecdsaP256Verify) { iterations in
            for _ in 0..<iterations { blackHole(publicKey.isValidSignature(signature, for: digest)) }
        },
        BenchRow("ecdsa/keygen/p256") { iterations in
            for _ in 0..<iterations { blackHole(P256.Signing.PrivateKey()) }
        },
        BenchRow("jwt/mint-es256", openssl: .ecdsaP256Sign) { iterations in
            let signer = JWTSigner(key: key)
            for i in 0..<iterations {
                blackHole(try? signer.tenantToken("tenant-42", now: 1_700_000_000 + Int64(i & 1023)))
            }
        },
        BenchRow("p256/fieldmul") { iterations in
            blackHole(P256BenchmarkHooks.fieldMultiplications(iterations, x: x, y: y))
        },
        BenchRow("p256/scalarmult") { iterations in
            blackHole(P256BenchmarkHooks.scalarMultiplications(iterations, k: k))
        },
        BenchRow("p256/basemult") { iterations in
            blackHole(P256BenchmarkHooks.generatorMultiplications(iterations, k: k))
        },
    ]
    // p as a PureBigNum Modulus: the generic Montgomery path the 4-limb code was measured against.
    if let modulus = try? Modulus(bigEndianBytes: bytes("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff")) {
        let a = [UInt64](x.reversedLimbs), b = [UInt64](y.reversedLimbs)
        rows.append(
            BenchRow("p256/fieldmul/bignum") { iterations in
                var result = a
                for _ in 0..<iterations { try? modulus.montgomeryMultiply(result, b, into: &result) }
                blackHole(result)
            })
    }
    return rows
}

private func bytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
        index = next
    }
    return result
}

extension Array where Element == UInt8 {
    /// 32 big-endian bytes as four little-endian limbs.
    fileprivate var reversedLimbs: [UInt64] {
        (0..<4).map { limb in
            (0..<8).reduce(UInt64(0)) { word, byte in word << 8 | UInt64(self[(3 - limb) * 8 + byte]) }
        }
    }
}
