@_spi(Internals) import PureBigNum
@_spi(Internals) import PureDER
import PureSHA2

/// An RSA public key for verifying RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures.
///
/// An immutable, `Sendable` value: share one across tasks freely. The Montgomery constants of
/// the modulus are computed once, when the key is made. Mirrors swift-crypto's
/// `_RSA.Signing.PublicKey`.
///
/// Checks at creation: the modulus is odd and its size within the ``RSAKeyPolicy``; the public
/// exponent is odd, at least 3, at most 64 bits and smaller than the modulus.
public struct RSAPublicKey: Sendable {
    /// n with its Montgomery constants.
    let modulus: Modulus
    /// e as little-endian limbs (one or two).
    let exponentLimbs: [UInt64]
    /// n and e as minimal big-endian bytes.
    @_spi(Internals) public let components: RSAPublicKeyComponents

    /// The size of the modulus in bits (2048 for an RSA-2048 key).
    public let keySizeInBits: Int

    /// The modulus length in bytes: the length of every signature.
    var modulusByteCount: Int { (keySizeInBits + 7) / 8 }

    /// The largest public exponent accepted, in bits. Real keys use 65537 (17 bits); CAVP uses
    /// 24-bit ones. Bounding it bounds the cost of a verification.
    public static let maximumPublicExponentBits = 64

    /// Makes a public key from its numbers.
    ///
    /// - Parameters:
    ///   - modulus: n, big-endian (leading zero bytes allowed).
    ///   - publicExponent: e, big-endian (leading zero bytes allowed).
    ///   - policy: which key sizes to accept; the default refuses keys below 2048 bits.
    /// - Throws: ``RSAError/keyTooSmall(bits:minimum:)``, ``RSAError/keyTooLarge(bits:maximum:)``,
    ///   ``RSAError/evenModulus``, ``RSAError/invalidPublicExponent``,
    ///   ``RSAError/publicExponentTooLarge(bits:maximum:)`` or
    ///   ``RSAError/publicExponentNotBelowModulus``.
    public init(modulus: [UInt8], publicExponent: [UInt8], policy: RSAKeyPolicy = .standard) throws(RSAError) {
        let n = minimal(modulus)
        let e = minimal(publicExponent)
        let bits = bitCount(n)
        try policy.check(modulusBits: bits)
        guard n.last.map({ $0 & 1 == 1 }) ?? false else { throw .evenModulus }
        let exponentBits = bitCount(e)
        guard exponentBits <= RSAPublicKey.maximumPublicExponentBits else {
            throw .publicExponentTooLarge(bits: exponentBits, maximum: RSAPublicKey.maximumPublicExponentBits)
        }
        guard let last = e.last, last & 1 == 1, exponentBits >= 2 else { throw .invalidPublicExponent }
        // e has at most 64 bits and n at least 1024, so e < n always holds here; the check
        // stays for clarity should the bounds ever change.
        guard exponentBits < bits else { throw .publicExponentNotBelowModulus }
        do {
            self.modulus = try Modulus(limbs: Limbs.fromBigEndianBytes(n))
        } catch {
            throw .arithmetic(error)
        }
        self.exponentLimbs = Limbs.fromBigEndianBytes(e)
        self.components = RSAPublicKeyComponents(modulus: n, publicExponent: e)
        self.keySizeInBits = bits
    }

    /// Makes a public key from parsed components.
    ///
    /// - Parameters:
    ///   - components: n and e.
    ///   - policy: which key sizes to accept.
    /// - Throws: as ``init(modulus:publicExponent:policy:)``.
    @_spi(Internals) public init(components: RSAPublicKeyComponents, policy: RSAKeyPolicy = .standard) throws(RSAError) {
        try self.init(modulus: components.modulus, publicExponent: components.publicExponent, policy: policy)
    }

    /// Reads a public key from strict PEM: one `PUBLIC KEY` (SubjectPublicKeyInfo) or
    /// `RSA PUBLIC KEY` (PKCS#1) block. Use ``init(loading:policy:)`` for damaged PEM,
    /// base64-wrapped PEM or a private key file.
    ///
    /// - Parameters:
    ///   - pemRepresentation: the PEM text.
    ///   - policy: which key sizes to accept.
    /// - Throws: ``RSAError/keyFormat(_:)`` for anything but one public key block, or any
    ///   error of ``init(modulus:publicExponent:policy:)``.
    public init(pemRepresentation: String, policy: RSAKeyPolicy = .standard) throws(RSAError) {
        let block = try strictPEMBlock(
            pemRepresentation, labels: [RSAKeyPEMLabel.spkiPublicKey, RSAKeyPEMLabel.pkcs1PublicKey])
        let components: RSAPublicKeyComponents
        do {
            components =
                block.label == RSAKeyPEMLabel.spkiPublicKey
                ? try RSAPublicKeyComponents(spkiDER: block.der)
                : try RSAPublicKeyComponents(pkcs1DER: block.der)
        } catch {
            throw .keyFormat(error)
        }
        try self.init(components: components, policy: policy)
    }

