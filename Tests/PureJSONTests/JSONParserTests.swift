import Testing
@_spi(Internals) @testable import PureJSON

// Accept/reject suites in the spirit of JSONTestSuite (github.com/nst/JSONTestSuite): the
// expectations follow RFC 8259's grammar and this parser's documented strictness.

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

func reason(_ input: [UInt8], limits: JSONParsingLimits = .default) -> JSONError.Reason? {
    do {
        _ = try JSONValue(parsing: input, limits: limits)
        return nil
    } catch {
        return error.reason
    }
}

@Test(arguments: [
    "[]", "{}", " [ ] ", "\t\n\r [1]\n", "0", "-0", "1", "-1", "1.5", "-1.5e+3", "1E5", "1e-5", "0.0",
    "123456789012345678901234567890", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
    "1e308", "1e-400", "\"\"", "\"abc\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u0000\"", "\"\\u00e9\\u00E9\"",
    "\"\\ud83d\\ude00\"", "\"\\uD834\\uDD1E\"", "\"\u{7F}\"", "\"\u{2028}\u{2029}\"", "\"é𝄞\u{10FFFF}\"",
    "true", "false", "null", "[1,[2,[3]],{\"a\":{}}]", "{\"a\":1,\"b\":[true,false,null]}",
    "{\"é\":1,\"e\u{301}\":2}", "{\"a\":1,\"A\":2}", "{\"\":0}",
])
func acceptsValidJSON(_ text: String) {
    #expect(reason(bytes(text)) == nil, "\(text)")
}

@Test(arguments: [
    ("", JSONError.Reason.unexpectedEnd),
    (" ", .unexpectedEnd),
    ("[1,]", .unexpectedByte(UInt8(ascii: "]"), expected: "a JSON value")),
    ("[,1]", .unexpectedByte(UInt8(ascii: ","), expected: "a JSON value")),
    ("{\"a\":1,}", .unexpectedByte(UInt8(ascii: "}"), expected: "a member name in double quotes")),
    ("{\"a\" 1}", .unexpectedByte(UInt8(ascii: "1"), expected: "':'")),
    ("{a:1}", .unexpectedByte(UInt8(ascii: "a"), expected: "a member name in double quotes")),
    ("{'a':1}", .unexpectedByte(UInt8(ascii: "'"), expected: "a member name in double quotes")),
    ("[1 2]", .unexpectedByte(UInt8(ascii: "2"), expected: "',' or ']'")),
    ("[1", .unexpectedEnd),
    ("{\"a\":1", .unexpectedEnd),
    ("01", .leadingZero),
    ("-012", .leadingZero),
    ("00", .leadingZero),
    ("1.", .invalidNumber),
    ("1.e5", .invalidNumber),
    ("1e", .invalidNumber),
    ("1e+", .invalidNumber),
    ("-", .unexpectedEnd),
    ("-a", .invalidNumber),
    (".5", .unexpectedByte(UInt8(ascii: "."), expected: "a JSON value")),
    ("+1", .unexpectedByte(UInt8(ascii: "+"), expected: "a JSON value")),
    ("0x10", .trailingData),
    ("NaN", .unexpectedByte(UInt8(ascii: "N"), expected: "a JSON value")),
    ("Infinity", .unexpectedByte(UInt8(ascii: "I"), expected: "a JSON value")),
    ("1e400", .numberOutOfRange),
    ("-1e400", .numberOutOfRange),
    ("tru", .unexpectedEnd),
    ("tru\u{435}", .unexpectedByte(0xD0, expected: "a JSON value")),  // Cyrillic ie, not 'e'
    ("nul", .unexpectedEnd),
    ("True", .unexpectedByte(UInt8(ascii: "T"), expected: "a JSON value")),
    ("[] []", .trailingData),
    ("{} x", .trailingData),
    ("\"abc", .unexpectedEnd),
    ("\"\\x\"", .invalidEscape(UInt8(ascii: "x"))),
    ("\"\\'\"", .invalidEscape(UInt8(ascii: "'"))),
    ("\"\\u12\"", .invalidUnicodeEscape),
    ("\"\\u12G4\"", .invalidUnicodeEscape),
    ("\"\\ud800\"", .loneSurrogate(0xD800)),
    ("\"\\udbff\\u0041\"", .loneSurrogate(0xDBFF)),
    ("\"\\ud800\\ud800\"", .loneSurrogate(0xD800)),
    ("\"\\udc00\"", .loneSurrogate(0xDC00)),
    ("\"\\udfff\\ud800\"", .loneSurrogate(0xDFFF)),
    ("\"\t\"", .controlCharacterInString(0x09)),
    ("\"\n\"", .controlCharacterInString(0x0A)),
    ("\"\u{1F}\"", .controlCharacterInString(0x1F)),
    ("{\"a\":1,\"a\":2}", .duplicateMemberName("a")),
    ("{\"a\":1,\"\\u0061\":2}", .duplicateMemberName("a")),
    ("{\"alg\":\"RS256\",\"alg\":\"none\"}", .duplicateMemberName("alg")),
    ("\u{FEFF}{}", .unexpectedByte(0xEF, expected: "a JSON value")),
])
func refusesInvalidJSON(_ text: String, _ expected: JSONError.Reason) {
    #expect(reason(bytes(text)) == expected, "\(text)")
}

