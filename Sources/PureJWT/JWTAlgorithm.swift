import PureP256
@_spi(Internals) import PureRSA
import PureSHA2

/// A JWS signature algorithm of RFC 7518 section 3.1: what a ``JWTSigner`` or ``JWTVerifier``
/// is set up for, once, with its key.
///
/// The algorithm is a property of the key and the verifier, never read from a token: a verifier
/// for RS256 refuses a token whose header says RS384, PS256 or HS256 before any key is used, an
/// HMAC secret never verifies an RSA algorithm, and an RSA key is never used as an HMAC secret.
public struct JWTAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// The family of the algorithm, which decides the key type it takes.
    enum Family: Sendable, Hashable {
        /// RSASSA-PKCS1-v1_5 (RS*).
        case rsaPKCS1
        /// RSASSA-PSS, MGF1 over the same hash, salt as long as the hash (PS*).
        case rsaPSS
        /// HMAC (HS*).
        case hmac
        /// ECDSA over P-256 with SHA-256, raw r‖s (ES256).
        case ecdsaP256
    }

    /// The SHA-2 function of the algorithm.
    enum Hash: Sendable, Hashable {
        case sha256, sha384, sha512

        /// The digest length in bytes (the minimum HMAC secret length of RFC 7518 §3.2).
        var byteCount: Int {
            switch self {
            case .sha256: return 32
            case .sha384: return 48
            case .sha512: return 64
            }
        }
    }

    /// The `alg` header value, for example `"RS256"`.
    public let name: String
    let family: Family
    let hash: Hash

    private init(_ name: String, _ family: Family, _ hash: Hash) {
        self.name = name
        self.family = family
        self.hash = hash
    }

    /// The `alg` name, for example `RS256`.
    public var description: String { name }

    /// RSASSA-PKCS1-v1_5 with SHA-256, the default everywhere in this library.
    public static let rs256 = JWTAlgorithm("RS256", .rsaPKCS1, .sha256)
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    public static let rs384 = JWTAlgorithm("RS384", .rsaPKCS1, .sha384)
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    public static let rs512 = JWTAlgorithm("RS512", .rsaPKCS1, .sha512)
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
    public static let ps256 = JWTAlgorithm("PS256", .rsaPSS, .sha256)
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt.
    public static let ps384 = JWTAlgorithm("PS384", .rsaPSS, .sha384)
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt.
    public static let ps512 = JWTAlgorithm("PS512", .rsaPSS, .sha512)
    /// HMAC with SHA-256; the secret must have at least 32 bytes.
    public static let hs256 = JWTAlgorithm("HS256", .hmac, .sha256)
    /// HMAC with SHA-384; the secret must have at least 48 bytes.
    public static let hs384 = JWTAlgorithm("HS384", .hmac, .sha384)
    /// HMAC with SHA-512; the secret must have at least 64 bytes.
    public static let hs512 = JWTAlgorithm("HS512", .hmac, .sha512)
    /// ECDSA with P-256 and SHA-256, the signature as 64 bytes r‖s (RFC 7518 §3.4).
    public static let es256 = JWTAlgorithm("ES256", .ecdsaP256, .sha256)

    /// Every algorithm this library signs and verifies, RSA first.
    public static let all: [JWTAlgorithm] = [.rs256, .rs384, .rs512, .ps256, .ps384, .ps512, .hs256, .hs384, .hs512, .es256]

    /// The algorithm named `name` exactly (case-sensitive, as JOSE names are), or `nil`.
    ///
    /// - Parameter name: an `alg` value such as `"PS256"`.
    public init?(name: String) {
        guard let match = JWTAlgorithm.all.first(where: { $0.name.utf8.elementsEqual(name.utf8) }) else { return nil }
        self = match
    }

    /// Whether the algorithm takes an RSA key.
    var isRSA: Bool { family == .rsaPKCS1 || family == .rsaPSS }

    /// The kind of key the algorithm takes, for messages.
    var keyKind: String {
        switch family {
        case .rsaPKCS1, .rsaPSS: return "an RSA key"
        case .hmac: return "an HMAC secret"
        case .ecdsaP256: return "a P-256 key"
        }
    }
}

