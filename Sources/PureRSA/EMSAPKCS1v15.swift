import PureSHA2

/// EMSA-PKCS1-v1_5 encoding with SHA-256 (RFC 8017 section 9.2).
///
/// `EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T`, where `T` is the DER DigestInfo of the SHA-256 digest
/// (a fixed 19-byte prefix, then the 32 digest bytes) and `PS` is `0xFF` bytes filling EM to
/// the modulus length. Verification recomputes EM and compares it whole: it never parses a
/// DigestInfo out of a signature, which is how BERserk-style forgeries get in.
enum EMSAPKCS1v15 {
    /// `SEQUENCE { SEQUENCE { OID sha256, NULL }, OCTET STRING (32 bytes) }` up to the digest
    /// (RFC 8017 section 9.2, note 1).
    static let sha256DigestInfoPrefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ]

    /// The encoded message for `digest`, exactly `length` bytes.
    ///
    /// Every key the policy admits (at least 1024 bits, so `length` ≥ 128) leaves at least the
    /// eight `0xFF` bytes RFC 8017 requires.
    ///
    /// - Parameters:
    ///   - digest: the SHA-256 digest of the message.
    ///   - length: the modulus length in bytes, at least 62 (3 + 8 + 19 + 32).
    static func encode(_ digest: SHA256Digest, length: Int) -> [UInt8] {
        let t = sha256DigestInfoPrefix.count + SHA256Digest.byteCount
        let padding = max(length - t - 3, 8)
        var em = [UInt8](repeating: 0xFF, count: 3 + padding + t)
        em[0] = 0x00
        em[1] = 0x01
        em[2 + padding] = 0x00
        var index = 3 + padding
        for byte in sha256DigestInfoPrefix {
            em[index] = byte
            index += 1
        }
        for byte in digest {
            em[index] = byte
            index += 1
        }
        return em
    }
}