@Test func rawNulInAStringIsRefusedButTheEscapeIsAccepted() throws {
    #expect(reason([0x22, 0x00, 0x22]) == .controlCharacterInString(0))
    let value = try JSONValue(parsing: bytes("\"\\u0000\""))
    #expect(value.stringValue?.utf8.elementsEqual([0]) == true)
}

@Test(
    arguments: [
        [0x22, 0x80, 0x22],  // lone continuation byte
        [0x22, 0xC0, 0xAF, 0x22],  // overlong '/'
        [0x22, 0xC1, 0xBF, 0x22],  // overlong
        [0x22, 0xE0, 0x80, 0xAF, 0x22],  // overlong 3-byte
        [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22],  // overlong 4-byte
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // UTF-8 encoded surrogate U+D800
        [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22],  // above U+10FFFF
        [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
        [0x22, 0xFF, 0x22],
        [0x22, 0xE2, 0x82, 0x22],  // truncated
        [0x22, 0xF0, 0x9F, 0x98],  // truncated at end of input
        [0x22, 0xC3, 0x41, 0x22],  // bad continuation
    ] as [[UInt8]])
func refusesIllFormedUTF8InStrings(_ input: [UInt8]) {
    #expect(reason(input) == .invalidUTF8)
}

@Test func nonASCIIOutsideStringsIsRefused() {
    #expect(reason(bytes("[1,é]")) == .unexpectedByte(0xC3, expected: "a JSON value"))
}

@Test func errorsCarryTheOffsetOfTheProblem() {
    do {
        _ = try JSONValue(parsing: "{\"a\":1,\"a\":2}")
        Issue.record("accepted a duplicate")
    } catch {
        #expect(error.offset == 7)
        #expect(error.description == "the object has the member name \"a\" more than once (at byte 7)")
    }
    do {
        _ = try JSONValue(parsing: "[1, 01]")
        Issue.record("accepted a leading zero")
    } catch {
        #expect(error.offset == 5)
    }
}

@Test func numbersKeepIntegersExactAndTheirSourceText() throws {
    let v = try JSONValue(parsing: "[9223372036854775807,-9223372036854775808,9007199254740993,1.0,1e2,-0]")
    let n = try #require(v.arrayValue).map { $0.numberValue! }
    #expect(n[0].int64Value == Int64.max)
    #expect(n[1].int64Value == Int64.min)
    #expect(n[2].int64Value == 9_007_199_254_740_993)
    #expect(n[2].description == "9007199254740993")
    #expect(n[3].int64Value == 1 && n[3].sourceText == "1.0" && n[3].description == "1")
    #expect(n[4].int64Value == 100 && n[4].description == "100")
    #expect(n[5].description == "0")
    let big = try JSONValue(parsing: "9223372036854775808").numberValue!
    #expect(big.int64Value == nil && big.doubleValue == 9_223_372_036_854_775_808.0)
}

@Test func nanAndInfinityAreRefusedAtConstruction() {
    #expect(throws: JSONError(.nonFiniteNumber, at: 0)) { try JSONNumber(Double.nan) }
    #expect(throws: JSONError(.nonFiniteNumber, at: 0)) { try JSONValue.double(-.infinity) }
}

@Test func memberNamesCompareByCodeUnitsNotCanonicalEquivalence() throws {
    let v = try JSONValue(parsing: "{\"é\":1,\"e\u{301}\":2}")
    let o = try #require(v.objectValue)
    #expect(o.count == 2)
    #expect(o["é"] == .integer(1))
    #expect(o["e\u{301}"] == .integer(2))
    #expect(JSONValue.string("é") != .string("e\u{301}"))
}

@Test func objectsOrderArrayIndexNamesFirstAsJavaScriptDoes() throws {
    let v = try JSONValue(parsing: "{\"b\":1,\"10\":2,\"2\":3,\"01\":4,\"4294967295\":5,\"4294967294\":6}")
    #expect(v.objectValue?.keys == ["2", "10", "4294967294", "b", "01", "4294967295"])
    var o: JSONObject = ["z": .null]
    o["a"] = .bool(true)
    o["z"] = .integer(1)  // replaced in place
    o["3"] = .null
    #expect(o.keys == ["3", "z", "a"])
    o["z"] = nil
    #expect(o.keys == ["3", "a"])
}

// MARK: limits

@Test func nestingBeyondTheLimitFailsAtTheFirstBracketTooMany() {
    let deep = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
    do {
        _ = try JSONValue(parsing: deep, limits: JSONParsingLimits(maxDepth: 64, maxBytes: 2_000_000))
        Issue.record("accepted")
    } catch {
        #expect(error.reason == .tooDeep(limit: 64))
        #expect(error.offset == 64)  // nothing after the 65th byte was read
    }
    let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
    #expect(reason(bytes(ok)) == nil)
    let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
    #expect(reason(bytes(tooDeep)) == .tooDeep(limit: 64))
    let objects = String(repeating: "{\"a\":", count: 65) + "1" + String(repeating: "}", count: 65)
    #expect(reason(bytes(objects)) == .tooDeep(limit: 64))
}

@Test func tenThousandDeepNestingIsRefusedEvenWhenTheCallerAsksForMore() {
    let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
    let limits = JSONParsingLimits(maxDepth: 10_000, maxBytes: 1 << 20)
    #expect(limits.maxDepth == JSONParsingLimits.depthCeiling)
    #expect(reason(bytes(text), limits: limits) == .tooDeep(limit: JSONParsingLimits.depthCeiling))
}

@Test func inputOverTheSizeLimitIsRefusedBeforeReading() {
    let megabyte = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 20)
    do {
        _ = try JSONValue(parsing: megabyte)
        Issue.record("accepted")
    } catch {
        #expect(error.reason == .tooLarge(bytes: 1 << 20, limit: 65_536))
        #expect(error.offset == 0)
    }
}

