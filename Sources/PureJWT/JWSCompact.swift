/// The three base64url segments of a compact JWS (`header.payload.signature`), not yet decoded.
///
/// Splitting needs no decoding: it only checks the shape (exactly two dots, every segment
/// non-empty and made of the unpadded base64url alphabet `A–Z a–z 0–9 - _`).
public struct JWSCompactParts: Sendable, Equatable {
    /// The first segment, base64url.
    public let encodedHeader: Substring
    /// The second segment, base64url.
    public let encodedPayload: Substring
    /// The third segment, base64url.
    public let encodedSignature: Substring

    /// The bytes the signature covers: `encodedHeader + "." + encodedPayload` in ASCII.
    public var signingInput: [UInt8] {
        Array(encodedHeader.utf8) + [UInt8(ascii: ".")] + Array(encodedPayload.utf8)
    }

    /// The longest token accepted by ``init(token:)``, in bytes (room for 64 KiB of header and
    /// payload JSON in base64url, plus a 16,384-bit signature, rounded up).
    ///
    /// The verifier and the decoder parse the header and the payload with ``jsonLimits``, whose
    /// size limit is this same number: a decoded segment is shorter than its token, so any JSON
    /// that fits in an accepted token parses.
    public static let maxTokenBytes = 180_000

    /// The JSON limits for a token's header and payload: ``maxTokenBytes`` bytes, the default depth.
    public static let jsonLimits = JSONParsingLimits(maxBytes: maxTokenBytes)

    /// Splits a compact JWS.
    ///
    /// - Parameter token: the token text.
    /// - Throws: `JWTError.malformed` when the token is too long, does not have exactly three
    ///   segments, has an empty segment, or has a character outside the base64url alphabet
    ///   (padding `=` included).
    public init(token: String) throws(JWTError) {
        let utf8 = token.utf8
        guard utf8.count <= JWSCompactParts.maxTokenBytes else {
            throw JWTError.malformed("the token is \(utf8.count) bytes long, more than the limit of \(JWSCompactParts.maxTokenBytes)")
        }
        var dots: [String.Index] = []
        var offset = 0
        for index in utf8.indices {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "."):
                guard dots.count < 2 else { throw JWTError.malformed("the token has more than three segments") }
                dots.append(index)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
                break
            default:
                throw JWTError.malformed("the character at byte \(offset) is not in the base64url alphabet")
            }
            offset += 1
        }
        guard dots.count == 2 else { throw JWTError.malformed("a compact JWS has three segments separated by two dots") }
        encodedHeader = token[token.startIndex..<dots[0]]
        encodedPayload = token[token.index(after: dots[0])..<dots[1]]
        encodedSignature = token[token.index(after: dots[1])...]
        guard !encodedHeader.isEmpty else { throw JWTError.malformed("the header segment is empty") }
        guard !encodedPayload.isEmpty else { throw JWTError.malformed("the payload segment is empty") }
        guard !encodedSignature.isEmpty else { throw JWTError.malformed("the signature segment is empty (unsigned tokens are refused)") }
    }
}

/// Compact JWS signing and verification with the encoding and the signature supplied by the caller.
///
/// PureJWT owns the JSON, the order of the steps and the policy; base64url (PureDER) and RSA
/// (PureRSA) are passed in, so the RS256 entry points are one call each once those exist.
public enum JWSCompact {
    /// The signing input `base64url(header) + "." + base64url(payload)` as node's `jws` makes it.
    ///
    /// - Parameters:
    ///   - header: the header (serialized as JSON.stringify would).
    ///   - claims: the claims (serialized as JSON.stringify would).
    ///   - base64URLEncode: unpadded base64url encoding.
    /// - Returns: the ASCII signing input.
    public static func signingInput(
        header: JWSHeader, claims: JWTClaims, base64URLEncode: ([UInt8]) -> String
    ) -> String {
        base64URLEncode(header.serializedBytes) + "." + base64URLEncode(claims.serializedBytes)
    }

    /// Builds a compact JWS: the signing input, then `"." + base64url(signature)`.
    ///
    /// - Parameters:
    ///   - header: the header.
    ///   - claims: the claims.
    ///   - base64URLEncode: unpadded base64url encoding.
    ///   - sign: computes the signature over the signing input's bytes (RSASSA-PKCS1-v1_5 SHA-256 for RS256).
    /// - Returns: the token.
    /// - Throws: whatever `sign` throws.
    public static func sign<E: Error>(
        header: JWSHeader, claims: JWTClaims, base64URLEncode: ([UInt8]) -> String,
        sign: ([UInt8]) throws(E) -> [UInt8]
    ) throws(E) -> String {
        let input = signingInput(header: header, claims: claims, base64URLEncode: base64URLEncode)
        let signature = try sign(Array(input.utf8))
        return input + "." + base64URLEncode(signature)
    }

    /// Verifies a compact JWS, step by step, trusting nothing before the signature has been checked.
    ///
    /// Steps: split (shape only); decode and parse the header; check it against the pinned
    /// algorithm and `crit` policy; decode the signature and check it over the signing input;
    /// only then decode and parse the payload and validate the claims at `now`.
    ///
    /// - Parameters:
    ///   - token: the compact JWS.
    ///   - now: the current time in whole seconds since 1970.
    ///   - options: the claim demands.
    ///   - base64URLDecode: strict unpadded base64url decoding; `nil` for invalid input.
    ///   - isValidSignature: whether `signature` is valid over `signingInput` under the key.
    /// - Returns: the header and the validated claims.
    /// - Throws: the first `JWTError` that applies.
    public static func verify(
        _ token: String, now: Int64, options: JWTValidationOptions = JWTValidationOptions(),
        base64URLDecode: (Substring) -> [UInt8]?,
        isValidSignature: (_ signature: [UInt8], _ signingInput: [UInt8]) -> Bool
    ) throws(JWTError) -> (header: JWSHeader, claims: JWTClaims) {
        let parts = try JWSCompactParts(token: token)
        guard let headerBytes = base64URLDecode(parts.encodedHeader) else {
            throw JWTError.malformed("the header segment is not valid base64url")
        }
        let header = try JWSHeader(parsing: headerBytes, limits: JWSCompactParts.jsonLimits)
        try header.checkPolicy(understoodCritical: options.understoodCriticalHeaders)
        guard let signature = base64URLDecode(parts.encodedSignature) else {
            throw JWTError.malformed("the signature segment is not valid base64url")
        }
        guard isValidSignature(signature, parts.signingInput) else { throw JWTError.invalidSignature }
        guard let payloadBytes = base64URLDecode(parts.encodedPayload) else {
            throw JWTError.malformed("the payload segment is not valid base64url")
        }
        let claims = try JWTClaims(parsing: payloadBytes, limits: JWSCompactParts.jsonLimits)
        try claims.validate(now: now, options: options)
        return (header, claims)
    }
}