    /// Reads a public key from DER: SubjectPublicKeyInfo or PKCS#1 `RSAPublicKey`.
    ///
    /// - Parameters:
    ///   - derRepresentation: the DER bytes, nothing before or after.
    ///   - policy: which key sizes to accept.
    /// - Throws: ``RSAError/keyFormat(_:)`` (the SubjectPublicKeyInfo parser's complaint when
    ///   neither structure fits), or any error of ``init(modulus:publicExponent:policy:)``.
    public init<Bytes: Collection>(derRepresentation: Bytes, policy: RSAKeyPolicy = .standard) throws(RSAError)
    where Bytes.Element == UInt8 {
        let der = Array(derRepresentation)
        let components: RSAPublicKeyComponents
        do {
            components = try RSAPublicKeyComponents(spkiDER: der)
        } catch {
            guard let pkcs1 = try? RSAPublicKeyComponents(pkcs1DER: der) else { throw .keyFormat(error) }
            components = pkcs1
        }
        try self.init(components: components, policy: policy)
    }

    /// Loads a public key from whatever the user has: PEM (public or private, strict or
    /// repairable), the whole PEM base64-encoded, DER, or base64 of DER. A private key gives its
    /// public half.
    ///
    /// - Parameters:
    ///   - text: the key text.
    ///   - policy: which key sizes to accept.
    /// - Throws: ``RSAError/keyFormat(_:)`` with the loader's explanation, or any error of
    ///   ``init(modulus:publicExponent:policy:)``.
    public init<Text: StringProtocol>(loading text: Text, policy: RSAKeyPolicy = .standard) throws(RSAError) {
        let loaded: RSAKeyLoadResult<RSAPublicKeyComponents>
        do {
            loaded = try RSAKeyLoader.loadPublicKey(text)
        } catch {
            throw .keyFormat(error)
        }
        try self.init(components: loaded.key, policy: policy)
    }

    /// SubjectPublicKeyInfo DER (what `openssl pkey -pubout -outform DER` writes).
    public var derRepresentation: [UInt8] { components.spkiDER }