@Test func aOneMegabyteDocumentParsesWhenTheLimitAllowsIt() throws {
    // 1 MiB of a flat array of strings and numbers, under a raised limit: linear work.
    var text = "["
    while text.utf8.count < (1 << 20) - 64 { text += "\"tenant-\\u00e9\u{1F600}\",123456789,0.5," }
    text += "null]"
    let clock = ContinuousClock()
    var value: JSONValue = .null
    let elapsed = try clock.measure {
        value = try JSONValue(parsing: bytes(text), limits: JSONParsingLimits(maxBytes: 1 << 20))
    }
    #expect((value.arrayValue?.count ?? 0) > 50_000)
    #expect(elapsed < .seconds(5))  // generous: debug build on a shared machine
}

@Test func wholeFloatsConvertToInt64ExactlyAndNothingElseDoes() throws {
    let cases: [(Double, Int64?)] = [
        (0, 0), (-0.0, 0), (1, 1), (-1, -1), (0.5, nil), (-0.5, nil), (1.5, nil), (4_503_599_627_370_495.5, nil),
        (9_007_199_254_740_992, 9_007_199_254_740_992), (4_611_686_018_427_387_904, 4_611_686_018_427_387_904),
        (-9_223_372_036_854_775_808, Int64.min), (9_223_372_036_854_775_808, nil), (1e300, nil),
        (5e-324, nil), (2.2250738585072014e-308, nil),
    ]
    for (d, expected) in cases {
        #expect(try JSONNumber(d).int64Value == expected, "\(d)")
    }
}
