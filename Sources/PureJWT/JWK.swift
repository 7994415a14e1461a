@_spi(Internals) import PureDER
import PureP256
@_spi(Internals) import PureRSA

/// Why a JSON Web Key or JWK Set (RFC 7517; RSA, EC and `oct` members from RFC 7518 §6) was
/// refused.
///
/// The `description` is a sentence for a person.
@nonexhaustive
public enum JWKError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The text is not strict JSON.
    case invalidJSON(JSONError)
    /// The JSON is not an object.
    case notAnObject
    /// `kty` is absent.
    case missingKeyType
    /// `kty` is not `"RSA"`; the value is given.
    case notRSA(String)
    /// A member the key needs is absent.
    case missingMember(String)
    /// A member is present with the wrong type (for example a number where a string is needed).
    case memberNotAString(String)
    /// A member is not strict unpadded base64url.
    case invalidBase64URL(member: String, Base64Error)
    /// A key integer is zero (or empty), which no RSA key has.
    case zeroInteger(String)
    /// `alg` names another algorithm than the one the key is read for (other than RS256).
    case algorithmMismatch(found: String, expected: String)
    /// A `kty` `"oct"` key was needed (an HMAC secret) and the key has another type.
    case notASymmetricKey(String)
    /// `alg` names an algorithm other than RS256.
    case algorithmNotRS256(String)
    /// `use` is present and is not `"sig"`.
    case notForSignatures(String)
    /// `key_ops` is not an array of distinct strings (RFC 7517 §4.3).
    case invalidKeyOperations
    /// `key_ops` does not list the operation asked for (`"verify"` or `"sign"`).
    case operationNotPermitted(String)
    /// The private key has `oth` (more than two primes), which is not supported.
    case multiPrimeKey
    /// The key is public (no `d`) where a private key is needed.
    case publicKeyNotPrivate
    /// The private key has `d` but lacks one of the CRT members `p q dp dq qi`.
    case missingCRTMember(String)
    /// A `{"keys": […]}` set does not hold exactly one usable key and no `kid` chose one.
    case ambiguousKeySet(count: Int)
    /// A `{"keys": […]}` set has no key with the wanted `kid`.
    case keyIDNotFound(String)
    /// A JWK Set was required, and the object has no `keys` array.
    case notAKeySet
    /// Two keys of a JWK Set share a `kid`, so a token's `kid` would not say which to use.
    case duplicateKeyID(String)
    /// A key of a JWK Set is not an acceptable key; the error says why.
    indirect case invalidKeyInSet(kid: String, JWKError)
    /// The numbers do not make an acceptable RSA key (size policy, inconsistent private values…).
    case invalidKey(RSAError)
    /// An EC key's `crv` is not `"P-256"`; the value is given.
    case unsupportedCurve(String)
    /// An EC key's `alg` names an algorithm other than ES256.
    case algorithmNotES256(String)
    /// An EC coordinate or private value does not have the 32 bytes RFC 7518 §6.2 requires for P-256.
    case invalidECMemberLength(member: String, count: Int)
    /// The members do not make an acceptable P-256 key (not on the curve, d out of range, x and y not d·G…).
    case invalidECKey(P256Error)

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case let .invalidJSON(error): return "the JSON Web Key is not valid JSON: \(error)"
        case .notAnObject: return "the JSON Web Key is not a JSON object"
        case .missingKeyType: return "the JSON Web Key has no \"kty\" member"
        case let .notRSA(kty): return "the JSON Web Key has \"kty\": \(JSONValue.quotedForMessage(kty)); RS256 needs an RSA key"
        case let .missingMember(name): return "the JSON Web Key has no \"\(name)\" member"
        case let .memberNotAString(name): return "the JSON Web Key's \"\(name)\" member is not a string"
        case let .invalidBase64URL(name, error):
            return "the JSON Web Key's \"\(name)\" member is not unpadded base64url: \(error)"
        case let .zeroInteger(name): return "the JSON Web Key's \"\(name)\" is zero, which no RSA key has"
        case let .algorithmNotRS256(alg): return "the JSON Web Key is for algorithm \(JSONValue.quotedForMessage(alg)), not RS256"
        case let .algorithmMismatch(found, expected):
            return "the JSON Web Key is for algorithm \(JSONValue.quotedForMessage(found)), not \(expected)"
        case let .notASymmetricKey(kty):
            return "the JSON Web Key has \"kty\": \(JSONValue.quotedForMessage(kty)); an HMAC secret is a \"kty\": \"oct\" key"
        case let .notForSignatures(use): return "the JSON Web Key has \"use\": \(JSONValue.quotedForMessage(use)), not \"sig\""
        case .invalidKeyOperations:
            return "the JSON Web Key's \"key_ops\" is not an array of distinct strings (RFC 7517 §4.3)"
        case let .operationNotPermitted(operation):
            return "the JSON Web Key's \"key_ops\" does not list \(JSONValue.quotedForMessage(operation)), so the key may not be used for it"
        case .multiPrimeKey: return "the JSON Web Key has more than two primes (\"oth\"), which is not supported"
        case .publicKeyNotPrivate: return "the JSON Web Key is a public key; signing needs the private key (\"d\")"
        case let .missingCRTMember(name):
            return "the private JSON Web Key has \"d\" but no \"\(name)\"; give all of p, q, dp, dq and qi"
        case let .ambiguousKeySet(count):
            if count == 0 { return "the JSON Web Key Set holds no usable signing key" }
            return "the JSON Web Key Set holds \(count) usable signing keys; say which one with a \"kid\""
        case .notAKeySet: return "the JSON is not a JSON Web Key Set: it has no \"keys\" array"
        case let .duplicateKeyID(kid):
            return "the JSON Web Key Set has two keys with \"kid\": \(JSONValue.quotedForMessage(kid)), so a token's kid cannot say which to use"
        case let .invalidKeyInSet(kid, error):
            return "the JSON Web Key Set's key \(JSONValue.quotedForMessage(kid)) is refused: \(error)"
        case let .keyIDNotFound(kid): return "the JSON Web Key Set has no key with \"kid\": \(JSONValue.quotedForMessage(kid))"
        case let .invalidKey(error): return "the JSON Web Key is not an acceptable RSA key: \(error)"
        case let .unsupportedCurve(crv):
            return "the JSON Web Key has \"crv\": \(JSONValue.quotedForMessage(crv)); only \"P-256\" is supported"
        case let .algorithmNotES256(alg): return "the JSON Web Key is for algorithm \(JSONValue.quotedForMessage(alg)), not ES256"
        case let .invalidECMemberLength(name, count):
            return "the JSON Web Key's \"\(name)\" has \(count) byte\(count == 1 ? "" : "s"); a P-256 key needs exactly 32"
        case let .invalidECKey(error): return "the JSON Web Key is not an acceptable P-256 key: \(error)"
        }
    }
}

