import Foundation
import Testing
import PureJSON

// The Codable encoder's bytes against Node's JSON.stringify of the same JavaScript object (the
// object literal is written by hand next to each Swift value, so Node is the oracle), and the
// decoder's strictness.

/// Runs `JSON.stringify(expression)` in Node and returns its bytes.
func nodeStringify(_ expression: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["node", "-e", "process.stdout.write(JSON.stringify(\(expression)))"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "node failed on \(expression)")
    return Array(data)
}

struct TenantClaims: Codable, Equatable {
    var sub: String
    var iat: Int64
    var exp: Int64
    var role: String?
}

struct Inner: Codable, Equatable {
    var on: Bool
    var ratio: Double
    var note: String?
}

struct Profile: Codable, Equatable {
    var name: String
    var tags: [String]
    var inner: Inner
    var inners: [Inner]
    var counts: [Int64]
    var small: [Int8]
    var unsigned: UInt32
    var floats: [Double]
    var matrix: [[Int]]
    var empty: [String]
    var nothing: Inner?
}

/// Member names that are array indices come first in ascending order, as in JavaScript.
struct IndexNamed: Codable, Equatable {
    var a: Int
    var ten: Int
    var two: Int
    enum CodingKeys: String, CodingKey {
        case a
        case ten = "10"
        case two = "2"
    }
}

@Test func tenantClaimsEncodeAsNodeWritesThemWithTheNilRoleLeftOut() throws {
    let claims = TenantClaims(sub: "tenant-id", iat: 1_700_000_000, exp: 1_700_003_600, role: nil)
    #expect(
        try JSONValueEncoder().encodeBytes(claims)
            == nodeStringify("{sub: 'tenant-id', iat: 1700000000, exp: 1700003600, role: undefined}"))
    let admin = TenantClaims(sub: "t", iat: 0, exp: 9_007_199_254_740_991, role: "admin")
    #expect(
        try JSONValueEncoder().encodeBytes(admin)
            == nodeStringify("{sub: 't', iat: 0, exp: 9007199254740991, role: 'admin'}"))
}

@Test func nestedStructsArraysNumbersAndUnicodeEncodeAsNodeWritesThem() throws {
    let profile = Profile(
        name: "é𝄞 \u{2028}\u{7F} \"q\" \\ \n\t\u{1} z",
        tags: ["a", "", "ü"],
        inner: Inner(on: true, ratio: 0.1, note: "x"),
        inners: [Inner(on: false, ratio: -0.0, note: nil), Inner(on: true, ratio: 1e21, note: "")],
        counts: [0, -1, 9_007_199_254_740_991, -9_007_199_254_740_991, 1_700_000_000],
        small: [Int8.min, Int8.max],
        unsigned: UInt32.max,
        floats: [1.5e-7, 123.456, 5e-324, 1.7976931348623157e308, 100, 0.000001, 1e-7, 2.5e20, 1.0 / 3.0],
        matrix: [[1, 2], [], [3]],
        empty: [],
        nothing: nil)
    let js = """
        {name: 'é𝄞 \\u2028\\u007f "q" \\\\ \\n\\t\\u0001 z', tags: ['a', '', 'ü'],
         inner: {on: true, ratio: 0.1, note: 'x'},
         inners: [{on: false, ratio: -0, note: undefined}, {on: true, ratio: 1e21, note: ''}],
         counts: [0, -1, 9007199254740991, -9007199254740991, 1700000000], small: [-128, 127],
         unsigned: 4294967295,
         floats: [1.5e-7, 123.456, 5e-324, 1.7976931348623157e308, 100, 0.000001, 1e-7, 2.5e20, 1 / 3],
         matrix: [[1, 2], [], [3]], empty: [], nothing: undefined}
        """
    #expect(try JSONValueEncoder().encodeBytes(profile) == nodeStringify(js))
    // …and it decodes back to the same value.
    #expect(try JSONValueDecoder().decode(Profile.self, from: JSONValueEncoder().encodeBytes(profile)) == profile)
}

@Test func arrayIndexMemberNamesComeFirstInAscendingOrderAsInJavaScript() throws {
    let value = IndexNamed(a: 1, ten: 10, two: 2)
    #expect(try JSONValueEncoder().encodeBytes(value) == nodeStringify("{a: 1, '10': 10, '2': 2}"))
    #expect(try JSONValueDecoder().decode(IndexNamed.self, from: JSONValueEncoder().encodeBytes(value)) == value)
}

