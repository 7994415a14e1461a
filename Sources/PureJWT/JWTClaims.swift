@_spi(Internals) import PureJSON

/// The claims of a JWT (its payload), as an ordered JSON object with typed access.
///
/// Members keep the order they were set in (see `JSONObject` for JavaScript's one exception,
/// array-index names), so the payload serializes byte for byte as node-jsonwebtoken's
/// `JSON.stringify(payload)` for the same object.
///
/// Typed getters return `nil` when a claim is absent and throw `JWTError.malformed` when it is
/// present with the wrong type. Times (`iat`, `exp`, `nbf`) are NumericDates written as integer
/// seconds since 1970-01-01 UTC; when read, any finite number is accepted (`1.7e9`,
/// `1700000000.5`, `1e300`), see ``numericDate(_:)``; a string or another type is malformed.
/// Signers refuse registered claims of the wrong type (see ``JWTSigner``).
public struct JWTClaims: Sendable, Equatable {
    /// The claims in order.
    public var object: JSONObject

    /// Wraps a JSON object as claims, as is.
    ///
    /// - Parameter object: the claim members.
    public init(object: JSONObject = JSONObject()) {
        self.object = object
    }

    /// Claims in the order node-jsonwebtoken writes `{sub, iat, exp}`: `sub` (when given), then
    /// `iat`, then `exp` (each when given).
    ///
    /// - Parameters:
    ///   - subject: the `sub` claim.
    ///   - issuedAt: the `iat` claim, seconds since 1970.
    ///   - expiresAt: the `exp` claim, seconds since 1970.
    public init(subject: String?, issuedAt: Int64?, expiresAt: Int64?) {
        object = JSONObject()
        if let subject { object["sub"] = .string(subject) }
        if let issuedAt { object["iat"] = .integer(issuedAt) }
        if let expiresAt { object["exp"] = .integer(expiresAt) }
    }

    /// The largest integer JavaScript holds exactly (2^53 - 1); NumericDates written beyond it
    /// would not mean the same thing to a JavaScript verifier.
    public static let maxSafeInteger: Int64 = 9_007_199_254_740_991

    /// The tenant token claims of the main job: `{"sub": tenantID, "iat": now, "exp": now + lifetime}`.
    ///
    /// Mirrors `jsonwebtoken.sign({sub, iat: now, exp: now + 3600}, …)` with
    /// `now = Math.floor(Date.now() / 1000)`; the library reads no clock, so the caller passes `now`.
    ///
    /// - Parameters:
    ///   - tenantID: the `sub` claim.
    ///   - now: the current time in whole seconds since 1970, from 0 to 2^53 - 1 (`iat: 0` is
    ///     written as 0; node-jsonwebtoken alone would replace a 0 with its own clock, so only
    ///     from 1 on are the bytes comparable with it).
    ///   - lifetime: seconds until expiry (default 3600), at least 1.
    /// - Returns: the claims.
    /// - Throws: `JWTError.invalidClaims` when `now` is negative, `lifetime` is not positive,
    ///   or `now + lifetime` exceeds 2^53 - 1.
    public static func tenant(_ tenantID: String, now: Int64, lifetime: Int64 = 3600) throws(JWTError) -> JWTClaims {
        guard now >= 0 else { throw JWTError.invalidClaims("the issue time \(now) is before 1970") }
        guard lifetime > 0 else { throw JWTError.invalidClaims("the lifetime \(lifetime) s is not positive") }
        let (exp, overflow) = now.addingReportingOverflow(lifetime)
        guard !overflow && exp <= maxSafeInteger else {
            throw JWTError.invalidClaims("the expiry time is beyond 2^53 - 1 seconds")
        }
        return JWTClaims(subject: tenantID, issuedAt: now, expiresAt: exp)
    }

