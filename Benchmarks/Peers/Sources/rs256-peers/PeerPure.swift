// PureRS256 itself, through its public API (the column every ratio is taken against).
@_spi(Internals) import PureBigNum
@_spi(Internals) import PureDER
import PureJWT
import PureRSA

enum Pure {
    /// RSA PKCS#1 v1.5 with SHA-256 over `message`, with the key in `pem`.
    static func rsa(pem: String, message: [UInt8]) throws -> (signature: [UInt8], sign: Body, verify: Body) {
        let key = try RSAPrivateKey(pemRepresentation: pem)
        let signature = try key.signature(for: message)
        let publicKey = key.publicKey
        return (
            signature.rawRepresentation,
            { n in for _ in 0..<n { blackHole(try? key.signature(for: message)) } },
            { n in for _ in 0..<n { blackHole(publicKey.isValidSignature(signature, for: message)) } }
        )
    }

    /// Whether `signature` is a valid RS256 signature of `message` under `pem`'s public key.
    static func isValid(_ signature: [UInt8], for message: [UInt8], pem: String) -> Bool {
        guard let key = try? RSAPrivateKey(pemRepresentation: pem) else { return false }
        return key.publicKey.isValidSignature(RSASignature(rawRepresentation: signature), for: message)
    }

    /// The tenant token and the bodies minting and verifying it.
    static func jwt(pem: String) throws -> (token: String, mint: Body, verify: Body) {
        let key = try RSAPrivateKey(pemRepresentation: pem)
        let signer = JWTSigner(key: key)
        let verifier = JWTVerifier(key: key.publicKey)
        let token = try signer.tenantToken(Inputs.tenant, now: Inputs.now, lifetime: Inputs.lifetime)
        return (
            token,
            { n in
                for _ in 0..<n {
                    blackHole(try? signer.tenantToken(Inputs.tenant, now: Inputs.now, lifetime: Inputs.lifetime))
                }
            },
            { n in for _ in 0..<n { blackHole(try? verifier.verify(token, now: Inputs.now)) } }
        )
    }

    /// Whether PureJWT accepts `token` (signature and claims, as of `Inputs.now`).
    static func accepts(_ token: String, pem: String) -> Bool {
        guard let key = try? RSAPrivateKey(pemRepresentation: pem) else { return false }
        return (try? JWTVerifier(key: key.publicKey).verify(token, now: Inputs.now)) != nil
    }

    /// The base64url RS256 signature of arbitrary signing-input bytes.
    static func base64URLSignature(of input: [UInt8], pem: String) -> String? {
        guard let key = try? RSAPrivateKey(pemRepresentation: pem),
            let signature = try? key.signature(for: input)
        else { return nil }
        return Base64URL.encode(signature.rawRepresentation)
    }

    /// Constant-time `base^exponent mod modulus` (the RSA signing core).
    static func modexp(modulus: [UInt64], base: [UInt64], exponent: [UInt64]) throws -> (result: [UInt64], body: Body) {
        let m = try Modulus(limbs: modulus)
        return (
            m.exponentiateSecret(base: base, exponent: exponent),
            { n in for _ in 0..<n { blackHole(m.exponentiateSecret(base: base, exponent: exponent)) } }
        )
    }
}