@Test func int64ExtremesAreWrittenDigitForDigit() throws {
    // Beyond 2^53 JavaScript has no exact number; the library writes the integer exactly
    // (as JSONNumber documents) rather than JavaScript's rounded digits.
    #expect(try JSONValueEncoder().encodeBytes([Int64.max, Int64.min]) == Array("[9223372036854775807,-9223372036854775808]".utf8))
    #expect(
        try JSONValueDecoder().decode([Int64].self, from: Array("[9223372036854775807,-9223372036854775808]".utf8))
            == [Int64.max, Int64.min])
}

@Test func valuesJSONCannotHoldAreRefusedWithTheMemberNamed() throws {
    struct Bad: Encodable { var inner: [Double] }
    #expect {
        try JSONValueEncoder().encode(Bad(inner: [1, .nan]))
    } throws: { error in
        let e = error as? JSONCodingError
        return e?.code == .unrepresentableValue && e?.path == "inner[1]" && "\(e!)".contains("NaN")
    }
    #expect(throws: JSONCodingError.self) { try JSONValueEncoder().encode([UInt64.max]) }
    #expect(throws: JSONCodingError.self) { try JSONValueEncoder().encode(Double.infinity) }
    #expect(try JSONValueEncoder().encode(UInt64(Int64.max)) == .integer(Int64.max))
}

@Test func decodingIsStrictAndNamesThePlace() throws {
    func code(_ json: String) -> (JSONCodingError.Code, String)? {
        do {
            _ = try JSONValueDecoder().decode(TenantClaims.self, from: Array(json.utf8))
            return nil
        } catch let error as JSONCodingError {
            #expect(!"\(error)".contains("\n"))
            return (error.code, error.path)
        } catch {
            return nil
        }
    }
    #expect(code(#"{"sub":"t","iat":1,"exp":2}"#) == nil)
    #expect(code(#"{"sub":"t","iat":1,"exp":2,"role":null}"#) == nil)  // null → nil optional
    #expect(code(#"{"sub":"t","iat":1,"exp":2,"extra":[1]}"#) == nil)  // undeclared: ignored
    #expect(code(#"{"sub":"t","iat":1e3,"exp":2}"#) == nil)  // whole float → Int64
    #expect(code(#"{"sub":"t","sub":"u","iat":1,"exp":2}"#)?.0 == .invalidJSON)  // duplicate member
    #expect(code(#"{"sub":"t","iat":1.5,"exp":2}"#)! == (.numberOutOfRange, "iat"))
    #expect(code(#"{"sub":"t","iat":1e300,"exp":2}"#)! == (.numberOutOfRange, "iat"))
    #expect(code(#"{"sub":5,"iat":1,"exp":2}"#)! == (.typeMismatch, "sub"))
    #expect(code(#"{"sub":null,"iat":1,"exp":2}"#)! == (.typeMismatch, "sub"))
    #expect(code(#"{"sub":"t","iat":1}"#)! == (.missingMember, "exp"))
    #expect(code(#"[1]"#)! == (.typeMismatch, ""))
    #expect(code(#"{"sub":"t","iat":1,"exp":2} x"#)?.0 == .invalidJSON)
    #expect(throws: JSONCodingError.self) { try JSONValueDecoder().decode([UInt8].self, from: Array("[1,300]".utf8)) }
    #expect(throws: JSONCodingError.self) { try JSONValueDecoder().decode([Int].self, from: Array("[1,\"2\"]".utf8)) }
}

@Test func aJSONValueMemberHoldsArbitraryJSONBothWays() throws {
    struct Envelope: Codable, Equatable { var kind: String; var data: JSONValue }
    let text = #"{"kind":"k","data":{"b":[1,2.5,"x",null,true],"a":{}}}"#
    let decoded = try JSONValueDecoder().decode(Envelope.self, from: Array(text.utf8))
    #expect(decoded.data.objectValue?.keys == ["b", "a"])
    #expect(try JSONValueEncoder().encodeBytes(decoded) == Array(text.utf8))
}
