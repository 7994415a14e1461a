/// A JOSE header of a JWS, as an ordered JSON object.
///
/// Built headers follow node-jsonwebtoken, which makes its header as
/// `Object.assign({alg, typ: "JWT", kid: options.keyid}, options.header)`: `alg`, then `typ`,
/// then `kid` when a key ID is given, then the extra members in their order (an extra member
/// named like an earlier one replaces its value in place).
///
/// Note: node's `jws` encodes the header text as Latin-1 (`base64url(str, 'binary')`), so a
/// header value with characters above U+007F gives different bytes there; this type always
/// writes UTF-8, as RFC 7515 requires. For ASCII headers (the usual case) the bytes agree.
public struct JWSHeader: Sendable, Equatable {
    /// The header members in order.
    public var object: JSONObject

    /// Wraps a JSON object as a header, as is.
    ///
    /// - Parameter object: the header members.
    @_spi(Internals) public init(object: JSONObject) {
        self.object = object
    }

    /// ``jwt(algorithm:keyID:extra:)`` for RS256 (kept for the package's tests and benchmark).
    package static func rs256(keyID: String? = nil, extra: JSONObject = JSONObject()) throws(JWTError) -> JWSHeader {
        try jwt(algorithm: .rs256, keyID: keyID, extra: extra)
    }

    /// The header node-jsonwebtoken writes for `algorithm`: `{"alg":…,"typ":"JWT"}`, then `kid`
    /// when `keyID` is given, then `extra` (as `options.header`).
    ///
    /// As in `Object.assign({alg, typ, kid}, options.header)`, the `kid` slot is always third:
    /// a `kid` in `extra` lands there (and wins over `keyID`), and an extra `typ` replaces `"JWT"`
    /// in place. An extra `alg` other than the algorithm's name is refused: the header would lie.
    ///
    /// - Parameters:
    ///   - algorithm: the `alg` value (the signer's algorithm).
    ///   - keyID: the `kid` value, or `nil` for none.
    ///   - extra: further members, set in their order.
    /// - Returns: the header.
    /// - Throws: `JWTError.algorithmNotAllowed` when `extra` sets `alg` to another algorithm.
    @_spi(Internals) public static func jwt(algorithm: JWTAlgorithm, keyID: String? = nil, extra: JSONObject = JSONObject()) throws(JWTError)
        -> JWSHeader
    {
        if let alg = extra["alg"], alg != .string(algorithm.name) {
            throw JWTError.algorithmNotAllowed(alg.stringValue ?? alg.serialized)
        }
        var object: JSONObject = ["alg": .string(algorithm.name), "typ": .string("JWT")]
        if let kid = extra["kid"] ?? keyID.map(JSONValue.string) { object["kid"] = kid }
        for member in extra.members { object[member.key] = member.value }
        return JWSHeader(object: object)
    }

    /// Parses a received header from its decoded bytes (the first segment after base64url decoding).
    ///
    /// - Parameters:
    ///   - bytes: the header JSON as UTF-8.
    ///   - limits: the JSON parsing limits.
    /// - Throws: `JWTError.invalidJSON(.header, _)` when it is not strict JSON (duplicate members
    ///   included), `.malformed` when it is not an object.
    @_spi(Internals) public init(parsing bytes: [UInt8], limits: JSONParsingLimits = .default) throws(JWTError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes, limits: limits)
        } catch {
            throw JWTError.invalidJSON(.header, error)
        }
        guard case let .object(object) = value else {
            throw JWTError.malformed("the header is not a JSON object")
        }
        self.object = object
    }

    /// The `alg` member, when it is a string.
    public var algorithm: String? { object["alg"]?.stringValue }

    /// The `typ` member, when it is a string.
    public var type: String? { object["typ"]?.stringValue }

    /// The `kid` member, when it is a string.
    public var keyID: String? { object["kid"]?.stringValue }

    /// The header as JSON.stringify writes it, as UTF-8 bytes (the input to base64url).
    @_spi(Internals) public var serializedBytes: [UInt8] { JSONValue.object(object).serializedBytes }

    /// The header as JSON.stringify writes it.
    @_spi(Internals) public var serialized: String { JSONValue.object(object).serialized }

    /// Header parameters RFC 7515 §4.1 defines; `crit` may not list them.
    static let registeredNames: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
    ]

    /// Checks a received header against the verifier's policy, before any signature work.
    ///
    /// The algorithm is pinned by the verifier, never taken from the token: `alg` must be the
    /// string `"RS256"` exactly (`none`, `HS256`, `RS512`, `rs256` are refused). `crit`, when
    /// present, must be a non-empty array of distinct strings, each naming a member present in the
    /// header, none of them a name RFC 7515 defines, and every one listed in `understoodCritical`.
    ///
    /// - Parameter understoodCritical: extension names the caller processes (default none).
    /// - Throws: `.missingAlgorithm`, `.algorithmNotAllowed`, `.unsupportedCriticalHeader`, or
    ///   `.malformed` for a `crit` or `alg` of the wrong shape.
    package func checkPolicy(understoodCritical: [String] = []) throws(JWTError) {
        try checkPolicy(algorithm: .rs256, understoodCritical: understoodCritical)
    }

    /// The policy check above for a signer or verifier set up for `algorithm`: `alg` must be
    /// exactly its name.
    func checkPolicy(algorithm: JWTAlgorithm, understoodCritical: [String]) throws(JWTError) {
        guard let alg = object["alg"] else { throw JWTError.missingAlgorithm }
        guard case let .string(name) = alg else {
            throw JWTError.malformed("the header's \"alg\" is not a string")
        }
        guard name.utf8.elementsEqual(algorithm.name.utf8) else {
            if algorithm == .rs256 { throw JWTError.algorithmNotAllowed(name) }
            throw JWTError.unexpectedAlgorithm(name, expected: algorithm.name)
        }
        guard let crit = object["crit"] else { return }
        guard case let .array(entries) = crit, !entries.isEmpty else {
            throw JWTError.malformed("the header's \"crit\" must be a non-empty array of names")
        }
        var seen: Set<[UInt8]> = []
        for entry in entries {
            guard case let .string(extensionName) = entry else {
                throw JWTError.malformed("the header's \"crit\" lists something that is not a name")
            }
            guard seen.insert(Array(extensionName.utf8)).inserted else {
                throw JWTError.malformed("the header's \"crit\" lists \(JSONValue.quotedForMessage(extensionName)) twice")
            }
            guard !JWSHeader.registeredNames.contains(where: { $0.utf8.elementsEqual(extensionName.utf8) }) else {
                throw JWTError.malformed("the header's \"crit\" lists \(JSONValue.quotedForMessage(extensionName)), which RFC 7515 defines")
            }
            guard object.index(forKey: extensionName) != nil else {
                throw JWTError.malformed("the header's \"crit\" lists \(JSONValue.quotedForMessage(extensionName)), which the header lacks")
            }
            guard understoodCritical.contains(where: { $0.utf8.elementsEqual(extensionName.utf8) }) else {
                throw JWTError.unsupportedCriticalHeader(extensionName)
            }
        }
    }
}
