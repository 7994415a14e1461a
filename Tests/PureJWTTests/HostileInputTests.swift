import Foundation
@_spi(Internals) import PureRSA
import Testing
@_spi(Internals) @testable import PureJWT

// What a hostile token or a careless caller sends (issue 14). Oracles: the JSON escapes RFC 8259
// defines (the same bytes Python's json.dumps writes for these ASCII texts), RFC 7517 §4.3 for
// key_ops, RFC 7519 §2 arithmetic for NumericDates, and Node's key export (Vectors/cli).

/// Whether `text` would show as more than one line, or drive a terminal: C0 controls, DEL, C1
/// controls, the Unicode line and paragraph separators and the bidirectional controls.
func hasControlCharacter(_ text: String) -> Bool {
    text.unicodeScalars.contains { s in
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
            || s.value == 0x200E || s.value == 0x200F || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
    }
}

/// A small seeded generator (SplitMix64), so a failure repeats.
struct SeededBytes {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Bytes biased toward the dangerous ones: controls, DEL, the lead bytes of C1 and U+2028.
    mutating func bytes(_ count: Int) -> [UInt8] {
        let interesting: [UInt8] = [0x00, 0x07, 0x08, 0x0A, 0x0D, 0x1B, 0x7F, 0xC2, 0x85, 0x9B, 0xE2, 0x80, 0xA8, 0x22, 0x5C]
        return (0..<count).map { _ in
            let r = next()
            return r & 1 == 0 ? interesting[Int((r >> 8) % UInt64(interesting.count))] : UInt8(truncatingIfNeeded: r >> 16)
        }
    }
}

// MARK: 1. Untrusted text in messages

