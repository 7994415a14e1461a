// The 32-byte result of SHA-256, stored inline (no heap allocation).

/// A SHA-256 digest: 32 bytes, stored inline.
///
/// It is a random-access collection of its bytes, so `Array(digest)`, `digest.elementsEqual(…)`
/// and `for byte in digest` work; `bytes` gives an array and `withUnsafeBytes` the raw bytes.
/// `description` is the digest in lowercase hexadecimal.
///
/// Timing: `==` compares all 32 bytes without an early exit, so comparing a computed digest
/// with an expected one does not reveal where they first differ.
public struct SHA256Digest: Digest {
    /// The digest bytes in order, eight per word, in memory order (not an integer value).
    private var words: (UInt64, UInt64, UInt64, UInt64)

    /// The number of bytes in a SHA-256 digest: 32.
    public static let byteCount = 32

    /// Makes the digest from the final chaining state (H0…H7, each written big-endian).
    init(state: SHA256.State) {
        words = (0, 0, 0, 0)
        let h = (state.h0, state.h1, state.h2, state.h3, state.h4, state.h5, state.h6, state.h7)
        withUnsafeMutableBytes(of: &words) { out in
            out.storeBytes(of: h.0.bigEndian, toByteOffset: 0, as: UInt32.self)
            out.storeBytes(of: h.1.bigEndian, toByteOffset: 4, as: UInt32.self)
            out.storeBytes(of: h.2.bigEndian, toByteOffset: 8, as: UInt32.self)
            out.storeBytes(of: h.3.bigEndian, toByteOffset: 12, as: UInt32.self)
            out.storeBytes(of: h.4.bigEndian, toByteOffset: 16, as: UInt32.self)
            out.storeBytes(of: h.5.bigEndian, toByteOffset: 20, as: UInt32.self)
            out.storeBytes(of: h.6.bigEndian, toByteOffset: 24, as: UInt32.self)
            out.storeBytes(of: h.7.bigEndian, toByteOffset: 28, as: UInt32.self)
        }
    }

    /// Makes a digest from exactly 32 bytes (for tests, and PureRSA's digest dispatch); nil for
    /// any other count.
    package init?(bytes: [UInt8]) {
        guard bytes.count == SHA256Digest.byteCount else { return nil }
        words = (0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { out in out.copyBytes(from: bytes) }
    }

    /// Calls `body` with the 32 digest bytes.
    ///
    /// - Parameter body: a closure that reads the bytes; the pointer must not escape it.
    /// - Returns: what `body` returns.
    /// - Throws: whatever `body` throws.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try Swift.withUnsafeBytes(of: words) { (raw) throws(Failure) -> Result in
            try body(raw)
        }
    }

}
