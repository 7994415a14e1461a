import PureSHA2

/// EMSA-PSS encoding and verification with MGF1 over the same hash (RFC 8017 sections 9.1
/// and B.2.1), as JWA's PS256, PS384 and PS512 use it (RFC 7518 section 3.5).
///
/// `M' = 0x00 × 8 ‖ mHash ‖ salt`, `H = Hash(M')`, `DB = PS ‖ 0x01 ‖ salt` (PS zero bytes),
/// `EM = (DB ⊕ MGF1(H)) ‖ H ‖ 0xBC` with the bits above `emBits = modBits − 1` cleared.
/// Encoding touches the salt and the digest only through the hash and XOR, at positions fixed
/// by the (public) lengths: constant time. Verification handles public data only.
enum EMSAPSS {
    /// `emLen`, the encoded message length for a modulus of `modulusBits` bits:
    /// ⌈(modBits − 1) / 8⌉, one byte less than the modulus when modBits ≡ 1 mod 8.
    static func encodedLength(modulusBits: Int) -> Int { (modulusBits - 1 + 7) / 8 }

    /// MGF1 (RFC 8017 B.2.1) with hash `H`: `length` bytes of
    /// `Hash(seed ‖ 0) ‖ Hash(seed ‖ 1) ‖ …` (the counter as 4 big-endian bytes).
    static func mgf1<H: HashFunction>(_: H.Type, seed: [UInt8], length: Int) -> [UInt8] {
        var mask: [UInt8] = []
        mask.reserveCapacity(length + H.Digest.byteCount)
        var counter: UInt32 = 0
        while mask.count < length {
            let block =
                seed + [
                    UInt8(truncatingIfNeeded: counter >> 24), UInt8(truncatingIfNeeded: counter >> 16),
                    UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter),
                ]
            mask.append(contentsOf: hash(H.self, block))
            counter &+= 1
        }
        return Array(mask.prefix(length))
    }

    /// `Hash(bytes)` for any of the module's hash functions.
    static func hash<H: HashFunction>(_: H.Type, _ bytes: [UInt8]) -> H.Digest {
        var hasher = H()
        bytes.withUnsafeBytes { hasher.update(bufferPointer: $0) }
        return hasher.finalize()
    }

    /// `H = Hash(0x00 × 8 ‖ mHash ‖ salt)`, the value both encoding and verification compute.
    static func saltedHash<H: HashFunction>(_: H.Type, digest: [UInt8], salt: [UInt8]) -> [UInt8] {
        Array(hash(H.self, [UInt8](repeating: 0, count: 8) + digest + salt))
    }

    /// The encoded message `EM` for `digest` and `salt`, exactly ``encodedLength(modulusBits:)`` bytes.
    ///
    /// - Precondition (checked by the caller): `emLen ≥ hLen + salt.count + 2`.
    /// - Timing: constant in the digest and salt; only the lengths shape the work.
    static func encode<H: HashFunction>(
        _: H.Type, digest: [UInt8], salt: [UInt8], modulusBits: Int
    ) -> [UInt8] {
        let emLength = encodedLength(modulusBits: modulusBits)
        let hLength = H.Digest.byteCount
        let h = saltedHash(H.self, digest: digest, salt: salt)
        let dbLength = emLength - hLength - 1
        var db = [UInt8](repeating: 0, count: dbLength)
        db[dbLength - salt.count - 1] = 0x01
        for i in 0..<salt.count { db[dbLength - salt.count + i] = salt[i] }
        let mask = mgf1(H.self, seed: h, length: dbLength)
        for i in 0..<dbLength { db[i] ^= mask[i] }
        db[0] &= topByteMask(emLength: emLength, modulusBits: modulusBits)
        return db + h + [0xBC]
    }

    /// The mask that clears the `8·emLen − emBits` leftmost bits of EM.
    static func topByteMask(emLength: Int, modulusBits: Int) -> UInt8 {
        let unused = 8 * emLength - (modulusBits - 1)
        return UInt8(truncatingIfNeeded: 0xFF >> unused)
    }

    /// Whether `em` (exactly ``encodedLength(modulusBits:)`` bytes) is the EMSA-PSS encoding of
    /// `digest` with a salt of exactly `saltLength` bytes (RFC 8017 9.1.2, steps 3 to 14).
    ///
    /// Strict: a salt of any other length fails (the position of the 0x01 separator is fixed),
    /// and so do set high bits, a last byte other than 0xBC, and nonzero padding.
    /// Timing: variable (everything involved is public).
    static func verify<H: HashFunction>(
        _: H.Type, encoded em: [UInt8], digest: [UInt8], saltLength: Int, modulusBits: Int
    ) -> Bool {
        let emLength = encodedLength(modulusBits: modulusBits)
        let hLength = H.Digest.byteCount
        guard digest.count == hLength, saltLength >= 0, em.count == emLength,
            emLength >= hLength + saltLength + 2, em.last == 0xBC
        else { return false }
        let dbLength = emLength - hLength - 1
        let maskedDB = Array(em[0..<dbLength])
        let h = Array(em[dbLength..<(dbLength + hLength)])
        let topMask = topByteMask(emLength: emLength, modulusBits: modulusBits)
        guard maskedDB[0] & ~topMask == 0 else { return false }
        let mask = mgf1(H.self, seed: h, length: dbLength)
        var db = [UInt8](repeating: 0, count: dbLength)
        for i in 0..<dbLength { db[i] = maskedDB[i] ^ mask[i] }
        db[0] &= topMask
        let separator = dbLength - saltLength - 1
        guard db[0..<separator].allSatisfy({ $0 == 0 }), db[separator] == 0x01 else { return false }
        let salt = Array(db[(separator + 1)...])
        return saltedHash(H.self, digest: digest, salt: salt) == h
    }
}

/// A digest RSASSA-PSS can sign: it names the hash function MGF1 and the salted hash use.
protocol PSSDigest: Digest {
    /// The hash function that makes this digest.
    associatedtype Function: HashFunction
}

extension SHA256Digest: PSSDigest { typealias Function = SHA256 }
extension SHA384Digest: PSSDigest { typealias Function = SHA384 }
extension SHA512Digest: PSSDigest { typealias Function = SHA512 }
