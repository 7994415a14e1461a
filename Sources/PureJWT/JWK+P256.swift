// P-256 keys as JSON Web Keys (RFC 7518 §6.2): `kty` "EC", `crv` "P-256", `x`, `y`, `d`.
@_spi(Internals) import PureDER
import PureP256

extension JWK {
    /// Checks `kty` "EC", `crv` "P-256", and `alg`, `use`, `key_ops` as for RSA keys (with
    /// `alg` "ES256"); returns the object.
    static func checkedP256(_ object: JSONObject, for operation: Operation) throws(JWKError) -> JSONObject {
        guard let kty = object["kty"] else { throw JWKError.missingKeyType }
        guard case let .string(type) = kty else { throw JWKError.memberNotAString("kty") }
        guard type.utf8.elementsEqual("EC".utf8) else { throw JWKError.notRSA(type) }
        guard let crv = object["crv"] else { throw JWKError.missingMember("crv") }
        guard case let .string(curve) = crv else { throw JWKError.memberNotAString("crv") }
        guard curve.utf8.elementsEqual("P-256".utf8) else { throw JWKError.unsupportedCurve(curve) }
        if let alg = object["alg"] {
            guard case let .string(name) = alg else { throw JWKError.memberNotAString("alg") }
            guard name.utf8.elementsEqual("ES256".utf8) else { throw JWKError.algorithmNotES256(name) }
        }
        // `use`, `key_ops` (and `oth`) mean the same for every key type.
        return try checkedUse(object, for: operation, algorithm: .es256)
    }

    /// A fixed-length P-256 member (x, y or d): base64url of exactly 32 bytes.
    static func p256Member(_ object: JSONObject, _ name: String) throws(JWKError) -> [UInt8] {
        let bytes = try memberBytes(object, name)
        guard bytes.count == 32 else { throw JWKError.invalidECMemberLength(member: name, count: bytes.count) }
        return bytes
    }

    /// Whether a key-set member may be an ES256 signing or verification key: `kty` `"EC"`, `crv`
    /// `"P-256"`, no `use` other than `"sig"`, no `alg` other than `"ES256"`, no `key_ops` array
    /// without `"sign"` or `"verify"`. Members on other curves are not candidates (skipped, as
    /// encryption keys are); a P-256 member whose numbers are wrong is, so its reader says why.
    static func isP256VerificationCandidate(_ key: JSONObject) -> Bool {
        isVerificationCandidate(key, algorithm: .es256)
    }

    /// Whether a JWK object is an EC key (`kty` "EC"), whatever its curve.
    static func isEC(_ object: JSONObject) -> Bool {
        guard case let .string(type) = object["kty"] else { return false }
        return type.utf8.elementsEqual("EC".utf8)
    }
}

extension P256.Signing.PublicKey {
    /// Reads a P-256 public key from a JWK object (`kty` "EC", `crv` "P-256", `x`, `y`, each
    /// exactly 32 bytes); `d`, if present, is ignored.
    ///
    /// - Parameter jwk: The key object.
    /// - Throws: `JWKError` naming the problem (another curve, an `alg` other than ES256, a
    ///   `use` or `key_ops` that forbids verifying, a coordinate of the wrong length, a point
    ///   not on the curve).
    public init(jwk: JSONObject) throws(JWKError) {
        let object = try JWK.checkedP256(jwk, for: .verify)
        let x = try JWK.p256Member(object, "x"), y = try JWK.p256Member(object, "y")
        do {
            try self.init(rawRepresentation: x + y)
        } catch {
            throw JWKError.invalidECKey(error)
        }
    }

    /// The key as a JWK object: `kty`, `crv`, `x`, `y`, then `kid` when given, then `alg`
    /// "ES256" and `use` "sig".
    ///
    /// - Parameter keyID: The `kid` to include, or `nil`.
    /// - Returns: The object.
    public func jwk(keyID: String? = nil) -> JSONObject {
        let raw = rawRepresentation
        var object: JSONObject = [
            "kty": .string("EC"),
            "crv": .string("P-256"),
            "x": .string(Base64URL.encode(raw[0..<32])),
            "y": .string(Base64URL.encode(raw[32..<64])),
        ]
        if let keyID { object["kid"] = .string(keyID) }
        object["alg"] = .string("ES256")
        object["use"] = .string("sig")
        return object
    }

    /// The key as JWK text (compact JSON): see ``jwk(keyID:)``.
    public var jwkRepresentation: String { JSONValue.object(jwk()).serialized }
}

extension P256.Signing.PrivateKey {
    /// Reads a P-256 private key from a JWK object: `d`, and `x`, `y`, which must be d·G.
    ///
    /// - Parameter jwk: The key object.
    /// - Throws: `JWKError.publicKeyNotPrivate` without `d`, or `JWKError` naming the problem
    ///   (as ``P256/Signing/PublicKey/init(jwk:)``, `key_ops` without "sign", d out of range,
    ///   x and y not d·G).
    public init(jwk: JSONObject) throws(JWKError) {
        let object = try JWK.checkedP256(jwk, for: .sign)
        guard object["d"] != nil else { throw JWKError.publicKeyNotPrivate }
        let d = try JWK.p256Member(object, "d")
        let x = try JWK.p256Member(object, "x"), y = try JWK.p256Member(object, "y")
        do {
            try self.init(x963Representation: [0x04] + x + y + d)
        } catch {
            throw JWKError.invalidECKey(error)
        }
    }
}
