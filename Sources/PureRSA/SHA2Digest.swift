import PureSHA2

/// One of the three digests RSA signs, taken from any ``Digest`` by its length: the public
/// signing and verification entry points are generic over `Digest` (as swift-crypto's are), and
/// this picks the DigestInfo and the PSS hash. A conformer of another length has no case (nil).
enum SHA2Digest {
    case sha256(SHA256Digest)
    case sha384(SHA384Digest)
    case sha512(SHA512Digest)

    init?<D: Digest>(_ digest: D) {
        let bytes = digest.bytes
        switch D.byteCount {
        case SHA256Digest.byteCount:
            guard let digest = SHA256Digest(bytes: bytes) else { return nil }
            self = .sha256(digest)
        case SHA384Digest.byteCount:
            guard let digest = SHA384Digest(bytes: bytes) else { return nil }
            self = .sha384(digest)
        case SHA512Digest.byteCount:
            guard let digest = SHA512Digest(bytes: bytes) else { return nil }
            self = .sha512(digest)
        default:
            return nil
        }
    }
}
