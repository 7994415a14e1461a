/// An arbitrary-precision unsigned integer for public values.
///
/// `BigUInt` is the general-purpose number type of `PureBigNum`: key parsing and validation,
/// key generation, public-exponent operations and tests. It stores its magnitude as
/// little-endian 64-bit limbs, always normalized (no high zero limbs; zero has no limbs), so
/// two equal values always have equal `limbs` and the synthesized `Hashable` is correct.
///
/// Timing contract: every operation is **variable-time**. Running time, branches and memory
/// accesses depend on the values. Never hand it a secret (a private exponent, a prime factor,
/// a message representative during signing); use the constant-time Montgomery core for those.
///
/// Limbs are `UInt64` on every platform, including 32-bit ones such as wasm32: nothing here
/// assumes `Int` is 64 bits wide.
@_spi(Internals) public struct BigUInt: Sendable, Hashable, Comparable, ExpressibleByIntegerLiteral, CustomStringConvertible {
    /// The magnitude as little-endian 64-bit limbs: `limbs[0]` is the least significant.
    ///
    /// Always normalized: the last limb is nonzero, and zero is the empty array.
    @_spi(Internals) public private(set) var limbs: [UInt64]

    /// Creates zero.
    @_spi(Internals) public init() {
        limbs = []
    }

    /// Creates the value of a single 64-bit word.
    ///
    /// - Parameter value: the value; zero gives the empty limb array.
    @_spi(Internals) public init(_ value: UInt64) {
        limbs = value == 0 ? [] : [value]
    }

    /// Creates a value from little-endian 64-bit limbs, dropping any high zero limbs.
    ///
    /// - Parameter limbs: the limbs, least significant first; may be empty or carry high zeros.
    @_spi(Internals) public init(limbs: [UInt64]) {
        self.limbs = limbs
        normalize()
    }

    /// Drops high zero limbs so that the representation is canonical.
    mutating func normalize() {
        while let last = limbs.last, last == 0 {
            limbs.removeLast()
        }
    }

    /// Lets code in other files of the module edit the limbs in place (no copy), then
    /// restores the normalization invariant. `limbs` keeps a private setter so that nothing can
    /// leave a denormalized value behind.
    @inline(__always)
    mutating func withMutableLimbs<T>(_ body: (inout [UInt64]) -> T) -> T {
        defer { normalize() }
        return body(&limbs)
    }
}

// MARK: - Literals

extension BigUInt {
    /// Creates a value from an integer literal that fits in 64 bits, e.g. `let e: BigUInt = 65537`.
    ///
    /// - Parameter value: the literal.
    @_spi(Internals) public init(integerLiteral value: UInt64) {
        self.init(value)
    }
}

// MARK: - Properties

extension BigUInt {
    /// Whether the value is zero.
    package var isZero: Bool { limbs.isEmpty }

    /// Whether the value is odd.
    package var isOdd: Bool { (limbs.first ?? 0) & 1 == 1 }

    /// The number of significant bits: the position of the highest set bit plus one, 0 for zero.
    ///
    /// For example `BigUInt(1).bitLength == 1`, `BigUInt(255).bitLength == 8`, and a 2048-bit
    /// RSA modulus has `bitLength == 2048`.
    @_spi(Internals) public var bitLength: Int {
        guard let top = limbs.last else { return 0 }
        return (limbs.count - 1) * 64 + (64 - top.leadingZeroBitCount)
    }

    /// The number of low zero bits, i.e. the exponent of the largest power of two dividing the
    /// value. Zero has no set bit; by convention this returns 0 for zero.
    package var trailingZeroBitCount: Int {
        for (index, limb) in limbs.enumerated() where limb != 0 {
            return index * 64 + limb.trailingZeroBitCount
        }
        return 0
    }