@Test func aForgedSecondLineInAlgStaysOnOneEscapedLine() throws {
    let alg = "\u{1B}[31mRED\u{1B}[0m\r\nrs256 verify: token OK"
    let token = try rawToken(#"{"alg":"\u001b[31mRED\u001b[0m\r\nrs256 verify: token OK"}"#, #"{"sub":"t"}"#)
    let error = refusal(token)
    #expect(error == .algorithmNotAllowed(alg))
    let description = try #require(error).description
    #expect(!hasControlCharacter(description), "\(description)")
    // The escapes JSON writes for this text (json.dumps gives the same bytes).
    #expect(description.contains(#""\u001b[31mRED\u001b[0m\r\nrs256 verify: token OK""#), "\(description)")
}

@Test func everyMessageThatQuotesTokenTextEscapesDELAndC1AndCapsTheLength() throws {
    let nasty = "a\u{7F}b\u{85}c\u{9B}31md\u{2028}e\u{202E}f"
    let errors: [CustomStringConvertible] = [
        JWTError.algorithmNotAllowed(nasty), JWTError.unsupportedCriticalHeader(nasty), JWTError.missingClaim(nasty),
        JWTError.unexpectedIssuer(expected: "x", found: nasty), JWTError.unexpectedSubject(expected: "x", found: nasty),
        JWTError.unexpectedAudience(accepted: ["x"], found: [nasty, nasty]),
        JSONError(.duplicateMemberName(nasty), at: 3), JWKError.notRSA(nasty), JWKError.algorithmNotRS256(nasty),
        JWKError.notForSignatures(nasty), JWKError.keyIDNotFound(nasty), JWKError.operationNotPermitted(nasty),
    ]
    for error in errors {
        #expect(!hasControlCharacter(error.description), "\(error.description)")
        #expect(error.description.contains(#"a\u007fb\u0085c\u009b31md\u2028e\u202ef"#), "\(error.description)")
    }
    let long = String(repeating: "k", count: 5000)
    let kid = JWKError.keyIDNotFound(long).description
    #expect(kid.count < 200 && kid.contains("(5000 bytes)"), "\(kid)")
    // Crit names a token chose, through the real check.
    let crit = try header(#"{"alg":"RS256","crit":["x\u0000y","x\u0000y"],"x\u0000y":1}"#)
    #expect(throws: JWTError.self) { try crit.checkPolicy() }
    do { try crit.checkPolicy() } catch {
        #expect(!hasControlCharacter(error.description) && error.description.contains(#""x\u0000y""#), "\(error.description)")
    }
}

@Test func noMessageBuiltFromArbitraryBytesContainsAControlCharacter() throws {
    var random = SeededBytes(state: 14)
    for round in 0..<3000 {
        let text = String(decoding: random.bytes(Int(random.next() % 120)), as: UTF8.self)
        let messages = [
            JSONValue.quotedForMessage(text), JSONValue.escapedForMessage(text),
            JSONValue.escapedForMessage(text, limit: nil, escapingQuotes: false),
            JWTError.algorithmNotAllowed(text).description, JWTError.unsupportedCriticalHeader(text).description,
            JWTError.unexpectedIssuer(expected: text, found: text).description,
            JWTError.unexpectedAudience(accepted: [text], found: [text]).description,
            JWTError.unexpectedSubject(expected: text, found: text).description, JWTError.missingClaim(text).description,
            JSONError(.duplicateMemberName(text), at: 0).description, JWKError.notRSA(text).description,
            JWKError.keyIDNotFound(text).description, JWKError.algorithmNotRS256(text).description,
            JWKError.notForSignatures(text).description,
        ]
        for message in messages {
            #expect(!hasControlCharacter(message), "round \(round): \(message.debugDescription)")
        }
        // And through the parsers, with the bytes placed where names and values are echoed.
        let quoted = JSONValue.string(text).serialized
        for json in [#"{"alg":\#(quoted)}"#, #"{\#(quoted):1,\#(quoted):2}"#, #"{"alg":"RS256","crit":[\#(quoted)]}"#] {
            do {
                try JWSHeader(parsing: Array(json.utf8)).checkPolicy()
            } catch {
                #expect(!hasControlCharacter(error.description), "round \(round): \(error.description.debugDescription)")
            }
        }
        for json in [#"{"kty":\#(quoted)}"#, #"{"kty":"RSA","alg":\#(quoted)}"#, #"{"keys":[{"kty":"RSA","kid":"a"}]}"#] {
            do {
                _ = try RSAPublicKeyComponents(jwkText: Array(json.utf8), keyID: text)
            } catch {
                #expect(!hasControlCharacter(error.description), "round \(round): \(error.description.debugDescription)")
            }
        }
    }
}

// MARK: 2. key_ops

func demoJWK(_ file: String, keyOps: String?) throws -> JSONObject {
    var object = try jwkObject(Keys.text("Vectors/cli/\(file)"))
    if let keyOps { object["key_ops"] = try JSONValue(parsing: keyOps) }
    return object
}

@Test(arguments: [#"["encrypt"]"#, #"["sign"]"#, "[]", #"["wrapKey","decrypt"]"#])
func aPublicJWKWhoseKeyOpsLackVerifyIsNotUsedToVerify(_ keyOps: String) throws {
    let jwk = try demoJWK("demo-rsa-2048.pub.jwk", keyOps: keyOps)
    #expect(throws: JWKError.operationNotPermitted("verify")) { try RSAPublicKey(jwk: jwk) }
}

@Test(arguments: [#""verify""#, "[1]", #"["verify","verify"]"#, "{}", "null"])
func aMalformedKeyOpsIsRefused(_ keyOps: String) throws {
    #expect(throws: JWKError.invalidKeyOperations) { try RSAPublicKey(jwk: try demoJWK("demo-rsa-2048.pub.jwk", keyOps: keyOps)) }
    #expect(throws: JWKError.invalidKeyOperations) { try RSAPrivateKey(jwk: try demoJWK("demo-rsa-2048.jwk", keyOps: keyOps)) }
}

@Test func keyOpsThatPermitTheOperationAreHonoured() throws {
    let verifying = try RSAPublicKey(jwk: try demoJWK("demo-rsa-2048.pub.jwk", keyOps: #"["verify"]"#))
    #expect(verifying.components == Keys.demo.publicKey.components)
    let signing = try RSAPrivateKey(jwk: try demoJWK("demo-rsa-2048.jwk", keyOps: #"["sign"]"#))
    #expect(signing.publicKey.components == Keys.demo.publicKey.components)
    // A private key allowed to sign may have its public half verify (WebCrypto exports ["sign"]).
    #expect(try RSAPublicKeyComponents(jwk: try demoJWK("demo-rsa-2048.jwk", keyOps: #"["sign"]"#)) == Keys.demo.publicKey.components)
    // A private key only allowed to verify may not sign.
    #expect(throws: JWKError.operationNotPermitted("sign")) {
        try RSAPrivateKey(jwk: try demoJWK("demo-rsa-2048.jwk", keyOps: #"["verify"]"#))
    }
    // In a set, a key for encryption only is not a candidate.
    var encryptOnly = try demoJWK("demo-rsa-2048.pub.jwk", keyOps: #"["encrypt"]"#)
    encryptOnly["kid"] = .string("e")
    var verifyKey = try demoJWK("demo-rsa-2048.pub.jwk", keyOps: #"["verify"]"#)
    verifyKey["kid"] = .string("v")
    let set: JSONObject = ["keys": .array([.object(encryptOnly), .object(verifyKey)])]
    #expect(try JWK.select(from: set, keyID: nil)["kid"] == .string("v"))
    #expect(throws: JWKError.keyIDNotFound("e")) { try JWK.select(from: set, keyID: "e") }
}

// MARK: 3. Registered claims of the wrong type are not signed

@Test(arguments: [
    (#"{"exp":"soon"}"#, "\"exp\"", "NumericDate"), (#"{"iat":true}"#, "\"iat\"", "NumericDate"),
    (#"{"nbf":"x"}"#, "\"nbf\"", "NumericDate"), (#"{"exp":1.5}"#, "\"exp\"", "whole number"),
    (#"{"exp":-1}"#, "\"exp\"", "from 0 to 9007199254740991"), (#"{"iat":9007199254740992}"#, "\"iat\"", "9007199254740991"),
    (#"{"sub":5}"#, "\"sub\"", "a string"), (#"{"iss":null}"#, "\"iss\"", "a string"), (#"{"jti":[]}"#, "\"jti\"", "a string"),
    (#"{"aud":5}"#, "\"aud\"", "array of strings"), (#"{"aud":["a",1]}"#, "\"aud\"", "array of strings"),
])
func wronglyTypedRegisteredClaimsAreNotSigned(_ json: String, _ claim: String, _ needs: String) throws {
    let c = try claims(json)
    let signers: [() throws -> String] = [{ try Keys.demoSigner.sign(c) }, { try Keys.demoSigner.sign(c, header: try JWSHeader.rs256()) }]
    for sign in signers {
        do {
            _ = try sign()
            Issue.record("\(json) was signed")
        } catch let error as JWTError {
            guard case .invalidClaims = error else { Issue.record("\(json): \(error)"); continue }
            #expect(error.description.contains(claim) && error.description.contains(needs), "\(error)")
        }
    }
}

@Test func anyNumericDateFromZeroTo2p53MinusOneIsSigned() throws {
    for seconds: Int64 in [0, 1, 1_700_000_000, JWTClaims.maxSafeInteger] {
        let c = JWTClaims(subject: "t", issuedAt: seconds, expiresAt: seconds)
        #expect(try Keys.demoVerifier.verifySignature(of: try Keys.demoSigner.sign(c)).payload == c.serializedBytes)
    }
    #expect(try JWTClaims.tenant("t", now: 0).serialized == #"{"sub":"t","iat":0,"exp":3600}"#)
}

// MARK: 6. NumericDate: any finite number, compared exactly

@Test func fractionalTimesAreComparedExactly() throws {
    let c = try claims(#"{"nbf":1700000000.5,"exp":1700000100.5}"#)
    #expect(validationError(c, now: 1_700_000_000) == .notYetValid(at: 1_700_000_001, now: 1_700_000_000))
    #expect(validationError(c, now: 1_700_000_001) == nil)
    #expect(validationError(c, now: 1_700_000_100) == nil)  // 1700000100 < 1700000100.5
    #expect(validationError(c, now: 1_700_000_101) == .expired(at: 1_700_000_101, now: 1_700_000_101))
    #expect(validationError(c, now: 1_699_999_999, JWTValidationOptions(leeway: 1)) == .notYetValid(at: 1_700_000_001, now: 1_699_999_999))
    #expect(validationError(c, now: 1_700_000_000, JWTValidationOptions(leeway: 1)) == nil)
    let negative = try claims(#"{"exp":-0.5}"#)
    #expect(validationError(negative, now: -1) == nil)  // -1 < -0.5
    #expect(validationError(negative, now: 0) == .expired(at: 0, now: 0))
    #expect(try claims(#"{"iat":1700000000.25}"#).issuedAt == 1_700_000_001)
}

@Test func hugeTimesAreFarFutureOrFarPast() throws {
    let future = try claims(#"{"exp":1e300,"iat":9.3e18}"#)
    #expect(validationError(future, now: Int64.max) == nil)
    #expect(try future.expiresAt == Int64.max)
    #expect(validationError(try claims(#"{"nbf":1e300}"#), now: Int64.max, JWTValidationOptions(leeway: .max)) != nil)
    #expect(validationError(try claims(#"{"nbf":-1e300}"#), now: Int64.min) == nil)
    #expect(validationError(try claims(#"{"exp":-1e300}"#), now: Int64.min) == .expired(at: Int64.min, now: Int64.min))
    // And through a signed token, as PyJWT and node-jsonwebtoken accept them.
    #expect(refusal(try rawToken(#"{"alg":"RS256"}"#, #"{"sub":"t","exp":1700003600.5,"iat":1e10}"#)) == nil)
}

// MARK: 5. Limits that agree

@Test func aPayloadThatFitsInAnAcceptedTokenParses() throws {
    let filler = String(repeating: "x", count: 120_000)
    let token = try rawToken(#"{"alg":"RS256"}"#, #"{"sub":"t","pad":"\#(filler)"}"#)
    #expect(token.utf8.count <= JWT.maxTokenBytes)
    #expect(refusal(token) == nil)
    #expect(try JWT.decodeWithoutVerifying(token).payloadBytes.count > 120_000)
}

@Test func aKeySetThatFitsTheKeyLimitParses() throws {
    let key = Keys.text("Vectors/cli/demo-rsa-2048.pub.jwk").trimmingCharacters(in: .whitespacesAndNewlines)
    let padding = String(repeating: "p", count: 200_000)
    let set = #"{"keys":[\#(key)],"comment":"\#(padding)"}"#
    #expect(set.utf8.count > 65_536 && set.utf8.count < RSAKeyLoader.maximumInputSize)
    #expect(try RSAPublicKeyComponents(jwkText: Array(set.utf8)) == Keys.demo.publicKey.components)
}
