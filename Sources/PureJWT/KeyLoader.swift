// The one forgiving loader: whatever a user pasted (PEM of any key label, the base64 of a PEM
// as HOTGLUE_SIGNING_KEY holds it, DER, base64 of DER, a JWK or a JWK Set), one dispatch, one
// result type. The strict initialisers on the key types stay the way to read a known format.
@_spi(Internals) import PureDER
import PureP256
@_spi(Internals) import PureRSA

/// A key the forgiving loader found, validated: RSA or P-256, private or public.
@nonexhaustive
public enum LoadedKeyMaterial: Sendable {
    /// An RSA private key, validated under the size policy given to the loader (its public key is
    /// `publicKey`).
    case rsaPrivateKey(RSAPrivateKey)
    /// An RSA public key, validated under the size policy given to the loader.
    case rsaPublicKey(RSAPublicKey)
    /// A P-256 private key, already validated (0 < d < n; a stored public key is d·G).
    case p256PrivateKey(P256.Signing.PrivateKey)
    /// A P-256 public key, already validated (on the curve, not the identity).
    case p256PublicKey(P256.Signing.PublicKey)
}

/// A loaded key and what was learned while loading it.
public struct LoadedKey: Sendable {
    /// The key.
    public let material: LoadedKeyMaterial
    /// How the key was wrapped; nil for a JSON Web Key.
    public let encoding: RSAKeyEncoding?
    /// PEM damage that was repaired (empty when the PEM was strict or there was no PEM). A tool
    /// should warn when this is not empty.
    public let repairs: PEM.Repairs
    /// Other things worth mentioning.
    public let notes: [RSAKeyLoadNote]
    /// Whether the key was a JSON Web Key (or one key of a JWK Set).
    @_spi(Internals) public var isJWK: Bool { encoding == nil }
}

/// Why the forgiving loader refused a key: the reason of the format it was found in.
@nonexhaustive
public enum KeyLoadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// PEM, DER or base64 that is not a usable key (the RSA loader's sentences).
    case keyFormat(RSAKeyFormatError)
    /// An EC key that is not an acceptable P-256 key.
    case p256(P256Error)
    /// A JSON Web Key or JWK Set that is not acceptable.
    case jwk(JWKError)
    /// An RSA key that was read but refused by validation: its size under the policy, or its
    /// numbers (`RSAPrivateKey`'s and `RSAPublicKey`'s checks).
    case rsa(RSAError)

    /// The underlying reason's sentence.
    public var description: String {
        switch self {
        case let .keyFormat(error): return error.description
        case let .p256(error): return error.description
        case let .jwk(error): return error.description
        case let .rsa(error): return error.description
        }
    }
}

/// Loads whatever a user pasted as a key. One dispatch: JSON goes to the JWK readers, anything
/// else to the RSA loader's unwrapping (size limit, base64, PEM repair, refusals for encrypted
/// keys, OpenSSH keys, certificates and other algorithms), and an EC key found there is read
/// as a P-256 key from the same unwrapped DER.
public enum KeyLoader {
    /// What the key is for: it decides which `key_ops` a JWK must allow and, for a JWK Set,
    /// which key is picked.
    public enum Purpose: Sendable {
        /// Signing: a private key is needed.
        case signing
        /// Verifying: a public key, or a private key (validated as such) whose public half is used.
        case verifying
    }

    /// Loads a key from bytes.
    ///
    /// - Parameters:
    ///   - bytes: The file contents or the environment variable's value.
    ///   - purpose: What the key is for.
    ///   - keyID: The `kid` to pick from a JWK Set; called only when the key is JSON.
    ///   - acceptingP256: false for a caller that can only use RSA keys: an EC key is then
    ///     refused as the RSA readers refuse it ("this is an EC key; RS256 needs an RSA key"),
    ///     and a JWK Set is read for its RSA members only. When true, a set's EC P-256 members
    ///     are candidates too (``JWK/select(from:keyID:acceptingP256:)``).
    ///   - policy: which RSA key sizes to accept (P-256 keys have one size).
    /// - Returns: The key, validated, and how it was found. A private key is returned for
    ///   verifying too (validated as a private key); its `publicKey` verifies.
    /// - Throws: ``KeyLoadError`` with the format's or the validation's sentence.
    public static func load<Bytes: Collection<UInt8>>(
        bytes: Bytes, for purpose: Purpose, keyID: () -> String? = { nil }, acceptingP256: Bool = true,
        policy: RSAKeyPolicy = .standard
    ) throws(KeyLoadError) -> LoadedKey {
        let input = Array(bytes)
        if looksLikeJSON(input) && input.count <= RSAKeyLoader.maximumInputSize {
            let found: LoadedRSAOrP256
            do {
                found = try loadJWK(input, for: purpose, keyID: keyID(), acceptingP256: acceptingP256)
            } catch {
                throw .jwk(error)
            }
            return LoadedKey(material: try validated(found, policy: policy), encoding: nil, repairs: [], notes: [])
        }
        let result: RSAKeyLoadResult<RSAKeyMaterial>
        do {
            result = try RSAKeyLoader.load(bytes: input)
        } catch .notRSA(algorithm: "EC") where acceptingP256 {
            return try loadEC(input)
        } catch {
            throw .keyFormat(error)
        }
        return LoadedKey(
            material: try validated(.rsa(result.key), policy: policy), encoding: result.encoding, repairs: result.repairs,
            notes: result.notes)
    }

