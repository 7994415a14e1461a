// What the three hashes have in common, so HMAC (and later RSA, ECDSA) can be written once,
// generically (no existentials: the code is specialised per hash, which Embedded Swift requires).
// Names follow swift-crypto's `HashFunction` and `Digest`.

/// A hash function with a streaming interface: ``SHA256``, ``SHA384`` and ``SHA512``.
///
/// Write generic code over it (`func f<H: HashFunction>(_: H.Type)`), not `any HashFunction`.
public protocol HashFunction: Sendable {
    /// The type of this function's result.
    associatedtype Digest: PureSHA2.Digest

    /// The number of bytes in one input block (64 for SHA-256, 128 for SHA-384 and SHA-512):
    /// the size HMAC pads its key to.
    static var blockByteCount: Int { get }

    /// Creates a hasher for a new, empty message.
    init()

    /// Appends the bytes of a raw buffer to the message.
    ///
    /// - Parameter bufferPointer: the next bytes of the message.
    mutating func update(bufferPointer: UnsafeRawBufferPointer)

    /// Returns the digest of the message appended so far, leaving the hasher unchanged.
    ///
    /// - Returns: the digest.
    func finalize() -> Digest
}

/// The fixed-size result of a ``HashFunction``: a collection of its bytes.
///
/// `==` on the digests of this module compares every byte without an early exit.
public protocol Digest: Hashable, Sendable, RandomAccessCollection, CustomStringConvertible
where Element == UInt8, Index == Int {
    /// The number of bytes in the digest.
    static var byteCount: Int { get }

    /// Calls `body` with the digest bytes.
    ///
    /// - Parameter body: a closure that reads the bytes; the pointer must not escape it.
    /// - Returns: what `body` returns.
    /// - Throws: whatever `body` throws.
    func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result
}

extension SHA256: HashFunction {}

// What every hash and every digest here share, written once. The hashing entry points are
// `@inlinable` so a caller in another module gets them specialised for its hash and its input
// type, as if each hash declared them itself.

extension HashFunction {
    /// The number of bytes in this function's digest: 32, 48 or 64.
    public static var byteCount: Int { Digest.byteCount }

    /// Hashes a whole message in one call.
    ///
    /// Contiguous collections (arrays, slices, `String.UTF8View`…) are read in place; other
    /// sequences are copied through a small buffer on the stack.
    ///
    /// - Parameter data: the message bytes.
    /// - Returns: the digest of `data`.
    @inlinable
    public static func hash<Bytes: Sequence<UInt8>>(data: Bytes) -> Digest {
        var hasher = Self()
        hasher.update(data: data)
        return hasher.finalize()
    }

    /// Hashes the bytes of a raw buffer in one call.
    ///
    /// - Parameter bufferPointer: the message bytes.
    /// - Returns: the digest of the buffer's bytes.
    @inlinable
    public static func hash(bufferPointer: UnsafeRawBufferPointer) -> Digest {
        var hasher = Self()
        hasher.update(bufferPointer: bufferPointer)
        return hasher.finalize()
    }

    /// Appends bytes to the message.
    ///
    /// Contiguous collections are read in place; other sequences are copied through a 64-byte
    /// buffer on the stack, so the work per byte stays small and nothing is allocated.
    ///
    /// - Parameter data: the next bytes of the message.
    @inlinable
    public mutating func update<Bytes: Sequence<UInt8>>(data: Bytes) {
        let done: Void? = data.withContiguousStorageIfAvailable { bytes in
            update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
        guard done == nil else { return }
        var chunk: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        for byte in data {
            withUnsafeMutableBytes(of: &chunk) { $0[count] = byte }
            count &+= 1
            if count == 64 {
                withUnsafeBytes(of: chunk) { update(bufferPointer: $0) }
                count = 0
            }
        }
        if count > 0 {
            withUnsafeBytes(of: chunk) { update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }
}

// `@inlinable` so that code in other modules, and generic code over a hash, reads the bytes
// through a specialised body, not a generic one per byte.
extension Digest {
    /// The position of the first byte: 0.
    @inlinable
    public var startIndex: Int { 0 }

    /// One past the position of the last byte: ``Digest/byteCount``.
    @inlinable
    public var endIndex: Int { Self.byteCount }

    /// The byte at `position`.
    ///
    /// - Parameter position: an index in `0 ..< byteCount`; any other index is a programming
    ///   error and stops the program, as for an array.
    @inlinable
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < Self.byteCount, "digest index out of range")
        return withUnsafeBytes { $0[position] }
    }

    /// The digest bytes as a new array.
    @inlinable
    public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

    /// The digest in lowercase hexadecimal (two digits per byte).
    public var description: String { hexDescription(self) }

    /// Whether two digests are equal, comparing every byte without an early exit.
    ///
    /// - Timing: independent of the digests' contents.
    @inlinable
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.withUnsafeBytes { left in
            rhs.withUnsafeBytes { right in
                var difference: UInt8 = 0
                for index in 0..<Self.byteCount { difference |= left[index] ^ right[index] }
                return difference == 0
            }
        }
    }

    /// Feeds the digest bytes to `hasher`.
    ///
    /// - Parameter hasher: the hasher to feed.
    @inlinable
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Lowercase hexadecimal of a digest's bytes (the `description` of every digest here).
func hexDescription<D: Digest>(_ digest: D) -> String {
    let digits: StaticString = "0123456789abcdef"
    var text = ""
    text.reserveCapacity(2 &* D.byteCount)
    digits.withUTF8Buffer { hex in
        for byte in digest {
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte &>> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0f)]))
        }
    }
    return text
}
