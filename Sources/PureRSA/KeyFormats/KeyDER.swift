@_spi(Internals) import PureDER

/// Algorithm identifiers met in key files, and what each means for an RS256 signer.
enum KnownAlgorithm {
    case rsaEncryption
    case rsaPSS
    case encrypted
    case other(name: String)
    case unknown

    // Content octets of the OBJECT IDENTIFIERs, written out so no parsing happens at start-up.
    static let rsaEncryptionOID: [UInt8] = [0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]  // 1.2.840.113549.1.1.1

    init(_ oid: DER.ObjectIdentifier) {
        // Compared as arcs, not strings, to stay free of Unicode string comparison.
        let arcs = oid.arcs
        let pkcs1: [UInt64] = [1, 2, 840, 113549, 1, 1]
        switch arcs {
        case pkcs1 + [1]: self = .rsaEncryption
        case pkcs1 + [10]: self = .rsaPSS
        case [1, 2, 840, 10045, 2, 1]: self = .other(name: "EC")
        case [1, 3, 101, 112]: self = .other(name: "Ed25519")
        case [1, 3, 101, 113]: self = .other(name: "Ed448")
        case [1, 3, 101, 110]: self = .other(name: "X25519")
        case [1, 3, 101, 111]: self = .other(name: "X448")
        case [1, 2, 840, 10040, 4, 1]: self = .other(name: "DSA")
        case [1, 2, 840, 113549, 1, 3, 1], [1, 2, 840, 10046, 2, 1]: self = .other(name: "Diffie-Hellman")
        case [1, 2, 156, 10197, 1, 301]: self = .other(name: "SM2")
        default:
            // PKCS#5 PBES1/PBES2 (1.2.840.113549.1.5.*) and PKCS#12 PBE (1.2.840.113549.1.12.1.*)
            if arcs.starts(with: [1, 2, 840, 113549, 1, 5]) || arcs.starts(with: [1, 2, 840, 113549, 1, 12, 1]) {
                self = .encrypted
            } else {
                self = .unknown
            }
        }
    }
}

/// Facts about how a key was encoded that do not stop it loading.
struct KeyParseFacts: Sendable, Equatable {
    var absentAlgorithmParameters = false
    var skippedPKCS8Fields = false
}

/// DER parsing and writing shared by the four key structures.
enum KeyDER {
    static let limits = DER.Limits(maximumInputSize: 1 << 20, maximumDepth: 8)

    /// Runs DER reading code, turning its error into a key-format error.
    static func run<T>(_ body: () throws(DERError) -> T) throws(RSAKeyFormatError) -> T {
        do { return try body() } catch { throw .malformed(error) }
    }

    static func reader(_ bytes: [UInt8]) throws(RSAKeyFormatError) -> DER.Reader {
        guard !bytes.isEmpty else { throw .empty }
        return try run { () throws(DERError) in try DER.Reader(bytes, limits: limits) }
    }

    static func writeRSAEncryptionAlgorithm(_ writer: inout DER.Writer) {
        writer.writeSequence { alg in
            alg.writeElement(.objectIdentifier, content: KnownAlgorithm.rsaEncryptionOID)
            alg.writeNull()
        }
    }

    /// A non-negative, non-zero INTEGER field.
    static func field(_ reader: inout DER.Reader, _ name: String) throws(RSAKeyFormatError) -> [UInt8] {
        let magnitude = try run { () throws(DERError) in try reader.readUnsignedInteger() }
        guard !magnitude.isEmpty else { throw .zeroInteger(field: name) }
        return Array(magnitude)
    }

    static func readPKCS1PublicKey(_ reader: inout DER.Reader) throws(RSAKeyFormatError) -> RSAPublicKeyComponents {
        var seq = try run { () throws(DERError) in try reader.enterSequence() }
        let n = try field(&seq, "modulus")
        let e = try field(&seq, "publicExponent")
        try run { () throws(DERError) in try seq.finish() }
        return RSAPublicKeyComponents(modulus: n, publicExponent: e)
    }

