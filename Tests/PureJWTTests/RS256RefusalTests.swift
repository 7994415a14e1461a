import Foundation
@_spi(Internals) import PureDER
import PureRSA
import PureSHA2
import Testing
@_spi(Internals) @testable import PureJWT
@_spi(Internals) import PureJSON

// Every hostile or broken token gets its own typed error, quickly. Tokens are built here with
// the demo key so that a refusal can only come from the rule under test: the signature of each
// is valid RSA over its signing input unless the test breaks it on purpose.

/// A token over exactly these header and payload texts, signed by the demo key whatever `alg` says.
func rawToken(_ header: String, _ payload: String) throws -> String {
    let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
    let signature = try Keys.demo.signature(for: Array(input.utf8)).rawRepresentation
    return input + "." + Base64URL.encode(signature)
}

/// HMAC-SHA256 (RFC 2104) written here with PureSHA2, to forge the algorithm-confusion token.
func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
    var block = key.count > 64 ? Array(SHA256.hash(data: key)) : key
    block += [UInt8](repeating: 0, count: 64 - block.count)
    var inner = SHA256()
    inner.update(data: block.map { $0 ^ 0x36 })
    inner.update(data: message)
    var outer = SHA256()
    outer.update(data: block.map { $0 ^ 0x5c })
    outer.update(data: Array(inner.finalize()))
    return Array(outer.finalize())
}

/// The error `verify` throws for `token` with the demo key, or `nil` when it accepts it.
func refusal(_ token: String, now: Int64 = 1_700_000_000, options: JWTValidationOptions = .init()) -> JWTError? {
    do {
        _ = try JWTVerifier(key: Keys.demo.publicKey, options: options).verify(token, now: now)
        return nil
    } catch {
        return error
    }
}
let tenantPayload = #"{"sub":"t","iat":1700000000,"exp":1700003600}"#

