@_spi(Internals) import PureDER

/// The two numbers of an RSA public key, as plain data.
///
/// Integers are big-endian unsigned magnitudes. Values parsed from DER are minimal (first
/// byte non-zero, no sign byte) and never zero; values you construct are written minimally
/// whatever leading zeros they carry. No arithmetic validation happens here (that is the job
/// of the key types built on top).
@_spi(Internals) public struct RSAPublicKeyComponents: Sendable, Equatable {
    /// n, big-endian.
    public var modulus: [UInt8]
    /// e, big-endian.
    public var publicExponent: [UInt8]

    /// Creates a public key from its numbers.
    ///
    /// - Parameters:
    ///   - modulus: n, big-endian unsigned.
    ///   - publicExponent: e, big-endian unsigned.
    public init(modulus: [UInt8], publicExponent: [UInt8]) {
        self.modulus = modulus
        self.publicExponent = publicExponent
    }

    /// Size of the modulus in bits (leading zero bits not counted).
    @_spi(Internals) public var modulusBitCount: Int { bitCount(modulus) }

    // MARK: Parsing

    /// Parses a PKCS#1 `RSAPublicKey` (RFC 8017 appendix A.1.1): `SEQUENCE { n, e }`.
    ///
    /// - Parameter pkcs1DER: The DER bytes, nothing before or after.
    /// - Throws: ``RSAKeyFormatError/malformed(_:)`` for any DER fault (including negative,
    ///   non-minimal or trailing data), ``RSAKeyFormatError/zeroInteger(field:)``.
    @_spi(Internals) public init<Bytes: Collection>(pkcs1DER: Bytes) throws(RSAKeyFormatError) where Bytes.Element == UInt8 {
        var reader = try KeyDER.reader(Array(pkcs1DER))
        self = try KeyDER.readPKCS1PublicKey(&reader)
        try KeyDER.run { () throws(DERError) in try reader.finish() }
    }

    /// Parses a `SubjectPublicKeyInfo` (RFC 5280 section 4.1; RFC 3279 section 2.3.1 for RSA)
    /// holding an rsaEncryption key.
    ///
    /// - Parameter spkiDER: The DER bytes, nothing before or after.
    /// - Throws: ``RSAKeyFormatError`` naming the other algorithm (EC, Ed25519, RSA-PSS…) when
    ///   the key is not rsaEncryption, or a structure error.
    @_spi(Internals) public init<Bytes: Collection>(spkiDER: Bytes) throws(RSAKeyFormatError) where Bytes.Element == UInt8 {
        self = try KeyDER.parseSPKI(Array(spkiDER)).key
    }

    // MARK: Serialising

    /// PKCS#1 `RSAPublicKey` DER.
    @_spi(Internals) public var pkcs1DER: [UInt8] {
        var writer = DER.Writer()
        writer.writeSequence { seq in
            seq.writeUnsignedInteger(magnitude: modulus)
            seq.writeUnsignedInteger(magnitude: publicExponent)
        }
        return writer.bytes
    }

    /// `SubjectPublicKeyInfo` DER with algorithm rsaEncryption and NULL parameters.
    @_spi(Internals) public var spkiDER: [UInt8] {
        let inner = pkcs1DER
        var writer = DER.Writer()
        writer.writeSequence { seq in
            KeyDER.writeRSAEncryptionAlgorithm(&seq)
            seq.writeBitString(inner)
        }
        return writer.bytes
    }

    /// PKCS#1 PEM (`-----BEGIN RSA PUBLIC KEY-----`).
    @_spi(Internals) public var pkcs1PEM: String { PEM.encode(label: RSAKeyPEMLabel.pkcs1PublicKey, der: pkcs1DER) }

    /// SubjectPublicKeyInfo PEM (`-----BEGIN PUBLIC KEY-----`), what `openssl pkey -pubout` writes.
    @_spi(Internals) public var spkiPEM: String { PEM.encode(label: RSAKeyPEMLabel.spkiPublicKey, der: spkiDER) }
}

/// The numbers of a two-prime RSA private key (PKCS#1 `RSAPrivateKey`, version 0), as plain data.
///
/// Integers are big-endian unsigned magnitudes, as for ``RSAPublicKeyComponents``. Nothing here
/// checks that the numbers form a valid key; that is the job of the key types built on top.
@_spi(Internals) public struct RSAPrivateKeyComponents: Sendable, Equatable {
    /// n = p·q.
    public var modulus: [UInt8]
    /// e.
    public var publicExponent: [UInt8]
    /// d, secret.
    public var privateExponent: [UInt8]
    /// p, secret.
    public var prime1: [UInt8]
    /// q, secret.
    public var prime2: [UInt8]
    /// d mod (p−1), secret.
    public var exponent1: [UInt8]
    /// d mod (q−1), secret.
    public var exponent2: [UInt8]
    /// q⁻¹ mod p, secret.
    public var coefficient: [UInt8]

