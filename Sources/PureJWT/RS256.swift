@_spi(Internals) import PureDER
import PureP256
@_spi(Internals) import PureRSA
import PureSHA2

/// Signs JWTs with one key, for one algorithm: RS256 (the default), RS384, RS512, PS256,
/// PS384, PS512 with an RSA private key, HS256, HS384, HS512 with an HMAC secret, ES256 with a
/// P-256 private key. The algorithm is fixed when the signer is made and every header says it.
///
/// RS* and HS* tokens are byte for byte what node-jsonwebtoken makes for the same key, claims and options:
/// the header `{"alg":"RS256","typ":"JWT"}` (then `kid`, then extra members), the payload as
/// `JSON.stringify` writes it, both base64url without padding. PKCS#1 v1.5 and HMAC are
/// deterministic, so the signature is the same bytes too; PS* signatures use a fresh random salt,
/// ES256 signatures a deterministic RFC 6979 nonce.
///
/// Timing: the signature is computed by `RSAPrivateKey.signature(for:padding:)`,
/// HMAC, or P-256 signing, each constant time with respect to the key; the JSON and base64url
/// work touches only the claims.
public struct JWTSigner: Sendable {
    /// The RSA private key of an RS* or PS* signer; `nil` for an HMAC or ES256 signer.
    @_spi(Internals) public let key: RSAPrivateKey?
    /// The algorithm of every token this signer makes (its header's `alg`).
    public let algorithm: JWTAlgorithm
    /// The key, tied to ``algorithm``.
    let signingKey: JWTSigningKey

    /// Makes an RS256 signer.
    ///
    /// - Parameter key: a validated private key (for example `RSAPrivateKey(pemRepresentation:)`,
    ///   or `RSAPrivateKey(loading:)` for the base64-of-PEM that `HOTGLUE_SIGNING_KEY` holds).
    public init(key: RSAPrivateKey) {
        self.key = key
        self.algorithm = .rs256
        self.signingKey = .rsa(key)
    }

    /// Makes a signer for an RSA algorithm: RS256, RS384, RS512, PS256, PS384 or PS512.
    ///
    /// - Parameters:
    ///   - key: a validated private key.
    ///   - algorithm: the algorithm of every token.
    /// - Throws: `JWTError.keyNotForAlgorithm` when `algorithm` is not an RSA algorithm.
    public init(key: RSAPrivateKey, algorithm: JWTAlgorithm) throws(JWTError) {
        try algorithm.checkRSA()
        self.key = key
        self.algorithm = algorithm
        self.signingKey = .rsa(key)
    }

    /// Makes an HS256, HS384 or HS512 signer.
    ///
    /// - Parameters:
    ///   - secret: the shared secret; at least as long as the hash output (32, 48 or 64 bytes).
    ///   - algorithm: the algorithm of every token.
    /// - Throws: `JWTError.keyNotForAlgorithm` when `algorithm` is not HMAC,
    ///   `.secretTooShort` when the secret is shorter than RFC 7518 §3.2 allows.
    public init(secret: SymmetricKey, algorithm: JWTAlgorithm) throws(JWTError) {
        try algorithm.checkHMACSecret(secret)
        self.key = nil
        self.algorithm = algorithm
        self.signingKey = .hmac(secret)
    }

    /// Makes an ES256 signer (ECDSA P-256 with SHA-256, deterministic RFC 6979 nonces, the
    /// signature as 64 bytes r‖s).
    ///
    /// - Parameter key: the P-256 private key.
    public init(key: P256.Signing.PrivateKey) {
        self.key = nil
        self.algorithm = .es256
        self.signingKey = .p256(key)
    }

    /// Signs claims under node-jsonwebtoken's header for the signer's algorithm.
    ///
    /// - Parameters:
    ///   - claims: the payload, serialized as `JSON.stringify` would.
    ///   - keyID: the header's `kid` (node-jsonwebtoken's `keyid` option), or `nil` for none.
    ///   - extraHeader: more header members (node-jsonwebtoken's `header` option).
    /// - Returns: the compact token `header.payload.signature`.
    /// - Throws: `JWTError.invalidClaims` when a registered claim has the wrong type (an `exp`
    ///   that is a string, a `sub` that is a number…; see ``JWTClaims``);
    ///   `.algorithmNotAllowed` when `extraHeader` sets another `alg`;
    ///   `.signingFailed` when the RSA signature could not be made.
    public func sign(_ claims: JWTClaims, keyID: String? = nil, extraHeader: JSONObject = JSONObject()) throws(JWTError) -> String {
        try claims.checkRegisteredTypes()
        return try sign(
            headerBytes: try JWSHeader.jwt(algorithm: algorithm, keyID: keyID, extra: extraHeader).serializedBytes,
            payloadBytes: claims.serializedBytes, checkHeader: false)
    }

