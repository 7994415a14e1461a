import PureSHA2

/// EMSA-PKCS1-v1_5 encoding with SHA-256, SHA-384 or SHA-512 (RFC 8017 section 9.2).
///
/// `EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T`, where `T` is the DER DigestInfo of the digest (a fixed
/// 19-byte prefix naming the hash, then the 32, 48 or 64 digest bytes) and `PS` is `0xFF` bytes filling EM to
/// the modulus length. Verification recomputes EM and compares it whole: it never parses a
/// DigestInfo out of a signature, which is how BERserk-style forgeries get in.
enum EMSAPKCS1v15 {
    /// `SEQUENCE { SEQUENCE { OID sha256, NULL }, OCTET STRING (32 bytes) }` up to the digest
    /// (RFC 8017 section 9.2, note 1).
    static let sha256DigestInfoPrefix: [UInt8] = [
        0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
        0x05, 0x00, 0x04, 0x20,
    ]

    /// The same for SHA-384 (OID 2.16.840.1.101.3.4.2.2, a 48-byte OCTET STRING).
    static let sha384DigestInfoPrefix: [UInt8] = [
        0x30, 0x41, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
        0x05, 0x00, 0x04, 0x30,
    ]

    /// The same for SHA-512 (OID 2.16.840.1.101.3.4.2.3, a 64-byte OCTET STRING).
    static let sha512DigestInfoPrefix: [UInt8] = [
        0x30, 0x51, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
        0x05, 0x00, 0x04, 0x40,
    ]

    /// The encoded message for `digest`, exactly `length` bytes.
    ///
    /// Every key the policy admits (at least 1024 bits, so `length` ≥ 128) leaves at least the
    /// eight `0xFF` bytes RFC 8017 requires.
    ///
    /// - Parameters:
    ///   - digest: the digest of the message; its type names the hash in the DigestInfo.
    ///   - length: the modulus length in bytes, at least 3 + 8 + 19 + the digest size (94 for
    ///     SHA-512).
    static func encode<D: PKCS1Digest>(_ digest: D, length: Int) -> [UInt8] {
        let prefix = D.digestInfoPrefix
        let t = prefix.count + D.byteCount
        let padding = max(length - t - 3, 8)
        var em = [UInt8](repeating: 0xFF, count: 3 + padding + t)
        em[0] = 0x00
        em[1] = 0x01
        em[2 + padding] = 0x00
        var index = 3 + padding
        for byte in prefix {
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

/// A digest that EMSA-PKCS1-v1_5 can encode: it knows its DigestInfo prefix.
protocol PKCS1Digest: Digest {
    /// The DER DigestInfo up to the digest bytes.
    static var digestInfoPrefix: [UInt8] { get }
}

extension SHA256Digest: PKCS1Digest {
    static var digestInfoPrefix: [UInt8] { EMSAPKCS1v15.sha256DigestInfoPrefix }
}

extension SHA384Digest: PKCS1Digest {
    static var digestInfoPrefix: [UInt8] { EMSAPKCS1v15.sha384DigestInfoPrefix }
}

extension SHA512Digest: PKCS1Digest {
    static var digestInfoPrefix: [UInt8] { EMSAPKCS1v15.sha512DigestInfoPrefix }
}
