@_spi(Internals) import PureDER
import PureRSA
import PureSHA2

/// Signs RS256 JWTs (RSASSA-PKCS1-v1_5 with SHA-256) with one private key.
///
/// Tokens are byte for byte what node-jsonwebtoken makes for the same key, claims and options:
/// the header `{"alg":"RS256","typ":"JWT"}` (then `kid`, then extra members), the payload as
/// `JSON.stringify` writes it, both base64url without padding. PKCS#1 v1.5 is deterministic, so
/// the signature is the same bytes too.
///
/// Timing: the signature is computed by `RSAPrivateKey.signature(for:)`, which runs in constant
/// time with respect to the private key; the JSON and base64url work touches only the claims.
public struct JWTSigner: Sendable {
    /// The private key.
    public let key: RSAPrivateKey

    /// Makes a signer.
    ///
    /// - Parameter key: a validated private key (for example `RSAPrivateKey(pemRepresentation:)`,
    ///   or `RSAPrivateKey(loading:)` for the base64-of-PEM that `HOTGLUE_SIGNING_KEY` holds).
    public init(key: RSAPrivateKey) {
        self.key = key
    }

    /// Signs claims under node-jsonwebtoken's RS256 header.
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
            headerBytes: try JWSHeader.rs256(keyID: keyID, extra: extraHeader).serializedBytes,
            payloadBytes: claims.serializedBytes, checkHeader: false)
    }

    /// Signs claims under a header you built yourself; the header must say `"alg":"RS256"`.
    ///
    /// - Parameters:
    ///   - claims: the payload.
    ///   - header: the header, used as is.
    /// - Returns: the compact token.
    /// - Throws: `JWTError.invalidClaims` when a registered claim has the wrong type;
    ///   `.algorithmNotAllowed`/`.missingAlgorithm` when the header does not name
    ///   RS256; `.signingFailed` when the RSA signature could not be made.
    public func sign(_ claims: JWTClaims, header: JWSHeader) throws(JWTError) -> String {
        try claims.checkRegisteredTypes()
        try header.checkPolicy(understoodCritical: JWTSigner.allCritical(header))
        return try sign(headerBytes: header.serializedBytes, payloadBytes: claims.serializedBytes, checkHeader: false)
    }

    /// Signs exactly the given header and payload bytes: the token is
    /// `base64url(headerBytes) + "." + base64url(payloadBytes) + "." + base64url(signature)`.
    ///
    /// For interoperability work (re-creating RFC 7515 A.2, or a token whose JSON has whitespace
    /// or a member order this library would not write). The payload may be any bytes (JWS does not
    /// require JSON); the header must be a JSON object whose `alg` is `"RS256"`, so this signer
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
            try header.checkPolicy(understoodCritical: JWTSigner.allCritical(header))
        }
        var input = Base64URL.encode(headerBytes)
        input += "."
        input += Base64URL.encode(payloadBytes)
        let digest = SHA256.hash(data: input.utf8)
        let signature: RSASignature
        do {
            signature = try key.signature(for: digest)
        } catch {
            throw JWTError.signingFailed(error)
        }
        input += "."
        input += Base64URL.encode(signature.rawRepresentation)
        return input
    }

    /// The signer writes what it is given: every `crit` extension the caller put in is "understood".
    private static func allCritical(_ header: JWSHeader) -> [String] {
        header.object["crit"]?.arrayValue?.compactMap { $0.stringValue } ?? []
    }
}

/// A token whose signature and claims passed a ``JWTVerifier``.
public struct VerifiedJWT: Sendable, Equatable {
    /// The header (its `alg` is `"RS256"`).
    public let header: JWSHeader
    /// The claims, checked against the verifier's options at the time given.
    public let claims: JWTClaims
    /// The payload bytes exactly as signed (UTF-8 JSON).
    public let payloadBytes: [UInt8]
}

/// Verifies RS256 JWTs with one public key, with the algorithm pinned to RS256.
///
/// Steps, each refusing with a typed ``JWTError``: split into three strict base64url segments;
/// decode and parse the header (strict JSON: a duplicate `alg` is refused); require `alg` to be
/// exactly `"RS256"` (so `none`, `HS256`, and algorithm-confusion tokens never reach a key) and
/// `crit` to be understood; check the signature over the signing input; only then parse the
/// payload and check the claims (`exp`, `nbf` with leeway; required claims; `iss`, `aud`, `sub`).
///
/// Timing: verification handles only public data and may take variable time.
public struct JWTVerifier: Sendable {
    /// The public key of a verifier made with one key; `nil` for one that picks its key by `kid`.
    public let key: RSAPublicKey?
    /// The keys by `kid` of a verifier made with a key set; empty for a one-key verifier.
    public let keys: [String: RSAPublicKey]
    /// What the claims must satisfy.
    public var options: JWTValidationOptions

