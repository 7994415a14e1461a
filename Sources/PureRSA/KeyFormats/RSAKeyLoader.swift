@_spi(Internals) import PureDER

/// A loaded key: a private or a public one.
@_spi(Internals) public enum RSAKeyMaterial: Sendable, Equatable {
    /// A private key (it contains its public key too).
    case privateKey(RSAPrivateKeyComponents)
    /// A public key.
    case publicKey(RSAPublicKeyComponents)
}

/// Which of the four key structures the key was in.
@nonexhaustive
@_spi(Internals) public enum RSAKeyStructure: Sendable, Equatable, CustomStringConvertible {
    /// PKCS#1 RSAPrivateKey (`RSA PRIVATE KEY`).
    case pkcs1PrivateKey
    /// PKCS#8 PrivateKeyInfo (`PRIVATE KEY`).
    case pkcs8PrivateKey
    /// PKCS#1 RSAPublicKey (`RSA PUBLIC KEY`).
    case pkcs1PublicKey
    /// SubjectPublicKeyInfo (`PUBLIC KEY`).
    case spkiPublicKey

    /// The structure's usual name, e.g. "PKCS#8 private key".
    public var description: String {
        switch self {
        case .pkcs1PrivateKey: return "PKCS#1 private key"
        case .pkcs8PrivateKey: return "PKCS#8 private key"
        case .pkcs1PublicKey: return "PKCS#1 public key"
        case .spkiPublicKey: return "SubjectPublicKeyInfo public key"
        }
    }
}

/// How the structure was wrapped.
@nonexhaustive
public enum RSAKeyEncoding: Sendable, Equatable, CustomStringConvertible {
    /// PEM text.
    case pem
    /// PEM text, base64-encoded as a whole (as in `HOTGLUE_SIGNING_KEY`).
    case base64PEM
    /// Raw DER bytes.
    case der
    /// DER bytes, base64-encoded.
    case base64DER

    /// The encoding's usual name, e.g. "base64 of PEM".
    public var description: String {
        switch self {
        case .pem: return "PEM"
        case .base64PEM: return "base64 of PEM"
        case .der: return "DER"
        case .base64DER: return "base64 of DER"
        }
    }
}

/// Something worth telling the user that did not stop the key loading.
@nonexhaustive
public enum RSAKeyLoadNote: Sendable, Equatable, CustomStringConvertible {
    /// The rsaEncryption algorithm identifier had no parameters (RFC 8017 says NULL; OpenSSL
    /// accepts both).
    case absentAlgorithmParameters
    /// PKCS#8 attributes or a PKCS#8 v2 public key field were present and skipped.
    case skippedPKCS8Fields
    /// Other PEM blocks (certificates, EC parameters…) were next to the key and were ignored.
    case ignoredPEMBlocks(labels: [String])
    /// A public key was asked for and derived from the private key given.
    case publicKeyTakenFromPrivateKey

    /// One sentence for a tool to print as a warning or note.
    public var description: String {
        switch self {
        case .absentAlgorithmParameters:
            return "the rsaEncryption algorithm identifier has no NULL parameters (accepted, as OpenSSL does)"
        case .skippedPKCS8Fields:
            return "optional PKCS#8 attributes were ignored"
        case let .ignoredPEMBlocks(labels):
            return "ignored other PEM blocks: \(labels.joined(separator: ", "))"
        case .publicKeyTakenFromPrivateKey:
            return "the public key was taken from the private key given"
        }
    }
}

/// A key and what was learned while loading it.
///
/// The one result type of loading: the format-level loader returns it with the key's numbers,
/// and `RSAPrivateKey.load(_:policy:)` with the validated key (``RSAPrivateKey/Loaded``).
@_spi(Internals) public struct RSAKeyLoadResult<Key: Sendable>: Sendable {
    /// The key.
    public let key: Key
    /// The structure it was stored in.
    public let structure: RSAKeyStructure
    /// How that structure was wrapped.
    public let encoding: RSAKeyEncoding
    /// PEM damage that was repaired (empty when the PEM was strict or there was no PEM). A tool
    /// should warn when this is not empty.
    public let repairs: PEM.Repairs
    /// Other things worth mentioning.
    public let notes: [RSAKeyLoadNote]