    /// Creates a private key from its eight numbers.
    ///
    /// - Parameters:
    ///   - modulus: n.
    ///   - publicExponent: e.
    ///   - privateExponent: d.
    ///   - prime1: p.
    ///   - prime2: q.
    ///   - exponent1: d mod (p−1).
    ///   - exponent2: d mod (q−1).
    ///   - coefficient: q⁻¹ mod p.
    public init(
        modulus: [UInt8], publicExponent: [UInt8], privateExponent: [UInt8],
        prime1: [UInt8], prime2: [UInt8], exponent1: [UInt8], exponent2: [UInt8],
        coefficient: [UInt8]
    ) {
        self.modulus = modulus
        self.publicExponent = publicExponent
        self.privateExponent = privateExponent
        self.prime1 = prime1
        self.prime2 = prime2
        self.exponent1 = exponent1
        self.exponent2 = exponent2
        self.coefficient = coefficient
    }

    /// The public half (n, e).
    public var publicKey: RSAPublicKeyComponents {
        RSAPublicKeyComponents(modulus: modulus, publicExponent: publicExponent)
    }

    /// Size of the modulus in bits.
    @_spi(Internals) public var modulusBitCount: Int { bitCount(modulus) }

    // MARK: Parsing

    /// Parses a PKCS#1 `RSAPrivateKey` (RFC 8017 appendix A.1.2), version 0 (two primes).
    ///
    /// Timing: parsing branches on lengths only, never on the secret values' bits, apart from
    /// the DER minimality and zero checks on each integer's first bytes.
    ///
    /// - Parameter pkcs1DER: The DER bytes, nothing before or after.
    /// - Throws: ``RSAKeyFormatError/multiPrimeKey`` for version 1,
    ///   ``RSAKeyFormatError/unsupportedVersion(_:)`` for others,
    ///   ``RSAKeyFormatError/zeroInteger(field:)``, or ``RSAKeyFormatError/malformed(_:)``.
    @_spi(Internals) public init<Bytes: Collection>(pkcs1DER: Bytes) throws(RSAKeyFormatError) where Bytes.Element == UInt8 {
        var reader = try KeyDER.reader(Array(pkcs1DER))
        self = try KeyDER.readPKCS1PrivateKey(&reader)
        try KeyDER.run { () throws(DERError) in try reader.finish() }
    }

    /// Parses a PKCS#8 `PrivateKeyInfo` / `OneAsymmetricKey` (RFC 5208, RFC 5958) holding an
    /// rsaEncryption key. The parameters must be NULL (RFC 8017 A.1); absent parameters are
    /// accepted, as OpenSSL accepts them (`KeyLoader` reports it as a note). Attributes
    /// and a version-1 public key field are skipped.
    ///
    /// - Parameter pkcs8DER: The DER bytes, nothing before or after.
    /// - Throws: ``RSAKeyFormatError`` naming another algorithm, or a structure error.
    @_spi(Internals) public init<Bytes: Collection>(pkcs8DER: Bytes) throws(RSAKeyFormatError) where Bytes.Element == UInt8 {
        self = try KeyDER.parsePKCS8(Array(pkcs8DER)).key
    }

    // MARK: Serialising

    /// PKCS#1 `RSAPrivateKey` DER (version 0), what `openssl rsa -traditional` writes.
    @_spi(Internals) public var pkcs1DER: [UInt8] {
        var writer = DER.Writer()
        writer.writeSequence { seq in
            seq.writeUnsignedInteger(0)
            for field in [modulus, publicExponent, privateExponent, prime1, prime2, exponent1, exponent2, coefficient] {
                seq.writeUnsignedInteger(magnitude: field)
            }
        }
        return writer.bytes
    }

    /// PKCS#8 `PrivateKeyInfo` DER (version 0, rsaEncryption with NULL parameters, no
    /// attributes), what `openssl genpkey` writes.
    @_spi(Internals) public var pkcs8DER: [UInt8] {
        let inner = pkcs1DER
        var writer = DER.Writer()
        writer.writeSequence { seq in
            seq.writeUnsignedInteger(0)
            KeyDER.writeRSAEncryptionAlgorithm(&seq)
            seq.writeOctetString(inner)
        }
        return writer.bytes
    }

    /// PKCS#1 PEM (`-----BEGIN RSA PRIVATE KEY-----`).
    @_spi(Internals) public var pkcs1PEM: String { PEM.encode(label: RSAKeyPEMLabel.pkcs1PrivateKey, der: pkcs1DER) }

    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    @_spi(Internals) public var pkcs8PEM: String { PEM.encode(label: RSAKeyPEMLabel.pkcs8PrivateKey, der: pkcs8DER) }
}

/// The PEM labels of the four RSA key structures (RFC 7468 sections 10 and 13; PKCS#1's
/// labels are OpenSSL's "traditional" ones).
package enum RSAKeyPEMLabel {
    /// `RSA PRIVATE KEY`: PKCS#1 RSAPrivateKey.
    package static let pkcs1PrivateKey = "RSA PRIVATE KEY"
    /// `PRIVATE KEY`: PKCS#8 PrivateKeyInfo.
    package static let pkcs8PrivateKey = "PRIVATE KEY"
    /// `RSA PUBLIC KEY`: PKCS#1 RSAPublicKey.
    package static let pkcs1PublicKey = "RSA PUBLIC KEY"
    /// `PUBLIC KEY`: SubjectPublicKeyInfo.
    package static let spkiPublicKey = "PUBLIC KEY"
}

/// Bit length of a big-endian magnitude.
func bitCount(_ magnitude: [UInt8]) -> Int {
    guard let index = magnitude.firstIndex(where: { $0 != 0 }) else { return 0 }
    let leading = magnitude[index].leadingZeroBitCount
    return (magnitude.count - index) * 8 - leading
}