    /// Parses received claims from their decoded bytes (the second segment after base64url decoding).
    ///
    /// - Parameters:
    ///   - bytes: the payload JSON as UTF-8.
    ///   - limits: the JSON parsing limits.
    /// - Throws: `JWTError.invalidJSON(.payload, _)` when it is not strict JSON, `.malformed` when
    ///   it is not an object.
    public init(parsing bytes: [UInt8], limits: JSONParsingLimits = .default) throws(JWTError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes, limits: limits)
        } catch {
            throw JWTError.invalidJSON(.payload, error)
        }
        guard case let .object(object) = value else {
            throw JWTError.malformed("the payload is not a JSON object")
        }
        self.object = object
    }

    /// Reads, sets (in place when present, else at the end) or removes any claim.
    ///
    /// - Parameter name: the claim name.
    public subscript(name: String) -> JSONValue? {
        get { object[name] }
        set { object[name] = newValue }
    }

    /// The payload as JSON.stringify writes it, as UTF-8 bytes (the input to base64url).
    public var serializedBytes: [UInt8] { JSONValue.object(object).serializedBytes }

    /// The payload as JSON.stringify writes it.
    public var serialized: String { JSONValue.object(object).serialized }

    /// The `sub` claim.
    public var subject: String? { get throws(JWTError) { try string("sub") } }
    /// The `iss` claim.
    public var issuer: String? { get throws(JWTError) { try string("iss") } }
    /// The `jti` claim.
    public var jwtID: String? { get throws(JWTError) { try string("jti") } }
    /// The `iat` claim, seconds since 1970.
    public var issuedAt: Int64? { get throws(JWTError) { try numericDate("iat") } }
    /// The `exp` claim, seconds since 1970.
    public var expiresAt: Int64? { get throws(JWTError) { try numericDate("exp") } }
    /// The `nbf` claim, seconds since 1970.
    public var notBefore: Int64? { get throws(JWTError) { try numericDate("nbf") } }

    /// The `aud` claim as a list: a single string gives a one-element list.
    public var audience: [String]? {
        get throws(JWTError) {
            guard let value = object["aud"] else { return nil }
            switch value {
            case let .string(s): return [s]
            case let .array(elements):
                var out: [String] = []
                for element in elements {
                    guard case let .string(s) = element else {
                        throw JWTError.malformed("the \"aud\" claim has an entry that is not a string")
                    }
                    out.append(s)
                }
                return out
            default:
                throw JWTError.malformed("the \"aud\" claim is neither a string nor an array of strings")
            }
        }
    }

    /// A claim that must be a string when present.
    ///
    /// - Parameter name: the claim name.
    /// - Returns: the string, or `nil` when the claim is absent.
    /// - Throws: `JWTError.malformed` when the claim is present but not a string.
    public func string(_ name: String) throws(JWTError) -> String? {
        guard let value = object[name] else { return nil }
        guard case let .string(s) = value else {
            throw JWTError.malformed("the \(JWTError.quoted(name)) claim is not a string")
        }
        return s
    }

    /// A claim that must be a NumericDate (seconds since 1970, RFC 7519 §2) when present.
    ///
    /// Any finite JSON number is a NumericDate, fractions and huge values included (as PyJWT and
    /// node-jsonwebtoken read them). The whole second returned is the value rounded up, clamped to
    /// the `Int64` range: comparing it with a whole-second clock gives exactly the answer the
    /// real value gives (`now >= exp` holds for `1700000000.5` from `1700000001` on).
    ///
    /// - Parameter name: the claim name.
    /// - Returns: the seconds, or `nil` when the claim is absent.
    /// - Throws: `JWTError.malformed` when the claim is present but not a number.
    public func numericDate(_ name: String) throws(JWTError) -> Int64? {
        try exactNumericDate(name)?.ceiling
    }

    /// A NumericDate as the verifier compares it: its ceiling clamped to `Int64`, and whether
    /// the real value lies beyond that range (+1 above `Int64.max`, -1 below `Int64.min`).
    struct NumericDate {
        let ceiling: Int64
        let beyond: Int
    }

    func exactNumericDate(_ name: String) throws(JWTError) -> NumericDate? {
        guard let value = object[name] else { return nil }
        guard case let .number(n) = value else {
            throw JWTError.malformed("the \(JWTError.quoted(name)) claim is not a number of seconds")
        }
        switch n.storage {
        case let .integer(i):
            return NumericDate(ceiling: i, beyond: 0)
        case let .double(d):
            if d >= 9_223_372_036_854_775_808.0 { return NumericDate(ceiling: .max, beyond: 1) }
            if d < -9_223_372_036_854_775_808.0 { return NumericDate(ceiling: .min, beyond: -1) }
            // In range, so the conversion (truncation toward zero) cannot trap and is exact
            // from 2^52 up, where every float is whole; below, one step up makes the ceiling.
            let truncated = Int64(d)
            return NumericDate(ceiling: Double(truncated) < d ? truncated + 1 : truncated, beyond: 0)
        }
    }

    /// Checks the registered claims a signer is about to write: `sub`, `iss` and `jti` strings,
    /// `aud` a string or an array of strings, `exp`, `nbf` and `iat` whole seconds from 0 to
    /// 2^53 - 1. node-jsonwebtoken refuses to sign such mistakes, and our own verifier would
    /// refuse the token as malformed.
    ///
    /// - Throws: `JWTError.invalidClaims` naming the claim and the type it needs.
    package func checkRegisteredTypes() throws(JWTError) {
        for name in ["sub", "iss", "jti"] {
            guard let value = object[name] else { continue }
            guard case .string = value else {
                throw JWTError.invalidClaims("the \"\(name)\" claim must be a string, not \(JWTClaims.kind(value))")
            }
        }
        if let value = object["aud"] {
            switch value {
            case .string: break
            case let .array(entries) where entries.allSatisfy({ $0.stringValue != nil }): break
            default:
                throw JWTError.invalidClaims(
                    "the \"aud\" claim must be a string or an array of strings, not \(JWTClaims.kind(value))")
            }
        }
        for name in ["iat", "nbf", "exp"] {
            guard let value = object[name] else { continue }
            if case let .number(n) = value, let seconds = n.int64Value, (0...JWTClaims.maxSafeInteger).contains(seconds) {
                continue
            }
            throw JWTError.invalidClaims(
                "the \"\(name)\" claim must be a NumericDate, a whole number of seconds "
                    + "from 0 to \(JWTClaims.maxSafeInteger), not \(JWTClaims.kind(value))")
        }
    }

    /// What a value is, for a message: "a string", "the number 1.5", "an array"….
    static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case let .bool(b): return b ? "true" : "false"
        case let .number(n): return "the number \(n.description)"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
