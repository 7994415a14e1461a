import Foundation
import Testing
@_spi(Internals) @testable import PureJWT
@_spi(Internals) import PureJSON

// Oracle: Node's JSON.stringify and node-jsonwebtoken's header construction, recorded by
// Vectors/jwt/generate.mjs. Here the header and payload bytes (the signed content) are compared
// byte for byte; RS256ParityTests checks each token's signature segment.

@Test func vectorFilesHoldAtLeastFiftyTokenCases() {
    #expect(Vectors.tokens.count >= 50)
    #expect(Vectors.numbers.count >= 1000)
}

@Test func payloadBytesEqualNodeJSONStringifyForEveryRepresentableCase() {
    var compared = 0
    for c in Vectors.tokens where c.swift_representable {
        let claims = JWTClaims(object: c.claims.object)
        #expect(claims.serializedBytes == Vectors.bytes(hex: c.payload_hex), "\(c.name)")
        #expect(claims.serialized == c.payload_json, "\(c.name)")
        compared += 1
    }
    #expect(compared >= 60)
}

@Test func headerBytesEqualNodeJsonwebtokenHeaderForEveryCase() throws {
    for c in Vectors.tokens {
        let header = try JWSHeader.rs256(keyID: c.keyid, extra: c.header_extra?.object ?? JSONObject())
        #expect(header.serializedBytes == Vectors.bytes(hex: c.header_hex), "\(c.name)")
        #expect(header.serialized == c.header_json, "\(c.name)")
    }
}

@Test func tenantConvenienceReproducesNodeTenantTokensPayload() throws {
    var compared = 0
    for c in Vectors.tokens where c.swift_representable {
        guard case let .obj(members) = c.claims, members.count == 3,
            members.map({ Tagged.string($0.k) }) == ["sub", "iat", "exp"],
            case let .str(units) = members[0].v, let iat = c.iat, let exp = c.exp
        else { continue }
        let claims = try JWTClaims.tenant(Tagged.string(units), now: iat, lifetime: exp - iat)
        #expect(claims.serialized == c.payload_json, "\(c.name)")
        compared += 1
    }
    #expect(compared >= 40)
}

@Test func signingInputEqualsTheFirstTwoSegmentsOfNodeTokens() throws {
    for c in Vectors.tokens where c.swift_representable {
        let header = try JWSHeader.rs256(keyID: c.keyid, extra: c.header_extra?.object ?? JSONObject())
        let claims = JWTClaims(object: c.claims.object)
        let input = Vectors.base64URLEncode(header.serializedBytes) + "." + Vectors.base64URLEncode(claims.serializedBytes)
        let expected = c.token.split(separator: ".").prefix(2).joined(separator: ".")
        #expect(input == expected, "\(c.name)")
    }
}

@Test func parsingNodeOutputAndWritingItAgainGivesTheSameBytes() throws {
    for c in Vectors.tokens where c.swift_representable {
        let payload = try JSONValue(parsing: Vectors.bytes(hex: c.payload_hex))
        #expect(payload.serialized == c.payload_json, "\(c.name)")
        #expect(sameAsJavaScriptSees(payload, .object(c.claims.object)), "\(c.name)")
        let header = try JSONValue(parsing: c.header_json)
        #expect(header.serialized == c.header_json, "\(c.name)")
    }
}

@Test func nodePayloadsWithLoneSurrogatesAreRefusedNotAltered() {
    var refused = 0
    for c in Vectors.tokens where !c.swift_representable {
        #expect(throws: JSONError.self, "\(c.name)") {
            try JSONValue(parsing: Vectors.bytes(hex: c.payload_hex))
        }
        do {
            _ = try JSONValue(parsing: Vectors.bytes(hex: c.payload_hex))
        } catch {
            if case .loneSurrogate = error.reason { refused += 1 }
        }
    }
    #expect(refused == 3)
}

@Test func floatsAreWrittenAsJavaScriptNumberToStringForThreeThousandDoubles() throws {
    for n in Vectors.numbers {
        let x = Double(bitPattern: UInt64(n.bits, radix: 16)!)
        let written = try JSONValue.double(x).serialized
        #expect(written == n.js, "bits \(n.bits)")
        // And reading JavaScript's text gives the same float back.
        let read = try JSONValue(parsing: n.js)
        #expect(read.numberValue?.doubleValue == x || (x == 0 && read.numberValue?.doubleValue == 0), "bits \(n.bits)")
    }
}

@Test func safeIntegersAreWrittenTheSameWhetherHeldAsIntegerOrFloat() throws {
    for value: Int64 in [0, 1, -1, 1_700_000_000, 9_007_199_254_740_991, -9_007_199_254_740_991] {
        #expect(JSONValue.integer(value).serialized == (try JSONValue.double(Double(value)).serialized))
    }
}

/// Equality as JavaScript sees it: numbers compared as doubles. (The parser keeps an integer
/// literal beyond 2^53 exact, e.g. Node writes 2^60 as 1152921504606847000, which is a different
/// Int64 than 2^60 but the same double.)
func sameAsJavaScriptSees(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case let (.number(x), .number(y)): return x.doubleValue == y.doubleValue
    case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy(sameAsJavaScriptSees)
    case let (.object(x), .object(y)):
        return x.count == y.count
            && zip(x.members, y.members).allSatisfy {
                $0.key.utf8.elementsEqual($1.key.utf8) && sameAsJavaScriptSees($0.value, $1.value)
            }
    default: return a == b
    }
}
