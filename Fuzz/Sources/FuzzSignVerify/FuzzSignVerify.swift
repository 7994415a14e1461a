// Fuzz target: sign fuzzer-chosen messages and verify them (PureRSA, PureJWT).
//
// The first input byte picks one of three fixed keys (1024, 2048, 2051 bits, from Vectors/keys)
// and which of the costlier checks (4, 5) run; the next two bytes pick the bit to flip; the rest
// is the message. Properties:
// 1. Signing never fails and yields exactly k bytes (the modulus length).
// 2. The signature verifies under the key's public half, for the message and for its digest.
// 3. The signature does not verify for a changed message, nor does a changed signature verify
//    (one bit flipped at a fuzzer-chosen position), nor under another key.
// 4. Signing is deterministic: a second signing gives the same bytes.
// 6. PSS (on a quarter of the inputs): the signature verifies as PSS, not as PKCS#1 v1.5, and not
//    for a changed message; a PS256 JWT round trip returns the claims and fails under an RS256
//    verifier of the same key.
// 5. A JWT whose payload is the message (as a JSON string claim) verifies with the matching
//    JWTVerifier and not with another key's.
import FuzzSupport
import PureJWT
import PureRSA
import PureSHA2

let keys = [FixedKeys.rsa1024, FixedKeys.rsa2048, FixedKeys.rsa2051]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(bytes(data, size))
    let selector = Int(input.byte())
    let flip = Int(input.byte()) << 8 | Int(input.byte())
    let message = input.remainder()
    let key = keys[selector % keys.count]
    let other = keys[(selector + 1) % keys.count]
    let signature: RSASignature
    do {
        signature = try key.signature(for: message)
    } catch {
        require(false, "signing failed: \(error)")
        return 0
    }
    let k = (key.keySizeInBits + 7) / 8
    require(signature.rawRepresentation.count == k, "signature has \(signature.rawRepresentation.count) bytes, not \(k)")
    require(key.publicKey.isValidSignature(signature, for: message), "own signature refused, message \(hex(message))")
    require(key.publicKey.isValidSignature(signature, for: SHA256.hash(data: message)), "own signature refused by digest")
    if selector & 0x80 != 0 {  // (a second signing halves the speed: only on half the inputs)
        require((try? key.signature(for: message)) == signature, "signing is not deterministic")
    }

    var changedMessage = message
    if changedMessage.isEmpty { changedMessage = [0] } else { changedMessage[flip % changedMessage.count] ^= 1 << UInt8(flip % 8) }
    require(!key.publicKey.isValidSignature(signature, for: changedMessage), "signature verifies for a changed message")
    var raw = signature.rawRepresentation
    raw[flip % raw.count] ^= 1 << UInt8((flip >> 3) % 8)
    require(!key.publicKey.isValidSignature(RSASignature(rawRepresentation: raw), for: message), "a changed signature verifies")
    require(!other.publicKey.isValidSignature(signature, for: message), "signature verifies under another key")

    // 6. PSS.
    if selector & 0x30 == 0x30 {
        do {
            let pss = try key.signature(for: message, padding: .PSS)
            require(pss.rawRepresentation.count == k, "PSS signature of the wrong length")
            require(key.publicKey.isValidSignature(pss, for: message, padding: .PSS), "own PSS signature refused")
            require(!key.publicKey.isValidSignature(pss, for: message), "a PSS signature verifies as PKCS#1 v1.5")
            require(!key.publicKey.isValidSignature(pss, for: changedMessage, padding: .PSS), "PSS verifies a changed message")
            let claims = JWTClaims(object: ["n": .integer(Int64(message.count))])
            let token = try JWTSigner(key: key, algorithm: .ps256).sign(claims)
            let verified = try JWTVerifier(key: key.publicKey, algorithm: .ps256).verifySignature(of: token)
            require((try? JWTClaims(parsing: verified.payload)) == claims, "the PS256 payload differs from the signed claims")
            require((try? JWTVerifier(key: key.publicKey).verifySignature(of: token)) == nil, "an RS256 verifier accepted a PS256 token")
        } catch {
            require(false, "PSS signing failed: \(error)")
        }
    }

    // 5. Through JWT, with the message as a claim (only when it is UTF-8: JSON strings are text).
    if selector & 0x40 != 0, let text = String(validating: message, as: UTF8.self) {
        let claims = JWTClaims(object: ["msg": .string(text)])
        do {
            let token = try JWTSigner(key: key).sign(claims)
            let verified = try JWTVerifier(key: key.publicKey).verifySignature(of: token)
            require((try? JWTClaims(parsing: verified.payload)) == claims, "the verified payload differs from the signed claims")
            require((try? JWTVerifier(key: other.publicKey).verifySignature(of: token)) == nil, "a JWT verifies under another key")
        } catch {
            require(false, "JWT round trip failed: \(error)")
        }
    }
    return 0
}
