// Turning loaded key numbers into validated keys, signers and verifiers, and the data
// signatures of sign-data / verify-data.
@_spi(Internals) import PureJWT
import PureP256
@_spi(Internals) import PureRSA
import PureSHA2
@_spi(Internals) import PureJSON

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

/// A signer made from the key (RSA or P-256) or the HMAC secret the options name, with the
/// P-256 key itself for sign-data, which signs a digest rather than a token.
struct CommandSigner {
    let signer: JWTSigner
    /// The key of an ES256 signer; `nil` for RS*, PS* and HS*.
    let p256: P256.Signing.PrivateKey?
}

/// A verifier made from the key (RSA or P-256, public or private) or the HMAC secret the
/// options name, with the P-256 public key itself for verify-data.
struct CommandVerifier {
    let verifier: JWTVerifier
    /// The key of an ES256 verifier; `nil` for RS*, PS* and HS*.
    let p256: P256.Signing.PublicKey?
}

/// The refusal for an EC key given with an RSA `--alg`.
func ecKeyRefused(origin: String, algorithm: JWTAlgorithm) -> Failure {
    .input("\(origin) is an EC P-256 key, which is for ES256 only; --alg \(algorithm.name) needs an RSA key")
}

/// The refusal for an RSA key given with `--alg ES256`.
func rsaKeyRefused(origin: String) -> Failure {
    .input("\(origin) is an RSA key; --alg ES256 needs an EC P-256 key")
}

/// A signer for the key from `--key` or the environment. The algorithm is the key's: ES256 for
/// an EC key, RS256 for an RSA key unless `algorithm` names another RSA algorithm; a key that
/// does not suit `algorithm` is refused with a sentence naming both.
func loadKeySigner(keyPath: String?, algorithm: JWTAlgorithm?, allowWeakKey: Bool) throws(Failure) -> CommandSigner {
    let (loaded, text) = try loadKey(keyPath: keyPath, for: .signing, allowWeakKey: allowWeakKey)
    switch loaded.material {
    case let .rsaPrivateKey(key):
        if algorithm == .es256 { throw rsaKeyRefused(origin: text.origin) }
        text.printNotes(loaded)
        do {
            return CommandSigner(signer: try JWTSigner(key: key, algorithm: algorithm ?? .rs256), p256: nil)
        } catch {
            throw .input("cannot sign: \(error)")
        }
    case let .p256PrivateKey(key):
        if let algorithm, algorithm != .es256 { throw ecKeyRefused(origin: text.origin, algorithm: algorithm) }
        text.printNotes(loaded)
        return CommandSigner(signer: JWTSigner(key: key), p256: key)
    case .rsaPublicKey, .p256PublicKey:
        throw text.failure(.publicKeyNotPrivate)
    }
}