    /// Whether bit `index` (0 = least significant) is set.
    ///
    /// - Parameter index: the bit position. Negative positions and positions at or above
    ///   `bitLength` read as `false`; this never traps.
    /// - Returns: `true` when the bit is 1.
    @_spi(Internals) public func bit(at index: Int) -> Bool {
        guard index >= 0 else { return false }
        let limbIndex = index / 64
        guard limbIndex < limbs.count else { return false }
        return (limbs[limbIndex] >> UInt64(index % 64)) & 1 == 1
    }
}

// MARK: - Comparison

extension BigUInt {
    /// Orders two values by magnitude.
    ///
    /// - Parameters:
    ///   - lhs: the left operand.
    ///   - rhs: the right operand.
    /// - Returns: `true` when `lhs` is strictly smaller than `rhs`.
    @_spi(Internals) public static func < (lhs: BigUInt, rhs: BigUInt) -> Bool {
        compare(lhs.limbs[...], rhs.limbs[...]) < 0
    }

    /// Three-way comparison of two normalized limb slices: -1, 0 or 1.
    static func compare(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>) -> Int {
        if a.count != b.count { return a.count < b.count ? -1 : 1 }
        var i = a.count - 1
        while i >= 0 {
            let x = a[a.startIndex + i], y = b[b.startIndex + i]
            if x != y { return x < y ? -1 : 1 }
            i -= 1
        }
        return 0
    }
}

// MARK: - Bytes

extension BigUInt {
    /// Creates a value from its big-endian byte representation (the form used by DER INTEGERs,
    /// JWK members and RSA signatures).
    ///
    /// - Parameter bigEndianBytes: the bytes, most significant first. Leading zero bytes are
    ///   allowed and ignored; an empty collection gives zero.
    @_spi(Internals) public init(bigEndianBytes: some Collection<UInt8>) {
        // Work on contiguous memory in non-generic code: an unspecialized generic loop over a
        // collection from another module costs a witness call per byte (measured ~80 ns/byte).
        if let value = bigEndianBytes.withContiguousStorageIfAvailable({ BigUInt.fromBigEndian($0) }) {
            self = value
        } else {
            self = Array(bigEndianBytes).withUnsafeBufferPointer { BigUInt.fromBigEndian($0) }
        }
    }

    /// The value of big-endian bytes in memory.
    private static func fromBigEndian(_ bytes: UnsafeBufferPointer<UInt8>) -> BigUInt {
        let count = bytes.count
        var limbs = [UInt64](repeating: 0, count: (count + 7) / 8)
        for index in 0..<count {
            let position = count - 1 - index  // counted from the least significant byte
            limbs[position / 8] |= UInt64(bytes[index]) << UInt64((position % 8) * 8)
        }
        return BigUInt(limbs: limbs)
    }

    /// The minimal big-endian byte representation: no leading zero byte, and zero gives `[]`.
    ///
    /// - Returns: the bytes, most significant first.
    @_spi(Internals) public func bigEndianBytes() -> [UInt8] {
        let byteCount = (bitLength + 7) / 8
        return bytesUnchecked(width: byteCount)
    }

    /// The big-endian byte representation left-padded with zeros to exactly `width` bytes
    /// (the I2OSP primitive of RFC 8017).
    ///
    /// - Parameter width: the number of bytes wanted.
    /// - Returns: exactly `width` bytes, most significant first.
    /// - Throws: `BigNumError.valueTooWide` when the value needs more than `width` bytes, or
    ///   when `width` is negative.
    @_spi(Internals) public func bigEndianBytes(width: Int) throws(BigNumError) -> [UInt8] {
        let needed = (bitLength + 7) / 8
        guard width >= 0, needed <= width else {
            throw .valueTooWide(bytes: needed, maximum: width)
        }
        return bytesUnchecked(width: width)
    }

    /// Big-endian bytes padded to `width`, which must be at least the minimal byte count.
    private func bytesUnchecked(width: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: width)
        let significant = (bitLength + 7) / 8
        for position in 0..<significant {  // position counts bytes from the least significant
            let limb = limbs[position / 8]
            bytes[width - 1 - position] = UInt8(truncatingIfNeeded: limb >> UInt64((position % 8) * 8))
        }
        return bytes
    }
}
