// Benchmark rows for PureSHA2.
import PureSHA2

/// SHA-256 and SHA-512 one-shot hashing of a message already in memory, at three sizes; SHA-384
/// at 1 KiB (the same compression as SHA-512); HMAC over a JWT-sized signing input.
func shaRows() -> [BenchRow] {
    let sizes = [("64B", 64), ("1KiB", 1024), ("1MiB", 1 << 20)]
    func message(_ size: Int) -> [UInt8] { (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) } }
    let sha256 = sizes.map { label, size in
        let message = message(size)
        return BenchRow("sha256/\(label)", bytes: size, openssl: .sha256(bytes: size)) { iterations in
            for _ in 0..<iterations { blackHole(SHA256.hash(data: message)) }
        }
    }
    let sha512 = sizes.map { label, size in
        let message = message(size)
        return BenchRow("sha512/\(label)", bytes: size, openssl: .sha2(algorithm: "sha512", bytes: size)) { iterations in
            for _ in 0..<iterations { blackHole(SHA512.hash(data: message)) }
        }
    }
    let kibibyte = message(1024)
    let sha384 = BenchRow("sha384/1KiB", bytes: 1024, openssl: .sha2(algorithm: "sha384", bytes: 1024)) { iterations in
        for _ in 0..<iterations { blackHole(SHA384.hash(data: kibibyte)) }
    }
    return sha256 + sha512 + [sha384] + hmacRows(SHA256.self, "sha256") + hmacRows(SHA384.self, "sha384")
        + hmacRows(SHA512.self, "sha512")
}

/// HMAC over a 300-byte message (about an HS256 token's signing input: a 36-character header, a
/// dot and a ~260-character payload) with a key as long as the hash output.
///
/// `hmac/H/JWT-sized` keys once and copies the keyed value per message, as `openssl speed -hmac`
/// does (it re-initialises with the same key, reusing the padded-key states); `…/with-key` also
/// runs the key schedule (two more compressions) per message, as one-shot
/// `HMAC.authenticationCode(for:using:)` does.
func hmacRows<H: HashFunction>(_: H.Type, _ name: String) -> [BenchRow] {
    let size = 300
    let message = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
    let key = SymmetricKey(data: (0..<H.Digest.byteCount).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 1) })
    let keyed = HMAC<H>(key: key)
    return [
        BenchRow("hmac/\(name)/JWT-sized", bytes: size, openssl: .hmac(digest: name, bytes: size)) { iterations in
            for _ in 0..<iterations {
                var mac = keyed
                mac.update(data: message)
                blackHole(mac.finalize())
            }
        },
        BenchRow("hmac/\(name)/JWT-sized/with-key", bytes: size) { iterations in
            for _ in 0..<iterations { blackHole(HMAC<H>.authenticationCode(for: message, using: key)) }
        },
    ]
}