    /// Signs claims under a header you built yourself; the header's `alg` must be the signer's
    /// algorithm (`"RS256"` for an RS256 signer).
    ///
    /// - Parameters:
    ///   - claims: the payload.
    ///   - header: the header, used as is.
    /// - Returns: the compact token.
    /// - Throws: `JWTError.invalidClaims` when a registered claim has the wrong type;
    ///   `.algorithmNotAllowed`/`.missingAlgorithm` when the header does not name
    ///   RS256; `.signingFailed` when the RSA signature could not be made.
    @_spi(Internals) public func sign(_ claims: JWTClaims, header: JWSHeader) throws(JWTError) -> String {
        try claims.checkRegisteredTypes()
        try header.checkPolicy(algorithm: algorithm, understoodCritical: JWTSigner.allCritical(header))
        return try sign(headerBytes: header.serializedBytes, payloadBytes: claims.serializedBytes, checkHeader: false)
    }

    /// Signs exactly the given header and payload bytes: the token is
    /// `base64url(headerBytes) + "." + base64url(payloadBytes) + "." + base64url(signature)`.
    ///
    /// For interoperability work (re-creating RFC 7515 A.2, or a token whose JSON has whitespace
    /// or a member order this library would not write). The payload may be any bytes (JWS does not
    /// require JSON); the header must be a JSON object whose `alg` is the signer's, so this signer
    /// never writes a token that claims another algorithm.
    ///
    /// - Parameters:
    ///   - headerBytes: the protected header, UTF-8 JSON.
    ///   - payloadBytes: the payload.
    /// - Returns: the compact token.
    /// - Throws: `JWTError.invalidJSON(.header, _)`, `.malformed`, `.algorithmNotAllowed`,
    ///   `.missingAlgorithm` for a header that is not RS256; `.signingFailed`.
    public func sign(headerBytes: [UInt8], payloadBytes: [UInt8]) throws(JWTError) -> String {
        try sign(headerBytes: headerBytes, payloadBytes: payloadBytes, checkHeader: true)
    }

    /// The main job: a tenant token `{"sub": tenantID, "iat": now, "exp": now + lifetime}`.
    ///
    /// Equals `jsonwebtoken.sign({sub: tenantID, iat: now, exp: now + lifetime}, key, {algorithm: "RS256"})`.
    ///
    /// - Parameters:
    ///   - tenantID: the `sub` claim.
    ///   - now: the current time in whole seconds since 1970 (the library reads no clock).
    ///   - lifetime: seconds until expiry (default 3600).
    ///   - keyID: the header's `kid`, or `nil`.
    /// - Returns: the compact token.
    /// - Throws: `JWTError.invalidClaims` for impossible times; `.signingFailed`.
    public func tenantToken(_ tenantID: String, now: Int64, lifetime: Int64 = 3600, keyID: String? = nil) throws(JWTError) -> String {
        try sign(try JWTClaims.tenant(tenantID, now: now, lifetime: lifetime), keyID: keyID)
    }

    private func sign(headerBytes: [UInt8], payloadBytes: [UInt8], checkHeader: Bool) throws(JWTError) -> String {
        if checkHeader {
            let header = try JWSHeader(parsing: headerBytes)
            try header.checkPolicy(algorithm: algorithm, understoodCritical: JWTSigner.allCritical(header))
        }
        var input = Base64URL.encode(headerBytes)
        input += "."
        input += Base64URL.encode(payloadBytes)
        let signature = try signingKey.signature(for: Array(input.utf8), algorithm: algorithm)
        input += "."
        input += Base64URL.encode(signature)
        return input
    }

    /// The signer writes what it is given: every `crit` extension the caller put in is "understood".
    private static func allCritical(_ header: JWSHeader) -> [String] {
        header.object["crit"]?.arrayValue?.compactMap { $0.stringValue } ?? []
    }
}

/// A token whose signature and claims passed a ``JWTVerifier``.
public struct VerifiedJWT: Sendable, Equatable {
    /// The header (its `alg` is the verifier's algorithm).
    public let header: JWSHeader
    /// The claims, checked against the verifier's options at the time given.
    public let claims: JWTClaims
    /// The payload bytes exactly as signed (UTF-8 JSON).
    public let payloadBytes: [UInt8]
}

