@_spi(Internals) import PureDER

/// The DER structures an EC key is stored in: SEC 1 `ECPrivateKey` (RFC 5915), PKCS#8
/// `PrivateKeyInfo` (RFC 5958) and `SubjectPublicKeyInfo` (RFC 5480), for the named curve
/// P-256 only.
///
/// Parsing is strict DER and refuses, with a sentence, explicit curve parameters, other
/// curves (named by their OID) and a stored public key that is not d·G.
enum ECKeyDER {
    static let limits = DER.Limits(maximumInputSize: maximumInputSize, maximumDepth: 8)
    /// Largest input accepted, in bytes (as for RSA key files).
    static let maximumInputSize = 1 << 20

    // Content octets of the OBJECT IDENTIFIERs (RFC 5480 section 2.1.1).
    /// id-ecPublicKey, 1.2.840.10045.2.1.
    static let ecPublicKeyOID: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
    /// prime256v1 (secp256r1), 1.2.840.10045.3.1.7.
    static let prime256v1OID: [UInt8] = [0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]

    static let sec1Label = "EC PRIVATE KEY"
    static let pkcs8Label = "PRIVATE KEY"
    static let spkiLabel = "PUBLIC KEY"
    static let parametersLabel = "EC PARAMETERS"

    /// Runs DER reading code, turning its error into a key error.
    static func run<T>(_ body: () throws(DERError) -> T) throws(P256Error) -> T {
        do { return try body() } catch { throw .malformedKey(error) }
    }

    static func reader(_ bytes: [UInt8]) throws(P256Error) -> DER.Reader {
        guard bytes.count <= maximumInputSize else { throw .inputTooLarge(size: bytes.count, limit: maximumInputSize) }
        return try run { () throws(DERError) in try DER.Reader(bytes, limits: limits) }
    }

    /// Reads ECParameters (RFC 5480): the namedCurve choice must be prime256v1.
    static func readCurve(_ reader: inout DER.Reader) throws(P256Error) {
        if reader.nextTag == .sequence { throw .explicitCurveParameters }  // specifiedCurve
        let oid = try run { () throws(DERError) in try reader.readObjectIdentifier() }
        guard oid.contentBytes == prime256v1OID else { throw .unsupportedCurve(oid: oid.description) }
    }

    /// Reads an AlgorithmIdentifier { id-ecPublicKey, prime256v1 }.
    static func readAlgorithm(_ reader: inout DER.Reader) throws(P256Error) {
        var alg = try run { () throws(DERError) in try reader.enterSequence() }
        let oid = try run { () throws(DERError) in try alg.readObjectIdentifier() }
        guard oid.contentBytes == ecPublicKeyOID else { throw .notECKey(algorithmOID: oid.description) }
        try readCurve(&alg)
        try run { () throws(DERError) in try alg.finish() }
    }

    /// Reads an `ECPrivateKey` (RFC 5915 section 3) and makes the validated key.
    ///
    /// - Parameters:
    ///   - bytes: The structure's DER.
    ///   - insidePKCS8: Whether an outer algorithm identifier already named P-256 (another
    ///     curve here is then a mismatch rather than an unsupported curve).
    static func parseSEC1(_ bytes: [UInt8], insidePKCS8: Bool) throws(P256Error) -> P256.Signing.PrivateKey {
        var reader = try reader(bytes)
        var seq = try run { () throws(DERError) in try reader.enterSequence() }
        let version = try run { () throws(DERError) in try seq.readSmallUnsignedInteger() }
        guard version == 1 else { throw .unsupportedKeyVersion(version) }
        let d = try run { () throws(DERError) in Array(try seq.readOctetString()) }
        if seq.nextTag == DER.Tag.contextSpecific(0, constructed: true) {
            var parameters = try run { () throws(DERError) in try seq.enterConstructed(.contextSpecific(0, constructed: true)) }
            do {
                try readCurve(&parameters)
            } catch .unsupportedCurve(let oid) {
                throw insidePKCS8 ? .curveMismatch : .unsupportedCurve(oid: oid)
            }
            try run { () throws(DERError) in try parameters.finish() }
        }
        var publicKey: [UInt8]?
        if seq.nextTag == DER.Tag.contextSpecific(1, constructed: true) {
            var wrapper = try run { () throws(DERError) in try seq.enterConstructed(.contextSpecific(1, constructed: true)) }
            publicKey = try run { () throws(DERError) in Array(try wrapper.readByteAlignedBitString()) }
            try run { () throws(DERError) in try wrapper.finish() }
        }
        try run { () throws(DERError) in
            try seq.finish()
            try reader.finish()
        }
        return try privateKey(d: d, storedPublicKey: publicKey)
    }