    static func readPKCS1PrivateKey(_ reader: inout DER.Reader) throws(RSAKeyFormatError) -> RSAPrivateKeyComponents {
        var seq = try run { () throws(DERError) in try reader.enterSequence() }
        let version = try run { () throws(DERError) in try seq.readSmallUnsignedInteger() }
        switch version {
        case 0: break
        case 1: throw .multiPrimeKey
        default: throw .unsupportedVersion(version)
        }
        let n = try field(&seq, "modulus")
        let e = try field(&seq, "publicExponent")
        let d = try field(&seq, "privateExponent")
        let p = try field(&seq, "prime1")
        let q = try field(&seq, "prime2")
        let dp = try field(&seq, "exponent1")
        let dq = try field(&seq, "exponent2")
        let qi = try field(&seq, "coefficient")
        try run { () throws(DERError) in try seq.finish() }
        return RSAPrivateKeyComponents(
            modulus: n, publicExponent: e, privateExponent: d, prime1: p,
            prime2: q, exponent1: dp, exponent2: dq, coefficient: qi)
    }

    /// Reads an AlgorithmIdentifier and insists on rsaEncryption with NULL or absent parameters.
    static func readRSAAlgorithm(_ reader: inout DER.Reader, facts: inout KeyParseFacts) throws(RSAKeyFormatError) {
        var alg = try run { () throws(DERError) in try reader.enterSequence() }
        let oid = try run { () throws(DERError) in try alg.readObjectIdentifier() }
        switch KnownAlgorithm(oid) {
        case .rsaEncryption: break
        case .rsaPSS: throw .rsaPSSKey
        case .encrypted: throw .encryptedKey
        case let .other(name): throw .notRSA(algorithm: name)
        case .unknown: throw .unsupportedAlgorithm(oid: oid.description)
        }
        if alg.isAtEnd {
            facts.absentAlgorithmParameters = true
            return
        }
        guard alg.nextTag == .null else { throw .invalidAlgorithmParameters }
        try run { () throws(DERError) in
            try alg.readNull()
            try alg.finish()
        }
    }

    static func parseSPKI(_ bytes: [UInt8]) throws(RSAKeyFormatError) -> (key: RSAPublicKeyComponents, facts: KeyParseFacts) {
        var facts = KeyParseFacts()
        var reader = try reader(bytes)
        var seq = try run { () throws(DERError) in try reader.enterSequence() }
        try readRSAAlgorithm(&seq, facts: &facts)
        let keyBytes = try run { () throws(DERError) in try seq.readByteAlignedBitString() }
        try run { () throws(DERError) in
            try seq.finish()
            try reader.finish()
        }
        return (try RSAPublicKeyComponents(pkcs1DER: keyBytes), facts)
    }

    static func parsePKCS8(_ bytes: [UInt8]) throws(RSAKeyFormatError) -> (key: RSAPrivateKeyComponents, facts: KeyParseFacts) {
        var facts = KeyParseFacts()
        var reader = try reader(bytes)
        var seq = try run { () throws(DERError) in try reader.enterSequence() }
        let version = try run { () throws(DERError) in try seq.readSmallUnsignedInteger() }
        guard version <= 1 else { throw .unsupportedVersion(version) }
        try readRSAAlgorithm(&seq, facts: &facts)
        let keyBytes = try run { () throws(DERError) in try seq.readOctetString() }
        // attributes [0] IMPLICIT SET OF Attribute OPTIONAL
        if seq.nextTag == DER.Tag.contextSpecific(0, constructed: true) {
            _ = try run { () throws(DERError) in try seq.readElement() }
            facts.skippedPKCS8Fields = true
        }
        // publicKey [1] IMPLICIT BIT STRING OPTIONAL (RFC 5958 version 1 only)
        if version == 1, seq.nextTag == DER.Tag.contextSpecific(1, constructed: false) {
            _ = try run { () throws(DERError) in try seq.readElement() }
            facts.skippedPKCS8Fields = true
        }
        try run { () throws(DERError) in
            try seq.finish()
            try reader.finish()
        }
        return (try RSAPrivateKeyComponents(pkcs1DER: keyBytes), facts)
    }
}
