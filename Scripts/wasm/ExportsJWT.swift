// JWT over the C ABI: PureJWT's strict JSON parser and JSON.stringify-exact serializer, the RS256
// signer and the verifier.
//
// Not part of the library: Scripts/wasm/build.sh compiles this file when it links PureJWT.

import PureJWT
import PureRSA

private func copyOut(_ text: String, _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int) -> Int32 {
    var count = 0
    for byte in text.utf8 {
        guard count < capacity else { return -1 }
        output[count] = byte
        count += 1
    }
    return Int32(count)
}

/// Parses a header and a payload (UTF-8 JSON), writes each again as `JSON.stringify` would, and
/// signs the result with RS256: the token `jsonwebtoken` makes for the same objects.
///
/// - Returns: the token's length in `output`; -1 if `capacity` is too small, -2 if the key is
///   refused, -4 if a JSON text is refused, -5 if signing fails (header policy or RSA).
@_cdecl("pure_jwt_sign_json")
public func jwtSignJSON(
    _ key: UnsafeRawPointer?, _ keyCount: Int,
    _ header: UnsafeRawPointer?, _ headerCount: Int,
    _ payload: UnsafeRawPointer?, _ payloadCount: Int,
    _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int
) -> Int32 {
    let privateKey: RSAPrivateKey
    do throws(RSAError) {
        privateKey = try RSAPrivateKey(derRepresentation: bytes(key, keyCount), policy: .allowingLegacySizes)
    } catch {
        return -2
    }
    let headerValue: JSONValue, payloadValue: JSONValue
    do throws(JSONError) {
        headerValue = try JSONValue(parsing: Array(bytes(header, headerCount)))
        payloadValue = try JSONValue(parsing: Array(bytes(payload, payloadCount)))
    } catch {
        return -4
    }
    do throws(JWTError) {
        let token = try JWTSigner(key: privateKey).sign(
            headerBytes: headerValue.serializedBytes, payloadBytes: payloadValue.serializedBytes)
        return copyOut(token, output, capacity)
    } catch {
        return -5
    }
}

/// The main job: `{"sub": tenant, "iat": now, "exp": now + lifetime}` signed with RS256.
///
/// - Returns: the token's length in `output`; -1 if `capacity` is too small, -2 if the key is
///   refused, -5 if the claims or signing are refused.
@_cdecl("pure_jwt_tenant_token")
public func jwtTenantToken(
    _ key: UnsafeRawPointer?, _ keyCount: Int,
    _ tenant: UnsafeRawPointer?, _ tenantCount: Int,
    _ now: Int64, _ lifetime: Int64,
    _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int
) -> Int32 {
    let privateKey: RSAPrivateKey
    do throws(RSAError) {
        privateKey = try RSAPrivateKey(derRepresentation: bytes(key, keyCount), policy: .allowingLegacySizes)
    } catch {
        return -2
    }
    let tenantID = String(decoding: bytes(tenant, tenantCount), as: UTF8.self)
    do throws(JWTError) {
        return copyOut(try JWTSigner(key: privateKey).tenantToken(tenantID, now: now, lifetime: lifetime), output, capacity)
    } catch {
        return -5
    }
}

/// Verifies a compact token (signature, header policy and time claims at `now`).
///
/// - Returns: 1 if valid, 0 if the token is refused, -2 if the key is refused.
@_cdecl("pure_jwt_verify")
public func jwtVerify(
    _ key: UnsafeRawPointer?, _ keyCount: Int,
    _ token: UnsafeRawPointer?, _ tokenCount: Int,
    _ now: Int64
) -> Int32 {
    let publicKey: RSAPublicKey
    do throws(RSAError) {
        publicKey = try RSAPublicKey(derRepresentation: bytes(key, keyCount), policy: .allowingLegacySizes)
    } catch {
        return -2
    }
    let text = String(decoding: bytes(token, tokenCount), as: UTF8.self)
    do throws(JWTError) {
        _ = try JWTVerifier(key: publicKey).verify(text, now: now)
        return 1
    } catch {
        return 0
    }
}

/// Parses one JSON text and writes it again as `JSON.stringify` would.
///
/// - Returns: the output's length; -1 if `capacity` is too small, -4 if the text is refused.
@_cdecl("pure_json_restringify")
public func jsonRestringify(
    _ input: UnsafeRawPointer?, _ inputCount: Int, _ output: UnsafeMutablePointer<UInt8>, _ capacity: Int
) -> Int32 {
    do throws(JSONError) {
        let value = try JSONValue(parsing: Array(bytes(input, inputCount)))
        let out = value.serializedBytes
        guard out.count <= capacity else { return -1 }
        for i in 0..<out.count { output[i] = out[i] }
        return Int32(out.count)
    } catch {
        return -4
    }
}
