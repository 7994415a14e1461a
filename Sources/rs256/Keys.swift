// Turning loaded key numbers into validated keys, signers and verifiers, and the data
// signatures of sign-data / verify-data.
import PureJWT
import PureRSA
import PureSHA2

/// The refusal for a key that failed validation, with the opt-in named when there is one.
func keyFailure(_ error: RSAError, origin: String, allowWeakKey: Bool) -> Failure {
    if case let .keyTooSmall(bits, _) = error, !allowWeakKey, bits >= RSAKeyPolicy.allowingLegacySizes.minimumModulusBits {
        return .input(
            "\(origin): the RSA key has \(bits) bits, fewer than the 2048 required; "
                + "pass --allow-weak-key to accept 1024 to 2047 bits (for tests and legacy systems only)")
    }
    if case let .keyTooSmall(bits, _) = error, bits < RSAKeyPolicy.allowingLegacySizes.minimumModulusBits {
        return .input(
            "\(origin): the RSA key has \(bits) bits; keys below "
                + "\(RSAKeyPolicy.allowingLegacySizes.minimumModulusBits) bits are refused whatever the options (use 2048 or more)")
    }
    return .input("\(origin): \(error)")
}

func policy(allowWeakKey: Bool) -> RSAKeyPolicy {
    allowWeakKey ? .allowingLegacySizes : .standard
}

/// A signer for the key from `--key` or the environment.
func loadSigner(keyPath: String?, allowWeakKey: Bool) throws(Failure) -> JWTSigner {
    let (components, origin) = try loadSigningKeyComponents(keyPath: keyPath)
    do {
        return JWTSigner(key: try RSAPrivateKey(components: components, policy: policy(allowWeakKey: allowWeakKey)))
    } catch {
        throw keyFailure(error, origin: origin, allowWeakKey: allowWeakKey)
    }
}

/// The public key for verifying, from `--key` or the environment. A private key is validated
/// as a private key under the same size policy `token` applies, with the same sentences, before
/// its public half is used; a public key under the same size policy.
func loadVerifyingKey(keyPath: String?, keyID: @autoclosure () -> String?, allowWeakKey: Bool) throws(Failure) -> RSAPublicKey {
    let (material, origin) = try loadVerifyingKeyMaterial(keyPath: keyPath, keyID: keyID())
    do {
        switch material {
        case let .privateKey(components):
            return try RSAPrivateKey(components: components, policy: policy(allowWeakKey: allowWeakKey)).publicKey
        case let .publicKey(components):
            return try RSAPublicKey(components: components, policy: policy(allowWeakKey: allowWeakKey))
        }
    } catch {
        throw keyFailure(error, origin: origin, allowWeakKey: allowWeakKey)
    }
}

/// A verifier for the key from `--key` or the environment (public or private); see ``loadVerifyingKey``.
func loadVerifier(keyPath: String?, keyID: @autoclosure () -> String?, allowWeakKey: Bool, options: JWTValidationOptions) throws(Failure)
    -> JWTVerifier
{
    JWTVerifier(key: try loadVerifyingKey(keyPath: keyPath, keyID: keyID(), allowWeakKey: allowWeakKey), options: options)
}

/// RSASSA-PKCS1-v1_5 over a SHA-256 digest: what `openssl dgst -sha256 -sign` writes.
func signDigest(_ digest: SHA256Digest, with signer: JWTSigner) throws(Failure) -> [UInt8] {
    do {
        return try signer.key.signature(for: digest).rawRepresentation
    } catch {
        throw .input("cannot sign: \(error)")
    }
}

/// Whether `signature` is valid over the data with this SHA-256 digest.
func verifyDigest(_ signature: [UInt8], _ digest: SHA256Digest, with verifier: JWTVerifier) -> Bool {
    verifier.key?.isValidSignature(RSASignature(rawRepresentation: signature), for: digest) ?? false
}
