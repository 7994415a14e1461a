// Fuzz target: JWT decoding and RS256, PS256, HS256 and ES256 verification with fixed keys (PureJWT).
//
// The verifier holds the public half of Vectors/keys/demo-rsa-2048.pem, the key that signed the
// node-jsonwebtoken tokens of Vectors/jwt/tokens.json (the seeds). Properties, on every
// input taken as a token:
// 1. Decoding without verifying and verifying never trap; refusals are typed with a sentence.
// 2. A token the verifier accepts was signed by that key: its signature is byte for byte what
//    the private key makes over the token's signing input (PKCS#1 v1.5 is deterministic), its
//    header says RS256, and changing any one character of its signature makes it refused.
// 3. `verify(_:now:)` never accepts what `verifySignature(of:)` refuses, and what it accepts
//    decodes without verifying to the same header and payload.
// 4. Every refusal's description (token, claims, and the input read as a JWK or JWK Set, with
//    the input as the wanted kid) is one line without a control character.
// 5. Verifiers for PS256 (the same key), HS256 (a fixed 32-byte secret) and ES256 (the P-256 key
//    of RFC 7515 A.3, whose token is a seed) never trap, refuse in one clean line, and accept only
//    a token whose alg is theirs and whose signature checks through PureRSA's PSS verification,
//    is the HMAC tag of the signing input, or checks through PureP256's ECDSA verification.
import FuzzSupport
@_spi(Internals) import PureDER
import PureJSON
@_spi(Internals) import PureJWT
import PureP256
@_spi(Internals) import PureRSA
import PureSHA2

let signer = FixedKeys.demo2048
let verifier = JWTVerifier(key: FixedKeys.demo2048.publicKey)
let pssVerifier = try! JWTVerifier(key: FixedKeys.demo2048.publicKey, algorithm: .ps256)
let secret = SymmetricKey(data: Array("fuzzing-secret-of-32-bytes-long!".utf8))
let hmacVerifier = try! JWTVerifier(secret: secret, algorithm: .hs256)
/// The public key of RFC 7515 A.3's JWK (Vectors/jose/rfc7515_a3_es256.json).
let es256Key: P256.Signing.PublicKey = {
    guard case let .object(file)? = try? JSONValue(parsing: vectorText("jose/rfc7515_a3_es256.json")),
        case let .object(jwk)? = file["jwk"], let key = try? P256.Signing.PublicKey(jwk: jwk)
    else { fatalError("cannot read the P-256 key of Vectors/jose/rfc7515_a3_es256.json") }
    return key
}()
let es256Verifier = JWTVerifier(key: es256Key)

/// Property 5 for one of the other verifiers.
func checkOtherAlgorithm(_ token: String, _ other: JWTVerifier, _ name: String) {
    let accepted: (header: JWSHeader, payload: [UInt8])
    do {
        accepted = try other.verifySignature(of: token)
    } catch {
        requireOneCleanLine(error.description, "\(name) verifySignature")
        return
    }
    require(accepted.header.algorithm == name, "the \(name) verifier accepted alg \(String(describing: accepted.header.algorithm))")
    guard let parts = try? JWSCompactParts(token: token), let signature = try? Base64URL.decode(parts.encodedSignature) else {
        require(false, "an accepted token does not split into three base64url parts")
        return
    }
    if name == "HS256" {
        require(HMAC<SHA256>.authenticationCode(for: parts.signingInput, using: secret).bytes == signature, "accepted a wrong HMAC tag")
    } else if name == "ES256" {
        let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
        require(ecdsa.map { es256Key.isValidSignature($0, for: parts.signingInput) } == true, "accepted an ECDSA signature PureP256 refuses")
    } else {
        require(
            FixedKeys.demo2048.publicKey.isValidSignature(
                RSASignature(rawRepresentation: signature),
                for: SHA256.hash(data: parts.signingInput), padding: .PSS),
            "accepted a PSS signature PureRSA refuses")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let token = String(decoding: input, as: UTF8.self)
    let decoded: UnverifiedJWT?
    do {
        decoded = try JWT.decodeWithoutVerifying(token)
    } catch {
        requireOneCleanLine(error.description, "decodeWithoutVerifying")
        decoded = nil
    }
    do {
        _ = try RSAPublicKeyComponents(jwkText: input, keyID: token)
    } catch {
        requireOneCleanLine(error.description, "RSAPublicKeyComponents(jwkText:)")
    }
    checkOtherAlgorithm(token, pssVerifier, "PS256")
    checkOtherAlgorithm(token, hmacVerifier, "HS256")
    checkOtherAlgorithm(token, es256Verifier, "ES256")
    let checked: (header: JWSHeader, payload: [UInt8])
    do {
        checked = try verifier.verifySignature(of: token)
    } catch {
        requireOneCleanLine(error.description, "verifySignature")
        require((try? verifier.verify(token, now: 1_700_000_000)) == nil, "verify accepted what verifySignature refused")
        return 0
    }
    do {
        _ = try verifier.verify(token, now: 1_700_000_000)
    } catch {
        requireOneCleanLine(error.description, "verify")
    }
    // 2. Signed by the key.
    guard let parts = try? JWSCompactParts(token: token),
        let signature = try? Base64URL.decode(parts.encodedSignature)
    else {
        require(false, "an accepted token does not split into three base64url parts")
        return 0
    }
    require(checked.header.algorithm == "RS256", "accepted a token whose alg is \(String(describing: checked.header.algorithm))")
    let expected = try? signer.signature(for: parts.signingInput)
    require(expected?.rawRepresentation == signature, "accepted a signature the key did not make: \(token)")
    var tampered = Array(parts.encodedSignature.utf8)
    for position in [0, tampered.count / 2, tampered.count - 1] {
        let original = tampered[position]
        tampered[position] = original == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        let forged = "\(parts.encodedHeader).\(parts.encodedPayload).\(String(decoding: tampered, as: UTF8.self))"
        require((try? verifier.verifySignature(of: forged)) == nil, "accepted a token with a changed signature: \(forged)")
        tampered[position] = original
    }
    // 3. Consistency with the claims check and the decoder.
    if let full = try? verifier.verify(token, now: 1_700_000_000) {
        require(full.payloadBytes == checked.payload && full.header == checked.header, "verify and verifySignature disagree")
        require(decoded?.payloadBytes == checked.payload, "decodeWithoutVerifying disagrees with the verifier")
    }
    return 0
}
