#if !hasFeature(Embedded)
/// Makes a `Decodable` value from a ``JSONValue`` or from JSON text.
///
/// Strict where JSON is ambiguous: text is parsed by the strict parser (duplicate member names,
/// lone surrogates, trailing data … are refused, see ``JSONValue/init(parsing:limits:)-([UInt8],_)``);
/// a number decodes into an integer type only when it is a whole number in that type's range
/// (`1e3` gives 1000, `1.5` is refused); `null` decodes only into an optional. Members the type
/// does not declare are ignored, as with Foundation's decoder.
///
/// Needs no Foundation. Not available in Embedded Swift (which has no `Codable`).
public struct JSONValueDecoder: Sendable {
    /// The limits applied when decoding from text.
    public var limits: JSONParsingLimits

    /// Makes a decoder.
    ///
    /// - Parameter limits: the parser's limits for ``decode(_:from:)-(_,[UInt8])`` (default ``JSONParsingLimits/default``).
    public init(limits: JSONParsingLimits = .default) { self.limits = limits }

    /// Decodes a value of type `T` from a JSON value.
    ///
    /// - Parameters:
    ///   - type: the type to make.
    ///   - value: the JSON value.
    /// - Returns: the decoded value.
    /// - Throws: ``JSONCodingError`` when the JSON does not fit `T`, or whatever `T`'s own
    ///   `init(from:)` throws.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: ValueDecoder(value, path: []))
    }

    /// Parses UTF-8 JSON text strictly, then decodes a value of type `T` from it.
    ///
    /// - Parameters:
    ///   - type: the type to make.
    ///   - bytes: the JSON text as UTF-8.
    /// - Returns: the decoded value.
    /// - Throws: ``JSONCodingError`` (code ``JSONCodingError/Code/invalidJSON`` with the parser's
    ///   error when the text is refused), or whatever `T`'s own `init(from:)` throws.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: bytes, limits: limits)
        } catch {
            throw JSONCodingError(.invalidJSON, "", at: [], parsing: error)
        }
        return try decode(type, from: value)
    }
}

extension JSONValue {
    /// The JSON type's name, for error sentences ("a string", "null").
    package var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a Boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// The reading of primitives, shared by the three container kinds.
struct JSONReader {
    let path: [any CodingKey]

    func mismatch(_ needed: String, _ found: JSONValue) -> JSONCodingError {
        JSONCodingError(.typeMismatch, "expected \(needed), found \(found.kindName)", at: path)
    }

    func bool(_ v: JSONValue) throws -> Bool {
        guard case let .bool(b) = v else { throw mismatch("a Boolean", v) }
        return b
    }

    func string(_ v: JSONValue) throws -> String {
        guard case let .string(s) = v else { throw mismatch("a string", v) }
        return s
    }

    func double(_ v: JSONValue) throws -> Double {
        guard case let .number(n) = v else { throw mismatch("a number", v) }
        return n.doubleValue
    }

    func float(_ v: JSONValue) throws -> Float {
        let d = try double(v)
        let f = Float(d)
        guard f.isFinite else {
            throw JSONCodingError(.numberOutOfRange, "the number is too large for a Float", at: path)
        }
        return f
    }

