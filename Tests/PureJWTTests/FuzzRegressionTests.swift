// Inputs the fuzzer (Fuzz/FuzzJSON) once flagged, replayed in the normal suite. Every file in
// Fuzz/regressions/FuzzJSON is one; add the artifact there when a new finding is fixed.
import Foundation
import Testing
@_spi(Internals) import PureJWT
@_spi(Internals) import PureJSON

private let regressionFolder = repositoryRoot.appendingPathComponent("Fuzz/regressions/FuzzJSON")

private func regressionInputs() throws -> [(String, [UInt8])] {
    let names = try FileManager.default.contentsOfDirectory(atPath: regressionFolder.path).sorted()
    return try names.map { ($0, Array(try Data(contentsOf: regressionFolder.appendingPathComponent($0)))) }
}

@Test func everyJSONFuzzRegressionRoundTripsToTheSameBytesAndTheSameJavaScriptValue() throws {
    let inputs = try regressionInputs()
    #expect(!inputs.isEmpty)
    for (name, bytes) in inputs {
        guard let value = try? JSONValue(parsing: bytes) else { continue }  // refusals are fine
        let text = value.serializedBytes
        let again = try JSONValue(parsing: text)
        #expect(again.serializedBytes == text, "\(name): serialisation is not a fixed point")
        #expect(sameAsJavaScriptSees(again, value), "\(name): the round trip changed a value")
    }
}

/// Found by FuzzJSON: `7700713777777000077.030` is a float (it has a fraction) of about 7.7e18.
/// JSON.stringify's shortest digits for it have no fraction, so the serialised text reads back as
/// an exact Int64 — a different integer than the float's exact value, but the same double. The
/// design keeps integers exact (so `==` says they differ) and writes floats as JavaScript does;
/// this pins both halves, so a change to either is deliberate.
@Test func aFloatBeyondTwoToThe53WithoutFractionDigitsReadsBackAsTheSameDouble() throws {
    let value = try JSONValue(parsing: "7700713777777000077.030")
    let number = try #require(value.numberValue)
    guard case let .double(original) = number.storage else {
        Issue.record("a literal with a fraction must be held as a float")
        return
    }
    let text = value.serialized
    #expect(!text.contains(".") && !text.contains("e"), "JavaScript writes this float without fraction or exponent: \(text)")
    let again = try #require(try JSONValue(parsing: text).numberValue)
    #expect(again.int64Value != nil, "text without fraction or exponent that fits Int64 is an exact integer")
    #expect(again.doubleValue == original, "the round trip must keep the double")
    #expect(Double(text) == original, "Foundation reads the text back to the same double")
    #expect(JSONValue.number(again).serialized == text)
}