/// Picking a key out of a JSON Web Key or JWK Set (RFC 7517 / RFC 7518 §6). The key types read
/// and write their own JWKs (`RSAPublicKey(jwk:)`, `P256.Signing.PublicKey(jwk:)`,
/// `SymmetricKey(jwk:algorithm:)`, `jwk(keyID:)`, `jwkRepresentation`).
public enum JWK {
    /// Parses JWK text into its JSON object.
    ///
    /// A key set may be as large as any key file (the loader's limit, 1 MiB), so whatever the key limit admits parses; nesting is limited as for any JSON.
    ///
    /// - Parameter text: the JWK (or JWK Set) as JSON.
    /// - Returns: the object.
    /// - Throws: `JWKError.invalidJSON` or `.notAnObject`.
    package static func object<Bytes: Collection>(parsing text: Bytes) throws(JWKError) -> JSONObject
    where Bytes.Element == UInt8 {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: Array(text), limits: JSONParsingLimits(maxBytes: RSAKeyLoader.maximumInputSize))
        } catch {
            throw JWKError.invalidJSON(error)
        }
        guard case let .object(object) = value else { throw JWKError.notAnObject }
        return object
    }

    /// Picks one key out of a JWK Set (`{"keys": […]}`), RSA or (when `acceptingP256`) EC P-256,
    /// or returns `object` itself when it is a single key.
    ///
    /// In a set, the candidates are the RSA keys that may sign RS256 (no `use` other than
    /// `"sig"`, no `alg` other than `"RS256"`, no `key_ops` array without `"sign"` or
    /// `"verify"`) and, when `acceptingP256`, the EC keys with `crv` `"P-256"` under the same
    /// rules with `alg` `"ES256"`; EC keys on other curves and encryption keys are skipped. With
    /// `keyID`, the candidate with that `kid` is chosen; without, the set must hold exactly one
    /// candidate.
    ///
    /// - Parameters:
    ///   - object: a JWK or a JWK Set.
    ///   - keyID: the wanted `kid` (for example the token header's), or `nil`.
    ///   - acceptingP256: whether the caller can use an EC P-256 key; false (the default) keeps
    ///     only RSA keys.
    /// - Returns: the chosen key object.
    /// - Throws: `JWKError.keyIDNotFound`, `.ambiguousKeySet`, `.notAnObject`.
    public static func select(from object: JSONObject, keyID: String?, acceptingP256: Bool = false) throws(JWKError) -> JSONObject {
        guard let keys = object["keys"] else { return object }
        guard case let .array(entries) = keys else { throw JWKError.notAnObject }
        let candidates = entries.compactMap { entry -> JSONObject? in
            guard case let .object(key) = entry,
                isRS256VerificationCandidate(key) || (acceptingP256 && isP256VerificationCandidate(key))
            else { return nil }
            return key
        }
        if let keyID {
            if let match = candidates.first(where: { $0["kid"] == .string(keyID) }) { return match }
            if candidates.count == 1 && candidates[0]["kid"] == nil { return candidates[0] }
            throw JWKError.keyIDNotFound(keyID)
        }
        guard candidates.count == 1 else { throw JWKError.ambiguousKeySet(count: candidates.count) }
        return candidates[0]
    }

    /// Whether a key-set member may be an RS256 signing or verification key: `kty` `"RSA"`, no
    /// `use` other than `"sig"`, no `alg` other than `"RS256"`, no `key_ops` array without
    /// `"sign"` or `"verify"`.
    static func isRS256VerificationCandidate(_ key: JSONObject) -> Bool {
        isVerificationCandidate(key, algorithm: .rs256)
    }

    /// The same test for any algorithm a key set can serve: `kty` `"RSA"` for an RSA algorithm,
    /// `kty` `"EC"` with `crv` `"P-256"` for ES256 (never a candidate for HMAC), and no `alg`
    /// other than `algorithm`'s name.
    static func isVerificationCandidate(_ key: JSONObject, algorithm: JWTAlgorithm) -> Bool {
        if algorithm.isRSA {
            guard key["kty"] == .string("RSA") else { return false }
        } else if algorithm == .es256 {
            guard key["kty"] == .string("EC"), key["crv"] == .string("P-256") else { return false }
        } else {
            return false
        }
        if let use = key["use"], use != .string("sig") { return false }
        if let alg = key["alg"], alg != .string(algorithm.name) { return false }
        if let ops = key["key_ops"]?.arrayValue,
            !ops.contains(where: { $0 == .string("sign") || $0 == .string("verify") })
        {
            return false
        }
        return true
    }

    /// The operation a key is read for, as `key_ops` names it (RFC 7517 §4.3).
    enum Operation: String {
        /// Reading the public key: `"verify"`, or `"sign"` on a private key (its public half
        /// checks what it signs; WebCrypto exports private keys with `["sign"]` only).
        case verify
        /// Reading the private key: `"sign"`.
        case sign
    }

    /// Checks `kty`, `alg`, `use`, `key_ops` and returns the object; shared by the public and private readers.
    static func checkedRSA(_ object: JSONObject, for operation: Operation, algorithm: JWTAlgorithm = .rs256) throws(JWKError) -> JSONObject {
        guard let kty = object["kty"] else { throw JWKError.missingKeyType }
        guard case let .string(type) = kty else { throw JWKError.memberNotAString("kty") }
        guard type.utf8.elementsEqual("RSA".utf8) else { throw JWKError.notRSA(type) }
        return try checkedUse(object, for: operation, algorithm: algorithm)
    }

    /// Checks `alg`, `use`, `key_ops` (and refuses `oth`); shared by the RSA and `oct` readers.
    static func checkedUse(_ object: JSONObject, for operation: Operation, algorithm: JWTAlgorithm) throws(JWKError) -> JSONObject {
        if let alg = object["alg"] {
            guard case let .string(name) = alg else { throw JWKError.memberNotAString("alg") }
            guard name.utf8.elementsEqual(algorithm.name.utf8) else {
                if algorithm == .rs256 { throw JWKError.algorithmNotRS256(name) }
                throw JWKError.algorithmMismatch(found: name, expected: algorithm.name)
            }
        }
        if let use = object["use"] {
            guard case let .string(purpose) = use else { throw JWKError.memberNotAString("use") }
            guard purpose.utf8.elementsEqual("sig".utf8) else { throw JWKError.notForSignatures(purpose) }
        }
        if let ops = object["key_ops"] {
            guard case let .array(entries) = ops else { throw JWKError.invalidKeyOperations }
            var names: [[UInt8]] = []
            for entry in entries {
                guard case let .string(name) = entry, !names.contains(Array(name.utf8)) else {
                    throw JWKError.invalidKeyOperations
                }
                names.append(Array(name.utf8))
            }
            let permitted =
                names.contains(Array(operation.rawValue.utf8))
                || (operation == .verify && object["d"] != nil && names.contains(Array("sign".utf8)))
            guard permitted else { throw JWKError.operationNotPermitted(operation.rawValue) }
        }
        if object["oth"] != nil { throw JWKError.multiPrimeKey }
        return object
    }

    /// A member's bytes: present, a string, strict base64url (shared by every key type's reader).
    static func memberBytes(_ object: JSONObject, _ name: String) throws(JWKError) -> [UInt8] {
        guard let value = object[name] else { throw JWKError.missingMember(name) }
        guard case let .string(text) = value else { throw JWKError.memberNotAString(name) }
        do {
            return try Base64URL.decode(text)
        } catch {
            throw JWKError.invalidBase64URL(member: name, error)
        }
    }

    /// A key integer: a base64url member decoded to a big-endian magnitude with leading zero
    /// bytes removed (RFC 7518 asks producers for the minimum length; some pad, so readers strip).
    static func integer(_ object: JSONObject, _ name: String) throws(JWKError) -> [UInt8] {
        let bytes = try memberBytes(object, name)
        guard let first = bytes.firstIndex(where: { $0 != 0 }) else { throw JWKError.zeroInteger(name) }
        return Array(bytes[first...])
    }
}