    /// The same findings about another form of the key (the validated key for its numbers).
    func with<Other: Sendable>(key other: Other) -> RSAKeyLoadResult<Other> {
        RSAKeyLoadResult<Other>(key: other, structure: structure, encoding: encoding, repairs: repairs, notes: notes)
    }
}

extension RSAKeyLoadResult: Equatable where Key: Equatable {}

/// Loads an RSA key from whatever a user has: PEM text (any of the four RSA labels), the whole
/// PEM base64-encoded on one line, DER bytes, or base64 of DER; and refuses everything else
/// with a sentence saying what it is and what to do.
@_spi(Internals) public enum RSAKeyLoader {
    /// Largest input accepted, in bytes.
    public static let maximumInputSize = 1 << 20

    /// Loads a private or public key from text.
    ///
    /// - Parameter text: PEM, base64 of PEM, or base64 of DER.
    /// - Returns: The key and how it was found.
    /// - Throws: ``RSAKeyFormatError``.
    public static func load<Text: StringProtocol>(_ text: Text) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAKeyMaterial> {
        try load(bytes: text.utf8)
    }

    /// Loads a private or public key from bytes: DER, or any text form ``load(_:)`` takes.
    ///
    /// - Parameter bytes: The file contents.
    /// - Returns: The key and how it was found.
    /// - Throws: ``RSAKeyFormatError``.
    public static func load<Bytes: Collection>(bytes: Bytes) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAKeyMaterial>
    where Bytes.Element == UInt8 {
        let count = bytes.count
        guard count <= maximumInputSize else { throw .inputTooLarge(size: count, limit: maximumInputSize) }
        let input = Array(bytes)
        guard input.contains(where: { !isWhitespace($0) }) else { throw .empty }
        let looksLikeText = input.allSatisfy { isWhitespace($0) || ($0 >= 0x20 && $0 < 0x7F) }
        if input.first == 0x30 {
            // DER always starts with SEQUENCE (0x30). So does text starting with the digit 0,
            // which base64 may: fall back to text only when DER fails and it is all text.
            do {
                return try loadDER(input, encoding: .der)
            } catch {
                guard looksLikeText, let textResult = try? loadText(input) else { throw error }
                return textResult
            }
        }
        guard input.firstIndex(of: 0) == nil, String(validating: input, as: UTF8.self) != nil else {
            throw .unrecognizedBinary
        }
        return try loadText(input)
    }

    /// Loads a private key, refusing public keys.
    ///
    /// - Parameter text: PEM, base64 of PEM, or base64 of DER.
    /// - Returns: The private key and how it was found.
    /// - Throws: ``RSAKeyFormatError/publicKeyNotPrivate`` for a public key, or any other
    ///   ``RSAKeyFormatError``.
    public static func loadPrivateKey<Text: StringProtocol>(_ text: Text) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAPrivateKeyComponents> {
        try loadPrivateKey(bytes: text.utf8)
    }

    /// Loads a private key from bytes, refusing public keys.
    ///
    /// - Parameter bytes: DER or any text form.
    /// - Returns: The private key and how it was found.
    /// - Throws: ``RSAKeyFormatError/publicKeyNotPrivate`` for a public key, or any other
    ///   ``RSAKeyFormatError``.
    public static func loadPrivateKey<Bytes: Collection>(bytes: Bytes) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAPrivateKeyComponents>
    where Bytes.Element == UInt8 {
        let loaded = try load(bytes: bytes)
        guard case let .privateKey(key) = loaded.key else { throw .publicKeyNotPrivate }
        return RSAKeyLoadResult(
            key: key, structure: loaded.structure, encoding: loaded.encoding,
            repairs: loaded.repairs, notes: loaded.notes)
    }

    /// Loads a public key; a private key is accepted and its public half returned (with a note).
    ///
    /// - Parameter text: PEM, base64 of PEM, or base64 of DER.
    /// - Returns: The public key and how it was found.
    /// - Throws: ``RSAKeyFormatError``.
    public static func loadPublicKey<Text: StringProtocol>(_ text: Text) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAPublicKeyComponents> {
        try loadPublicKey(bytes: text.utf8)
    }

