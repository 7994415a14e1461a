#if !hasFeature(Embedded)
// Typed claims: any `Codable` struct as the payload, with no Foundation. The struct is encoded by
// PureJSON's `JSONValueEncoder` (members in encoding order, bytes as `JSON.stringify` writes them)
// and then takes the same path as `JWTClaims`, so registered claims are checked the same way.

extension JWTSigner {
    /// Signs an `Encodable` claims value under node-jsonwebtoken's RS256 header.
    ///
    /// ```swift
    /// struct TenantClaims: Codable, Sendable { var sub: String; var iat: Int64; var exp: Int64; var role: String? }
    /// let token = try signer.sign(TenantClaims(sub: "t", iat: now, exp: now + 3600, role: nil))
    /// ```
    ///
    /// The payload is the value's members in the order its `encode(to:)` writes them (declaration
    /// order for a synthesized conformance), `nil` optionals left out: the bytes
    /// `JSON.stringify` writes for the same JavaScript object.
    ///
    /// - Parameters:
    ///   - claims: the payload; it must encode as a JSON object.
    ///   - keyID: the header's `kid`, or `nil` for none.
    /// - Returns: the compact token.
    /// - Throws: `JWTError.invalidClaims` when the value cannot be encoded as a JSON object (the
    ///   sentence names the member); `.signingFailed` when the RSA signature could not be made.
    public func sign<Claims: Encodable>(_ claims: Claims, keyID: String? = nil) throws(JWTError) -> String {
        try sign(try JWTClaims(encoding: claims), keyID: keyID)
    }
}

extension JWTVerifier {
    /// Verifies a compact token at time `now`, then decodes its claims as `Claims`.
    ///
    /// The registered claims (`exp`, `nbf`, and whatever the options demand) are checked first,
    /// exactly as ``verify(_:now:)`` does, whatever `Claims` declares.
    ///
    /// - Parameters:
    ///   - token: the compact token.
    ///   - type: the claims type to decode.
    ///   - now: the current time in whole seconds since 1970.
    /// - Returns: the decoded claims.
    /// - Throws: the first `JWTError` that applies; `.malformed` when the verified claims do not
    ///   fit `Claims` (the sentence names the member).
    public func verify<Claims: Decodable>(_ token: String, as type: Claims.Type, now: Int64) throws(JWTError) -> Claims {
        let verified = try verify(token, now: now)
        return try verified.claims.decode(as: type)
    }
}

extension JWTClaims {
    /// Claims made by encoding an `Encodable` value, which must encode as a JSON object.
    ///
    /// - Parameter value: the value to encode.
    /// - Throws: `JWTError.invalidClaims` when it cannot be encoded or is not an object.
    public init<Claims: Encodable>(encoding value: Claims) throws(JWTError) {
        let encoded: JSONValue
        do {
            encoded = try JSONValueEncoder().encode(value)
        } catch let error as JSONCodingError {
            throw JWTError.invalidClaims("\(error)")
        } catch {
            throw JWTError.invalidClaims("the claims type's encode(to:) failed")
        }
        guard case let .object(object) = encoded else {
            throw JWTError.invalidClaims("the claims must encode as a JSON object, not as \(encoded.kindName)")
        }
        self.init(object: object)
    }

    /// Decodes these claims as a `Decodable` type.
    ///
    /// - Parameter type: the type to make.
    /// - Returns: the decoded value.
    /// - Throws: `JWTError.malformed` when the claims do not fit `type`.
    public func decode<Claims: Decodable>(as type: Claims.Type) throws(JWTError) -> Claims {
        do {
            return try JSONValueDecoder().decode(type, from: .object(object))
        } catch let error as JSONCodingError {
            throw JWTError.malformed("the claims do not fit \(Claims.self): \(error)")
        } catch {
            throw JWTError.malformed("the claims do not fit \(Claims.self): its init(from:) refused them")
        }
    }
}
#endif