extension RSAPublicKeyComponents {
    /// Reads an RSA public key from a JWK object (`kty` `"RSA"`, `n`, `e`); private members, if
    /// any, are ignored.
    ///
    /// Refused: another `kty`, an `alg` other than `"RS256"`, a `use` other than `"sig"`, a
    /// `key_ops` that is not an array of distinct strings or lists neither `"verify"` nor (on a
    /// private key) `"sign"`, missing or non-base64url `n`/`e`, zero values.
    ///
    /// - Parameter jwk: the key object.
    /// - Throws: `JWKError` naming the problem.
    @_spi(Internals) public init(jwk: JSONObject) throws(JWKError) {
        try self.init(jwk: jwk, algorithm: .rs256)
    }

    /// Reads the key for `algorithm`: an `alg` member must name it.
    init(jwk: JSONObject, algorithm: JWTAlgorithm) throws(JWKError) {
        let object = try JWK.checkedRSA(jwk, for: .verify, algorithm: algorithm)
        self.init(modulus: try JWK.integer(object, "n"), publicExponent: try JWK.integer(object, "e"))
    }

    /// Reads an RSA public key from JWK text (a single key, or a JWK Set holding one suitable key).
    ///
    /// - Parameters:
    ///   - jwkText: the JSON text, UTF-8.
    ///   - keyID: the `kid` to pick from a JWK Set, or `nil`.
    /// - Throws: `JWKError` naming the problem.
    @_spi(Internals) public init<Bytes: Collection>(jwkText: Bytes, keyID: String? = nil) throws(JWKError) where Bytes.Element == UInt8 {
        try self.init(jwk: try JWK.select(from: try JWK.object(parsing: jwkText), keyID: keyID))
    }