@Test func theRSAHelpersOfTheseTestsMakeTokensTheVerifierAccepts() throws {
    let token = try rawToken(#"{"alg":"RS256","typ":"JWT"}"#, tenantPayload)
    #expect(refusal(token) == nil)
    // RFC 4231 test case 2: HMAC-SHA256("Jefe", "what do ya want for nothing?").
    #expect(
        hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
            == Vectors.bytes(hex: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"))
}

@Test(arguments: ["none", "HS256", "RS512", "RS384", "PS256", "ES256", "rs256"])
func validlySignedTokensNamingAnotherAlgorithmAreRefused(alg: String) throws {
    let token = try rawToken(#"{"alg":"\#(alg)","typ":"JWT"}"#, tenantPayload)
    #expect(refusal(token) == .algorithmNotAllowed(alg))
}

@Test func unsignedNoneTokensAreRefusedWhateverTheirLastSegment() throws {
    let input = Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + "." + Base64URL.encode(Array(tenantPayload.utf8))
    #expect(refusal(input + ".") == .malformed("the signature segment is empty (unsigned tokens are refused)"))
    #expect(refusal(input + ".AAAA") == .algorithmNotAllowed("none"))
}

@Test func tokensWithoutAlgAreRefused() throws {
    #expect(refusal(try rawToken(#"{"typ":"JWT"}"#, tenantPayload)) == .missingAlgorithm)
    #expect(refusal(try rawToken(#"{"alg":null}"#, tenantPayload)) == .malformed("the header's \"alg\" is not a string"))
}

@Test func algorithmConfusionTokenMadeWithThePublicKeyAsHMACSecretIsRefused() throws {
    // The classic attack: sign with HS256 using the public key's PEM text as the HMAC secret,
    // hoping the verifier takes the algorithm from the token.
    let secrets = [Keys.text("Vectors/keys/demo-rsa-2048.pub.pem"), Keys.demo.publicKey.pemRepresentation]
    for secret in secrets {
        let input = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(Array(tenantPayload.utf8))
        let token = input + "." + Base64URL.encode(hmacSHA256(key: Array(secret.utf8), message: Array(input.utf8)))
        #expect(refusal(token) == .algorithmNotAllowed("HS256"))
        // And relabelled RS256, the HMAC is just a wrong signature.
        let relabelled = Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(Array(tenantPayload.utf8))
        let forged = relabelled + "." + Base64URL.encode(hmacSHA256(key: Array(secret.utf8), message: Array(relabelled.utf8)))
        #expect(refusal(forged) == .invalidSignature)
    }
}

@Test func duplicateAlgMembersAreRefusedBeforeAnyDecision() throws {
    for header in [#"{"alg":"RS256","alg":"none"}"#, #"{"alg":"none","alg":"RS256"}"#, #"{"alg":"RS256","typ":"JWT","alg":"RS256"}"#] {
        let error = refusal(try rawToken(header, tenantPayload))
        guard case let .invalidJSON(part, json) = error else {
            Issue.record("\(header): \(String(describing: error))")
            continue
        }
        #expect(part == .header)
        #expect(json.reason == .duplicateMemberName("alg"))
    }
}

@Test func badBase64URLIsRefusedWithItsReason() throws {
    let good = try rawToken(#"{"alg":"RS256","typ":"JWT"}"#, tenantPayload)
    let parts = good.split(separator: ".").map(String.init)
    // Padding, the standard alphabet's + and /, whitespace: not in the base64url alphabet.
    for bad in [
        parts[0] + "=." + parts[1] + "." + parts[2], parts[0] + "." + parts[1] + "." + parts[2] + "==",
        parts[0] + "." + parts[1].replacingOccurrences(of: "-", with: "+") + "+." + parts[2],
        parts[0] + "." + parts[1] + "." + parts[2].replacingOccurrences(of: "_", with: "/") + "/",
    ] {
        guard case let .malformed(reason) = refusal(bad) else {
            Issue.record("not refused as malformed: \(bad)")
            continue
        }
        #expect(reason.contains("base64url alphabet"))
    }
    // A non-canonical last character (unused bits set) in each segment: 256 signature bytes end
    // in one character carrying 2 bits of data and 4 unused bits.
    let signatureLast = parts[2].last!
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    let index = alphabet.firstIndex(of: signatureLast)!
    let nonCanonical = String(parts[2].dropLast()) + String(alphabet[index | 1])
    #expect(index & 0xF == 0)
    guard case let .malformed(reason) = refusal(parts[0] + "." + parts[1] + "." + nonCanonical) else {
        Issue.record("non-canonical signature not refused")
        return
    }
    #expect(reason.contains("signature segment is not valid base64url"))
    // A segment whose length leaves one dangling character.
    guard case let .malformed(dangling) = refusal(parts[0] + "A." + parts[1] + "." + parts[2]) else {
        Issue.record("dangling character not refused")
        return
    }
    #expect(dangling.contains("header segment is not valid base64url"))
}

@Test func twoOrFourSegmentsAreRefused() throws {
    let good = try rawToken(#"{"alg":"RS256"}"#, tenantPayload)
    let parts = good.split(separator: ".").map(String.init)
    #expect(refusal(parts[0] + "." + parts[1]) == .malformed("a compact JWS has three segments separated by two dots"))
    #expect(refusal(good + "." + parts[2]) == .malformed("the token has more than three segments"))
    #expect(refusal("") == .malformed("a compact JWS has three segments separated by two dots"))
}

@Test func emptyOrShortSignaturesAreRefused() throws {
    let good = try rawToken(#"{"alg":"RS256"}"#, tenantPayload)
    let input = good.split(separator: ".").prefix(2).joined(separator: ".")
    let signature = try Base64URL.decode(String(good.split(separator: ".")[2]))
    #expect(refusal(input + ".") == .malformed("the signature segment is empty (unsigned tokens are refused)"))
    #expect(refusal(input + ".AA") == .invalidSignature)
    #expect(refusal(input + "." + Base64URL.encode(signature.dropFirst())) == .invalidSignature)
    #expect(refusal(input + "." + Base64URL.encode(signature.dropLast())) == .invalidSignature)
    #expect(refusal(input + "." + Base64URL.encode([0] + signature)) == .invalidSignature)
}

@Test func expiryNotBeforeAndLeewayEdgesAreExact() throws {
    let token = try rawToken(#"{"alg":"RS256"}"#, #"{"sub":"t","nbf":1700000000,"exp":1700003600}"#)
    #expect(refusal(token, now: 1_700_003_599) == nil)
    #expect(refusal(token, now: 1_700_003_600) == .expired(at: 1_700_003_600, now: 1_700_003_600))
    #expect(refusal(token, now: 1_700_003_600, options: .init(leeway: 1)) == nil)
    #expect(refusal(token, now: 1_700_003_601, options: .init(leeway: 1)) == .expired(at: 1_700_003_600, now: 1_700_003_601))
    #expect(refusal(token, now: 1_700_000_000) == nil)
    #expect(refusal(token, now: 1_699_999_999) == .notYetValid(at: 1_700_000_000, now: 1_699_999_999))
    #expect(refusal(token, now: 1_699_999_999, options: .init(leeway: 1)) == nil)
    #expect(refusal(token, now: 1_699_999_998, options: .init(leeway: 1)) == .notYetValid(at: 1_700_000_000, now: 1_699_999_998))
}

@Test func expOfTheWrongKindIsRefusedAfterTheSignature() throws {
    for exp in [#""1700003600""#, "true", "null", "[1700003600]", "{}"] {
        let error = refusal(try rawToken(#"{"alg":"RS256"}"#, #"{"sub":"t","exp":\#(exp)}"#))
        guard case .malformed = error else {
            Issue.record("exp \(exp): \(String(describing: error))")
            continue
        }
    }
    let error = refusal(try rawToken(#"{"alg":"RS256"}"#, #"{"sub":"t","exp":1e400}"#))
    guard case let .invalidJSON(part, json) = error else {
        Issue.record("1e400: \(String(describing: error))")
        return
    }
    #expect(part == .payload)
    #expect(json.reason == .numberOutOfRange)
}

@Test func aOneMegabyteTokenIsRefusedForItsSize() throws {
    let good = try rawToken(#"{"alg":"RS256"}"#, tenantPayload)
    let huge = good + String(repeating: "A", count: 1 << 20)
    let error = refusal(huge)
    #expect(error == .malformed("the token is \(huge.utf8.count) bytes long, more than the limit of \(JWT.maxTokenBytes)"))
    // Just under the size limit, dots and letters in the right alphabet but far too many
    // segments: refused at the third dot.
    let dots = String(repeating: "a.", count: 80_000)
    let dotsError = refusal(dots)
    #expect(dotsError == .malformed("the token has more than three segments"))
}

@Test func tenThousandDeepPayloadIsRefusedAtTheDepthLimitWithoutRecursion() throws {
    let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let token = try rawToken(#"{"alg":"RS256"}"#, #"{"sub":"t","x":\#(deep)}"#)
    let error = refusal(token)
    guard case let .invalidJSON(part, json) = error else {
        Issue.record("\(String(describing: error))")
        return
    }
    #expect(part == .payload)
    #expect(json.reason == .tooDeep(limit: JSONParsingLimits.default.maxDepth))
    // Parsing alone (the part after the signature check) refuses it too, at the depth limit.
    #expect(throws: JWTError.self) { try JWTClaims(parsing: Array(#"{"x":\#(deep)}"#.utf8)) }
    // In the header, the same nesting is refused before any signature work.
    let deepHeader = try rawToken(#"{"alg":"RS256","x":\#(deep)}"#, tenantPayload)
    let headerError = refusal(deepHeader)
    guard case .invalidJSON(.header, _) = headerError else {
        Issue.record("\(String(describing: headerError))")
        return
    }
}

@Test func aPayloadThatIsNotAnObjectIsRefused() throws {
    #expect(refusal(try rawToken(#"{"alg":"RS256"}"#, "[1,2]")) == .malformed("the payload is not a JSON object"))
    guard case .invalidJSON(.payload, _) = refusal(try rawToken(#"{"alg":"RS256"}"#, "It's a dangerous business")) else {
        Issue.record("plain text payload accepted as claims")
        return
    }
}

@Test func requiredClaimsAndExpectedValuesAreEnforcedThroughTheVerifier() throws {
    let token = try rawToken(#"{"alg":"RS256"}"#, #"{"sub":"t","iss":"me","aud":["a","b"],"exp":1700003600}"#)
    #expect(refusal(token, options: .init(requiredClaims: ["exp", "sub"], issuer: "me", audiences: ["b"], subject: "t")) == nil)
    #expect(refusal(token, options: .init(requiredClaims: ["nbf"])) == .missingClaim("nbf"))
    #expect(refusal(token, options: .init(issuer: "you")) == .unexpectedIssuer(expected: "you", found: "me"))
    #expect(refusal(token, options: .init(audiences: ["c"])) == .unexpectedAudience(accepted: ["c"], found: ["a", "b"]))
    #expect(refusal(token, options: .init(subject: "u")) == .unexpectedSubject(expected: "u", found: "t"))
}

@Test func hostileShapesAreRefusedBeforeTheRSAStep() throws {
    // Each is refused for its shape, header or algorithm: a reason the verifier checks before it
    // touches the key, so no RSA work is spent on them (speed is the benchmark's business:
    // `rs256-bench --filter jwt/verify`).
    let tokens = [
        "a.b", "a.b.c.d", "e30.e30.AAAA", String(repeating: "A", count: 200_000),
        Base64URL.encode(Array(String(repeating: "{\"a\":", count: 5000).utf8)) + ".e30.AAAA",
        Base64URL.encode(Array(#"{"alg":"none"}"#.utf8)) + ".e30.AAAA",
    ]
    for token in tokens {
        let error = try #require(refusal(token), "\(token.prefix(20))… was accepted")
        #expect(error != .invalidSignature, "\(token.prefix(20))… reached the signature check")
    }
}
