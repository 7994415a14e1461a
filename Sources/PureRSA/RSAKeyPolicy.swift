/// Which RSA key sizes are accepted, for private and public keys alike.
///
/// The default, ``standard``, refuses moduli below 2048 bits, as node-jsonwebtoken 9 and
/// swift-crypto do. ``allowingLegacySizes`` is an explicit opt-in to 1024–2047-bit keys, for
/// tests and for verifying tokens from legacy systems. No policy accepts more than 16384 bits
/// (larger keys only cost time) or fewer than 1024.
///
/// The same policy governs public keys used for verification: a token signed with a key an
/// attacker could factor proves nothing, so a 1024-bit public key needs the opt-in too.
public struct RSAKeyPolicy: Sendable, Hashable {
    /// The smallest modulus accepted, in bits.
    public let minimumModulusBits: Int

    /// The largest modulus any policy accepts, in bits.
    public static let maximumModulusBits = 16384

    /// Moduli of 2048 to 16384 bits: the default everywhere.
    public static let standard = RSAKeyPolicy(minimumModulusBits: 2048)

    /// Moduli of 1024 to 16384 bits: an explicit opt-in for tests and legacy keys.
    public static let allowingLegacySizes = RSAKeyPolicy(minimumModulusBits: 1024)

    private init(minimumModulusBits: Int) {
        self.minimumModulusBits = minimumModulusBits
    }

    /// Refuses a modulus size outside the policy.
    ///
    /// - Parameter bits: the modulus size in bits.
    /// - Throws: ``RSAError/keyTooSmall(bits:minimum:)`` or ``RSAError/keyTooLarge(bits:maximum:)``.
    func check(modulusBits bits: Int) throws(RSAError) {
        if bits < minimumModulusBits { throw .keyTooSmall(bits: bits, minimum: minimumModulusBits) }
        if bits > RSAKeyPolicy.maximumModulusBits {
            throw .keyTooLarge(bits: bits, maximum: RSAKeyPolicy.maximumModulusBits)
        }
    }
}
