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

    /// Makes a digest from exactly 64 bytes (for tests, and PureRSA's digest dispatch); nil for
    /// any other count.
    package init?(bytes: [UInt8]) {
        guard bytes.count == SHA512Digest.byteCount else { return nil }
        words = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { out in out.copyBytes(from: bytes) }
    }

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

    /// Makes a digest from exactly 48 bytes (for tests, and PureRSA's digest dispatch); nil for
    /// any other count.
    package init?(bytes: [UInt8]) {
        guard bytes.count == SHA384Digest.byteCount else { return nil }
        words = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { out in out.copyBytes(from: bytes) }
    }

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

}
