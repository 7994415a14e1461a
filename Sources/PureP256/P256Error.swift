@_spi(Internals) import PureDER

/// Why a P-256 point, key or signature was refused, or a signature could not be made.
///
/// Every `description` is one sentence a tool can print as is; none repeats the refused bytes.
/// Verification never throws: a bad signature is simply `false`.
public enum P256Error: Error, Equatable, Sendable, CustomStringConvertible {
    /// An encoded point has a length SEC 1 does not use for P-256 (33 or 65 bytes).
    case invalidPointLength(count: Int)
    /// An encoded point starts with a byte other than 02, 03 (compressed) or 04 (uncompressed).
    case unsupportedPointFormat(prefix: UInt8)
    /// The encoding is the point at infinity (the single byte 00), which is never a public key.
    case pointAtInfinity
    /// A coordinate is not smaller than the field prime p.
    case coordinateOutOfRange
    /// The coordinates do not satisfy y² = x³ − 3x + b (for a compressed point: no y exists).
    case pointNotOnCurve
    /// A raw signature is not 64 bytes (r‖s, 32 bytes each).
    case invalidSignatureLength(count: Int)
    /// A DER signature is not a strict DER SEQUENCE of two non-negative INTEGERs.
    case invalidSignatureDER(DERError)
    /// r or s in a DER signature needs more than 32 bytes.
    case signatureIntegerTooLarge(byteCount: Int)
    /// A private key is not 32 bytes.
    case invalidPrivateKeyLength(count: Int)
    /// A private key (or a nonce) is 0 or not smaller than the group order n.
    case scalarOutOfRange
    /// The nonce gives r = 0 or s = 0, so it cannot sign; a deterministic nonce generator
    /// moves on to its next candidate.
    case nonceUnusable
    /// The signature failed its check with the public key, so it was withheld (a fault
    /// occurred while signing).
    case signatureSelfCheckFailed

    /// The error as a sentence a tool can print as is.
    public var description: String {
        switch self {
        case let .invalidPointLength(count):
            return "the P-256 point has \(count) byte\(count == 1 ? "" : "s"); SEC 1 encodes it in 33 bytes (compressed) or 65 bytes (uncompressed)"
        case let .unsupportedPointFormat(prefix):
            let hex = String(prefix, radix: 16, uppercase: false)
            return
                "the P-256 point starts with byte 0x\(hex.count == 1 ? "0" + hex : hex); SEC 1 allows 0x02 or 0x03 (compressed) and 0x04 (uncompressed)"
        case .pointAtInfinity:
            return "the P-256 point is the point at infinity, which is not a valid public key"
        case .coordinateOutOfRange:
            return "a coordinate of the P-256 point is not smaller than the field prime p"
        case .pointNotOnCurve:
            return "the coordinates are not a point on the P-256 curve"
        case let .invalidSignatureLength(count):
            return "the ECDSA P-256 signature has \(count) byte\(count == 1 ? "" : "s"); the raw form r‖s has 64"
        case let .invalidSignatureDER(error):
            return "the ECDSA signature is not a DER SEQUENCE of two INTEGERs: \(error)"
        case let .signatureIntegerTooLarge(byteCount):
            return "an integer of the ECDSA signature has \(byteCount) bytes, more than the 32 bytes of a P-256 scalar"
        case let .invalidPrivateKeyLength(count):
            return "the P-256 private key has \(count) byte\(count == 1 ? "" : "s"); it must have 32"
        case .scalarOutOfRange:
            return "the P-256 scalar must be greater than zero and smaller than the group order n"
        case .nonceUnusable:
            return "the nonce gives r = 0 or s = 0, so it cannot make a signature"
        case .signatureSelfCheckFailed:
            return "the signature failed its check with the public key and was withheld (a fault occurred while signing)"
        }
    }
}