    /// Makes a verifier with one key; the token's `kid`, if any, is not consulted.
    ///
    /// - Parameters:
    ///   - key: the public key (a private key's `publicKey` works too).
    ///   - options: the claim demands (default: only `exp`/`nbf`, no leeway).
    public init(key: RSAPublicKey, options: JWTValidationOptions = JWTValidationOptions()) {
        self.key = key
        self.keys = [:]
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
        self.keys = keys
        self.options = options
    }

    /// Makes a verifier over a JWK Set (`{"keys": [...]}`, as an identity provider publishes at
    /// its `jwks_uri`) that picks the key by the token's `kid`.
    ///
    /// The set's RS256 verification keys are its members with `kty` `"RSA"`, a `kid`, and no
    /// `use`, `alg` or `key_ops` that rule out RS256 verification; other members (EC keys,
    /// encryption keys, keys without `kid`) are skipped. Each RS256 verification key must be a
    /// valid key under `policy`, and no two may share a `kid`.
    ///
    /// - Parameters:
    ///   - jwks: the JWK Set as JSON text (UTF-8).
    ///   - policy: the key-size policy (default: at least 2048 bits).
    ///   - options: the claim demands.
    /// - Throws: `JWKError` when the text is not a JWK Set, when a key is unacceptable (the
    ///   sentence names its `kid`), when two keys share a `kid`, or when no key is usable.
    public init<Bytes: Collection>(
        jwks: Bytes, policy: RSAKeyPolicy = .standard, options: JWTValidationOptions = JWTValidationOptions()
    ) throws(JWKError) where Bytes.Element == UInt8 {
        let object = try JWK.object(parsing: jwks)
        guard case let .array(entries)? = object["keys"] else { throw JWKError.notAKeySet }
        var keys: [String: RSAPublicKey] = [:]
        for entry in entries {
            guard case let .object(jwk) = entry, JWK.isRS256VerificationCandidate(jwk),
                case let .string(kid)? = jwk["kid"]
            else { continue }
            guard keys[kid] == nil else { throw JWKError.duplicateKeyID(kid) }
            do {
                keys[kid] = try RSAPublicKey(jwk: jwk, policy: policy)
            } catch {
                throw JWKError.invalidKeyInSet(kid: kid, error)
            }
        }
        guard !keys.isEmpty else { throw JWKError.ambiguousKeySet(count: 0) }
        self.init(keys: keys, options: options)
    }

    /// The key for a token with this header: the one key, or the one its `kid` names.
    func verifyingKey(for header: JWSHeader) throws(JWTError) -> RSAPublicKey {
        if let key { return key }
        guard let kid = header.keyID else { throw JWTError.missingKeyID }
        guard let key = keys[kid] else { throw JWTError.unknownKeyID(kid) }
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
        try header.checkPolicy(understoodCritical: options.understoodCriticalHeaders)
        let key = try verifyingKey(for: header)
        let signature = try JWT.decodeSegment(parts.encodedSignature, "signature")
        guard key.isValidSignature(RSASignature(rawRepresentation: signature), for: parts.signingInput) else {
            throw JWTError.invalidSignature
        }
        return (header, try JWT.decodeSegment(parts.encodedPayload, "payload"))
    }
}

extension RSAPublicKey {
    /// Reads and validates an RSA public key from a JWK object (see
    /// ``PureRSA/RSAPublicKeyComponents/init(jwk:)``).
    ///
    /// - Parameters:
    ///   - jwk: the key object.
    ///   - policy: the key-size policy (default: at least 2048 bits).
    /// - Throws: `JWKError`, with `.invalidKey` when the numbers are not an acceptable key.
    public init(jwk: JSONObject, policy: RSAKeyPolicy = .standard) throws(JWKError) {
        let components = try RSAPublicKeyComponents(jwk: jwk)
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
    /// - Throws: `JWKError`, with `.invalidKey` when the numbers are not a consistent key.
    public init(jwk: JSONObject, policy: RSAKeyPolicy = .standard) throws(JWKError) {
        let components = try RSAPrivateKeyComponents(jwk: jwk)
        do {
            try self.init(components: components, policy: policy)
        } catch {
            throw JWKError.invalidKey(error)
        }
    }
}
