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
    return try rsaVerifyingKey(material, origin: origin, allowWeakKey: allowWeakKey)
}

/// The validated public key of loaded RSA material (see ``loadVerifyingKey``).
func rsaVerifyingKey(_ material: RSAKeyMaterial, origin: String, allowWeakKey: Bool) throws(Failure) -> RSAPublicKey {
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

/// The data of sign-data / verify-data, hashed for one algorithm (or its HMAC tag for HS*).
enum DataHash {
    case sha256(SHA256Digest)
    case sha384(SHA384Digest)
    case sha512(SHA512Digest)
    case tag([UInt8])
}

/// Streams the file (or stdin) through the algorithm's hash, or through HMAC with `secret`.
func hashData(_ path: String, algorithm: JWTAlgorithm, secret: SymmetricKey?) throws(Failure) -> DataHash {
    let bits = algorithm.name.suffix(3)
    if let secret {
        switch bits {
        case "384":
            var mac = HMAC<SHA384>(key: secret)
            try IO.stream(path, what: "the data") { mac.update(data: $0) }
            return .tag(mac.finalize().bytes)
        case "512":
            var mac = HMAC<SHA512>(key: secret)
            try IO.stream(path, what: "the data") { mac.update(data: $0) }
            return .tag(mac.finalize().bytes)
        default:
            var mac = HMAC<SHA256>(key: secret)
            try IO.stream(path, what: "the data") { mac.update(data: $0) }
            return .tag(mac.finalize().bytes)
        }
    }
    switch bits {
    case "384":
        var hasher = SHA384()
        try IO.stream(path, what: "the data") { hasher.update(data: $0) }
        return .sha384(hasher.finalize())
    case "512":
        var hasher = SHA512()
        try IO.stream(path, what: "the data") { hasher.update(data: $0) }
        return .sha512(hasher.finalize())
    default:
        var hasher = SHA256()
        try IO.stream(path, what: "the data") { hasher.update(data: $0) }
        return .sha256(hasher.finalize())
    }
}

/// The signature over hashed data: RS* as `openssl dgst -shaN -sign` writes it, PS* as with
/// `-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest`, HS* the HMAC tag.
func signData(_ hash: DataHash, with signer: JWTSigner) throws(Failure) -> [UInt8] {
    if case let .tag(tag) = hash { return tag }
    guard let key = signer.key else { throw .input("cannot sign data: the signer holds no RSA key") }
    let padding: RSASigningPadding = signer.algorithm.name.hasPrefix("PS") ? .PSS : .insecurePKCS1v1_5
    do {
        switch hash {
        case let .sha384(digest): return try key.signature(for: digest, padding: padding).rawRepresentation
        case let .sha512(digest): return try key.signature(for: digest, padding: padding).rawRepresentation
        case let .sha256(digest): return try key.signature(for: digest, padding: padding).rawRepresentation
        case let .tag(tag): return tag
        }
    } catch {
        throw .input("cannot sign: \(error)")
    }
}

/// Whether `signature` is valid over the hashed data for the verifier's algorithm. An HMAC tag
/// is compared without an early exit (its length is public).
func verifyData(_ signature: [UInt8], _ hash: DataHash, with verifier: JWTVerifier) -> Bool {
    let padding: RSASigningPadding = verifier.algorithm.name.hasPrefix("PS") ? .PSS : .insecurePKCS1v1_5
    let rsa = RSASignature(rawRepresentation: signature)
    switch hash {
    case let .tag(tag):
        guard tag.count == signature.count else { return false }
        var difference: UInt8 = 0
        for index in tag.indices { difference |= tag[index] ^ signature[index] }
        return difference == 0
    case let .sha256(digest): return verifier.key?.isValidSignature(rsa, for: digest, padding: padding) ?? false
    case let .sha384(digest): return verifier.key?.isValidSignature(rsa, for: digest, padding: padding) ?? false
    case let .sha512(digest): return verifier.key?.isValidSignature(rsa, for: digest, padding: padding) ?? false
    }
}

// MARK: - Algorithms and HMAC secrets

let algOption = OptionSpec(
    names: ["--alg"], value: "ALG",
    help: "the algorithm: RS256 (default), RS384, RS512, PS256, PS384, PS512, HS256, HS384, HS512")
let secretFileOption = OptionSpec(
    names: ["--secret-file"], value: "PATH", help: "HS*: read the HMAC secret from PATH (its raw bytes)")
let secretEnvOption = OptionSpec(
    names: ["--secret-env"], value: "NAME", help: "HS*: read the HMAC secret from environment variable NAME (its bytes)")

/// The names `--alg` accepts, for messages.
let algorithmNames = "RS256, RS384, RS512, PS256, PS384, PS512, HS256, HS384, HS512"

/// The `--alg` value (RS256 when absent); the key options must suit it.
func algorithm(_ arguments: ParsedArguments) throws(Failure) -> JWTAlgorithm {
    let algorithm: JWTAlgorithm
    if let text = arguments.value("--alg") {
        guard let named = JWTAlgorithm(name: text) else {
            throw .usage("--alg '\(shown(text))' is not an algorithm this tool knows; use one of \(algorithmNames)")
        }
        guard named != .es256 else {
            throw .usage("--alg ES256 needs a P-256 key, which this tool cannot load yet; use one of \(algorithmNames)")
        }
        algorithm = named
    } else {
        algorithm = .rs256
    }
    let hasSecret = arguments.value("--secret-file") != nil || arguments.value("--secret-env") != nil
    if isHMAC(algorithm) {
        guard arguments.value("--key") == nil else {
            throw .usage(
                "--alg \(algorithm.name) takes an HMAC secret (--secret-file or --secret-env), not --key; an RSA key is never an HMAC secret")
        }
        guard hasSecret else { throw .usage("--alg \(algorithm.name) needs the HMAC secret: give --secret-file PATH or --secret-env NAME") }
        guard arguments.value("--secret-file") == nil || arguments.value("--secret-env") == nil else {
            throw .usage("give --secret-file or --secret-env, not both")
        }
    } else if hasSecret {
        throw .usage("--secret-file and --secret-env are for HS256, HS384 and HS512; --alg \(algorithm.name) takes an RSA key (--key)")
    }
    return algorithm
}

func isHMAC(_ algorithm: JWTAlgorithm) -> Bool { algorithm.name.hasPrefix("HS") }

/// The HMAC secret from `--secret-file` or `--secret-env`, refused when too short for `algorithm`.
func loadSecret(_ arguments: ParsedArguments, algorithm: JWTAlgorithm) throws(Failure) -> SymmetricKey {
    let bytes: [UInt8]
    let origin: String
    if let path = arguments.value("--secret-file") {
        bytes = try IO.read(path, limit: 1 << 16, what: "the HMAC secret")
        origin = "the secret file '\(shown(path))'"
    } else if let name = arguments.value("--secret-env") {
        guard let value = IO.environment(name) else {
            throw .input("the environment variable \(shown(name)) named by --secret-env is not set")
        }
        bytes = Array(value.utf8)
        origin = "the environment variable \(shown(name))"
    } else {
        throw .usage("--alg \(algorithm.name) needs the HMAC secret: give --secret-file PATH or --secret-env NAME")
    }
    let minimum = algorithm.name == "HS256" ? 32 : algorithm.name == "HS384" ? 48 : 64
    guard bytes.count >= minimum else {
        throw .input(
            "\(origin) holds \(bytes.count) bytes; an \(algorithm.name) secret must be at least \(minimum) bytes long (RFC 7518 section 3.2)")
    }
    return SymmetricKey(data: bytes)
}

/// A signer for `--alg` with the key or secret the options name.
func loadSigner(_ arguments: ParsedArguments) throws(Failure) -> JWTSigner {
    let algorithm = try algorithm(arguments)
    do {
        if isHMAC(algorithm) {
            return try JWTSigner(secret: try loadSecret(arguments, algorithm: algorithm), algorithm: algorithm)
        }
        let signer = try loadSigner(keyPath: arguments.value("--key"), allowWeakKey: arguments.flag("--allow-weak-key"))
        guard let key = signer.key else { return signer }
        return try JWTSigner(key: key, algorithm: algorithm)
    } catch let failure as Failure {
        throw failure
    } catch {
        throw .input("cannot sign: \(error)")
    }
}

/// A verifier for `--alg` with the key or secret the options name.
func loadVerifier(_ arguments: ParsedArguments, keyID: @autoclosure () -> String?, options: JWTValidationOptions) throws(Failure) -> JWTVerifier {
    let algorithm = try algorithm(arguments)
    do {
        if isHMAC(algorithm) {
            return try JWTVerifier(secret: try loadSecret(arguments, algorithm: algorithm), algorithm: algorithm, options: options)
        }
        let key = try loadVerifyingKey(keyPath: arguments.value("--key"), keyID: keyID(), allowWeakKey: arguments.flag("--allow-weak-key"))
        return try JWTVerifier(key: key, algorithm: algorithm, options: options)
    } catch let failure as Failure {
        throw failure
    } catch {
        throw .input("cannot verify: \(error)")
    }
}
