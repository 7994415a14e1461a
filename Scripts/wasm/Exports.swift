// The C-ABI surface of the WebAssembly build: the library compiled as Embedded Swift for
// wasm32-unknown-none-wasm, called from Scripts/wasm/run.mjs. Buffers live in the module's own
// memory: the caller gets them from pure_alloc and hands them back with pure_free.
//
// Not part of the library: only Scripts/wasm/build.sh compiles this file.

@_spi(Internals) import PureBigNum
import PureSHA2

/// The size of `Int` in bits on this target (32 on wasm32): the runner checks it so the test
/// really runs on a 32-bit `Int`.
@_cdecl("pure_int_bits")
public func intBits() -> Int { Int.bitWidth }

func bytes(_ pointer: UnsafeRawPointer?, _ count: Int) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(start: count > 0 ? pointer : nil, count: count)
}

/// SHA-256 of `count` bytes at `input`, written as 32 bytes to `output`.
@_cdecl("pure_sha256")
public func sha256(_ input: UnsafeRawPointer?, _ count: Int, _ output: UnsafeMutablePointer<UInt8>) {
    let digest = SHA256.hash(bufferPointer: bytes(input, count))
    for i in 0..<SHA256Digest.byteCount { output[i] = digest[i] }
}

/// SHA-256 of the same bytes fed in pieces of `chunk` bytes through the streaming API.
@_cdecl("pure_sha256_chunked")
public func sha256Chunked(
    _ input: UnsafeRawPointer?, _ count: Int, _ chunk: Int, _ output: UnsafeMutablePointer<UInt8>
) {
    let all = bytes(input, count)
    var hasher = SHA256()
    var start = 0
    let step = max(chunk, 1)
    while start < count {
        let end = min(start + step, count)
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: all[start..<end]))
        start = end
    }
    let digest = hasher.finalize()
    for i in 0..<SHA256Digest.byteCount { output[i] = digest[i] }
}

/// The digest of the bytes at `input` through the streaming API of `H`, in pieces of `chunk`
/// bytes (0: one call), copied to `output`; returns the digest's byte count.
func streamedDigest<H: HashFunction>(
    _: H.Type, _ all: UnsafeRawBufferPointer, _ chunk: Int, _ output: UnsafeMutablePointer<UInt8>
) -> Int32 {
    var hasher = H()
    let step = chunk > 0 ? chunk : max(all.count, 1)
    var start = 0
    while start < all.count {
        let end = min(start + step, all.count)
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: all[start..<end]))
        start = end
    }
    let digest = hasher.finalize()
    for i in 0..<H.Digest.byteCount { output[i] = digest[i] }
    return Int32(H.Digest.byteCount)
}

/// SHA-`bits` (256, 384 or 512) of `count` bytes at `input`, fed in pieces of `chunk` bytes (0:
/// one call), written to `output` (64 bytes of room). Returns the digest length, -1 for another
/// `bits`.
@_cdecl("pure_sha2")
public func sha2(
    _ bits: Int32, _ input: UnsafeRawPointer?, _ count: Int, _ chunk: Int, _ output: UnsafeMutablePointer<UInt8>
) -> Int32 {
    let all = bytes(input, count)
    switch bits {
    case 256: return streamedDigest(SHA256.self, all, chunk, output)
    case 384: return streamedDigest(SHA384.self, all, chunk, output)
    case 512: return streamedDigest(SHA512.self, all, chunk, output)
    default: return -1
    }
}

func tag<H: HashFunction>(
    _: H.Type, _ key: UnsafeRawBufferPointer, _ message: UnsafeRawBufferPointer, _ output: UnsafeMutablePointer<UInt8>
) -> Int32 {
    let code = HMAC<H>.authenticationCode(for: message, using: SymmetricKey(data: key))
    for i in 0..<code.count { output[i] = code[i] }
    // The comparison path too: the code must verify, and a one-bit change must not.
    var forged = code.bytes
    forged[forged.count - 1] ^= 1
    guard HMAC<H>.isValidAuthenticationCode(code, authenticating: message, using: SymmetricKey(data: key)),
        !HMAC<H>.isValidAuthenticationCode(forged, authenticating: message, using: SymmetricKey(data: key))
    else { return -2 }
    return Int32(code.count)
}

