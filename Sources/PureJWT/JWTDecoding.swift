@_spi(Internals) import PureDER

/// A token taken apart WITHOUT checking its signature: nothing in it may be trusted.
///
/// Made only by ``JWT/decodeWithoutVerifying(_:limits:)``; use it to look inside a token (for
/// debugging, or to read `kid` before choosing a key), never to make a decision.
public struct UnverifiedJWT: Sendable, Equatable {
    /// The header, as the token claims it (its `alg` was not checked).
    public let header: JWSHeader
    /// The claims, as the token claims them (times were not checked).
    public let claims: JWTClaims
    /// The decoded signature bytes (not checked against anything).
    public let signature: [UInt8]
    /// The decoded header bytes exactly as signed.
    public let headerBytes: [UInt8]
    /// The decoded payload bytes exactly as signed.
    public let payloadBytes: [UInt8]
}

/// Entry points that are not tied to a key.
public enum JWT {
    /// The longest token a verifier or ``decodeWithoutVerifying(_:limits:)`` accepts, in bytes:
    /// room for 64 KiB of header and payload JSON in base64url, plus a 16,384-bit signature,
    /// rounded up. A longer token is refused before anything is decoded, and the header and
    /// payload are parsed with a JSON size limit of this same number, so any JSON that fits in
    /// an accepted token parses.
    public static let maxTokenBytes = 180_000

    /// Decodes a compact JWT's header, payload and signature without verifying anything.
    ///
    /// The name says it: the signature, the algorithm and the times are NOT checked. The shape is
    /// (three non-empty strict base64url segments, header and payload strict JSON objects).
    ///
    /// - Parameters:
    ///   - token: the compact token.
    ///   - limits: JSON parsing limits for the header and the payload (default: a size limit of
    ///     ``maxTokenBytes``, so whatever fits in an accepted token parses).
    /// - Returns: the parts.
    /// - Throws: `JWTError.malformed` or `.invalidJSON`.
    public static func decodeWithoutVerifying(
        _ token: String, limits: JSONParsingLimits = JSONParsingLimits(maxBytes: JWT.maxTokenBytes)
    ) throws(JWTError) -> UnverifiedJWT {
        let parts = try JWSCompactParts(token: token)
        let headerBytes = try decodeSegment(parts.encodedHeader, "header")
        let header = try JWSHeader(parsing: headerBytes, limits: limits)
        let payloadBytes = try decodeSegment(parts.encodedPayload, "payload")
        let claims = try JWTClaims(parsing: payloadBytes, limits: limits)
        let signature = try decodeSegment(parts.encodedSignature, "signature")
        return UnverifiedJWT(
            header: header, claims: claims, signature: signature,
            headerBytes: headerBytes, payloadBytes: payloadBytes)
    }

    /// Strict unpadded base64url decoding of one segment, with the reason in the error.
    static func decodeSegment(_ segment: Substring, _ name: String) throws(JWTError) -> [UInt8] {
        do {
            return try Base64URL.decode(utf8: segment.utf8)
        } catch {
            throw JWTError.malformed("the \(name) segment is not valid base64url: \(error)")
        }
    }
}
