// RS256 over the C ABI: PKCS#1 v1.5 signing with a DER private key and verification with a DER
// public key, through PureRSA (PureBigNum's Montgomery core, PureSHA2, PureDER underneath).
//
// Not part of the library: Scripts/wasm/build.sh compiles this file when it links PureRSA.

import PureRSA

/// Signs `input` (for a JWS, the ASCII signing input `header.payload`) with RS256.
///
/// - Parameters: `key`/`keyCount`: a PKCS#8 or PKCS#1 DER private key (1024 bits or more);
///   `input`/`inputCount`: the message; `output`/`capacity`: where the signature goes.
/// - Returns: the signature's length (the modulus' byte length), -1 if `capacity` is too small,
///   -2 if the key is refused, -3 if signing failed its own verification.
@_cdecl("pure_rs256_sign")
public func rs256Sign(
    _ key: UnsafeRawPointer?, _ keyCount: Int,
    _ input: UnsafeRawPointer?, _ inputCount: Int,
    _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int
) -> Int32 {
    let privateKey: RSAPrivateKey
    do throws(RSAError) {
        privateKey = try RSAPrivateKey(derRepresentation: bytes(key, keyCount), policy: .allowingLegacySizes)
    } catch {
        return -2
    }
    let signature: RSASignature
    do throws(RSAError) {
        signature = try privateKey.signature(for: bytes(input, inputCount))
    } catch {
        return -3
    }
    let raw = signature.rawRepresentation
    guard raw.count <= capacity else { return -1 }
    for i in 0..<raw.count { output[i] = raw[i] }
    return Int32(raw.count)
}

/// Verifies an RS256 signature over `input` with a SubjectPublicKeyInfo or PKCS#1 DER public key.
///
/// - Returns: 1 if the signature is valid, 0 if not, -2 if the key is refused.
@_cdecl("pure_rs256_verify")
public func rs256Verify(
    _ key: UnsafeRawPointer?, _ keyCount: Int,
    _ input: UnsafeRawPointer?, _ inputCount: Int,
    _ signature: UnsafeRawPointer?, _ signatureCount: Int
) -> Int32 {
    let publicKey: RSAPublicKey
    do throws(RSAError) {
        publicKey = try RSAPublicKey(derRepresentation: bytes(key, keyCount), policy: .allowingLegacySizes)
    } catch {
        return -2
    }
    let valid = publicKey.isValidSignature(
        RSASignature(rawRepresentation: bytes(signature, signatureCount)), for: bytes(input, inputCount))
    return valid ? 1 : 0
}
