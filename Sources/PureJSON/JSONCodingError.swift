#if !hasFeature(Embedded)
/// Why a `Codable` value could not be turned into JSON, or JSON into a `Codable` value.
///
/// Thrown by ``JSONValueEncoder`` and ``JSONValueDecoder``. The ``code`` says what kind of
/// problem it was; new codes may be added in later versions without breaking a caller's code
/// (it is a struct, not an enum: compare with `==` or `~=`, and keep a `default` when switching).
/// The ``description`` is one sentence naming where the problem is (the coding path, made of the
/// type's own member names and array positions; no value from the input is quoted).
public struct JSONCodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem; extensible.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        let name: String
        /// A member the type requires is missing from the JSON object.
        public static let missingMember = Code(name: "missingMember")
        /// The JSON value has another type than the Swift value needs (a string where a number is
        /// needed, `null` for a non-optional value, …).
        public static let typeMismatch = Code(name: "typeMismatch")
        /// A number does not fit the Swift type (`300` for a `UInt8`, `1.5` for an `Int`).
        public static let numberOutOfRange = Code(name: "numberOutOfRange")
        /// A value cannot be written as JSON (NaN, an infinity, an unsigned integer beyond
        /// `Int64.max`), or a type encoded nothing.
        public static let unrepresentableValue = Code(name: "unrepresentableValue")
        /// The bytes are not a JSON text this library accepts; ``JSONCodingError/parsing`` holds
        /// the parser's error.
        public static let invalidJSON = Code(name: "invalidJSON")
        /// A type's own `init(from:)` or `encode(to:)` reported its data as corrupted.
        public static let dataCorrupted = Code(name: "dataCorrupted")
        /// The code's name, for logs.
        public var description: String { name }
    }

    /// What kind of problem this is.
    public let code: Code
    /// Where it is, as member names and array positions from the top-level value
    /// (`claims.scopes[2]`); empty for the top-level value itself.
    public let path: String
    /// The parser's error, when ``code`` is ``Code/invalidJSON``.
    public let parsing: JSONError?
    let what: String

    init(_ code: Code, _ what: String, at path: [any CodingKey], parsing: JSONError? = nil) {
        self.code = code
        self.what = what
        var text = ""
        for key in path {
            if let position = key as? JSONIndexKey {
                text += "[\(position.index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        self.path = text
        self.parsing = parsing
    }

    var place: String { path.isEmpty ? "the top-level value" : "member \"\(path)\"" }

    /// One sentence: what is wrong and where.
    public var description: String {
        if code == .invalidJSON, let parsing { return "the JSON text could not be read: \(parsing)" }
        return "\(place): \(what)"
    }

    /// Errors are equal when code and path are equal (the sentence may be reworded).
    public static func == (lhs: JSONCodingError, rhs: JSONCodingError) -> Bool {
        lhs.code == rhs.code && lhs.path == rhs.path
    }
}
#endif
