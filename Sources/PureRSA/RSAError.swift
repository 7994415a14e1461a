@_spi(Internals) import PureBigNum

/// Why an RSA key was refused or a signature could not be made.
///
/// Every `description` is a sentence a tool can print as is. Verification never throws: a bad
/// signature is simply `false`.
@nonexhaustive
public enum RSAError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The key material could not be read (PEM, DER or base64 problem, wrong algorithm…).
    case keyFormat(RSAKeyFormatError)
    /// The modulus is smaller than the key policy allows.
    case keyTooSmall(bits: Int, minimum: Int)
    /// The modulus is larger than any supported key (16384 bits).
    case keyTooLarge(bits: Int, maximum: Int)
    /// The modulus is even, so it is not a product of two odd primes.
    case evenModulus
    /// The public exponent is even, or smaller than 3.
    case invalidPublicExponent
    /// The public exponent is wider than the 64 bits this implementation accepts.
    case publicExponentTooLarge(bits: Int, maximum: Int)
    /// The public exponent is not smaller than the modulus.
    case publicExponentNotBelowModulus
    /// The private exponent is zero or not smaller than the modulus.
    case privateExponentOutOfRange
    /// A prime factor is even or not greater than one.
    case invalidPrime(field: String)
    /// The two prime factors are equal.
    case equalPrimes
    /// p · q is not the modulus.
    case modulusNotProductOfPrimes
    /// d · e is not 1 modulo lcm(p − 1, q − 1).
    case privateExponentMismatch
    /// A CRT value (d mod (p − 1), d mod (q − 1) or q⁻¹ mod p) is not what the primes and d give.
    case crtValueMismatch(field: String)
    /// The modulus could not be factored from n, e and d (so d does not belong to n and e).
    case cannotRecoverPrimes
    /// The signature failed its check with the public key, so it was withheld (a fault during
    /// signing, e.g. a hardware error or a fault attack on the CRT computation).
    case signatureSelfCheckFailed
    /// The system's random source gave no usable bytes for a PSS salt (all zero), so nothing
    /// was signed.
    case randomSourceFailed
    /// A PSS salt of this length does not fit in the encoded message of this modulus.
    case saltTooLong(saltBytes: Int, modulusBits: Int)
    /// The digest given to sign is not a SHA-256, SHA-384 or SHA-512 digest (its length is
    /// none of 32, 48, 64 bytes): a conformer of `Digest` from outside this library.
    case unsupportedDigest(byteCount: Int)
    /// An arithmetic operation refused its operands. This indicates an internal inconsistency
    /// and is not expected for a key that passed validation.
    case arithmetic(BigNumError)

    /// The error as a sentence a tool can print as is.
    public var description: String {
        switch self {
        case let .keyFormat(error):
            return "the key could not be read: \(error)"
        case let .keyTooSmall(bits, minimum):
            return "the RSA modulus has \(bits) bits, fewer than the \(minimum) bits the key policy requires"
                + (minimum > RSAKeyPolicy.allowingLegacySizes.minimumModulusBits
                    ? " (keys of 1024 to 2047 bits need the explicit legacy policy)" : "")
        case let .keyTooLarge(bits, maximum):
            return "the RSA modulus has \(bits) bits, more than the \(maximum) bits supported"
        case .evenModulus:
            return "the RSA modulus is even, so it is not a product of two odd primes"
        case .invalidPublicExponent:
            return "the RSA public exponent must be odd and at least 3"
        case let .publicExponentTooLarge(bits, maximum):
            return "the RSA public exponent has \(bits) bits, more than the \(maximum) bits supported"
        case .publicExponentNotBelowModulus:
            return "the RSA public exponent is not smaller than the modulus"
        case .privateExponentOutOfRange:
            return "the RSA private exponent must be greater than zero and smaller than the modulus"
        case let .invalidPrime(field):
            return "the RSA key's \(field) must be odd and greater than one"
        case .equalPrimes:
            return "the RSA key's two primes are equal"
        case .modulusNotProductOfPrimes:
            return "the RSA modulus is not the product of the key's two primes"
        case .privateExponentMismatch:
            return "the RSA private exponent does not match the public exponent (d·e is not 1 modulo lcm(p−1, q−1))"
        case let .crtValueMismatch(field):
            return "the RSA key's \(field) does not match its primes and private exponent"
        case .cannotRecoverPrimes:
            return "the RSA modulus could not be factored from n, e and d, so d does not belong to this public key"
        case .signatureSelfCheckFailed:
            return "the signature failed its check with the public key and was withheld (a fault occurred while signing)"
        case .randomSourceFailed:
            return "the system's random number generator gave only zero bytes for the PSS salt, so nothing was signed"
        case let .saltTooLong(saltBytes, modulusBits):
            return "a \(saltBytes)-byte PSS salt does not fit with the digest in the encoding for a \(modulusBits)-bit modulus"
        case let .unsupportedDigest(byteCount):
            return "a \(byteCount)-byte digest is not a SHA-256, SHA-384 or SHA-512 digest; RSA signs only those (hash with SHA256, SHA384 or SHA512)"
        case let .arithmetic(error):
            return "an internal arithmetic step failed: \(error)"
        }
    }
}
