// SHA-256 (FIPS 180-4): one-shot and streaming hashing. Names follow swift-crypto's `SHA256`.

/// The SHA-256 hash function, usable in one shot or incrementally.
///
/// One shot: `let digest = SHA256.hash(data: bytes)`.
/// Streaming: `var hasher = SHA256(); hasher.update(data: part1); hasher.update(data: part2);
/// let digest = hasher.finalize()`.
///
/// A value type: copying a hasher forks the computation, so a common prefix can be hashed once.
/// Nothing is allocated on the heap; the whole hasher is 112 bytes stored inline.
///
/// Timing: the work depends only on the message length, never on the message bytes.
public struct SHA256: Sendable {
    /// The number of bytes in one SHA-256 input block: 64.
    public static let blockByteCount = 64

    /// The chaining value after every whole block absorbed so far.
    private var state = State()

    /// Bytes of a not-yet-complete block (only the first `bufferedCount` are meaningful).
    private var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
        (0, 0, 0, 0, 0, 0, 0, 0)

    /// How many bytes of `buffer` are in use, always 0 ..< 64.
    private var bufferedCount = 0

    /// The message length so far in bytes, modulo 2^64 (SHA-256 defines messages below 2^61 bytes).
    private var totalCount: UInt64 = 0

    /// Creates a hasher for a new, empty message.
    public init() {}

    /// Appends the bytes of a raw buffer to the message.
    ///
    /// - Parameter bufferPointer: the next bytes of the message; whole blocks are hashed in place.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        guard var source = bufferPointer.baseAddress, bufferPointer.count > 0 else { return }
        var remaining = bufferPointer.count
        totalCount &+= UInt64(truncatingIfNeeded: remaining)

        // Top up a partial block first.
        if bufferedCount > 0 {
            let taken = min(remaining, SHA256.blockByteCount &- bufferedCount)
            let filled = bufferedCount
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress!.advanced(by: filled).copyMemory(from: source, byteCount: taken)
            }
            bufferedCount &+= taken
            source += taken
            remaining &-= taken
            guard bufferedCount == SHA256.blockByteCount else { return }
            compressBuffer()
        }

        // Whole blocks straight from the caller's memory.
        let wholeBlocks = remaining / SHA256.blockByteCount
        if wholeBlocks > 0 {
            SHA256.compress(&state, blocks: source, count: wholeBlocks)
            source += wholeBlocks &* SHA256.blockByteCount
            remaining &-= wholeBlocks &* SHA256.blockByteCount
        }

        // Keep the tail for later.
        if remaining > 0 {
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress!.copyMemory(from: source, byteCount: remaining)
            }
            bufferedCount = remaining
        }
    }

    /// Hashes the full 64-byte buffer and empties it.
    private mutating func compressBuffer() {
        let block = buffer
        withUnsafeBytes(of: block) { bytes in
            SHA256.compress(&state, blocks: bytes.baseAddress!, count: 1)
        }
        bufferedCount = 0
    }

    /// Returns the digest of the message appended so far.
    ///
    /// The hasher itself is left unchanged, so more bytes may be appended afterwards to get the
    /// digest of a longer message.
    ///
    /// - Returns: the SHA-256 digest.
    public func finalize() -> SHA256Digest {
        var copy = self
        let bitLength = totalCount &<< 3
        // Padding: 0x80, zeros up to 56 mod 64, then the bit length as a big-endian UInt64.
        let used = copy.bufferedCount
        withUnsafeMutableBytes(of: &copy.buffer) { block in
            block.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
            for index in (used &+ 1)..<SHA256.blockByteCount {
                block.storeBytes(of: 0, toByteOffset: index, as: UInt8.self)
            }
        }
        if used >= SHA256.blockByteCount &- 8 {
            copy.compressBuffer()
            copy.buffer = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        withUnsafeMutableBytes(of: &copy.buffer) { block in
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
        }
        copy.compressBuffer()
        return SHA256Digest(state: copy.state)
    }
}
