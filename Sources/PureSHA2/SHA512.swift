// SHA-512 and SHA-384 (FIPS 180-4): one-shot and streaming hashing. Names follow swift-crypto's
// `SHA512` and `SHA384`. Both run the same 128-byte-block machinery (`SHA512Core`); SHA-384 starts
// from other initial values and keeps the first 48 bytes of the result.

/// The buffering, length counting and padding shared by SHA-512 and SHA-384.
struct SHA512Core: Sendable {
    /// The number of bytes in one input block: 128.
    static let blockByteCount = 128

    /// The chaining value after every whole block absorbed so far.
    private(set) var state: SHA512State

    /// Bytes of a not-yet-complete block (only the first `bufferedCount` are meaningful).
    private var buffer:
        (
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
            UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64
        ) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)

    /// How many bytes of `buffer` are in use, always 0 ..< 128.
    private var bufferedCount = 0

    /// The message length so far in bytes, modulo 2^64 (the 128-bit bit length in the padding is
    /// this times 8, so messages below 2^64 bytes are counted exactly).
    private var totalCount: UInt64 = 0

    init(state: SHA512State) {
        self.state = state
    }

    /// Appends the bytes of a raw buffer; whole blocks are hashed in place.
    mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        guard var source = bufferPointer.baseAddress, bufferPointer.count > 0 else { return }
        var remaining = bufferPointer.count
        totalCount &+= UInt64(truncatingIfNeeded: remaining)

        // Top up a partial block first.
        if bufferedCount > 0 {
            let taken = min(remaining, SHA512Core.blockByteCount &- bufferedCount)
            let filled = bufferedCount
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress!.advanced(by: filled).copyMemory(from: source, byteCount: taken)
            }
            bufferedCount &+= taken
            source += taken
            remaining &-= taken
            guard bufferedCount == SHA512Core.blockByteCount else { return }
            compressBuffer()
        }

        // Whole blocks straight from the caller's memory.
        let wholeBlocks = remaining / SHA512Core.blockByteCount
        if wholeBlocks > 0 {
            state.compress(blocks: source, count: wholeBlocks)
            source += wholeBlocks &* SHA512Core.blockByteCount
            remaining &-= wholeBlocks &* SHA512Core.blockByteCount
        }

        // Keep the tail for later.
        if remaining > 0 {
            withUnsafeMutableBytes(of: &buffer) { block in
                block.baseAddress!.copyMemory(from: source, byteCount: remaining)
            }
            bufferedCount = remaining
        }
    }

    /// Hashes the full 128-byte buffer and empties it.
    private mutating func compressBuffer() {
        let block = buffer
        withUnsafeBytes(of: block) { bytes in
            state.compress(blocks: bytes.baseAddress!, count: 1)
        }
        bufferedCount = 0
    }

    /// The chaining value after padding the message so far; `self` is left unchanged.
    func finalState() -> SHA512State {
        var copy = self
        // Padding: 0x80, zeros up to 112 mod 128, then the bit length as a big-endian 128-bit
        // integer (high word: the top three bits of the byte count).
        let used = copy.bufferedCount
        withUnsafeMutableBytes(of: &copy.buffer) { block in
            block.storeBytes(of: 0x80, toByteOffset: used, as: UInt8.self)
            for index in (used &+ 1)..<SHA512Core.blockByteCount {
                block.storeBytes(of: 0, toByteOffset: index, as: UInt8.self)
            }
        }
        if used >= SHA512Core.blockByteCount &- 16 {
            copy.compressBuffer()
            copy.buffer = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        }
        let (high, low) = (totalCount &>> 61, totalCount &<< 3)
        withUnsafeMutableBytes(of: &copy.buffer) { block in
            block.storeBytes(of: high.bigEndian, toByteOffset: 112, as: UInt64.self)
            block.storeBytes(of: low.bigEndian, toByteOffset: 120, as: UInt64.self)
        }
        copy.compressBuffer()
        return copy.state
    }
}

/// The SHA-512 hash function, usable in one shot or incrementally.
///
/// One shot: `let digest = SHA512.hash(data: bytes)`.
/// Streaming: `var hasher = SHA512(); hasher.update(data: part1); hasher.update(data: part2);
/// let digest = hasher.finalize()`.
///
/// A value type: copying a hasher forks the computation. Nothing is allocated on the heap.
///
/// Timing: the work depends only on the message length, never on the message bytes.
public struct SHA512: HashFunction {
    /// The number of bytes in one SHA-512 input block: 128.
    public static let blockByteCount = 128

    private var core = SHA512Core(state: .sha512)

    /// Creates a hasher for a new, empty message.
    public init() {}

    /// Appends the bytes of a raw buffer to the message.
    ///
    /// - Parameter bufferPointer: the next bytes of the message; whole blocks are hashed in place.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer: bufferPointer)
    }

    /// Returns the digest of the message appended so far; the hasher is left unchanged.
    ///
    /// - Returns: the SHA-512 digest.
    public func finalize() -> SHA512Digest {
        SHA512Digest(state: core.finalState())
    }
}

/// The SHA-384 hash function (SHA-512 with other initial values, truncated to 48 bytes), usable
/// in one shot or incrementally.
///
/// One shot: `let digest = SHA384.hash(data: bytes)`.
/// Streaming: `var hasher = SHA384(); hasher.update(data: part1); hasher.update(data: part2);
/// let digest = hasher.finalize()`.
///
/// A value type: copying a hasher forks the computation. Nothing is allocated on the heap.
///
/// Timing: the work depends only on the message length, never on the message bytes.
public struct SHA384: HashFunction {
    /// The number of bytes in one SHA-384 input block: 128.
    public static let blockByteCount = 128

    private var core = SHA512Core(state: .sha384)

    /// Creates a hasher for a new, empty message.
    public init() {}

    /// Appends the bytes of a raw buffer to the message.
    ///
    /// - Parameter bufferPointer: the next bytes of the message; whole blocks are hashed in place.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        core.update(bufferPointer: bufferPointer)
    }

    /// Returns the digest of the message appended so far; the hasher is left unchanged.
    ///
    /// - Returns: the SHA-384 digest.
    public func finalize() -> SHA384Digest {
        SHA384Digest(state: core.finalState())
    }
}
