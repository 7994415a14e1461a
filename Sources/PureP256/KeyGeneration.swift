@_spi(Internals) import PureBigNum

extension P256.Signing.PrivateKey {
    /// Generates a new private key from `SystemRandomNumberGenerator` (the operating system's
    /// generator, as RSA key generation uses).
    ///
    /// FIPS 186-5 appendix A.2.2, rejection sampling: 256 random bits c are drawn until
    /// c ≤ n − 2, and d = c + 1, so d is uniform in 1…n − 1.
    ///
    /// Timing contract: the comparison, the addition and d·G are constant time; the only thing
    /// that depends on the random bits is whether a candidate is rejected (probability about
    /// 2^−32), which says nothing about the d that is kept.
    public init() {
        var generator = SystemRandomNumberGenerator()
        self.init(using: &generator)
    }

    /// Generates a private key with the given generator (FIPS 186-5 A.2.2, see ``init()``).
    /// For tests and benchmarks that need reproducible keys; `generator` must be a
    /// cryptographically secure generator for any real key.
    ///
    /// - Parameter generator: The source of the random bits.
    package init<R: RandomNumberGenerator>(using generator: inout R) {
        // n − 2
        let bound = Limbs256(0xF3B9_CAC2_FC63_254F, 0xBCE6_FAAD_A717_9E84, 0xFFFF_FFFF_FFFF_FFFF, 0xFFFF_FFFF_0000_0000)
        while true {
            let c = Limbs256(generator.next(), generator.next(), generator.next(), generator.next())
            // c ≤ n − 2  ⟺  not (n − 2 < c).
            let accepted = Choice.isZero(bound.lessThanWord(c))
            guard accepted.declassified() else { continue }
            var d = Limbs256.zero
            var carry: UInt64
            (d.w0, carry) = adc(c.w0, 1, 0)
            (d.w1, carry) = adc(c.w1, 0, carry)
            (d.w2, carry) = adc(c.w2, 0, carry)
            (d.w3, _) = adc(c.w3, 0, carry)
            // 1 ≤ d ≤ n − 1, so this cannot throw.
            self = try! P256.Signing.PrivateKey(rawRepresentation: d.bigEndianBytes)
            return
        }
    }
}
