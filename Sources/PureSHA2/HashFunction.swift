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
extension SHA256Digest: Digest {}

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