    /// Reads a PKCS#8 `PrivateKeyInfo` (version 0) or `OneAsymmetricKey` (version 1) holding
    /// an EC key; attributes are skipped, a version 1 public key is checked against d·G.
    static func parsePKCS8(_ bytes: [UInt8]) throws(P256Error) -> P256.Signing.PrivateKey {
        var reader = try reader(bytes)
        var seq = try run { () throws(DERError) in try reader.enterSequence() }
        let version = try run { () throws(DERError) in try seq.readSmallUnsignedInteger() }
        guard version <= 1 else { throw .unsupportedKeyVersion(version) }
        try readAlgorithm(&seq)
        let inner = try run { () throws(DERError) in Array(try seq.readOctetString()) }
        if seq.nextTag == DER.Tag.contextSpecific(0, constructed: true) {
            _ = try run { () throws(DERError) in try seq.readElement() }
        }
        var outerPublicKey: [UInt8]?
        if version == 1, seq.nextTag == DER.Tag.contextSpecific(1, constructed: false) {
            let element = try run { () throws(DERError) in try seq.readElement() }
            // [1] IMPLICIT BIT STRING: the content starts with the unused-bits octet.
            guard element.content.first == 0 else { throw .malformedKey(.invalidBitString(offset: element.offset)) }
            outerPublicKey = Array(element.content.dropFirst())
        }
        try run { () throws(DERError) in
            try seq.finish()
            try reader.finish()
        }
        let key = try parseSEC1(inner, insidePKCS8: true)
        if let outerPublicKey {
            let stored = try P256.Signing.PublicKey(x963Representation: outerPublicKey)
            guard stored.rawRepresentation == key.publicKey.rawRepresentation else { throw .publicKeyMismatch }
        }
        return key
    }

    /// Reads a private key in either structure, told apart by the second field's tag
    /// (PKCS#8 has the algorithm SEQUENCE there, SEC 1 the key's OCTET STRING).
    static func parsePrivateKey(_ bytes: [UInt8]) throws(P256Error) -> P256.Signing.PrivateKey {
        let secondTag = try run { () throws(DERError) -> DER.Tag? in
            var reader = try DER.Reader(bytes, limits: limits)
            var seq = try reader.enterSequence()
            _ = try seq.readElement(.integer)
            return seq.nextTag
        }
        return secondTag == .octetString ? try parseSEC1(bytes, insidePKCS8: false) : try parsePKCS8(bytes)
    }

    /// Reads a `SubjectPublicKeyInfo` holding a P-256 point (uncompressed or compressed).
    static func parseSPKI(_ bytes: [UInt8]) throws(P256Error) -> P256.Signing.PublicKey {
        var reader = try reader(bytes)
        var seq = try run { () throws(DERError) in try reader.enterSequence() }
        try readAlgorithm(&seq)
        let point = try run { () throws(DERError) in Array(try seq.readByteAlignedBitString()) }
        try run { () throws(DERError) in
            try seq.finish()
            try reader.finish()
        }
        return try P256.Signing.PublicKey(x963Representation: point)
    }

    /// Makes a private key from d, checking a stored public key (when there is one) is d·G.
    static func privateKey(d: [UInt8], storedPublicKey: [UInt8]?) throws(P256Error) -> P256.Signing.PrivateKey {
        let key = try P256.Signing.PrivateKey(rawRepresentation: d)
        if let storedPublicKey {
            let stored = try P256.Signing.PublicKey(x963Representation: storedPublicKey)
            // Both points are public; comparing them reveals nothing about d.
            guard stored.rawRepresentation == key.publicKey.rawRepresentation else { throw .publicKeyMismatch }
        }
        return key
    }

    // MARK: - Writing

    static func writeAlgorithm(_ writer: inout DER.Writer) {
        writer.writeSequence { alg in
            alg.writeElement(.objectIdentifier, content: ecPublicKeyOID)
            alg.writeElement(.objectIdentifier, content: prime256v1OID)
        }
    }

    /// `ECPrivateKey` with the public key; with the curve OID when `namedCurve` (as
    /// `openssl ec` writes it), without (as OpenSSL and swift-crypto nest it in PKCS#8).
    static func sec1DER(_ key: P256.Signing.PrivateKey, namedCurve: Bool) -> [UInt8] {
        var writer = DER.Writer()
        writer.writeSequence { seq in
            seq.writeUnsignedInteger(1)
            seq.writeOctetString(key.rawRepresentation)
            if namedCurve {
                seq.writeConstructed(.contextSpecific(0, constructed: true)) { parameters in
                    parameters.writeElement(.objectIdentifier, content: prime256v1OID)
                }
            }
            seq.writeConstructed(.contextSpecific(1, constructed: true)) { wrapper in
                wrapper.writeBitString(key.publicKey.x963Representation)
            }
        }
        return writer.bytes
    }

