/// A JSON value (RFC 8259).
///
/// Strings are Swift `String`s, so they always hold well-formed Unicode: a JSON text with a lone
/// surrogate escape (`"\ud800"`) is refused by the parser rather than silently altered.
/// Objects keep JavaScript's member order (``JSONObject``); numbers keep integers exact
/// (``JSONNumber``).
public enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number.
    case number(JSONNumber)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object.
    case object(JSONObject)

    /// An exact integer number.
    ///
    /// - Parameter value: the integer.
    /// - Returns: `.number` holding `value` exactly.
    public static func integer(_ value: Int64) -> JSONValue {
        .number(JSONNumber(value))
    }

    /// A float number.
    ///
    /// - Parameter value: a finite float.
    /// - Returns: `.number` holding `value`.
    /// - Throws: `JSONError` with reason `.nonFiniteNumber` for NaN and infinities.
    public static func double(_ value: Double) throws(JSONError) -> JSONValue {
        .number(try JSONNumber(value))
    }

    /// Values are equal when they have the same type and equal contents; strings compare code
    /// unit by code unit (not by Unicode canonical equivalence), numbers by numeric value.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.number(a), .number(b)): return a == b
        case let (.string(a), .string(b)): return a.utf8.elementsEqual(b.utf8)
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)): return a == b
        default: return false
        }
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    /// The number, when this is a number.
    public var numberValue: JSONNumber? {
        if case let .number(n) = self { return n }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case let .object(o) = self { return o }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case let .array(a) = self { return a }
        return nil
    }

    /// The Boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }
}
