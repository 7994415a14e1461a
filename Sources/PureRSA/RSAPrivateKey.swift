@_spi(Internals) import PureBigNum
@_spi(Internals) import PureDER
import PureSHA2

/// An RSA private key for making RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures.
///
/// An immutable, `Sendable` value: one key can sign from many tasks at once. Mirrors
/// swift-crypto's `_RSA.Signing.PrivateKey`.
///
/// Every way of making one validates the key: the public part as ``RSAPublicKey`` does (size
/// policy, odd n, odd e ≥ 3), then n = p·q, p and q odd and > 1 and distinct,
/// d·e ≡ 1 mod lcm(p − 1, q − 1), d mod (p − 1), d mod (q − 1) and q⁻¹ mod p. A key given as
/// n, e and d only is completed by recovering p and q. Everything signing needs (the
/// Montgomery constants of p, q and n, the fixed-width CRT exponents) is computed here, once.
///
/// Timing contract: signing is constant time in the key's secrets and in the message
/// representative (the only things that shape the work are the sizes of n, p and q). Loading and
/// validation run once per key and are variable-time (see the note in KeyValidation.swift).
public struct RSAPrivateKey: Sendable {
    /// The public half: n, e, and the Montgomery constants of n for the self-check.
    public let publicKey: RSAPublicKey
    /// All eight numbers, minimal big-endian (for export).
    let components: RSAPrivateKeyComponents
    /// What CRT signing needs, precomputed.
    let crt: CRTKey

    /// The size of the modulus in bits (2048 for an RSA-2048 key).
    public var keySizeInBits: Int { publicKey.keySizeInBits }

    // MARK: - Making a key

    /// Makes a key from all eight PKCS#1 numbers, validating every relation between them.
    ///
    /// - Parameters:
    ///   - components: n, e, d, p, q, d mod (p − 1), d mod (q − 1), q⁻¹ mod p.
    ///   - policy: which key sizes to accept; the default refuses keys below 2048 bits.
    /// - Throws: the ``RSAError`` naming the first check that fails.
    @_spi(Internals) public init(components: RSAPrivateKeyComponents, policy: RSAKeyPolicy = .standard) throws(RSAError) {
        let publicKey = try RSAPublicKey(
            modulus: components.modulus, publicExponent: components.publicExponent, policy: policy)
        let normalized = RSAPrivateKeyComponents(
            modulus: minimal(components.modulus), publicExponent: minimal(components.publicExponent),
            privateExponent: minimal(components.privateExponent), prime1: minimal(components.prime1),
            prime2: minimal(components.prime2), exponent1: minimal(components.exponent1),
            exponent2: minimal(components.exponent2), coefficient: minimal(components.coefficient))
        try KeyValidation.validate(normalized)
        self.publicKey = publicKey
        self.components = normalized
        self.crt = try CRTKey(normalized)
    }

