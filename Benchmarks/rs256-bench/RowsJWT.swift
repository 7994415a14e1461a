// Benchmark rows for PureJWT: minting and verifying the main job's tenant token with the
// demo RSA-2048 key (Vectors/keys/demo-rsa-2048.pem).
import Foundation
@_spi(Internals) import PureDER
@_spi(Internals) import PureJWT
@_spi(Internals) import PureRSA
import PureSHA2
@_spi(Internals) import PureJSON

/// `jwt/mint/2048`: a whole tenant token from a loaded key (claims, header, JSON, base64url,
/// SHA-256, RSA signature and its self-check, assembly).
/// `jwt/mint-overhead/2048`: the same steps with the RSA operation left out — what JWTSigner
/// does around `signature(for:)` of a digest (target ≤ 10 µs).
/// `jwt/verify/2048`: split, decode and parse the header, check the policy, decode and verify the
/// signature, parse and check the claims (target ≤ 40 µs).
func jwtRows() -> [BenchRow] {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/keys/demo-rsa-2048.pem")
    guard let pem = try? String(contentsOf: url, encoding: .utf8),
        let key = try? RSAPrivateKey(pemRepresentation: pem),
        let token = try? JWTSigner(key: key).tenantToken("tenant-42", now: 1_700_000_000),
        let signature = try? JWT.decodeWithoutVerifying(token).signature
    else {
        FileHandle.standardError.write(Data("rs256-bench: Vectors/keys/demo-rsa-2048.pem is missing or unreadable; jwt rows skipped\n".utf8))
        return []
    }
    let signer = JWTSigner(key: key)
    let verifier = JWTVerifier(key: key.publicKey)
    return [
        BenchRow("jwt/mint/2048", openssl: .rsaSign(bits: 2048)) { iterations in
            for i in 0..<iterations {
                blackHole(try? signer.tenantToken("tenant-42", now: 1_700_000_000 + Int64(i & 1023)))
            }
        },
        BenchRow("jwt/mint-overhead/2048") { iterations in
            for i in 0..<iterations {
                guard let claims = try? JWTClaims.tenant("tenant-42", now: 1_700_000_000 + Int64(i & 1023)),
                    let header = try? JWSHeader.rs256()
                else { continue }
                var input = Base64URL.encode(header.serializedBytes)
                input += "."
                input += Base64URL.encode(claims.serializedBytes)
                let digest = SHA256.hash(data: input.utf8)
                input += "."
                input += Base64URL.encode(signature)
                blackHole((digest, input))
            }
        },
        BenchRow("jwt/verify/2048", openssl: .rsaVerify(bits: 2048)) { iterations in
            for _ in 0..<iterations { blackHole(try? verifier.verify(token, now: 1_700_000_000)) }
        },
    ] + hs256Rows()
}

/// `jwt/mint/hs256` and `jwt/verify/hs256`: the tenant token with a 32-byte HMAC secret (the
/// whole JWT work; OpenSSL's row is HMAC-SHA256 over a 300-byte input, the signing input's size).
func hs256Rows() -> [BenchRow] {
    let secret = SymmetricKey(data: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 29 &+ 1) })
    guard let signer = try? JWTSigner(secret: secret, algorithm: .hs256),
        let verifier = try? JWTVerifier(secret: secret, algorithm: .hs256),
        let token = try? signer.tenantToken("tenant-42", now: 1_700_000_000)
    else { return [] }
    return [
        BenchRow("jwt/mint/hs256", bytes: 300, openssl: .hmac(digest: "sha256", bytes: 300)) { iterations in
            for i in 0..<iterations {
                blackHole(try? signer.tenantToken("tenant-42", now: 1_700_000_000 + Int64(i & 1023)))
            }
        },
        BenchRow("jwt/verify/hs256", bytes: 300, openssl: .hmac(digest: "sha256", bytes: 300)) { iterations in
            for _ in 0..<iterations { blackHole(try? verifier.verify(token, now: 1_700_000_000)) }
        },
    ]
}
