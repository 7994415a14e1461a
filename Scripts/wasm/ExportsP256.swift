// ES256 (ECDSA P-256 with SHA-256) over the C ABI, through PureP256: signing with an explicit
// nonce (the deterministic RFC 6979 nonce is not in the library yet) and verification of the raw
// r‖s form JWS uses.
//
// Not part of the library: Scripts/wasm/build.sh compiles this file when it links PureP256.

import PureP256
import PureSHA2

/// Signs SHA-256(`input`) with the 32-byte private key `d` and the 32-byte nonce `k`, writing
/// r‖s (64 bytes) to `output`.
///
/// - Returns: 64, or -2 if d is refused, -3 if k is refused or signing failed its own check.
@_cdecl("pure_es256_sign_with_nonce")
public func es256SignWithNonce(
    _ d: UnsafeRawPointer?, _ input: UnsafeRawPointer?, _ inputCount: Int,
    _ k: UnsafeRawPointer?, _ output: UnsafeMutablePointer<UInt8>
) -> Int32 {
    let key: P256.Signing.PrivateKey
    do throws(P256Error) {
        key = try P256.Signing.PrivateKey(rawRepresentation: bytes(d, 32))
    } catch {
        return -2
    }
    let signature: P256.Signing.ECDSASignature
    do throws(P256Error) {
        signature = try key.signature(digest: SHA256.hash(data: bytes(input, inputCount)), nonce: bytes(k, 32))
    } catch {
        return -3
    }
    let raw = signature.rawRepresentation
    for i in 0..<64 { output[i] = raw[i] }
    return 64
}

/// Verifies the raw r‖s signature of `input` under a SEC 1 public key (65 or 33 bytes).
///
/// - Returns: 1 if valid, 0 if not, -2 if the key is refused, -4 if the signature is not 64 bytes.
@_cdecl("pure_es256_verify")
public func es256Verify(
    _ key: UnsafeRawPointer?, _ keyCount: Int,
    _ input: UnsafeRawPointer?, _ inputCount: Int,
    _ signature: UnsafeRawPointer?, _ signatureCount: Int
) -> Int32 {
    let publicKey: P256.Signing.PublicKey
    do throws(P256Error) {
        publicKey = try P256.Signing.PublicKey(x963Representation: bytes(key, keyCount))
    } catch {
        return -2
    }
    let parsed: P256.Signing.ECDSASignature
    do throws(P256Error) {
        parsed = try P256.Signing.ECDSASignature(rawRepresentation: bytes(signature, signatureCount))
    } catch {
        return -4
    }
    return publicKey.isValidSignature(parsed, for: bytes(input, inputCount)) ? 1 : 0
}
