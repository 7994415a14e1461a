// HMAC (RFC 2104, FIPS 198-1) over any HashFunction of this module. Names follow swift-crypto's
// `HMAC`, `SymmetricKey` and `HashedAuthenticationCode`.

/// A secret key for HMAC: any number of bytes.
///
/// RFC 2104 allows any length: a key longer than the hash's block is hashed first, a shorter one
/// is padded with zeros. (JWS asks for at least the hash's output length, RFC 7518 §3.2; that
/// policy belongs to the caller.)
public struct SymmetricKey: Sendable {
    /// The key bytes.
    private let key: [UInt8]

    /// Makes a key from its bytes.
    ///
    /// - Parameter data: the key bytes, copied.
    public init<Bytes: Sequence<UInt8>>(data: Bytes) {
        key = Array(data)
    }

    /// The length of the key in bits (8 × its byte count).
    public var bitCount: Int { key.count &* 8 }

    /// Calls `body` with the key bytes.
    ///
    /// - Parameter body: a closure that reads the bytes; the pointer must not escape it.
    /// - Returns: what `body` returns.
    /// - Throws: whatever `body` throws.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        // Array's withUnsafeBytes is not typed-throws; carry the typed error out in a Result.
        let outcome: Swift.Result<Result, Failure> = key.withUnsafeBytes { raw in
            do throws(Failure) { return .success(try body(raw)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }
}

/// A keyed-hash message authentication code (HMAC) over the hash function `H`.
///
/// One shot: `let tag = HMAC<SHA256>.authenticationCode(for: message, using: key)`.
/// Checking a tag someone sent: `HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating:
/// message, using: key)`, which compares in constant time.
/// Streaming: `var mac = HMAC<SHA256>(key: key); mac.update(data: part); let tag = mac.finalize()`.
///
/// A value type: copying it forks the computation (RFC 6979's HMAC_DRBG can key once and reuse).
///
/// Timing: the work depends only on the key's length and the message's length, never on their
/// bytes.
public struct HMAC<H: HashFunction>: Sendable {
    /// The hash of (key ⊕ ipad) ‖ message so far.
    private var inner: H
    /// The hash of (key ⊕ opad), waiting for the inner digest.
    private var outer: H

    /// Starts an authentication code with `key`.
    ///
    /// - Parameter key: the secret key, of any length (longer than `H.blockByteCount`: hashed
    ///   first, as RFC 2104 says).
    public init(key: SymmetricKey) {
        var block = [UInt8](repeating: 0, count: H.blockByteCount)
        key.withUnsafeBytes { bytes in
            if bytes.count > H.blockByteCount {
                var hasher = H()
                hasher.update(bufferPointer: bytes)
                hasher.finalize().withUnsafeBytes { digest in
                    for index in 0..<digest.count { block[index] = digest[index] }
                }
            } else {
                for index in 0..<bytes.count { block[index] = bytes[index] }
            }
        }
        for index in block.indices { block[index] ^= 0x36 }
        var innerHash = H()
        block.withUnsafeBytes { innerHash.update(bufferPointer: $0) }
        for index in block.indices { block[index] ^= 0x36 ^ 0x5c }
        var outerHash = H()
        block.withUnsafeBytes { outerHash.update(bufferPointer: $0) }
        for index in block.indices { block[index] = 0 }
        (inner, outer) = (innerHash, outerHash)
    }

    /// Computes the authentication code of a whole message.
    ///
    /// - Parameters:
    ///   - data: the message bytes.
    ///   - key: the secret key.
    /// - Returns: the authentication code (`H.Digest.byteCount` bytes).
    @inlinable
    public static func authenticationCode<Bytes: Sequence<UInt8>>(
        for data: Bytes, using key: SymmetricKey
    ) -> HashedAuthenticationCode<H> {
        var mac = HMAC(key: key)
        mac.update(data: data)
        return mac.finalize()
    }

    /// Whether `authenticationCode` is the authentication code of `data` under `key`.
    ///
    /// - Parameters:
    ///   - authenticationCode: the code to check (e.g. decoded from a token); any length.
    ///   - data: the message bytes.
    ///   - key: the secret key.
    /// - Returns: true exactly when `authenticationCode` has `H.Digest.byteCount` bytes and all
    ///   of them match.
    /// - Timing: the comparison looks at every byte whatever the contents (no early exit), so
    ///   the time does not tell how much of a forged code was right. A code of the wrong length
    ///   is refused at once (the length is public).
    @inlinable
    public static func isValidAuthenticationCode<Code: Sequence<UInt8>, Bytes: Sequence<UInt8>>(
        _ authenticationCode: Code, authenticating data: Bytes, using key: SymmetricKey
    ) -> Bool {
        let expected = HMAC.authenticationCode(for: data, using: key)
        if let verdict = authenticationCode.withContiguousStorageIfAvailable({ code in
            expected.matches(UnsafeRawBufferPointer(code))
        }) {
            return verdict
        }
        return Array(authenticationCode).withUnsafeBytes { expected.matches($0) }
    }

    /// Appends bytes to the message.
    ///
    /// - Parameter data: the next bytes of the message.
    @inlinable
    public mutating func update<Bytes: Sequence<UInt8>>(data: Bytes) {
        let done: Void? = data.withContiguousStorageIfAvailable { bytes in
            update(bufferPointer: UnsafeRawBufferPointer(bytes))
        }
        if done == nil {
            Array(data).withUnsafeBytes { update(bufferPointer: $0) }
        }
    }

    /// Appends the bytes of a raw buffer to the message.
    ///
    /// - Parameter bufferPointer: the next bytes of the message.
    public mutating func update(bufferPointer: UnsafeRawBufferPointer) {
        inner.update(bufferPointer: bufferPointer)
    }

    /// Returns the authentication code of the message appended so far, leaving this value
    /// unchanged (more bytes may still be appended).
    ///
    /// - Returns: the authentication code.
    public func finalize() -> HashedAuthenticationCode<H> {
        var outerCopy = outer
        inner.finalize().withUnsafeBytes { outerCopy.update(bufferPointer: $0) }
        return HashedAuthenticationCode(digest: outerCopy.finalize())
    }
}

/// An HMAC authentication code: the bytes of the outer hash's digest.
///
/// A collection of its bytes (`Array(code)`); `description` is lowercase hexadecimal.
///
/// Timing: `==` compares every byte without an early exit.
public struct HashedAuthenticationCode<H: HashFunction>: Hashable, Sendable, RandomAccessCollection,
    CustomStringConvertible
{
    /// The outer hash's digest.
    @usableFromInline
    let digest: H.Digest

    @usableFromInline
    init(digest: H.Digest) {
        self.digest = digest
    }

    /// The number of bytes in the code: the digest size of `H`.
    public static var byteCount: Int { H.Digest.byteCount }

    /// The position of the first byte: 0.
    public var startIndex: Int { 0 }

    /// One past the position of the last byte: the byte count.
    public var endIndex: Int { H.Digest.byteCount }

    /// The byte at `position`.
    ///
    /// - Parameter position: an index below the byte count; any other index is a programming
    ///   error and stops the program, as for an array.
    public subscript(position: Int) -> UInt8 { digest[position] }

    /// The code's bytes as a new array.
    public var bytes: [UInt8] { digest.bytes }

    /// Calls `body` with the code's bytes.
    ///
    /// - Parameter body: a closure that reads the bytes; the pointer must not escape it.
    /// - Returns: what `body` returns.
    /// - Throws: whatever `body` throws.
    public func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try digest.withUnsafeBytes(body)
    }

    /// The code in lowercase hexadecimal.
    public var description: String { hexDescription(digest) }

    /// Whether `code` holds exactly these bytes; constant time in the contents.
    @usableFromInline
    func matches(_ code: UnsafeRawBufferPointer) -> Bool {
        digest.withUnsafeBytes { constantTimeEqual($0, code) }
    }

    /// Whether two codes are equal, comparing every byte without an early exit.
    ///
    /// - Timing: independent of the codes' contents.
    public static func == (lhs: HashedAuthenticationCode, rhs: HashedAuthenticationCode) -> Bool {
        rhs.digest.withUnsafeBytes { lhs.matches($0) }
    }

    /// Feeds the code's bytes to `hasher`.
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) {
        digest.hash(into: &hasher)
    }
}