    /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`).
    public var pemRepresentation: String { components.spkiPEM }

    /// PKCS#1 `RSAPublicKey` DER.
    public var pkcs1DERRepresentation: [UInt8] { components.pkcs1DER }

    /// PKCS#1 PEM (`-----BEGIN RSA PUBLIC KEY-----`).
    public var pkcs1PEMRepresentation: String { components.pkcs1PEM }

    // MARK: - Verification

    /// Whether `signature` is a valid signature of `message` under this key: RS256 with the
    /// default padding, PS256 with `.PSS`. The message is hashed with SHA-256 here.
    ///
    /// The rules are those of ``isValidSignature(_:for:padding:)-(_,D,_)``. Timing:
    /// variable-time (everything involved is public).
    ///
    /// - Parameters:
    ///   - signature: the signature; it must be exactly as long as the modulus.
    ///   - message: the signed bytes (for a JWS, the ASCII signing input `header.payload`).
    ///   - padding: ``RSASigningPadding/insecurePKCS1v1_5`` (the default here; swift-crypto's
    ///     default is PSS) or ``RSASigningPadding/PSS``.
    /// - Returns: `true` only for a valid signature.
    public func isValidSignature<Message: Sequence>(
        _ signature: RSASignature, for message: Message, padding: RSASigningPadding = .insecurePKCS1v1_5
    ) -> Bool where Message.Element == UInt8 {
        isValidSignature(signature, forDigest: SHA256.hash(data: message), padding: padding)
    }

    /// Whether `signature` is valid for a precomputed SHA-256, SHA-384 or SHA-512 digest under
    /// this key: with the default padding RS256, RS384 or RS512, with `.PSS` PS256, PS384 or
    /// PS512 (MGF1 over the same hash, the salt exactly as long as the digest, as JWA fixes it).
    ///
    /// The signature must be exactly k bytes (k = modulus length) and, as a number, smaller than
    /// n. For PKCS#1 v1.5 the expected encoding of `digest` is rebuilt and compared whole with
    /// `signature^e mod n`: no DigestInfo is parsed, so no BER variant, missing NULL or trailing
    /// garbage can slip through. A digest is checked as it is, not hashed again (swift-crypto's
    /// overload does the same). Timing: variable-time (everything involved is public).
    ///
    /// - Parameters:
    ///   - signature: the signature.
    ///   - digest: a `SHA256Digest`, `SHA384Digest` or `SHA512Digest` of the signed
    ///     message; a digest of another length (another conformer of `Digest`) never verifies.
    ///   - padding: ``RSASigningPadding/insecurePKCS1v1_5`` (the default) or ``RSASigningPadding/PSS``.
    /// - Returns: `true` only for a valid signature.
    public func isValidSignature<D: Digest>(
        _ signature: RSASignature, for digest: D, padding: RSASigningPadding = .insecurePKCS1v1_5
    ) -> Bool {
        switch SHA2Digest(digest) {
        case let .sha256(digest)?: return isValidSignature(signature, forDigest: digest, padding: padding)
        case let .sha384(digest)?: return isValidSignature(signature, forDigest: digest, padding: padding)
        case let .sha512(digest)?: return isValidSignature(signature, forDigest: digest, padding: padding)
        case nil: return false
        }
    }

    /// The padding dispatch behind the `padding:` overloads.
    func isValidSignature<D: PKCS1Digest & PSSDigest>(_ signature: RSASignature, forDigest digest: D, padding: RSASigningPadding) -> Bool {
        switch padding.backing {
        case .pkcs1v15: return isValidPKCS1Signature(signature, forDigest: digest)
        case .pss: return isValidPSSSignature(signature, forDigest: digest, saltLength: D.byteCount)
        }
    }

    /// RSASSA-PSS verification (RFC 8017 8.1.2) with MGF1 over the digest's hash and a salt of
    /// exactly `saltLength` bytes. The vectors' entry point for salts other than the digest length.
    func isValidPSSSignature<D: PSSDigest>(_ signature: RSASignature, forDigest digest: D, saltLength: Int) -> Bool {
        let k = modulusByteCount
        let bytes = signature.rawRepresentation
        guard bytes.count == k else { return false }
        let s = Limbs.fromBigEndianBytes(bytes)
        guard Limbs.isLess(s, modulus.limbs).declassified() else { return false }
        let m = modulus.exponentiatePublic(base: s, exponent: exponentLimbs)
        let emLength = EMSAPSS.encodedLength(modulusBits: keySizeInBits)
        // I2OSP(m, emLen): a representative too large for emLen bytes is not an encoding.
        guard let em = try? Limbs.bigEndianBytes(m, count: emLength) else { return false }
        return EMSAPSS.verify(
            D.Function.self, encoded: em, digest: Array(digest), saltLength: saltLength,
            modulusBits: keySizeInBits)
    }

    /// The verification behind the three digest overloads of `isValidSignature(_:for:)`.
    func isValidPKCS1Signature<D: PKCS1Digest>(_ signature: RSASignature, forDigest digest: D) -> Bool {
        let k = modulusByteCount
        let bytes = signature.rawRepresentation
        guard bytes.count == k else { return false }
        return matches(
            signatureLimbs: Limbs.fromBigEndianBytes(bytes),
            encodedMessageLimbs: Limbs.fromBigEndianBytes(EMSAPKCS1v15.encode(digest, length: k)))
    }

    /// Whether `s` is below n and `s^e mod n` equals the encoded message `em` (both as limbs).
    /// The core of verification, and what signing uses to check its own result before
    /// releasing it.
    func matches(signatureLimbs s: [UInt64], encodedMessageLimbs em: [UInt64]) -> Bool {
        guard Limbs.isLess(s, modulus.limbs).declassified() else { return false }
        return modulus.exponentiatePublic(base: s, exponent: exponentLimbs) == em
    }
}

// MARK: - Helpers shared by the key types

/// `bytes` without leading zero bytes (empty for zero): the package's one leading-zero stripper.
package func minimal(_ bytes: [UInt8]) -> [UInt8] {
    guard let first = bytes.firstIndex(where: { $0 != 0 }) else { return [] }
    return first == 0 ? bytes : Array(bytes[first...])
}

/// The one PEM block with one of `labels` in strictly formatted `text` (other blocks, such as
/// a certificate next to the key, are ignored).
func strictPEMBlock(_ text: String, labels: [String]) throws(RSAError) -> PEM.Block {
    // Refuse oversized text before parsing it: a key file is a few KiB (the loader's limit).
    let size = text.utf8.count
    guard size <= RSAKeyLoader.maximumInputSize else {
        throw .keyFormat(.inputTooLarge(size: size, limit: RSAKeyLoader.maximumInputSize))
    }
    let blocks: [PEM.Block]
    do {
        blocks = try PEM.blocks(in: text)
    } catch {
        throw .keyFormat(.pem(error))
    }
    let matching = blocks.filter { labels.contains($0.label) }
    guard let block = matching.first else {
        throw .keyFormat(.unsupportedPEMLabel(blocks.first?.label ?? ""))
    }
    guard matching.count == 1 else { throw .keyFormat(.multipleKeys(count: matching.count)) }
    if block.isEncrypted { throw .keyFormat(.encryptedKey) }
    return block
}