/// Verifies JWTs with one key (or a key set) for one algorithm, pinned when the verifier is
/// made: RS256 (the default), RS384, RS512, PS256, PS384, PS512, HS256, HS384, HS512 or ES256.
///
/// Steps, each refusing with a typed ``JWTError``: split into three strict base64url segments;
/// decode and parse the header (strict JSON: a duplicate `alg` is refused); require `alg` to be
/// exactly the verifier's algorithm (so `none`, `HS256` under an RSA key, and other
/// algorithm-confusion tokens never reach a key) and
/// `crit` to be understood; check the signature over the signing input; only then parse the
/// payload and check the claims (`exp`, `nbf` with leeway; required claims; `iss`, `aud`, `sub`).
///
/// Timing: verification handles only public data and may take variable time.
public struct JWTVerifier: Sendable {
    /// The RSA public key of a verifier made with one RSA key; `nil` for one that picks its key
    /// by `kid`, and for HMAC and ES256 verifiers.
    @_spi(Internals) public let key: RSAPublicKey?
    /// The RSA keys by `kid` of a verifier made with RSA keys or an RSA key set; empty for a
    /// one-key verifier and for an ES256 key-set verifier.
    public var keys: [String: RSAPublicKey] {
        keysByID.compactMapValues { key in
            guard case let .rsa(rsa) = key else { return nil }
            return rsa
        }
    }
    /// The one algorithm this verifier accepts.
    public let algorithm: JWTAlgorithm
    /// The key of a one-key verifier, tied to ``algorithm``.
    let verifyingKey: JWTVerifyingKey?
    /// The keys by `kid` of a key-set verifier (RSA or P-256, all for ``algorithm``); empty for a
    /// one-key verifier.
    let keysByID: [String: JWTVerifyingKey]
    /// What the claims must satisfy.
    public var options: JWTValidationOptions

    /// Makes an RS256 verifier with one key; the token's `kid`, if any, is not consulted.
    ///
    /// - Parameters:
    ///   - key: the public key (a private key's `publicKey` works too).
    ///   - options: the claim demands (default: only `exp`/`nbf`, no leeway).
    public init(key: RSAPublicKey, options: JWTValidationOptions = JWTValidationOptions()) {
        self.key = key
        self.keysByID = [:]
        self.algorithm = .rs256
        self.verifyingKey = .rsa(key)
        self.options = options
    }

    /// Makes a verifier with one RSA key for one RSA algorithm (RS256 … PS512).
    ///
    /// - Parameters:
    ///   - key: the public key.
    ///   - algorithm: the only algorithm accepted.
    ///   - options: the claim demands.
    /// - Throws: `JWTError.keyNotForAlgorithm` when `algorithm` is not an RSA algorithm (an RSA
    ///   public key is never an HMAC secret).
    public init(key: RSAPublicKey, algorithm: JWTAlgorithm, options: JWTValidationOptions = JWTValidationOptions()) throws(JWTError) {
        try algorithm.checkRSA()
        self.key = key
        self.keysByID = [:]
        self.algorithm = algorithm
        self.verifyingKey = .rsa(key)
        self.options = options
    }

    /// Makes an HS256, HS384 or HS512 verifier with a shared secret.
    ///
    /// - Parameters:
    ///   - secret: the shared secret, at least as long as the hash output.
    ///   - algorithm: the only algorithm accepted.
    ///   - options: the claim demands.
    /// - Throws: `JWTError.keyNotForAlgorithm` when `algorithm` is not HMAC,
    ///   `.secretTooShort` when the secret is shorter than RFC 7518 §3.2 allows.
    public init(secret: SymmetricKey, algorithm: JWTAlgorithm, options: JWTValidationOptions = JWTValidationOptions()) throws(JWTError) {
        try algorithm.checkHMACSecret(secret)
        self.key = nil
        self.keysByID = [:]
        self.algorithm = algorithm
        self.verifyingKey = .hmac(secret)
        self.options = options
    }

    /// Makes an ES256 verifier with a P-256 public key (signatures as 64 bytes r‖s).
    ///
    /// - Parameters:
    ///   - key: the public key.
    ///   - options: the claim demands.
    public init(key: P256.Signing.PublicKey, options: JWTValidationOptions = JWTValidationOptions()) {
        self.key = nil
        self.keysByID = [:]
        self.algorithm = .es256
        self.verifyingKey = .p256(key)
        self.options = options
    }

