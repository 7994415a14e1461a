/// The three base64url segments of a compact JWS (`header.payload.signature`), not yet decoded.
///
/// Splitting needs no decoding: it only checks the shape (exactly two dots, every segment
/// non-empty and made of the unpadded base64url alphabet `A–Z a–z 0–9 - _`).
@_spi(Internals) public struct JWSCompactParts: Sendable, Equatable {
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
    public static let maxTokenBytes = JWT.maxTokenBytes

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
