// Fuzz target: the strict JSON parser and the deterministic serializer (PureJWT).
//
// Properties, on every input:
// 1. Parsing never traps; a refusal has an offset within the input and a sentence.
// 2. Anything accepted re-serialises to bytes that parse again to an equal value, and serialising
//    that value gives the same bytes again (the serializer's output is a fixed point). "Equal" is
//    `==` except for numbers, which are compared as JavaScript compares them (as doubles): the
//    serializer writes floats as JSON.stringify does, so a float from 2^53 up whose shortest
//    digits have no fraction ("7700713777777000000") reads back as an exact Int64 that differs
//    from the float by less than its spacing. That is the documented design (integers stay exact;
//    JavaScript sees the same number); a fuzz run found it, Tests/PureJWTTests/
//    FuzzRegressionTests.swift pins it.
// 3. The serialised form is never longer than needed to be accepted by the same limits, i.e.
//    the second parse succeeds under the default limits whenever the first did.
// 4. The JWT views (header and claims parsing) never trap on the same bytes.
import FuzzSupport
@_spi(Internals) import PureJWT
@_spi(Internals) import PureJSON

/// Equality as JavaScript sees it: `==`, with numbers compared as doubles.
func sameForJavaScript(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case let (.number(x), .number(y)):
        return x == y || x.doubleValue == y.doubleValue
    case let (.array(x), .array(y)):
        return x.count == y.count && zip(x, y).allSatisfy(sameForJavaScript)
    case let (.object(x), .object(y)):
        return x.count == y.count
            && zip(x.members, y.members).allSatisfy {
                $0.key.utf8.elementsEqual($1.key.utf8) && sameForJavaScript($0.value, $1.value)
            }
    default:
        return a == b
    }
}

/// Whether any number in the value is a float of magnitude 2^53 or more (the only place where
/// `==` and JavaScript's equality part ways after a round trip).
func hasLargeFloat(_ value: JSONValue) -> Bool {
    switch value {
    case let .number(n):
        if case let .double(d) = n.storage { return d.magnitude >= 9_007_199_254_740_992 }
        return false
    case let .array(elements): return elements.contains(where: hasLargeFloat)
    case let .object(object): return object.members.contains { hasLargeFloat($0.value) }
    default: return false
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = bytes(data, size)
    let value: JSONValue
    do {
        value = try JSONValue(parsing: input)
    } catch {
        require(error.offset >= 0 && error.offset <= input.count, "error offset \(error.offset) outside \(input.count) bytes")
        require(!error.description.isEmpty, "a refusal without a description")
        _ = try? JWSHeader(parsing: input)
        _ = try? JWTClaims(parsing: input)
        return 0
    }
    let serialized = value.serializedBytes
    let reparsed: JSONValue
    do {
        reparsed = try JSONValue(parsing: serialized, limits: JSONParsingLimits(maxDepth: JSONParsingLimits.depthCeiling, maxBytes: Int.max))
    } catch {
        require(false, "serialised form of an accepted value is refused (\(error)): \(String(decoding: serialized, as: UTF8.self))")
        return 0
    }
    require(
        reparsed == value || (hasLargeFloat(value) && sameForJavaScript(reparsed, value)),
        "re-parsed value differs: \(String(decoding: serialized, as: UTF8.self))")
    require(reparsed.serializedBytes == serialized, "serialisation is not a fixed point: \(String(decoding: serialized, as: UTF8.self))")
    require(
        (try? JSONValue(parsing: serialized)) != nil || serialized.count > JSONParsingLimits.default.maxBytes,
        "serialised form exceeds the default limits it was parsed under")
    if let header = try? JWSHeader(parsing: input) {
        require(header.serializedBytes == serialized, "header serialisation differs from the value's")
    }
    if let claims = try? JWTClaims(parsing: input) {
        require(claims.serializedBytes == serialized, "claims serialisation differs from the value's")
        _ = try? claims.validate(now: 1_700_000_000)
    }
    return 0
}