    /// The key as a JWK object: `kty`, `n`, `e` (in that order, as OpenSSL and Node write them
    /// after `kty`), then `kid` when given, then `alg` `"RS256"` and `use` `"sig"`.
    ///
    /// - Parameter keyID: the `kid` to include, or `nil`.
    /// - Returns: the object.
    @_spi(Internals) public func jwk(keyID: String? = nil) -> JSONObject {
        var object: JSONObject = [
            "kty": .string("RSA"),
            "n": .string(Base64URL.encode(minimal(modulus))),
            "e": .string(Base64URL.encode(minimal(publicExponent))),
        ]
        if let keyID { object["kid"] = .string(keyID) }
        object["alg"] = .string("RS256")
        object["use"] = .string("sig")
        return object
    }

    /// The key as JWK text (compact JSON): see ``jwk(keyID:)``.
    @_spi(Internals) public var jwkRepresentation: String { JSONValue.object(jwk()).serialized }
}

extension RSAPrivateKeyComponents {
    /// Reads a two-prime RSA private key from a JWK object: `n e d p q dp dq qi`.
    ///
    /// No arithmetic check happens here (the key type built from these components validates).
    /// A `key_ops` member must be an array of distinct strings that lists `"sign"`.
    ///
    /// - Parameter jwk: the key object.
    /// - Throws: `JWKError.publicKeyNotPrivate` without `d`, `.missingCRTMember` when `d` comes
    ///   without the CRT members, `.multiPrimeKey` with `oth`, or another `JWKError`.
    @_spi(Internals) public init(jwk: JSONObject) throws(JWKError) {
        try self.init(jwk: jwk, algorithm: .rs256)
    }