    /// PKCS#8 `PrivateKeyInfo` version 0, as `openssl pkcs8 -topk8` and swift-crypto write it.
    static func pkcs8DER(_ key: P256.Signing.PrivateKey) -> [UInt8] {
        var writer = DER.Writer()
        writer.writeSequence { seq in
            seq.writeUnsignedInteger(0)
            writeAlgorithm(&seq)
            seq.writeOctetString(sec1DER(key, namedCurve: false))
        }
        return writer.bytes
    }

    /// `SubjectPublicKeyInfo` with the uncompressed point, as `openssl pkey -pubout` writes it.
    static func spkiDER(_ key: P256.Signing.PublicKey) -> [UInt8] {
        var writer = DER.Writer()
        writer.writeSequence { seq in
            writeAlgorithm(&seq)
            seq.writeBitString(key.x963Representation)
        }
        return writer.bytes
    }

    /// The one block with a label in `labels`, from strict PEM. `EC PARAMETERS` blocks (which
    /// `openssl ecparam -genkey` writes before the key) are allowed when they name P-256.
    static func strictPEMBlock(_ text: String, labels: [String]) throws(P256Error) -> PEM.Block {
        let size = text.utf8.count
        guard size <= maximumInputSize else { throw .inputTooLarge(size: size, limit: maximumInputSize) }
        let blocks: [PEM.Block]
        do {
            blocks = try PEM.blocks(in: text)
        } catch {
            throw .pem(error)
        }
        for block in blocks where block.label == parametersLabel {
            var reader = try reader(block.der)
            try readCurve(&reader)
            try run { () throws(DERError) in try reader.finish() }
        }
        let matching = blocks.filter { labels.contains($0.label) }
        guard let block = matching.first else {
            throw .unexpectedPEMLabel(blocks.first(where: { $0.label != parametersLabel })?.label ?? parametersLabel)
        }
        guard matching.count == 1 else { throw .multipleKeys(count: matching.count) }
        return block
    }
}

extension P256.Signing.PrivateKey {
    /// Reads a private key from DER: PKCS#8 `PrivateKeyInfo` (RFC 5958) or SEC 1
    /// `ECPrivateKey` (RFC 5915), with or without the curve and the public key.
    ///
    /// The curve must be the named curve P-256; a stored public key must be d·G.
    ///
    /// - Parameter derRepresentation: The DER bytes, nothing before or after.
    /// - Throws: ``P256Error`` naming what is wrong (another curve by its OID, explicit
    ///   parameters, a mismatched public key, d outside 1…n − 1, malformed DER).
    public init<Bytes: Collection<UInt8>>(derRepresentation: Bytes) throws(P256Error) {
        self = try ECKeyDER.parsePrivateKey(Array(derRepresentation))
    }

    /// Reads a private key from strict PEM: one `PRIVATE KEY` (PKCS#8) or `EC PRIVATE KEY`
    /// (SEC 1) block, optionally after an `EC PARAMETERS` block naming P-256.
    ///
    /// - Parameter pemRepresentation: The PEM text.
    /// - Throws: ``P256Error`` for PEM that is not strict, another label, several keys, or
    ///   anything ``init(derRepresentation:)`` refuses.
    public init(pemRepresentation: String) throws(P256Error) {
        let block = try ECKeyDER.strictPEMBlock(pemRepresentation, labels: [ECKeyDER.pkcs8Label, ECKeyDER.sec1Label])
        self =
            block.label == ECKeyDER.sec1Label
            ? try ECKeyDER.parseSEC1(block.der, insidePKCS8: false)
            : try ECKeyDER.parsePKCS8(block.der)
    }

    /// Reads the ANSI X9.63 form `04‖x‖y‖d` (97 bytes), checking that (x, y) is d·G.
    ///
    /// - Parameter x963Representation: The 97 bytes.
    /// - Throws: ``P256Error/invalidPrivateKeyLength(count:)`` for another length, or as
    ///   ``init(rawRepresentation:)`` and ``P256Error/publicKeyMismatch``.
    public init<Bytes: Collection<UInt8>>(x963Representation: Bytes) throws(P256Error) {
        let bytes = Array(x963Representation)
        guard bytes.count == 97 else { throw .invalidPrivateKeyLength(count: bytes.count) }
        self = try ECKeyDER.privateKey(d: Array(bytes[65...]), storedPublicKey: Array(bytes[..<65]))
    }

