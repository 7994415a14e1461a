// The 64-byte result of SHA-512 and the 48-byte result of SHA-384, stored inline.

/// A SHA-512 digest: 64 bytes, stored inline.
///
/// A random-access collection of its bytes (`Array(digest)`, `for byte in digest`); `bytes` gives
/// an array and `withUnsafeBytes` the raw bytes. `description` is lowercase hexadecimal.
///
/// Timing: `==` compares all 64 bytes without an early exit.
public struct SHA512Digest: Digest {
    /// The digest bytes in order, eight per word, in memory order (not integer values).
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// The number of bytes in a SHA-512 digest: 64.
    public static let byteCount = 64

    /// Makes the digest from the final chaining state (H0…H7, each written big-endian).
    init(state: SHA512State) {
        words = (
            state.h0.bigEndian, state.h1.bigEndian, state.h2.bigEndian, state.h3.bigEndian,
            state.h4.bigEndian, state.h5.bigEndian, state.h6.bigEndian, state.h7.bigEndian
        )
    }

    /// Makes a digest from exactly 64 bytes (for tests); nil for any other count.
    init?(bytes: [UInt8]) {
        guard bytes.count == SHA512Digest.byteCount else { return nil }
        words = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { out in out.copyBytes(from: bytes) }
    }

    /// The position of the first byte: 0.
    public var startIndex: Int { 0 }

    /// One past the position of the last byte: 64.
    public var endIndex: Int { SHA512Digest.byteCount }

    /// The byte at `position`.
    ///
    /// - Parameter position: an index in `0 ..< 64`; any other index is a programming error and
    ///   stops the program, as for an array.
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < SHA512Digest.byteCount, "SHA512Digest index out of range")
        return Swift.withUnsafeBytes(of: words) { $0.load(fromByteOffset: position, as: UInt8.self) }
    }

    /// The digest bytes as a new array.
    public var bytes: [UInt8] { Array(self) }

    /// Calls `body` with the 64 digest bytes.
    ///
    /// - Parameter body: a closure that reads the bytes; the pointer must not escape it.
    /// - Returns: what `body` returns.
    /// - Throws: whatever `body` throws.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try Swift.withUnsafeBytes(of: words) { (raw) throws(Failure) -> Result in try body(raw) }
    }

    /// The digest as 128 lowercase hexadecimal digits.
    public var description: String { hexDescription(self) }

    /// Whether two digests are equal, comparing all 64 bytes without an early exit.
    ///
    /// - Timing: independent of the digests' contents.
    public static func == (lhs: SHA512Digest, rhs: SHA512Digest) -> Bool {
        let (l, r) = (lhs.words, rhs.words)
        let difference =
            (l.0 ^ r.0) | (l.1 ^ r.1) | (l.2 ^ r.2) | (l.3 ^ r.3)
            | (l.4 ^ r.4) | (l.5 ^ r.5) | (l.6 ^ r.6) | (l.7 ^ r.7)
        return difference == 0
    }

    /// Feeds the 64 digest bytes to `hasher`.
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// A SHA-384 digest: 48 bytes, stored inline.
///
/// A random-access collection of its bytes (`Array(digest)`, `for byte in digest`); `bytes` gives
/// an array and `withUnsafeBytes` the raw bytes. `description` is lowercase hexadecimal.
///
/// Timing: `==` compares all 48 bytes without an early exit.
public struct SHA384Digest: Digest {
    /// The digest bytes in order, eight per word, in memory order (not integer values).
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)

    /// The number of bytes in a SHA-384 digest: 48.
    public static let byteCount = 48

    /// Makes the digest from the final chaining state (H0…H5, each written big-endian; H6 and
    /// H7 are dropped).
    init(state: SHA512State) {
        words = (
            state.h0.bigEndian, state.h1.bigEndian, state.h2.bigEndian,
            state.h3.bigEndian, state.h4.bigEndian, state.h5.bigEndian
        )
    }

    /// Makes a digest from exactly 48 bytes (for tests); nil for any other count.
    init?(bytes: [UInt8]) {
        guard bytes.count == SHA384Digest.byteCount else { return nil }
        words = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { out in out.copyBytes(from: bytes) }
    }

    /// The position of the first byte: 0.
    public var startIndex: Int { 0 }

    /// One past the position of the last byte: 48.
    public var endIndex: Int { SHA384Digest.byteCount }

    /// The byte at `position`.
    ///
    /// - Parameter position: an index in `0 ..< 48`; any other index is a programming error and
    ///   stops the program, as for an array.
    public subscript(position: Int) -> UInt8 {
        precondition(position >= 0 && position < SHA384Digest.byteCount, "SHA384Digest index out of range")
        return Swift.withUnsafeBytes(of: words) { $0.load(fromByteOffset: position, as: UInt8.self) }
    }

    /// The digest bytes as a new array.
    public var bytes: [UInt8] { Array(self) }

    /// Calls `body` with the 48 digest bytes.
    ///
    /// - Parameter body: a closure that reads the bytes; the pointer must not escape it.
    /// - Returns: what `body` returns.
    /// - Throws: whatever `body` throws.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try Swift.withUnsafeBytes(of: words) { (raw) throws(Failure) -> Result in try body(raw) }
    }

    /// The digest as 96 lowercase hexadecimal digits.
    public var description: String { hexDescription(self) }

    /// Whether two digests are equal, comparing all 48 bytes without an early exit.
    ///
    /// - Timing: independent of the digests' contents.
    public static func == (lhs: SHA384Digest, rhs: SHA384Digest) -> Bool {
        let (l, r) = (lhs.words, rhs.words)
        let difference = (l.0 ^ r.0) | (l.1 ^ r.1) | (l.2 ^ r.2) | (l.3 ^ r.3) | (l.4 ^ r.4) | (l.5 ^ r.5)
        return difference == 0
    }

    /// Feeds the 48 digest bytes to `hasher`.
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) {
        withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