    /// Reads the key for `algorithm`: an `alg` member must name it.
    init(jwk: JSONObject, algorithm: JWTAlgorithm) throws(JWKError) {
        let object = try JWK.checkedRSA(jwk, for: .sign, algorithm: algorithm)
        guard object["d"] != nil else { throw JWKError.publicKeyNotPrivate }
        for name in ["p", "q", "dp", "dq", "qi"] where object[name] == nil {
            throw JWKError.missingCRTMember(name)
        }
        self.init(
            modulus: try JWK.integer(object, "n"), publicExponent: try JWK.integer(object, "e"),
            privateExponent: try JWK.integer(object, "d"), prime1: try JWK.integer(object, "p"),
            prime2: try JWK.integer(object, "q"), exponent1: try JWK.integer(object, "dp"),
            exponent2: try JWK.integer(object, "dq"), coefficient: try JWK.integer(object, "qi")
        )
    }

    /// Reads a private key from JWK text (a single key, or a JWK Set holding one suitable key).
    ///
    /// - Parameters:
    ///   - jwkText: the JSON text, UTF-8.
    ///   - keyID: the `kid` to pick from a JWK Set, or `nil`.
    /// - Throws: `JWKError` naming the problem.
    @_spi(Internals) public init<Bytes: Collection>(jwkText: Bytes, keyID: String? = nil) throws(JWKError) where Bytes.Element == UInt8 {
        try self.init(jwk: try JWK.select(from: try JWK.object(parsing: jwkText), keyID: keyID))
    }
}

extension SymmetricKey {
    /// Reads an HMAC secret from a JWK object: `kty` `"oct"`, the secret in `k` (base64url).
    ///
    /// Refused: another `kty` (an RSA or EC key is never an HMAC secret), an `alg` other than
    /// `algorithm`'s name, a `use` other than `"sig"`, a `key_ops` without `"sign"` or `"verify"`,
    /// a missing or non-base64url `k`. The length rule of RFC 7518 §3.2 is checked by the
    /// ``JWTSigner`` or ``JWTVerifier`` the secret is given to.
    ///
    /// - Parameters:
    ///   - jwk: the key object.
    ///   - algorithm: the HMAC algorithm the secret is read for.
    /// - Throws: `JWKError` naming the problem.
    public init(jwk: JSONObject, algorithm: JWTAlgorithm) throws(JWKError) {
        guard let kty = jwk["kty"] else { throw JWKError.missingKeyType }
        guard case let .string(type) = kty else { throw JWKError.memberNotAString("kty") }
        guard type.utf8.elementsEqual("oct".utf8) else { throw JWKError.notASymmetricKey(type) }
        let object = try JWK.checkedUse(jwk, for: .verify, algorithm: algorithm)
        self.init(data: try JWK.memberBytes(object, "k"))
    }
}