    /// Makes a key from n, e and d alone, recovering p and q (deterministically: the same
    /// numbers always give the same key, with the larger prime as p).
    ///
    /// This is the form NIST's CAVP files and JSON test vectors give keys in.
    ///
    /// - Parameters:
    ///   - modulus: n, big-endian.
    ///   - publicExponent: e, big-endian.
    ///   - privateExponent: d, big-endian.
    ///   - policy: which key sizes to accept.
    /// - Throws: ``RSAError/cannotRecoverPrimes`` when d does not belong to (n, e), or any other
    ///   ``RSAError`` of validation.
    public init(
        modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8],
        policy: RSAKeyPolicy = .standard
    ) throws(RSAError) {
        let publicKey = try RSAPublicKey(modulus: modulus, publicExponent: publicExponent, policy: policy)
        let d = minimal(privateExponent)
        guard !d.isEmpty,
            d.count < publicKey.components.modulus.count
                || (d.count == publicKey.components.modulus.count
                    && d.lexicographicallyPrecedes(publicKey.components.modulus))
        else {
            throw .privateExponentOutOfRange
        }
        let recovered = try KeyValidation.recoverPrimes(
            modulus: publicKey.components.modulus, publicExponent: publicKey.components.publicExponent,
            privateExponent: d, nModulus: publicKey.modulus)
        try self.init(components: recovered, policy: policy)
    }

    /// Reads a key from strict PEM: one `PRIVATE KEY` (PKCS#8) or `RSA PRIVATE KEY` (PKCS#1)
    /// block. Use ``init(loading:policy:)`` for damaged PEM or base64-wrapped PEM.
    ///
    /// - Parameters:
    ///   - pemRepresentation: the PEM text.
    ///   - policy: which key sizes to accept.
    /// - Throws: ``RSAError/keyFormat(_:)`` for anything but one private key block, or any
    ///   validation error of the key's numbers (see ``RSAError``).
    public init(pemRepresentation: String, policy: RSAKeyPolicy = .standard) throws(RSAError) {
        let block = try strictPEMBlock(
            pemRepresentation, labels: [RSAKeyPEMLabel.pkcs8PrivateKey, RSAKeyPEMLabel.pkcs1PrivateKey])
        let components: RSAPrivateKeyComponents
        do {
            components =
                block.label == RSAKeyPEMLabel.pkcs8PrivateKey
                ? try RSAPrivateKeyComponents(pkcs8DER: block.der)
                : try RSAPrivateKeyComponents(pkcs1DER: block.der)
        } catch {
            throw .keyFormat(error)
        }
        try self.init(components: components, policy: policy)
    }

    /// Reads a key from DER: PKCS#8 `PrivateKeyInfo` or PKCS#1 `RSAPrivateKey`.
    ///
    /// - Parameters:
    ///   - derRepresentation: the DER bytes, nothing before or after.
    ///   - policy: which key sizes to accept.
    /// - Throws: ``RSAError/keyFormat(_:)`` (the PKCS#8 parser's complaint when neither
    ///   structure fits), or any validation error of the key's numbers.
    public init<Bytes: Collection>(derRepresentation: Bytes, policy: RSAKeyPolicy = .standard) throws(RSAError)
    where Bytes.Element == UInt8 {
        let der = Array(derRepresentation)
        let components: RSAPrivateKeyComponents
        do {
            components = try RSAPrivateKeyComponents(pkcs8DER: der)
        } catch {
            guard let pkcs1 = try? RSAPrivateKeyComponents(pkcs1DER: der) else { throw .keyFormat(error) }
            components = pkcs1
        }
        try self.init(components: components, policy: policy)
    }

    /// Loads a key from whatever the user has: PEM (PKCS#8 or PKCS#1, strict or with the
    /// repairable damage of copy-paste and environment variables), the whole PEM
    /// base64-encoded on one line (as in `HOTGLUE_SIGNING_KEY`), DER, or base64 of DER.
    ///
    /// `KeyLoader.load` (module PureJWT) also reports which form the key was in and which repairs
    /// were applied, so a tool can warn about a damaged key file.
    ///
    /// - Parameters:
    ///   - text: the key text.
    ///   - policy: which key sizes to accept.
    /// - Throws: ``RSAError/keyFormat(_:)`` with the loader's explanation (public key given,
    ///   encrypted key, certificate, OpenSSH key…), or any validation error.
    public init<Text: StringProtocol>(loading text: Text, policy: RSAKeyPolicy = .standard) throws(RSAError) {
        self = try RSAPrivateKey.load(text, policy: policy).key
    }

    /// Loads a key from file contents: DER, or any text form ``init(loading:policy:)`` takes.
    ///
    /// - Parameters:
    ///   - bytes: the file contents.
    ///   - policy: which key sizes to accept.
    /// - Throws: as ``init(loading:policy:)``.
    public init<Bytes: Collection>(loadingBytes bytes: Bytes, policy: RSAKeyPolicy = .standard) throws(RSAError)
    where Bytes.Element == UInt8 {
        self = try RSAPrivateKey.load(bytes: bytes, policy: policy).key
    }

    /// Loads a key like ``init(loading:policy:)`` and reports how it was stored and what was
    /// repaired, so a tool can warn about a damaged key file.
    ///
    /// - Parameters:
    ///   - text: PEM, base64 of PEM, or base64 of DER.
    ///   - policy: which key sizes to accept.
    /// - Returns: the key and the loader's findings.
    /// - Throws: as ``init(loading:policy:)``.
    @_spi(Internals) public static func load<Text: StringProtocol>(_ text: Text, policy: RSAKeyPolicy = .standard) throws(RSAError) -> Loaded {
        try load(bytes: Array(text.utf8), policy: policy)
    }

    /// Loads a key from file contents and reports how it was stored and what was repaired.
    ///
    /// - Parameters:
    ///   - bytes: DER, or any text form.
    ///   - policy: which key sizes to accept.
    /// - Returns: the key and the loader's findings.
    /// - Throws: as ``init(loading:policy:)``.
    @_spi(Internals) public static func load<Bytes: Collection>(bytes: Bytes, policy: RSAKeyPolicy = .standard) throws(RSAError) -> Loaded
    where Bytes.Element == UInt8 {
        let loaded: RSAKeyLoadResult<RSAPrivateKeyComponents>
        do {
            loaded = try RSAKeyLoader.loadPrivateKey(bytes: bytes)
        } catch {
            throw .keyFormat(error)
        }
        let key = try RSAPrivateKey(components: loaded.key, policy: policy)
        return loaded.with(key: key)
    }

    /// A key loaded by `load(_:policy:)`, with what the loader found on the way.
    @_spi(Internals) public typealias Loaded = RSAKeyLoadResult<RSAPrivateKey>

    // MARK: - Export

    /// PKCS#1 `RSAPrivateKey` DER (what `openssl rsa -traditional -outform DER` writes), as
    /// swift-crypto's `_RSA.Signing.PrivateKey.derRepresentation` is.
    public var derRepresentation: [UInt8] { components.pkcs1DER }

    /// PKCS#1 PEM (`-----BEGIN RSA PRIVATE KEY-----`, what `openssl rsa -traditional` writes), as
    /// swift-crypto's `pemRepresentation` is.
    public var pemRepresentation: String { components.pkcs1PEM }

    /// PKCS#8 `PrivateKeyInfo` DER (what `openssl pkcs8 -topk8 -nocrypt -outform DER` writes).
    public var pkcs8DERRepresentation: [UInt8] { components.pkcs8DER }

    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, what `openssl genpkey` and `openssl pkey` write).
    public var pkcs8PEMRepresentation: String { components.pkcs8PEM }

    /// All eight numbers of the key (recovered ones included), big-endian.
    @_spi(Internals) public var privateComponents: RSAPrivateKeyComponents { components }

    // MARK: - Signing

    /// Hashes `message` with SHA-256 and signs it: RS256 with the default padding, PS256 with
    /// `.PSS` (EMSA-PKCS1-v1_5 or EMSA-PSS, then the private-key operation).
    ///
    /// PKCS#1 v1.5 signatures are deterministic: the same key and message always give the same
    /// bytes. PSS signatures differ every time (a fresh salt from the system's random source,
    /// the one key generation uses). Every signature is checked with the public key before it
    /// is returned.
    ///
    /// Timing contract: constant time in the key's secrets, the message representative and the
    /// salt; only the sizes of n, p and q, and the message length (through SHA-256), shape the
    /// work.
    ///
    /// - Parameters:
    ///   - message: the bytes to sign (for a JWS, the ASCII signing input `header.payload`).
    ///   - padding: ``RSASigningPadding/insecurePKCS1v1_5`` (the default here; swift-crypto's
    ///     default is PSS) or ``RSASigningPadding/PSS``.
    /// - Returns: the signature, exactly as many bytes as the modulus.
    /// - Throws: ``RSAError/signatureSelfCheckFailed`` when the result does not verify (a fault
    ///   during signing; no signature is returned then), ``RSAError/randomSourceFailed`` when
    ///   the random source gave no usable PSS salt.
    public func signature<Message: Sequence>(
        for message: Message, padding: RSASigningPadding = .insecurePKCS1v1_5
    ) throws(RSAError) -> RSASignature where Message.Element == UInt8 {
        try signature(forDigest: SHA256.hash(data: message), padding: padding)
    }

    /// Signs a precomputed SHA-256, SHA-384 or SHA-512 digest as it is (not hashed again, as
    /// swift-crypto's overload does): with the default padding that is RS256, RS384 or RS512
    /// (byte-identical to `openssl dgst -shaN -sign`), with `.PSS` PS256, PS384 or PS512
    /// (MGF1 over the same hash, a salt as long as the digest).
    ///
    /// Use this when the message was hashed elsewhere, e.g. in a streaming `SHA256`. There is
    /// no way to sign anything but a SHA-2 DigestInfo or PSS encoding: no raw RSA.
    ///
    /// Timing contract: as ``signature(for:padding:)-(Message,_)``.
    ///
    /// - Parameters:
    ///   - digest: a `SHA256Digest`, `SHA384Digest` or `SHA512Digest`.
    ///   - padding: ``RSASigningPadding/insecurePKCS1v1_5`` (the default) or ``RSASigningPadding/PSS``.
    /// - Returns: the signature, exactly as many bytes as the modulus.
    /// - Throws: as ``signature(for:padding:)-(Message,_)``, and ``RSAError/unsupportedDigest(byteCount:)``
    ///   for a digest of another length (another conformer of `Digest`).
    public func signature<D: Digest>(
        for digest: D, padding: RSASigningPadding = .insecurePKCS1v1_5
    ) throws(RSAError) -> RSASignature {
        switch SHA2Digest(digest) {
        case let .sha256(digest)?: return try signature(forDigest: digest, padding: padding)
        case let .sha384(digest)?: return try signature(forDigest: digest, padding: padding)
        case let .sha512(digest)?: return try signature(forDigest: digest, padding: padding)
        case nil: throw .unsupportedDigest(byteCount: D.byteCount)
        }
    }

    /// The padding dispatch behind the `padding:` overloads.
    func signature<D: PKCS1Digest & PSSDigest>(forDigest digest: D, padding: RSASigningPadding) throws(RSAError) -> RSASignature {
        switch padding.backing {
        case .pkcs1v15:
            return try signature(forDigest: digest, fault: .none)
        case .pss:
            let salt = try RSAPrivateKey.randomSalt(count: D.byteCount)
            return try pssSignature(forDigest: digest, salt: salt, fault: .none)
        }
    }

    /// `count` bytes from the system's secure random source (the one key generation uses).
    ///
    /// `SystemRandomNumberGenerator` has no failure result (the standard library stops the
    /// process if the OS source fails); a salt of only zero bytes, which a working source gives
    /// with probability 2^−256 for 32 bytes, is taken as a dead source and refused.
    static func randomSalt(count: Int) throws(RSAError) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var salt = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            let word = generator.next()
            for shift in stride(from: 0, to: 64, by: 8) where index < count {
                salt[index] = UInt8(truncatingIfNeeded: word >> UInt64(shift))
                index += 1
            }
        }
        var any: UInt8 = 0
        for byte in salt { any |= byte }
        guard count == 0 || any != 0 else { throw .randomSourceFailed }
        return salt
    }

    /// RSASSA-PSS signing with an explicit salt (any length the modulus leaves room for). The
    /// vectors' entry point (NIST's files record the salt they used); production signing goes
    /// through ``signature(for:padding:)-(D,_)`` with a random salt of the digest's length.
    func pssSignature<D: PSSDigest>(forDigest digest: D, salt: [UInt8], fault: SigningFault) throws(RSAError) -> RSASignature {
        let bits = publicKey.keySizeInBits
        guard EMSAPSS.encodedLength(modulusBits: bits) >= D.byteCount + salt.count + 2 else {
            throw .saltTooLong(saltBytes: salt.count, modulusBits: bits)
        }
        let em = EMSAPSS.encode(D.Function.self, digest: Array(digest), salt: salt, modulusBits: bits)
        return try signature(encodedMessage: em, fault: fault)
    }

    /// Signing with an optional injected fault, for the test that proves a faulty CRT half is
    /// caught. Internal: reachable from tests through `@testable import` only.
    func signature<D: PKCS1Digest>(forDigest digest: D, fault: SigningFault) throws(RSAError) -> RSASignature {
        try signature(encodedMessage: EMSAPKCS1v15.encode(digest, length: publicKey.modulusByteCount), fault: fault)
    }

    /// The signing core every padding shares: the encoded message (at most k bytes, below n)
    /// through the constant-time CRT private operation, then the check with the public key
    /// before release.
    func signature(encodedMessage em: [UInt8], fault: SigningFault) throws(RSAError) -> RSASignature {
        let k = publicKey.modulusByteCount
        // PSS's EM is one byte shorter than n when modBits ≡ 1 mod 8: widen it to k bytes so it
        // has as many limbs as n, as the private operation requires.
        let encoded = Limbs.fromBigEndianBytes([UInt8](repeating: 0, count: k - em.count) + em)
        let s = try crt.privateOperation(encoded, modulusByteCount: k, fault: fault)
        // The check reads the signature back from the very bytes that will be released, so a
        // fault in their serialisation is caught too (the round trip costs well under 1 µs).
        guard publicKey.matches(signatureLimbs: Limbs.fromBigEndianBytes(s), encodedMessageLimbs: encoded) else {
            throw .signatureSelfCheckFailed
        }
        return RSASignature(rawRepresentation: s)
    }
}

/// A fault to inject into one signing, for tests.
enum SigningFault: Sendable {
    /// No fault: normal signing.
    case none
    /// Flip the lowest bit of the result modulo p, as a glitch in that half of the CRT would.
    case corruptPrimeOneHalf
    /// Flip the lowest bit of the result modulo q.
    case corruptPrimeTwoHalf
}
