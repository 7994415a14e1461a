// Benchmark rows for PureRSA: RS256 signing and verification at 2048, 3072 and 4096 bits, PS256
// and the SHA-384/512 algorithms (RS384, RS512, PS384, PS512) at 2048, and loading a private key
// from PEM. Keys are the OpenSSL-made ones of Vectors/rsa-diff.
import Foundation
import PureRSA
import PureSHA2

/// The PEM text of a differential-test key, read relative to this file.
private func benchmarkKeyPEM(bits: Int) -> String? {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/rsa-diff/key-\(bits).pem")
    return try? String(contentsOf: url, encoding: .utf8)
}

/// `rsa/sign/BITS` (SHA-256 of a JWT-sized message included, as the API always hashes),
/// `rsa/verify/BITS`, and `rsa/load-pem/BITS` (PEM parse, key validation, Montgomery
/// precomputation). OpenSSL's counterparts are `openssl speed rsaBITS` sign and verify (which
/// sign a digest); key loading has none.
func rsaRows() -> [BenchRow] {
    // A typical RS256 signing input: header.payload, 140 bytes.
    let message = Array(
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZW5hbnQtNDIiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            .utf8)
    var rows: [BenchRow] = []
    for bits in [2048, 3072, 4096] {
        guard let pem = benchmarkKeyPEM(bits: bits), let key = try? RSAPrivateKey(pemRepresentation: pem),
            let signature = try? key.signature(for: message)
        else {
            FileHandle.standardError.write(
                Data("rs256-bench: Vectors/rsa-diff/key-\(bits).pem is missing or unreadable; rsa rows for \(bits) bits skipped\n".utf8))
            continue
        }
        let publicKey = key.publicKey
        rows.append(
            BenchRow("rsa/sign/\(bits)", openssl: .rsaSign(bits: bits)) { iterations in
                for _ in 0..<iterations { blackHole(try? key.signature(for: message)) }
            })
        rows.append(
            BenchRow("rsa/verify/\(bits)", openssl: .rsaVerify(bits: bits)) { iterations in
                for _ in 0..<iterations { blackHole(publicKey.isValidSignature(signature, for: message)) }
            })
        // PS256: the same private-key operation as RS256 behind EMSA-PSS (MGF1, a 32-byte salt
        // from the system random source); OpenSSL's row is its PKCS#1 v1.5 `speed rsaBITS`
        // (`openssl speed` has no PSS), so the ratio shows what the encoding adds.
        guard bits == 2048, let pssSignature = try? key.signature(for: message, padding: .PSS) else { continue }
        rows.append(
            BenchRow("rsa/sign-pss/\(bits)", openssl: .rsaSign(bits: bits)) { iterations in
                for _ in 0..<iterations { blackHole(try? key.signature(for: message, padding: .PSS)) }
            })
        rows.append(
            BenchRow("rsa/verify-pss/\(bits)", openssl: .rsaVerify(bits: bits)) { iterations in
                for _ in 0..<iterations { blackHole(publicKey.isValidSignature(pssSignature, for: message, padding: .PSS)) }
            })
        rows += sha2FamilyRows(key: key, message: message)
    }
    for bits in [2048, 4096] {
        guard let pem = benchmarkKeyPEM(bits: bits) else { continue }
        rows.append(
            BenchRow("rsa/load-pem/\(bits)") { iterations in
                for _ in 0..<iterations { blackHole(try? RSAPrivateKey(pemRepresentation: pem)) }
            })
    }
    return rows
}

/// `rsa/sign-ALG/2048` and `rsa/verify-ALG/2048` for RS384, RS512, PS384 and PS512: the message is
/// hashed inside the timed loop (as a JWT signer does), then signed or checked with the digest
/// overload. OpenSSL's row is `openssl speed rsa2048`, which signs a digest with PKCS#1 v1.5
/// (it has no per-hash or PSS variant), so the ratio shows what the hash and encoding add.
private func sha2FamilyRows(key: RSAPrivateKey, message: [UInt8]) -> [BenchRow] {
    var rows: [BenchRow] = []
    for (name, padding) in [("rs", RSASigningPadding.insecurePKCS1v1_5), ("ps", RSASigningPadding.PSS)] {
        rows += hashRows(SHA384.self, "\(name)384", key: key, message: message, padding: padding)
        rows += hashRows(SHA512.self, "\(name)512", key: key, message: message, padding: padding)
    }
    return rows
}

/// The sign and verify rows of one algorithm: `H` hashes the message inside the timed loop.
private func hashRows<H: HashFunction>(
    _: H.Type, _ name: String, key: RSAPrivateKey, message: [UInt8], padding: RSASigningPadding
) -> [BenchRow] {
    let publicKey = key.publicKey
    let bits = key.keySizeInBits
    guard let signature = try? key.signature(for: H.hash(data: message), padding: padding) else { return [] }
    return [
        BenchRow("rsa/sign-\(name)/\(bits)", openssl: .rsaSign(bits: bits)) { iterations in
            for _ in 0..<iterations { blackHole(try? key.signature(for: H.hash(data: message), padding: padding)) }
        },
        BenchRow("rsa/verify-\(name)/\(bits)", openssl: .rsaVerify(bits: bits)) { iterations in
            for _ in 0..<iterations { blackHole(publicKey.isValidSignature(signature, for: H.hash(data: message), padding: padding)) }
        },
    ]
}