    /// What the format readers return before the RSA numbers are validated.
    private enum LoadedRSAOrP256 {
        case rsa(RSAKeyMaterial)
        case p256(LoadedKeyMaterial)
    }

    /// Validates RSA numbers under `policy` (P-256 keys are validated when they are read).
    private static func validated(_ material: LoadedRSAOrP256, policy: RSAKeyPolicy) throws(KeyLoadError) -> LoadedKeyMaterial {
        do {
            switch material {
            case let .rsa(.privateKey(components)): return .rsaPrivateKey(try RSAPrivateKey(components: components, policy: policy))
            case let .rsa(.publicKey(components)): return .rsaPublicKey(try RSAPublicKey(components: components, policy: policy))
            case let .p256(material): return material
            }
        } catch {
            throw .rsa(error)
        }
    }

    /// Whether the bytes start (after whitespace) like a JSON object.
    static func looksLikeJSON(_ bytes: [UInt8]) -> Bool {
        bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }) == UInt8(ascii: "{")
    }

    private static func loadEC(_ input: [UInt8]) throws(KeyLoadError) -> LoadedKey {
        let unwrapped: RSAKeyLoader.UnwrappedKey
        do {
            unwrapped = try RSAKeyLoader.unwrapECKey(bytes: input)
        } catch {
            throw .keyFormat(error)
        }
        let material: LoadedKeyMaterial
        do {
            switch try P256KeyMaterial(der: unwrapped.der, pemLabel: unwrapped.label) {
            case let .privateKey(key): material = .p256PrivateKey(key)
            case let .publicKey(key): material = .p256PublicKey(key)
            }
        } catch {
            throw .p256(error)
        }
        let notes: [RSAKeyLoadNote] = unwrapped.otherLabels.isEmpty ? [] : [.ignoredPEMBlocks(labels: unwrapped.otherLabels)]
        return LoadedKey(material: material, encoding: unwrapped.encoding, repairs: unwrapped.repairs, notes: notes)
    }

    /// A JWK, or one key of a JWK Set, read as RSA or P-256 by its `kty`.
    private static func loadJWK(
        _ input: [UInt8], for purpose: Purpose, keyID: String?, acceptingP256: Bool
    ) throws(JWKError) -> LoadedRSAOrP256 {
        let object = try JWK.object(parsing: input)
        let selected = try JWK.select(from: object, keyID: purpose == .verifying ? keyID : nil, acceptingP256: acceptingP256)
        let material: LoadedRSAOrP256
        if acceptingP256 && JWK.isEC(selected) {
            switch purpose {
            case .signing:
                material = .p256(.p256PrivateKey(try P256.Signing.PrivateKey(jwk: selected)))
            case .verifying:
                // key_ops is checked for verifying; the private members, when present, are
                // read only to validate the key as signing would.
                let publicKey = try P256.Signing.PublicKey(jwk: selected)
                guard selected["d"] != nil else { return .p256(.p256PublicKey(publicKey)) }
                var privateMembers = selected
                privateMembers["key_ops"] = nil
                material = .p256(.p256PrivateKey(try P256.Signing.PrivateKey(jwk: privateMembers)))
            }
        } else {
            switch purpose {
            case .signing:
                material = .rsa(.privateKey(try RSAPrivateKeyComponents(jwk: selected)))
            case .verifying:
                let publicKey = try RSAPublicKeyComponents(jwk: selected)
                guard selected["d"] != nil else { return .rsa(.publicKey(publicKey)) }
                var privateMembers = selected
                privateMembers["key_ops"] = nil
                material = .rsa(.privateKey(try RSAPrivateKeyComponents(jwk: privateMembers)))
            }
        }
        return material
    }
}