    /// PKCS#8 `PrivateKeyInfo` DER, with the SEC 1 key (public key included, curve named
    /// once, outside) inside: the bytes of swift-crypto's `derRepresentation` and of
    /// `openssl pkcs8 -topk8 -nocrypt -outform DER`.
    public var derRepresentation: [UInt8] { ECKeyDER.pkcs8DER(self) }

    /// ``derRepresentation`` as a `PRIVATE KEY` PEM block (64-character lines, final newline,
    /// as OpenSSL writes it; swift-crypto's text omits the final newline).
    public var pemRepresentation: String { PEM.encode(label: ECKeyDER.pkcs8Label, der: derRepresentation) }

    /// The ANSI X9.63 form `04‖x‖y‖d` (97 bytes), as swift-crypto's `x963Representation`.
    public var x963Representation: [UInt8] { publicKey.x963Representation + rawRepresentation }

    /// SEC 1 `ECPrivateKey` DER with the curve and the public key, as `openssl ec -outform DER`.
    package var sec1DERRepresentation: [UInt8] { ECKeyDER.sec1DER(self, namedCurve: true) }

    /// ``sec1DERRepresentation`` as an `EC PRIVATE KEY` PEM block, as `openssl ec` writes it.
    package var sec1PEMRepresentation: String { PEM.encode(label: ECKeyDER.sec1Label, der: sec1DERRepresentation) }
}

extension P256.Signing.PublicKey {
    /// Reads a `SubjectPublicKeyInfo` (RFC 5480) holding a P-256 point, uncompressed or
    /// compressed.
    ///
    /// - Parameter derRepresentation: The DER bytes, nothing before or after.
    /// - Throws: ``P256Error`` for another algorithm or curve (named by its OID), explicit
    ///   parameters, malformed DER, or a point ``init(x963Representation:)`` refuses.
    public init<Bytes: Collection<UInt8>>(derRepresentation: Bytes) throws(P256Error) {
        self = try ECKeyDER.parseSPKI(Array(derRepresentation))
    }

    /// Reads a public key from one strict `PUBLIC KEY` PEM block.
    ///
    /// - Parameter pemRepresentation: The PEM text.
    /// - Throws: ``P256Error`` for PEM that is not strict, another label, several keys, or
    ///   anything ``init(derRepresentation:)`` refuses.
    public init(pemRepresentation: String) throws(P256Error) {
        let block = try ECKeyDER.strictPEMBlock(pemRepresentation, labels: [ECKeyDER.spkiLabel])
        self = try ECKeyDER.parseSPKI(block.der)
    }

    /// `SubjectPublicKeyInfo` DER with the uncompressed point: the bytes of swift-crypto's
    /// `derRepresentation` and of `openssl pkey -pubout -outform DER`.
    public var derRepresentation: [UInt8] { ECKeyDER.spkiDER(self) }

    /// ``derRepresentation`` as a `PUBLIC KEY` PEM block (final newline, as OpenSSL writes it).
    public var pemRepresentation: String { PEM.encode(label: ECKeyDER.spkiLabel, der: derRepresentation) }
}

/// A P-256 key read from DER whose kind (private or public) was not known in advance.
package enum P256KeyMaterial: Sendable {
    /// A private key (it holds its public key).
    case privateKey(P256.Signing.PrivateKey)
    /// A public key.
    case publicKey(P256.Signing.PublicKey)

    /// Reads SEC 1, PKCS#8 or SubjectPublicKeyInfo DER, told apart by the first field (an
    /// INTEGER version for the private structures, the algorithm SEQUENCE for SPKI); or, when
    /// a PEM label is given, the structure that label names.
    ///
    /// - Parameters:
    ///   - der: The DER bytes.
    ///   - pemLabel: The PEM label the DER came with, or nil for bare DER.
    /// - Throws: ``P256Error``.
    package init(der: [UInt8], pemLabel: String?) throws(P256Error) {
        switch pemLabel {
        case ECKeyDER.sec1Label?: self = .privateKey(try ECKeyDER.parseSEC1(der, insidePKCS8: false))
        case ECKeyDER.pkcs8Label?: self = .privateKey(try ECKeyDER.parsePKCS8(der))
        case ECKeyDER.spkiLabel?: self = .publicKey(try ECKeyDER.parseSPKI(der))
        case let label?: throw .unexpectedPEMLabel(label)
        case nil:
            let firstTag = try ECKeyDER.run { () throws(DERError) -> DER.Tag? in
                var reader = try DER.Reader(der, limits: ECKeyDER.limits)
                return try reader.enterSequence().nextTag
            }
            self =
                firstTag == .sequence
                ? .publicKey(try ECKeyDER.parseSPKI(der))
                : .privateKey(try ECKeyDER.parsePrivateKey(der))
        }
    }
}