/// A verifier for the key from `--key` or the environment (public or private). The algorithm is
/// the key's, as for ``loadKeySigner``. A private RSA key is validated as a private key under the
/// same size policy `token` applies, with the same sentences, before its public half is used; a
/// public key under the same size policy. A P-256 key was validated by the loader.
///
/// - Parameter keyID: the token's `kid`, to pick a key out of a JWK Set; evaluated only when
///   the key is JSON. A `kid` no key in the set has is the token's fault (exit 1).
func loadKeyVerifier(
    keyPath: String?, keyID: @autoclosure () -> String?, algorithm: JWTAlgorithm?, allowWeakKey: Bool, options: JWTValidationOptions
) throws(Failure) -> CommandVerifier {
    let (loaded, text) = try loadKey(keyPath: keyPath, for: .verifying, keyID: keyID, allowWeakKey: allowWeakKey)
    func rsaVerifier(_ key: RSAPublicKey) throws(Failure) -> CommandVerifier {
        if algorithm == .es256 { throw rsaKeyRefused(origin: text.origin) }
        text.printNotes(loaded)
        do {
            return CommandVerifier(verifier: try JWTVerifier(key: key, algorithm: algorithm ?? .rs256, options: options), p256: nil)
        } catch {
            throw .input("cannot verify: \(error)")
        }
    }
    let p256: P256.Signing.PublicKey
    switch loaded.material {
    case let .rsaPrivateKey(key): return try rsaVerifier(key.publicKey)
    case let .rsaPublicKey(key): return try rsaVerifier(key)
    case let .p256PrivateKey(key): p256 = key.publicKey
    case let .p256PublicKey(key): p256 = key
    }
    if let algorithm, algorithm != .es256 { throw ecKeyRefused(origin: text.origin, algorithm: algorithm) }
    text.printNotes(loaded)
    return CommandVerifier(verifier: JWTVerifier(key: p256, options: options), p256: p256)
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

/// How sign-data writes and verify-data reads an ES256 signature (`--format`).
enum SignatureForm {
    /// `SEQUENCE { INTEGER r, INTEGER s }`, as `openssl dgst -sha256 -sign` writes it.
    case der
    /// The 64 bytes r‖s, as in a JWS (RFC 7518 section 3.4).
    case raw
}

/// The `--format` of sign-data / verify-data (nil when absent).
func signatureForm(_ arguments: ParsedArguments) throws(Failure) -> SignatureForm? {
    guard let text = arguments.value("--format") else { return nil }
    switch text {
    case "der": return .der
    case "raw": return .raw
    default:
        throw .usage(
            "--format must be der (as openssl dgst writes ES256 signatures) or raw (the 64 bytes r‖s of a JWS), not '\(shown(text))'")
    }
}

/// Refuses `--format` for an algorithm whose signatures have one form only.
func checkSignatureForm(_ form: SignatureForm?, algorithm: JWTAlgorithm) throws(Failure) {
    guard form != nil, algorithm != .es256 else { return }
    throw .usage("--format der|raw is for ES256 signatures; \(algorithm.name) signatures have a single form")
}

/// The signature over hashed data: RS* as `openssl dgst -shaN -sign` writes it, PS* as with
/// `-sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest`, HS* the HMAC tag, ES256 as
/// DER (as `openssl dgst -sha256 -sign` writes it) or, with `form` raw, the 64 bytes r‖s.
func signData(_ hash: DataHash, with commandSigner: CommandSigner, form: SignatureForm?) throws(Failure) -> [UInt8] {
    if case let .tag(tag) = hash { return tag }
    if let p256 = commandSigner.p256 {
        guard case let .sha256(digest) = hash else { throw .input("cannot sign data: ES256 hashes with SHA-256") }
        do {
            let signature = try p256.signature(for: digest)
            return form == .raw ? signature.rawRepresentation : signature.derRepresentation
        } catch {
            throw .input("cannot sign: \(error)")
        }
    }
    let signer = commandSigner.signer
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

/// An ES256 signature read as `form` (DER when nil); the reason when it is neither.
func readECDSASignature(_ bytes: [UInt8], form: SignatureForm?) -> Result<P256.Signing.ECDSASignature, P256Error> {
    do {
        return .success(
            form == .raw
                ? try P256.Signing.ECDSASignature(rawRepresentation: bytes) : try P256.Signing.ECDSASignature(derRepresentation: bytes))
    } catch {
        return .failure(error)
    }
}

/// Whether `signature` is valid over the hashed data for the verifier's algorithm. An HMAC tag
/// is compared without an early exit (its length is public). An ES256 signature must already
/// have been read (``readECDSASignature``); `ecdsa` is that reading.
func verifyData(
    _ signature: [UInt8], _ hash: DataHash, with commandVerifier: CommandVerifier, ecdsa: P256.Signing.ECDSASignature?
) -> Bool {
    if let p256 = commandVerifier.p256 {
        guard let ecdsa, case let .sha256(digest) = hash else { return false }
        return p256.isValidSignature(ecdsa, for: digest)
    }
    let verifier = commandVerifier.verifier
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
    help: "the algorithm: RS256 (default for an RSA key), RS384, RS512, PS256, PS384, PS512, ES256 (default for an EC key), HS256, HS384, HS512")
let secretFileOption = OptionSpec(
    names: ["--secret-file"], value: "PATH", help: "HS*: read the HMAC secret from PATH (its raw bytes)")
let secretEnvOption = OptionSpec(
    names: ["--secret-env"], value: "NAME", help: "HS*: read the HMAC secret from environment variable NAME (its bytes)")

/// The names `--alg` accepts, for messages.
let algorithmNames = "RS256, RS384, RS512, PS256, PS384, PS512, ES256, HS256, HS384, HS512"

/// The `--alg` value, nil when absent (the key then decides: RS256 for an RSA key, ES256 for an
/// EC key); the key options must suit it.
func requestedAlgorithm(_ arguments: ParsedArguments) throws(Failure) -> JWTAlgorithm? {
    var algorithm: JWTAlgorithm?
    if let text = arguments.value("--alg") {
        guard let named = JWTAlgorithm(name: text) else {
            throw .usage("--alg '\(shown(text))' is not an algorithm this tool knows; use one of \(algorithmNames)")
        }
        algorithm = named
    }
    let hasSecret = arguments.value("--secret-file") != nil || arguments.value("--secret-env") != nil
    if let algorithm, isHMAC(algorithm) {
        guard arguments.value("--key") == nil else {
            throw .usage(
                "--alg \(algorithm.name) takes an HMAC secret (--secret-file or --secret-env), not --key; an RSA or EC key is never an HMAC secret")
        }
        guard hasSecret else { throw .usage("--alg \(algorithm.name) needs the HMAC secret: give --secret-file PATH or --secret-env NAME") }
        guard arguments.value("--secret-file") == nil || arguments.value("--secret-env") == nil else {
            throw .usage("give --secret-file or --secret-env, not both")
        }
    } else if hasSecret {
        guard let algorithm else {
            throw .usage(
                "--secret-file and --secret-env are for HS256, HS384 and HS512, named with --alg; without --alg the key (--key) decides: RS256 for an RSA key, ES256 for an EC key"
            )
        }
        let key = algorithm == .es256 ? "an EC P-256 key" : "an RSA key"
        throw .usage("--secret-file and --secret-env are for HS256, HS384 and HS512; --alg \(algorithm.name) takes \(key) (--key)")
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
func loadSigner(_ arguments: ParsedArguments) throws(Failure) -> CommandSigner {
    let algorithm = try requestedAlgorithm(arguments)
    if let algorithm, isHMAC(algorithm) {
        let secret = try loadSecret(arguments, algorithm: algorithm)
        do {
            return CommandSigner(signer: try JWTSigner(secret: secret, algorithm: algorithm), p256: nil)
        } catch {
            throw .input("cannot sign: \(error)")
        }
    }
    return try loadKeySigner(keyPath: arguments.value("--key"), algorithm: algorithm, allowWeakKey: arguments.flag("--allow-weak-key"))
}

/// A verifier for `--alg` with the key or secret the options name.
func loadVerifier(_ arguments: ParsedArguments, keyID: @autoclosure () -> String?, options: JWTValidationOptions) throws(Failure)
    -> CommandVerifier
{
    let algorithm = try requestedAlgorithm(arguments)
    if let algorithm, isHMAC(algorithm) {
        let secret = try loadSecret(arguments, algorithm: algorithm)
        do {
            return CommandVerifier(verifier: try JWTVerifier(secret: secret, algorithm: algorithm, options: options), p256: nil)
        } catch {
            throw .input("cannot verify: \(error)")
        }
    }
    return try loadKeyVerifier(
        keyPath: arguments.value("--key"), keyID: keyID(), algorithm: algorithm, allowWeakKey: arguments.flag("--allow-weak-key"),
        options: options)
}