    /// Loads a public key from bytes; a private key is accepted and its public half returned.
    ///
    /// - Parameter bytes: DER or any text form.
    /// - Returns: The public key and how it was found.
    /// - Throws: ``RSAKeyFormatError``.
    public static func loadPublicKey<Bytes: Collection>(bytes: Bytes) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAPublicKeyComponents>
    where Bytes.Element == UInt8 {
        let loaded = try load(bytes: bytes)
        switch loaded.key {
        case let .publicKey(key):
            return RSAKeyLoadResult(
                key: key, structure: loaded.structure, encoding: loaded.encoding,
                repairs: loaded.repairs, notes: loaded.notes)
        case let .privateKey(key):
            return RSAKeyLoadResult(
                key: key.publicKey, structure: loaded.structure, encoding: loaded.encoding,
                repairs: loaded.repairs, notes: loaded.notes + [.publicKeyTakenFromPrivateKey])
        }
    }

    // MARK: - Text

    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    private static func trimmed(_ bytes: [UInt8]) -> [UInt8] {
        guard let start = bytes.firstIndex(where: { !isWhitespace($0) }),
            let end = bytes.lastIndex(where: { !isWhitespace($0) })
        else { return [] }
        return Array(bytes[start...end])
    }

    private static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let needle = Array(needle.utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        for i in 0...(haystack.count - needle.count) where haystack[i] == needle[0] {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return true }
        }
        return false
    }

    /// Whether `text` is an OpenSSH public key line (`ssh-rsa AAAA…`, `ssh-ed25519 …`, `ecdsa-sha2-…`).
    private static func isOpenSSHText(_ text: [UInt8]) -> Bool {
        contains(text, "ssh-rsa ") || contains(text, "ssh-ed25519 ") || contains(text, "ecdsa-sha2-")
    }

    private static func loadText(_ input: [UInt8]) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAKeyMaterial> {
        let payload = try textPayload(input)
        return payload.isPEM
            ? try loadPEM(payload.bytes, encoding: payload.encoding)
            : try loadDER(payload.bytes, encoding: payload.encoding)
    }

    /// What text holds: PEM (as is, or base64 of it) or DER (base64 of it), with the encoding.
    private static func textPayload(_ input: [UInt8]) throws(RSAKeyFormatError) -> (bytes: [UInt8], isPEM: Bool, encoding: RSAKeyEncoding) {
        let text = trimmed(input)
        if contains(text, "-----BEGIN") { return (text, true, .pem) }
        if text.first == UInt8(ascii: "{") { throw .jsonWebKey }
        if isOpenSSHText(text) { throw .openSSHKey }
        let decoded: [UInt8]
        do {
            decoded = try Base64.decode(utf8: text, mode: .lenient)
        } catch {
            throw .unrecognizedText(error)
        }
        let inner = trimmed(decoded)
        if isOpenSSHText(inner) { throw .openSSHKey }  // base64 of an `ssh-rsa …` line
        if contains(inner, "-----BEGIN") {
            guard !inner.contains(where: { $0 == 0 || $0 >= 0x80 }) else { throw .base64NotPEM }
            return (inner, true, .base64PEM)
        }
        if decoded.first == 0x30 { return (decoded, false, .base64DER) }
        throw .base64NotPEM
    }

    /// A key of another algorithm, unwrapped by the same steps as an RSA key: its DER, the PEM
    /// label it had (nil for DER), how it was wrapped, the PEM repairs and the other blocks.
    package struct UnwrappedKey: Sendable {
        /// The key structure's DER.
        package let der: [UInt8]
        /// The PEM label, or nil when the input (or its base64) was DER.
        package let label: String?
        /// How the structure was wrapped.
        package let encoding: RSAKeyEncoding
        /// PEM damage that was repaired.
        package let repairs: PEM.Repairs
        /// Labels of the other PEM blocks, which were ignored.
        package let otherLabels: [String]
    }

    /// Unwraps a key that ``load(bytes:)`` refused as ``RSAKeyFormatError/notRSA(algorithm:)``
    /// "EC", so that the caller can read it as an EC key: the same size limit, base64, PEM
    /// repair and block choice, with `EC PRIVATE KEY` accepted as a key label. Every other
    /// refusal (encrypted, OpenSSH, certificates, several keys…) is the one `load` gives.
    ///
    /// - Parameter bytes: DER or any text form `load` takes.
    /// - Returns: The key's DER and how it was found.
    /// - Throws: ``RSAKeyFormatError``.
    package static func unwrapECKey<Bytes: Collection>(bytes: Bytes) throws(RSAKeyFormatError) -> UnwrappedKey
    where Bytes.Element == UInt8 {
        let count = bytes.count
        guard count <= maximumInputSize else { throw .inputTooLarge(size: count, limit: maximumInputSize) }
        let input = Array(bytes)
        guard input.contains(where: { !isWhitespace($0) }) else { throw .empty }
        if input.first == 0x30, (try? DER.validateStructure(input, limits: KeyDER.limits)) != nil {
            return UnwrappedKey(der: input, label: nil, encoding: .der, repairs: [], otherLabels: [])
        }
        let payload = try textPayload(input)
        guard payload.isPEM else {
            return UnwrappedKey(der: payload.bytes, label: nil, encoding: payload.encoding, repairs: [], otherLabels: [])
        }
        let (block, repairs, others) = try selectPEMBlock(payload.bytes, allowingEC: true)
        return UnwrappedKey(der: block.der, label: block.label, encoding: payload.encoding, repairs: repairs, otherLabels: others)
    }

    private static let keyLabels: [String] = [
        RSAKeyPEMLabel.pkcs1PrivateKey, RSAKeyPEMLabel.pkcs8PrivateKey,
        RSAKeyPEMLabel.pkcs1PublicKey, RSAKeyPEMLabel.spkiPublicKey,
    ]

    /// Labels of key blocks that are refused, and why.
    private static func refusal(forLabel label: String) -> RSAKeyFormatError? {
        switch label {
        case "ENCRYPTED PRIVATE KEY": return .encryptedKey
        case "EC PRIVATE KEY", "EC PUBLIC KEY": return .notRSA(algorithm: "EC")
        case "DSA PRIVATE KEY": return .notRSA(algorithm: "DSA")
        case "OPENSSH PRIVATE KEY", "SSH2 PUBLIC KEY": return .openSSHKey
        default: return nil
        }
    }

    private static let certificateLabels: Set<String> = [
        "CERTIFICATE", "TRUSTED CERTIFICATE", "X509 CERTIFICATE", "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST",
    ]

    /// The one key block of PEM text, with the repairs made and the other blocks' labels;
    /// refuses encrypted keys, keys of other algorithms (EC too unless `allowingEC`),
    /// certificates and several keys.
    private static func selectPEMBlock(
        _ text: [UInt8], allowingEC: Bool
    ) throws(RSAKeyFormatError) -> (block: PEM.Block, repairs: PEM.Repairs, others: [String]) {
        // Encryption is refused before anything else: its body errors would only confuse.
        if contains(text, "ENCRYPTED PRIVATE KEY") || (contains(text, "Proc-Type:") && contains(text, "ENCRYPTED")) {
            throw .encryptedKey
        }
        let string = String(decoding: text, as: UTF8.self)
        var blocks: [PEM.Block]
        var repairs: PEM.Repairs = []
        do {
            blocks = try PEM.blocks(in: string)
        } catch {
            do {
                (blocks, repairs) = try PEM.repairingBlocks(in: string)
            } catch {
                throw .pem(error)
            }
        }
        func refused(_ label: String) -> RSAKeyFormatError? {
            if allowingEC && label == "EC PRIVATE KEY" { return nil }
            return refusal(forLabel: label)
        }
        let keyBlocks = blocks.filter { keyLabels.contains($0.label) || refusal(forLabel: $0.label) != nil }
        guard let block = keyBlocks.first else {
            if blocks.contains(where: { certificateLabels.contains($0.label) }) { throw .certificate }
            if blocks.contains(where: { $0.label == "EC PARAMETERS" }) { throw .notRSA(algorithm: "EC") }
            throw .unsupportedPEMLabel(blocks.first?.label ?? "")
        }
        guard keyBlocks.count == 1 else {
            if let refusedBlock = keyBlocks.lazy.compactMap({ refused($0.label) }).first { throw refusedBlock }
            throw .multipleKeys(count: keyBlocks.count)
        }
        if let refusedBlock = refused(block.label) { throw refusedBlock }
        if block.isEncrypted { throw .encryptedKey }
        return (block, repairs, blocks.filter { $0.label != block.label }.map { $0.label })
    }

    private static func loadPEM(_ text: [UInt8], encoding: RSAKeyEncoding) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAKeyMaterial> {
        let (block, repairs, others) = try selectPEMBlock(text, allowingEC: false)
        var notes: [RSAKeyLoadNote] = []
        let material: RSAKeyMaterial
        let structure: RSAKeyStructure
        switch block.label {
        case RSAKeyPEMLabel.pkcs1PrivateKey:
            material = .privateKey(try RSAPrivateKeyComponents(pkcs1DER: block.der))
            structure = .pkcs1PrivateKey
        case RSAKeyPEMLabel.pkcs8PrivateKey:
            let (key, facts) = try KeyDER.parsePKCS8(block.der)
            notes += notesFor(facts)
            material = .privateKey(key)
            structure = .pkcs8PrivateKey
        case RSAKeyPEMLabel.pkcs1PublicKey:
            material = .publicKey(try RSAPublicKeyComponents(pkcs1DER: block.der))
            structure = .pkcs1PublicKey
        default:
            let (key, facts) = try KeyDER.parseSPKI(block.der)
            notes += notesFor(facts)
            material = .publicKey(key)
            structure = .spkiPublicKey
        }
        if !others.isEmpty { notes.append(.ignoredPEMBlocks(labels: others)) }
        return RSAKeyLoadResult(key: material, structure: structure, encoding: encoding, repairs: repairs, notes: notes)
    }

    private static func notesFor(_ facts: KeyParseFacts) -> [RSAKeyLoadNote] {
        var notes: [RSAKeyLoadNote] = []
        if facts.absentAlgorithmParameters { notes.append(.absentAlgorithmParameters) }
        if facts.skippedPKCS8Fields { notes.append(.skippedPKCS8Fields) }
        return notes
    }

    // MARK: - DER

    /// Tells the four structures (and common non-RSA ones) apart by the tags of the outer
    /// SEQUENCE's fields, then parses strictly.
    private static func loadDER(_ bytes: [UInt8], encoding: RSAKeyEncoding) throws(RSAKeyFormatError) -> RSAKeyLoadResult<RSAKeyMaterial> {
        let shape = try KeyDER.run { () throws(DERError) -> [DER.Element] in
            var reader = try DER.Reader(bytes, limits: KeyDER.limits)
            var outer = try reader.enterSequence()
            try reader.finish()
            var children: [DER.Element] = []
            while !outer.isAtEnd && children.count < 12 { children.append(try outer.readElement()) }
            return children
        }
        let tags = shape.map { $0.tag }
        let integerRun = tags.prefix(while: { $0 == .integer }).count
        func firstIntegerIs(_ value: UInt8) -> Bool { shape.first?.content.elementsEqual([value]) ?? false }

        if tags.count >= 3, tags[0] == .integer, tags[1] == .sequence, tags[2] == .octetString {
            let (key, facts) = try KeyDER.parsePKCS8(bytes)
            return RSAKeyLoadResult(
                key: .privateKey(key), structure: .pkcs8PrivateKey, encoding: encoding,
                repairs: [], notes: notesFor(facts))
        }
        if tags == [.sequence, .bitString] {
            let (key, facts) = try KeyDER.parseSPKI(bytes)
            return RSAKeyLoadResult(
                key: .publicKey(key), structure: .spkiPublicKey, encoding: encoding,
                repairs: [], notes: notesFor(facts))
        }
        if tags == [.sequence, .octetString] { throw .encryptedKey }  // EncryptedPrivateKeyInfo
        if tags == [.sequence, .sequence, .bitString] { throw .certificate }  // Certificate or CSR
        if tags.count >= 2, tags[0] == .integer, tags[1] == .octetString, firstIntegerIs(1) {
            throw .notRSA(algorithm: "EC")  // SEC1 ECPrivateKey
        }
        if tags.count == 2 && integerRun == 2 {
            let key = try RSAPublicKeyComponents(pkcs1DER: bytes)
            return RSAKeyLoadResult(
                key: .publicKey(key), structure: .pkcs1PublicKey, encoding: encoding,
                repairs: [], notes: [])
        }
        if integerRun >= 9 {
            let key = try RSAPrivateKeyComponents(pkcs1DER: bytes)
            return RSAKeyLoadResult(
                key: .privateKey(key), structure: .pkcs1PrivateKey, encoding: encoding,
                repairs: [], notes: [])
        }
        if tags.count == 6 && integerRun == 6 && firstIntegerIs(0) { throw .notRSA(algorithm: "DSA") }
        throw .unrecognizedDER
    }
}
