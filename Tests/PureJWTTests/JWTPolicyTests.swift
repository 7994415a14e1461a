import Foundation
import Testing
@_spi(Internals) @testable import PureJWT

func claims(_ json: String) throws -> JWTClaims { try JWTClaims(parsing: Array(json.utf8)) }
func header(_ json: String) throws -> JWSHeader { try JWSHeader(parsing: Array(json.utf8)) }

func validationError(_ c: JWTClaims, now: Int64, _ options: JWTValidationOptions = .init()) -> JWTError? {
    do {
        try c.validate(now: now, options: options)
        return nil
    } catch {
        return error
    }
}

// MARK: expiry and not-before (node-jsonwebtoken: expired when now >= exp + tolerance,
// not active when nbf > now + tolerance)

@Test func aTokenIsExpiredFromTheSecondNamedByExp() throws {
    let c = try claims(#"{"sub":"t","iat":1000,"exp":2000}"#)
    #expect(validationError(c, now: 1999) == nil)
    #expect(validationError(c, now: 2000) == .expired(at: 2000, now: 2000))
    #expect(validationError(c, now: 2001) == .expired(at: 2000, now: 2001))
}

@Test func leewayExtendsExpiryByExactlyThatManySeconds() throws {
    let c = try claims(#"{"exp":2000}"#)
    let options = JWTValidationOptions(leeway: 30)
    #expect(validationError(c, now: 2029, options) == nil)
    #expect(validationError(c, now: 2030, options) == .expired(at: 2000, now: 2030))
}

@Test func notBeforeIsInclusiveAndLeewayApplies() throws {
    let c = try claims(#"{"nbf":2000,"exp":3000}"#)
    #expect(validationError(c, now: 1999) == .notYetValid(at: 2000, now: 1999))
    #expect(validationError(c, now: 2000) == nil)
    #expect(validationError(c, now: 1990, JWTValidationOptions(leeway: 10)) == nil)
    #expect(validationError(c, now: 1989, JWTValidationOptions(leeway: 10)) == .notYetValid(at: 2000, now: 1989))
}

@Test func extremeTimesDoNotOverflow() throws {
    let c = try claims(#"{"nbf":-9223372036854775808,"exp":9223372036854775807}"#)
    #expect(validationError(c, now: Int64.max, JWTValidationOptions(leeway: .max)) == nil)
    #expect(validationError(c, now: Int64.min, JWTValidationOptions(leeway: .max)) == nil)
}

@Test(arguments: [
    #"{"exp":"2000"}"#, #"{"exp":null}"#, #"{"exp":true}"#,
    #"{"exp":[2000]}"#, #"{"nbf":"0"}"#, #"{"iat":"0.25"}"#, #"{"sub":5}"#, #"{"iss":null}"#,
    #"{"jti":{}}"#, #"{"aud":5}"#, #"{"aud":["a",5]}"#,
])
func wronglyTypedRegisteredClaimsAreMalformed(_ json: String) throws {
    let error = validationError(try claims(json), now: 0)
    guard case .malformed = error else {
        Issue.record("\(json): \(String(describing: error))")
        return
    }
}

@Test func expAsOneE400IsRefusedByTheParser() {
    #expect(throws: JWTError.invalidJSON(.payload, JSONError(.numberOutOfRange, at: 7))) {
        try claims(#"{"exp":1e400}"#)
    }
}

@Test func wholeValuedFloatTimesAreAcceptedAsJavaScriptSeesThem() throws {
    let c = try claims(#"{"exp":2.0e3,"iat":1000.0}"#)
    #expect(try c.expiresAt == 2000)
    #expect(try c.issuedAt == 1000)
    #expect(validationError(c, now: 2000) == .expired(at: 2000, now: 2000))
}

@Test func requiredClaimsIssuerAudienceAndSubjectAreEnforced() throws {
    let c = try claims(#"{"sub":"tenant","iss":"https://a.example","aud":["x","y"],"exp":2000}"#)
    #expect(validationError(c, now: 0, .init(requiredClaims: ["exp", "sub"])) == nil)
    #expect(validationError(c, now: 0, .init(requiredClaims: ["exp", "nbf"])) == .missingClaim("nbf"))
    #expect(validationError(c, now: 0, .init(issuer: "https://a.example")) == nil)
    #expect(
        validationError(c, now: 0, .init(issuer: "https://b.example"))
            == .unexpectedIssuer(expected: "https://b.example", found: "https://a.example"))
    #expect(validationError(c, now: 0, .init(audiences: ["z", "y"])) == nil)
    #expect(validationError(c, now: 0, .init(audiences: ["z"])) == .unexpectedAudience(accepted: ["z"], found: ["x", "y"]))
    #expect(validationError(c, now: 0, .init(subject: "tenant")) == nil)
    #expect(validationError(c, now: 0, .init(subject: "other")) == .unexpectedSubject(expected: "other", found: "tenant"))
    let bare = try claims("{}")
    #expect(validationError(bare, now: 0, .init(issuer: "i")) == .missingClaim("iss"))
    #expect(validationError(bare, now: 0, .init(audiences: ["a"])) == .missingClaim("aud"))
    #expect(validationError(bare, now: 0, .init(subject: "s")) == .missingClaim("sub"))
}

@Test func claimComparisonsUseCodeUnitsNotCanonicalEquivalence() throws {
    let c = try claims(#"{"sub":"caf\u00e9"}"#)
    #expect(validationError(c, now: 0, .init(subject: "caf\u{E9}")) == nil)
    #expect(validationError(c, now: 0, .init(subject: "cafe\u{301}")) != nil)
}

@Test func expiryIsCheckedBeforeIssuer() throws {
    let c = try claims(#"{"iss":"x","exp":10}"#)
    #expect(validationError(c, now: 10, .init(issuer: "y")) == .expired(at: 10, now: 10))
}

// MARK: the tenant convenience

@Test func tenantClaimsAreSubIatExpInThatOrder() throws {
    let c = try JWTClaims.tenant("acme", now: 1_700_000_000)
    #expect(c.serialized == #"{"sub":"acme","iat":1700000000,"exp":1700003600}"#)
    #expect(try JWTClaims.tenant("a", now: 5, lifetime: 60).expiresAt == 65)
}

@Test func tenantClaimsRefuseImpossibleTimes() {
    #expect(throws: JWTError.self) { try JWTClaims.tenant("a", now: -1) }
    #expect(throws: JWTError.self) { try JWTClaims.tenant("a", now: 100, lifetime: 0) }
    #expect(throws: JWTError.self) { try JWTClaims.tenant("a", now: JWTClaims.maxSafeInteger, lifetime: 1) }
    #expect(throws: JWTError.self) { try JWTClaims.tenant("a", now: Int64.max, lifetime: 1) }
}

// MARK: header policy: the algorithm is pinned by the verifier

@Test(arguments: ["none", "HS256", "RS512", "RS384", "PS256", "ES256", "rs256", "RS256 ", ""])
func headersAskingForAnotherAlgorithmAreRefused(_ alg: String) throws {
    let h = JWSHeader(object: ["alg": .string(alg), "typ": .string("JWT")])
    #expect(throws: JWTError.algorithmNotAllowed(alg)) { try h.checkPolicy() }
}

@Test func headerWithoutAlgOrWithANonStringAlgIsRefused() throws {
    #expect(throws: JWTError.missingAlgorithm) { try header(#"{"typ":"JWT"}"#).checkPolicy() }
    #expect(throws: JWTError.malformed("the header's \"alg\" is not a string")) {
        try header(#"{"alg":["RS256"]}"#).checkPolicy()
    }
    #expect(throws: JWTError.malformed("the header is not a JSON object")) { try header(#"["RS256"]"#) }
}

@Test func headerWithTheAlgMemberTwiceIsRefusedByTheParser() {
    #expect(throws: JWTError.invalidJSON(.header, JSONError(.duplicateMemberName("alg"), at: 15))) {
        try header(#"{"alg":"RS256","alg":"none"}"#)
    }
}

@Test func criticalHeadersAreRefusedUnlessUnderstood() throws {
    let h = try header(#"{"alg":"RS256","crit":["exp"],"exp":5}"#)
    #expect(throws: JWTError.unsupportedCriticalHeader("exp")) { try h.checkPolicy() }
    try h.checkPolicy(understoodCritical: ["exp"])
    for bad in [
        #"{"alg":"RS256","crit":[]}"#, #"{"alg":"RS256","crit":"exp","exp":1}"#,
        #"{"alg":"RS256","crit":["alg"]}"#, #"{"alg":"RS256","crit":["x"]}"#,
        #"{"alg":"RS256","crit":["x","x"],"x":1}"#, #"{"alg":"RS256","crit":[1]}"#,
    ] {
        #expect(throws: JWTError.self, "\(bad)") { try header(bad).checkPolicy(understoodCritical: ["x", "exp", "alg"]) }
    }
}

@Test func builtHeadersFollowObjectAssignOrder() throws {
    #expect(try JWSHeader.rs256().serialized == #"{"alg":"RS256","typ":"JWT"}"#)
    #expect(try JWSHeader.rs256(keyID: "k1").serialized == #"{"alg":"RS256","typ":"JWT","kid":"k1"}"#)
    #expect(throws: JWTError.algorithmNotAllowed("none")) { try JWSHeader.rs256(extra: ["alg": .string("none")]) }
    #expect(try JWSHeader.rs256(extra: ["alg": .string("RS256")]).serialized == #"{"alg":"RS256","typ":"JWT"}"#)
}

// MARK: compact form (signature check injected: these test the plumbing; RS256ParityTests checks the real RSA)

@Test(arguments: ["a.b", "a.b.c.d", ".b.c", "a..c", "a.b.", "a.b.c=", "a+b.c.d", "a.b.c d", "a.b.c\n", "é.b.c"])
func compactTokensOfTheWrongShapeAreMalformed(_ token: String) {
    #expect(throws: JWTError.self) { try JWSCompactParts(token: token) }
}

@Test func oversizedTokensAreRefusedBeforeSplitting() {
    let token = String(repeating: "a", count: JWT.maxTokenBytes + 1)
    #expect(
        throws: JWTError.malformed(
            "the token is \(JWT.maxTokenBytes + 1) bytes long, more than the limit of \(JWT.maxTokenBytes)")
    ) {
        try JWSCompactParts(token: token)
    }
}

@Test func verifyRunsHeaderPolicyThenSignatureThenClaims() throws {
    // Node's token, signed with the demo key (Vectors/jwt/generate.mjs).
    let token = try #require(Vectors.tokens.first { $0.name == "plain tenant id" }).token
    let verifier = JWTVerifier(key: Keys.demo.publicKey)
    let verified = try verifier.verify(token, now: 1_700_000_000)
    #expect(verified.header.algorithm == "RS256")
    #expect(try verified.claims.subject == "tenant-123")

    // A bad signature is reported even when the claims have expired too: the signature comes first.
    var tampered = Array(token.utf8)
    tampered[tampered.count - 2] = tampered[tampered.count - 2] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    #expect(throws: JWTError.invalidSignature) {
        try verifier.verify(String(decoding: tampered, as: UTF8.self), now: 1_700_003_600)
    }
    // Expired: reported only after the signature passed.
    #expect(throws: JWTError.expired(at: 1_700_003_600, now: 1_700_003_600)) {
        try verifier.verify(token, now: 1_700_003_600)
    }
    // A forged "none" header is refused before any signature work (the signature would not match anyway).
    let none = Vectors.base64URLEncode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8))
    let forged = none + token.drop(while: { $0 != "." })
    #expect(throws: JWTError.algorithmNotAllowed("none")) { try verifier.verify(forged, now: 0) }
}

@Test func errorDescriptionsAreSentences() {
    #expect(
        JWTError.expired(at: 2000, now: 2030).description
            == "the token expired at 2000 (seconds since 1970), 30 seconds before now (2030)")
    #expect(
        JWTError.algorithmNotAllowed("none").description
            == "the token's header asks for algorithm \"none\", but only RS256 is accepted")
    #expect(
        JSONError(.loneSurrogate(0xD800), at: 3).description
            == "the \\u escape U+D800 is half of a UTF-16 surrogate pair without its other half (at byte 3)")
}