    /// Makes a verifier over several keys that picks the one named by the token header's `kid`.
    ///
    /// A token without `kid`, or with a `kid` not among `keys`, is refused before any signature
    /// check. The algorithm is still pinned to RS256: the key decides, never the token.
    ///
    /// - Parameters:
    ///   - keys: the public keys by `kid`.
    ///   - options: the claim demands.
    public init(keys: [String: RSAPublicKey], options: JWTValidationOptions = JWTValidationOptions()) {
        self.key = nil
        self.keysByID = keys.mapValues { .rsa($0) }
        self.algorithm = .rs256
        self.verifyingKey = nil
        self.options = options
    }

    /// Makes a verifier over several RSA keys for one RSA algorithm, picking the key by `kid`.
    ///
    /// - Parameters:
    ///   - keys: the public keys by `kid`.
    ///   - algorithm: the only algorithm accepted (RS256 … PS512).
    ///   - options: the claim demands.
    /// - Throws: `JWTError.keyNotForAlgorithm` when `algorithm` is not an RSA algorithm.
    public init(keys: [String: RSAPublicKey], algorithm: JWTAlgorithm, options: JWTValidationOptions = JWTValidationOptions()) throws(JWTError) {
        try algorithm.checkRSA()
        self.key = nil
        self.keysByID = keys.mapValues { .rsa($0) }
        self.algorithm = algorithm
        self.verifyingKey = nil
        self.options = options
    }

    /// Makes a verifier over a JWK Set (`{"keys": [...]}`, as an identity provider publishes at
    /// its `jwks_uri`) that picks the key by the token's `kid`.
    ///
    /// For an RSA algorithm (RS256 … PS512), the set's verification keys are its members with
    /// `kty` `"RSA"`; for ES256, its members with `kty` `"EC"` and `crv` `"P-256"`. Each also has
    /// a `kid`, and no `use`, `alg` or `key_ops` that rule out verification with `algorithm` (a
    /// key whose `alg` names another algorithm is skipped). Other members (keys of the other
    /// type, EC keys on other curves, encryption keys, keys without `kid`) are skipped. Each
    /// verification key must be a valid key (under `policy`, for RSA; on the curve, for P-256),
    /// and no two may share a `kid`. The algorithm stays the verifier's: an ES256 set verifier
    /// refuses RS*, PS* and HS* tokens, an RSA one ES256 tokens, before any key is chosen.
    ///
    /// - Parameters:
    ///   - jwks: the JWK Set as JSON text (UTF-8).
    ///   - policy: the RSA key-size policy (default: at least 2048 bits); unused for ES256.
    ///   - algorithm: the only algorithm accepted, an RSA one or ES256 (default RS256).
    ///   - options: the claim demands.
    /// - Throws: `JWKError` when the text is not a JWK Set, when a key is unacceptable (the
    ///   sentence names its `kid`), when two keys share a `kid`, or when no key is usable
    ///   (always, for an HMAC algorithm: a JWK Set is never read for shared secrets).
    public init<Bytes: Collection>(
        jwks: Bytes, policy: RSAKeyPolicy = .standard, algorithm: JWTAlgorithm = .rs256,
        options: JWTValidationOptions = JWTValidationOptions()
    ) throws(JWKError) where Bytes.Element == UInt8 {
        let object = try JWK.object(parsing: jwks)
        guard case let .array(entries)? = object["keys"] else { throw JWKError.notAKeySet }
        var keysByID: [String: JWTVerifyingKey] = [:]
        for entry in entries {
            guard case let .object(jwk) = entry, case let .string(kid)? = jwk["kid"],
                JWK.isVerificationCandidate(jwk, algorithm: algorithm)
            else { continue }
            guard keysByID[kid] == nil else { throw JWKError.duplicateKeyID(kid) }
            do {
                keysByID[kid] =
                    algorithm == .es256
                    ? .p256(try P256.Signing.PublicKey(jwk: jwk))
                    : .rsa(try RSAPublicKey(jwk: jwk, policy: policy, algorithm: algorithm))
            } catch {
                throw JWKError.invalidKeyInSet(kid: kid, error)
            }
        }
        guard !keysByID.isEmpty else { throw JWKError.ambiguousKeySet(count: 0) }
        self.key = nil
        self.keysByID = keysByID
        self.algorithm = algorithm
        self.verifyingKey = nil
        self.options = options
    }

    /// The key for a token with this header: the one key, or the one its `kid` names.
    func verifyingKey(for header: JWSHeader) throws(JWTError) -> JWTVerifyingKey {
        if let verifyingKey { return verifyingKey }
        guard let kid = header.keyID else { throw JWTError.missingKeyID }
        guard let key = keysByID[kid] else { throw JWTError.unknownKeyID(kid) }
        return key
    }