    func integer<T: FixedWidthInteger>(_ v: JSONValue, as type: T.Type) throws -> T {
        guard case let .number(n) = v else { throw mismatch("a whole number", v) }
        guard let whole = n.int64Value else {
            throw JSONCodingError(
                .numberOutOfRange, "the number is not a whole number in the range of \(T.self)", at: path)
        }
        guard let exact = T(exactly: whole) else {
            throw JSONCodingError(.numberOutOfRange, "the number is outside the range of \(T.self)", at: path)
        }
        return exact
    }
}

/// The `Decoder` handed to a type's `init(from:)`: it reads one JSON value.
struct ValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ value: JSONValue, path: [any CodingKey]) {
        self.value = value
        self.codingPath = path
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case let .object(object) = value else {
            throw JSONReader(path: codingPath).mismatch("an object", value)
        }
        return KeyedDecodingContainer(KeyedDecoder<Key>(object: object, path: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case let .array(elements) = value else {
            throw JSONReader(path: codingPath).mismatch("an array", value)
        }
        return UnkeyedDecoder(elements: elements, path: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleDecoder(value: value, path: codingPath)
    }
}

struct KeyedDecoder<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let object: JSONObject
    let codingPath: [any CodingKey]

    init(object: JSONObject, path: [any CodingKey]) {
        self.object = object
        self.codingPath = path
    }

    var allKeys: [Key] { object.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { object.index(forKey: key.stringValue) != nil }

    private func member(_ key: Key) throws -> JSONValue {
        guard let v = object[key.stringValue] else {
            throw JSONCodingError(.missingMember, "the member is required but missing", at: codingPath + [key])
        }
        return v
    }

    private func reader(_ key: Key) -> JSONReader { JSONReader(path: codingPath + [key]) }

    func decodeNil(forKey key: Key) throws -> Bool { try member(key) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try reader(key).bool(member(key)) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try reader(key).string(member(key)) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try reader(key).double(member(key)) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try reader(key).float(member(key)) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try reader(key).integer(member(key), as: type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try reader(key).integer(member(key), as: type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try reader(key).integer(member(key), as: type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try reader(key).integer(member(key), as: type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try reader(key).integer(member(key), as: type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try reader(key).integer(member(key), as: type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try reader(key).integer(member(key), as: type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try reader(key).integer(member(key), as: type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try reader(key).integer(member(key), as: type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try reader(key).integer(member(key), as: type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try T(from: ValueDecoder(member(key), path: codingPath + [key]))
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(member(key), path: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(member(key), path: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(object["super"] ?? .null, path: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(object[key.stringValue] ?? .null, path: codingPath + [key])
    }
}

struct UnkeyedDecoder: UnkeyedDecodingContainer {
    let elements: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    init(elements: [JSONValue], path: [any CodingKey]) {
        self.elements = elements
        self.codingPath = path
    }

    private var path: [any CodingKey] { codingPath + [JSONIndexKey(currentIndex)] }

    /// The next element, consumed only when `read` succeeds (as `UnkeyedDecodingContainer` requires).
    private mutating func next<T>(_ read: (JSONReader, JSONValue) throws -> T) throws -> T {
        guard !isAtEnd else {
            throw JSONCodingError(.missingMember, "the array has fewer elements than required", at: path)
        }
        let result = try read(JSONReader(path: path), elements[currentIndex])
        currentIndex += 1
        return result
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.bool($1) } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.string($1) } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.double($1) } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.float($1) } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.integer($1, as: type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.integer($1, as: type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try next { reader, value in try T(from: ValueDecoder(value, path: reader.path)) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { reader, value in try ValueDecoder(value, path: reader.path).container(keyedBy: type) }
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try next { reader, value in try ValueDecoder(value, path: reader.path).unkeyedContainer() }
    }

    mutating func superDecoder() throws -> any Decoder {
        try next { reader, value in ValueDecoder(value, path: reader.path) }
    }
}

struct SingleDecoder: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    init(value: JSONValue, path: [any CodingKey]) {
        self.value = value
        self.codingPath = path
    }

    private var reader: JSONReader { JSONReader(path: codingPath) }

    func decodeNil() -> Bool { value == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(value) }
    func decode(_ type: String.Type) throws -> String { try reader.string(value) }
    func decode(_ type: Double.Type) throws -> Double { try reader.double(value) }
    func decode(_ type: Float.Type) throws -> Float { try reader.float(value) }
    func decode(_ type: Int.Type) throws -> Int { try reader.integer(value, as: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.integer(value, as: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.integer(value, as: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.integer(value, as: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.integer(value, as: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.integer(value, as: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.integer(value, as: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.integer(value, as: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.integer(value, as: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.integer(value, as: type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: ValueDecoder(value, path: codingPath)) }
}

/// `JSONValue` decodes as itself, so a `Codable` type can hold arbitrary JSON in a member.
extension JSONValue: Decodable {
    /// Reads any JSON value.
    ///
    /// - Parameter decoder: the decoder.
    /// - Throws: when `decoder` is not this library's and its data is not JSON-shaped.
    public init(from decoder: any Decoder) throws {
        if let ours = decoder as? ValueDecoder {
            self = ours.value
            return
        }
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let i = try? c.decode(Int64.self) { self = .integer(i); return }
        if let d = try? c.decode(Double.self) { self = .number(try JSONNumber(d)); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        let members = try decoder.container(keyedBy: JSONMemberKey.self)
        var object = JSONObject()
        for key in members.allKeys { object[key.stringValue] = try members.decode(JSONValue.self, forKey: key) }
        self = .object(object)
    }
}
#endif
