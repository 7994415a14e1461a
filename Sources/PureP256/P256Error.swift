@_spi(Internals) import PureDER

/// Why a P-256 point, key or signature was refused, or a signature could not be made.
///
/// Every `description` is one sentence a tool can print as is; none repeats the refused bytes.
/// Verification never throws: a bad signature is simply `false`.
@nonexhaustive
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
    /// The key's DER structure is broken or not strict DER (truncated, trailing data, a wrong tag…).
    case malformedKey(DERError)
    /// The PEM text is not strict RFC 7468 (the forgiving loader repairs damaged PEM).
    case pem(PEMError)
    /// A PEM block whose label is not the P-256 key asked for; the label is given.
    case unexpectedPEMLabel(String)
    /// A key structure's version number is not the one its format defines.
    case unsupportedKeyVersion(Int)
    /// A PKCS#8 or SubjectPublicKeyInfo key whose algorithm is not id-ecPublicKey.
    case notECKey(algorithmOID: String)
    /// An EC key on a curve other than P-256; the curve is named by its OID.
    case unsupportedCurve(oid: String)
    /// An EC key that spells its curve out as explicit parameters instead of naming it.
    case explicitCurveParameters
    /// The curve named inside a key differs from the curve named around it.
    case curveMismatch
    /// The public key stored with a private key is not d·G.
    case publicKeyMismatch
    /// Several key blocks in one PEM text; which one is meant is unclear.
    case multipleKeys(count: Int)
    /// The input is larger than any key file (the limit is 1 MiB).
    case inputTooLarge(size: Int, limit: Int)

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
        case let .malformedKey(error):
            return "the EC key's DER structure is invalid: \(error)"
        case let .pem(error):
            return "the PEM text is invalid: \(error)"
        case let .unexpectedPEMLabel(label):
            return "a PEM '\(label)' block is not the P-256 key asked for"
        case let .unsupportedKeyVersion(version):
            return "the EC key structure has version \(version), which its format does not define"
        case let .notECKey(oid):
            return "the key's algorithm (OID \(oid)) is not EC (id-ecPublicKey, OID 1.2.840.10045.2.1)"
        case let .unsupportedCurve(oid):
            return "the EC key is on \(curveName(oid: oid)) (OID \(oid)); only P-256 (prime256v1, OID 1.2.840.10045.3.1.7) is supported"
        case .explicitCurveParameters:
            return
                "the EC key spells out its curve parameters instead of naming the curve; only the named curve P-256 is supported (convert with: openssl ec -in key.pem -param_enc named_curve)"
        case .curveMismatch:
            return "the EC key names one curve in its algorithm identifier and another in its private key"
        case .publicKeyMismatch:
            return "the public key stored with the EC private key is not the one the private key gives (d·G)"
        case let .multipleKeys(count):
            return "the text holds \(count) keys; give exactly one"
        case let .inputTooLarge(size, limit):
            return "the input is \(size) bytes, more than the \(limit) bytes any key file needs"
        }
    }
}

/// The usual name of a curve OID met in key files, or "a curve this library does not know".
/// Compared as UTF-8 bytes, to stay free of Unicode string comparison (Embedded Swift).
func curveName(oid: String) -> String {
    let names: [(String, String)] = [
        ("1.3.132.0.34", "the curve P-384 (secp384r1)"),
        ("1.3.132.0.35", "the curve P-521 (secp521r1)"),
        ("1.3.132.0.10", "the curve secp256k1"),
        ("1.2.840.10045.3.1.1", "the curve P-192 (prime192v1)"),
        ("1.3.132.0.33", "the curve P-224 (secp224r1)"),
        ("1.3.36.3.3.2.8.1.1.7", "the curve brainpoolP256r1"),
    ]
    return names.first(where: { $0.0.utf8.elementsEqual(oid.utf8) })?.1 ?? "a curve this library does not know"
}