/// HMAC-SHA-`bits` (256, 384 or 512) of the message under the key, written to `output` (64 bytes
/// of room). Returns the tag length; -1 for another `bits`; -2 if the tag does not verify or a
/// changed tag does.
@_cdecl("pure_hmac")
public func hmac(
    _ bits: Int32, _ key: UnsafeRawPointer?, _ keyCount: Int,
    _ message: UnsafeRawPointer?, _ messageCount: Int, _ output: UnsafeMutablePointer<UInt8>
) -> Int32 {
    let (k, m) = (bytes(key, keyCount), bytes(message, messageCount))
    switch bits {
    case 256: return tag(SHA256.self, k, m, output)
    case 384: return tag(SHA384.self, k, m, output)
    case 512: return tag(SHA512.self, k, m, output)
    default: return -1
    }
}

/// Writes `value` big-endian into `output` (capacity `capacity`); returns the byte count, or -1
/// when it does not fit.
func write(_ value: BigUInt, _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int) -> Int32 {
    let out = value.bigEndianBytes()
    guard out.count <= capacity else { return -1 }
    for i in 0..<out.count { output[i] = out[i] }
    return Int32(out.count)
}

/// base^exponent mod modulus with `BigUInt.power` (variable time: public values). Operands are
/// big-endian bytes. Returns the length of the big-endian result in `output` (0 for zero), -1
/// if `capacity` is too small, -2 if the modulus is zero.
@_cdecl("pure_modexp")
public func modexp(
    _ base: UnsafeRawPointer?, _ baseCount: Int,
    _ exponent: UnsafeRawPointer?, _ exponentCount: Int,
    _ modulus: UnsafeRawPointer?, _ modulusCount: Int,
    _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int
) -> Int32 {
    let b = BigUInt(bigEndianBytes: bytes(base, baseCount))
    let e = BigUInt(bigEndianBytes: bytes(exponent, exponentCount))
    let m = BigUInt(bigEndianBytes: bytes(modulus, modulusCount))
    do throws(BigNumError) {
        return write(try b.power(e, modulus: m), output, capacity)
    } catch {
        return -2
    }
}

/// base^exponent mod modulus with the constant-time Montgomery ladder
/// (`Modulus.exponentiateSecret`, what RSA signing uses) when `secret` is non-zero, or the
/// public-exponent path (`Modulus.exponentiatePublic`, what verification uses) otherwise.
/// Same operands and results as ``modexp(_:_:_:_:_:_:_:_:)``; -2 when the modulus is not odd or
/// is below 3 (or wider than `Modulus.maximumLimbCount` limbs).
@_cdecl("pure_modexp_montgomery")
public func modexpMontgomery(
    _ base: UnsafeRawPointer?, _ baseCount: Int,
    _ exponent: UnsafeRawPointer?, _ exponentCount: Int,
    _ modulus: UnsafeRawPointer?, _ modulusCount: Int,
    _ secret: Int32,
    _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int
) -> Int32 {
    let m: Modulus
    do throws(BigNumError) {
        m = try Modulus(bigEndianBytes: bytes(modulus, modulusCount))
    } catch {
        return -2
    }
    let b = BigUInt(bigEndianBytes: bytes(base, baseCount)).limbs
    let e = BigUInt(bigEndianBytes: bytes(exponent, exponentCount)).limbs
    let result = secret != 0 ? m.exponentiateSecret(base: b, exponent: e) : m.exponentiatePublic(base: b, exponent: e)
    return write(BigUInt(limbs: result), output, capacity)
}