    /// Verifies a compact token at time `now`.
    ///
    /// - Parameters:
    ///   - token: the compact token (no surrounding whitespace).
    ///   - now: the current time in whole seconds since 1970 (`Math.floor(Date.now() / 1000)`).
    /// - Returns: the header, the claims and the payload bytes.
    /// - Throws: the first `JWTError` that applies.
    public func verify(_ token: String, now: Int64) throws(JWTError) -> VerifiedJWT {
        let (header, payloadBytes) = try verifySignature(of: token)
        let claims = try JWTClaims(parsing: payloadBytes, limits: JWSCompactParts.jsonLimits)
        try claims.validate(now: now, options: options)
        return VerifiedJWT(header: header, claims: claims, payloadBytes: payloadBytes)
    }

    /// Verifies a compact JWS's header policy and signature only, for payloads that are not JWT
    /// claims (RFC 7520's example signs plain text): no claim is read, no time is checked.
    ///
    /// - Parameter token: the compact JWS.
    /// - Returns: the header and the payload bytes exactly as signed.
    /// - Throws: `JWTError.malformed`, `.invalidJSON(.header, _)`, `.missingAlgorithm`,
    ///   `.algorithmNotAllowed`, `.unsupportedCriticalHeader`, `.missingKeyID`/`.unknownKeyID`
    ///   (key-set verifiers) or `.invalidSignature`.
    public func verifySignature(of token: String) throws(JWTError) -> (header: JWSHeader, payload: [UInt8]) {
        let parts = try JWSCompactParts(token: token)
        let header = try JWSHeader(parsing: try JWT.decodeSegment(parts.encodedHeader, "header"), limits: JWSCompactParts.jsonLimits)
        try header.checkPolicy(algorithm: algorithm, understoodCritical: options.understoodCriticalHeaders)
        let key = try verifyingKey(for: header)
        let signature = try JWT.decodeSegment(parts.encodedSignature, "signature")
        guard key.isValidSignature(signature, for: parts.signingInput, algorithm: algorithm) else {
            throw JWTError.invalidSignature
        }
        return (header, try JWT.decodeSegment(parts.encodedPayload, "payload"))
    }
}

extension RSAPublicKey {
    /// Reads and validates an RSA public key from a JWK object: `kty` "RSA", `n` and `e`, with
    /// `use`, `alg` and `key_ops` honoured.
    ///
    /// - Parameters:
    ///   - jwk: the key object.
    ///   - policy: the key-size policy (default: at least 2048 bits).
    ///   - algorithm: the algorithm the key is read for: an `alg` member must name it (default RS256).
    /// - Throws: `JWKError`, with `.invalidKey` when the numbers are not an acceptable key.
    public init(jwk: JSONObject, policy: RSAKeyPolicy = .standard, algorithm: JWTAlgorithm = .rs256) throws(JWKError) {
        let components = try RSAPublicKeyComponents(jwk: jwk, algorithm: algorithm)
        do {
            try self.init(components: components, policy: policy)
        } catch {
            throw JWKError.invalidKey(error)
        }
    }

    /// The key as a JWK object (`kty`, `n`, `e`, then `kid` when given, `alg`, `use`).
    ///
    /// - Parameter keyID: the `kid` to include, or `nil`.
    /// - Returns: the object.
    public func jwk(keyID: String? = nil) -> JSONObject { components.jwk(keyID: keyID) }

    /// The key as compact JWK text.
    public var jwkRepresentation: String { components.jwkRepresentation }
}

extension RSAPrivateKey {
    /// Reads and validates a two-prime RSA private key from a JWK object (`n e d p q dp dq qi`).
    ///
    /// - Parameters:
    ///   - jwk: the key object.
    ///   - policy: the key-size policy (default: at least 2048 bits).
    ///   - algorithm: the algorithm the key is read for: an `alg` member must name it (default RS256).
    /// - Throws: `JWKError`, with `.invalidKey` when the numbers are not a consistent key.
    public init(jwk: JSONObject, policy: RSAKeyPolicy = .standard, algorithm: JWTAlgorithm = .rs256) throws(JWKError) {
        let components = try RSAPrivateKeyComponents(jwk: jwk, algorithm: algorithm)
        do {
            try self.init(components: components, policy: policy)
        } catch {
            throw JWKError.invalidKey(error)
        }
    }
}