/// The key a ``JWTSigner`` signs with, tied to its algorithm at construction.
enum JWTSigningKey: Sendable {
    case rsa(RSAPrivateKey)
    case hmac(SymmetricKey)
    case p256(P256.Signing.PrivateKey)

    /// The signature of the ASCII signing input under `algorithm` (which matches the key:
    /// the initialisers check it).
    func signature(for input: [UInt8], algorithm: JWTAlgorithm) throws(JWTError) -> [UInt8] {
        switch self {
        case let .rsa(key):
            let padding: RSASigningPadding = algorithm.family == .rsaPSS ? .PSS : .insecurePKCS1v1_5
            do {
                switch algorithm.hash {
                case .sha256: return try key.signature(for: SHA256.hash(data: input), padding: padding).rawRepresentation
                case .sha384: return try key.signature(for: SHA384.hash(data: input), padding: padding).rawRepresentation
                case .sha512: return try key.signature(for: SHA512.hash(data: input), padding: padding).rawRepresentation
                }
            } catch {
                throw JWTError.signingFailed(error)
            }
        case let .hmac(secret):
            switch algorithm.hash {
            case .sha256: return HMAC<SHA256>.authenticationCode(for: input, using: secret).bytes
            case .sha384: return HMAC<SHA384>.authenticationCode(for: input, using: secret).bytes
            case .sha512: return HMAC<SHA512>.authenticationCode(for: input, using: secret).bytes
            }
        case let .p256(key):
            do {
                return try key.signature(for: SHA256.hash(data: input)).rawRepresentation
            } catch {
                throw JWTError.ecdsaSigningFailed(error)
            }
        }
    }
}

/// The key a ``JWTVerifier`` checks signatures with, tied to its algorithm at construction.
enum JWTVerifyingKey: Sendable {
    case rsa(RSAPublicKey)
    case hmac(SymmetricKey)
    case p256(P256.Signing.PublicKey)

    /// Whether `signature` is valid for the signing input under `algorithm`. HMAC tags are
    /// compared in constant time (a tag of the wrong length is refused at once: lengths are public).
    func isValidSignature(_ signature: [UInt8], for input: [UInt8], algorithm: JWTAlgorithm) -> Bool {
        switch self {
        case let .rsa(key):
            let padding: RSASigningPadding = algorithm.family == .rsaPSS ? .PSS : .insecurePKCS1v1_5
            let rsaSignature = RSASignature(rawRepresentation: signature)
            switch algorithm.hash {
            case .sha256: return key.isValidSignature(rsaSignature, for: SHA256.hash(data: input), padding: padding)
            case .sha384: return key.isValidSignature(rsaSignature, for: SHA384.hash(data: input), padding: padding)
            case .sha512: return key.isValidSignature(rsaSignature, for: SHA512.hash(data: input), padding: padding)
            }
        case let .hmac(secret):
            switch algorithm.hash {
            case .sha256: return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: input, using: secret)
            case .sha384: return HMAC<SHA384>.isValidAuthenticationCode(signature, authenticating: input, using: secret)
            case .sha512: return HMAC<SHA512>.isValidAuthenticationCode(signature, authenticating: input, using: secret)
            }
        case let .p256(key):
            guard let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature) else { return false }
            return key.isValidSignature(ecdsa, for: SHA256.hash(data: input))
        }
    }
}

extension JWTAlgorithm {
    /// Refuses an HMAC secret shorter than the hash output (RFC 7518 §3.2) and any algorithm
    /// that is not HMAC.
    func checkHMACSecret(_ secret: SymmetricKey) throws(JWTError) {
        guard family == .hmac else { throw JWTError.keyNotForAlgorithm(key: "an HMAC secret", algorithm: name) }
        let bytes = secret.bitCount / 8
        guard bytes >= hash.byteCount else {
            throw JWTError.secretTooShort(algorithm: name, bytes: bytes, minimum: hash.byteCount)
        }
    }

    /// Refuses an RSA key for an algorithm that is not RS* or PS*.
    func checkRSA() throws(JWTError) {
        guard isRSA else { throw JWTError.keyNotForAlgorithm(key: "an RSA key", algorithm: name) }
    }
}
