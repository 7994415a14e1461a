/// An RSASSA-PKCS1-v1_5 signature: exactly as many bytes as the modulus, big-endian.
///
/// Mirrors swift-crypto's `_RSA.Signing.RSASignature`. For a JWS, `rawRepresentation` is what
/// goes into the third part after base64url encoding.
public struct RSASignature: Sendable, Hashable {
    /// The signature bytes (as long as the modulus, leading zero bytes included).
    public let rawRepresentation: [UInt8]

    /// Wraps signature bytes received from elsewhere (for example a decoded JWS).
    ///
    /// No check happens here; ``RSAPublicKey/isValidSignature(_:for:padding:)-(_,Message,_)`` refuses a signature
    /// whose length is not the modulus length.
    ///
    /// - Parameter rawRepresentation: the signature bytes.
    public init<Bytes: Sequence>(rawRepresentation: Bytes) where Bytes.Element == UInt8 {
        self.rawRepresentation = Array(rawRepresentation)
    }
}
