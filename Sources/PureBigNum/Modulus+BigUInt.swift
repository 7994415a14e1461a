// Conveniences between Modulus and BigUInt (public values only: BigUInt is variable time).

extension Modulus {
    /// Makes a modulus from a `BigUInt`.
    ///
    /// - Parameter value: an odd number greater than one (public: `BigUInt` is variable time).
    /// - Throws: ``BigNumError/modulusTooSmall`` for 0 or 1, ``BigNumError/evenModulus`` for an
    ///   even value, ``BigNumError/operandTooWide(limbs:maximum:)`` beyond
    ///   ``maximumLimbCount`` limbs.
    @_spi(Internals) public init(_ value: BigUInt) throws(BigNumError) {
        try self.init(limbs: value.limbs)
    }

    /// The modulus as a `BigUInt`.
    @_spi(Internals) public var value: BigUInt {
        BigUInt(limbs: limbs)
    }
}
