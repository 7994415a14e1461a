@_spi(Internals) import PureDER

/// Why key material was refused. Each `description` is a sentence a tool can print as is.
@nonexhaustive
public enum RSAKeyFormatError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing (or only whitespace) was given.
    case empty
    /// The input is larger than any key file (the limit is 1 MiB).
    case inputTooLarge(size: Int, limit: Int)
    /// The DER structure is broken or not canonical (truncated, trailing data, bad lengths…).
    case malformed(DERError)
    /// The PEM armour is broken beyond repair.
    case pem(PEMError)
    /// An encrypted private key (`ENCRYPTED PRIVATE KEY`, `Proc-Type: 4,ENCRYPTED`, or an
    /// EncryptedPrivateKeyInfo structure).
    case encryptedKey
    /// A key of another algorithm (EC, Ed25519, DSA, …).
    case notRSA(algorithm: String)
    /// An RSA key restricted to RSASSA-PSS (OID 1.2.840.113549.1.1.10).
    case rsaPSSKey
    /// An X.509 certificate (or certificate request) rather than a key.
    case certificate
    /// An OpenSSH-format key (`OPENSSH PRIVATE KEY` or an `ssh-rsa …` line).
    case openSSHKey
    /// A JSON Web Key; this loader reads PEM and DER only.
    case jsonWebKey
    /// A public key where a private key is needed.
    case publicKeyNotPrivate
    /// A PKCS#1 key of version 1 (more than two primes).
    case multiPrimeKey
    /// A version number the structure does not define.
    case unsupportedVersion(Int)
    /// An algorithm identifier this loader does not know.
    case unsupportedAlgorithm(oid: String)
    /// rsaEncryption parameters other than NULL (or absent).
    case invalidAlgorithmParameters
    /// A key integer is zero, which no RSA key has.
    case zeroInteger(field: String)
    /// Several key blocks in one PEM text; which one is meant is unclear.
    case multipleKeys(count: Int)
    /// A PEM block whose label is not a key this loader knows.
    case unsupportedPEMLabel(String)
    /// Base64 text whose decoded bytes are neither PEM nor a DER key.
    case base64NotPEM
    /// Text that is neither PEM nor base64.
    case unrecognizedText(Base64Error)
    /// Binary input that is not a DER key and not text.
    case unrecognizedBinary
    /// DER whose shape matches no key structure.
    case unrecognizedDER

    /// One sentence saying what the input is and, where there is one, what to do.
    public var description: String {
        switch self {
        case .empty:
            return "the key is empty"
        case let .inputTooLarge(size, limit):
            return "the input is \(size) bytes, more than the \(limit) bytes any key file needs"
        case let .malformed(error):
            return "the key's DER structure is invalid: \(error)"
        case let .pem(error):
            return "the PEM text is invalid: \(error)"
        case .encryptedKey:
            return "encrypted keys are not supported; decrypt first with: openssl pkey -in key.pem -out plain.pem"
        case let .notRSA(algorithm):
            return "this is \(article(algorithm)) \(algorithm) key; RS256 needs an RSA key"
        case .rsaPSSKey:
            return
                "this RSA key is restricted to RSA-PSS (OID 1.2.840.113549.1.1.10), which RS256 (PKCS#1 v1.5) may not use; generate a plain RSA key with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048"
        case .certificate:
            return
                "this is a certificate, not a key; signing needs the private key (to get the public key for verifying: openssl x509 -in cert.pem -pubkey -noout)"
        case .openSSHKey:
            return "this is an OpenSSH key; convert it with: ssh-keygen -p -m PKCS8 -f key (private) or ssh-keygen -e -m PKCS8 -f key.pub (public)"
        case .jsonWebKey:
            return "this looks like a JSON Web Key; give the key as PEM or DER"
        case .publicKeyNotPrivate:
            return "this is a public key; signing needs the private key"
        case .multiPrimeKey:
            return "this is a multi-prime RSA key (more than two primes), which is not supported"
        case let .unsupportedVersion(version):
            return "the key structure has version \(version), which this format does not define"
        case let .unsupportedAlgorithm(oid):
            return "the key's algorithm (OID \(oid)) is not RSA"
        case .invalidAlgorithmParameters:
            return "the rsaEncryption algorithm parameters must be NULL"
        case let .zeroInteger(field):
            return "the key's \(field) is zero, which no RSA key has"
        case let .multipleKeys(count):
            return "the text holds \(count) keys; give exactly one"
        case let .unsupportedPEMLabel(label):
            return "a PEM '\(label)' block is not an RSA key"
        case .base64NotPEM:
            return "the text is base64, but what it encodes is neither a PEM key nor a DER key"
        case let .unrecognizedText(error):
            return "the text is neither PEM nor base64 (\(error))"
        case .unrecognizedBinary:
            return "the bytes are neither DER nor text"
        case .unrecognizedDER:
            return "the DER structure is not a PKCS#1, PKCS#8 or SubjectPublicKeyInfo key"
        }
    }
}

private func article(_ word: String) -> String {
    guard let first = word.first else { return "a" }
    return "AEIOUFHLMNRSX".contains(first) ? "an" : "a"  // by sound: "an EC", "an Ed25519", "an X25519"
}
