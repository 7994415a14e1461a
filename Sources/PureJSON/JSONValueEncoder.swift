#if !hasFeature(Embedded)
/// Turns an `Encodable` value into a ``JSONValue``, or into the bytes JavaScript's
/// `JSON.stringify` writes for the same object.
///
/// Members appear in the order the type encodes them (for synthesized conformances: declaration
/// order), with JavaScript's one exception: names that are array indices (`"0"`, `"7"`) come first,
/// in ascending order (see ``JSONObject``). `nil` optionals encoded with `encodeIfPresent` (what
/// synthesized conformances do) are left out, as `JSON.stringify` leaves out `undefined`.
/// Integers are written exactly; floats as JavaScript writes them (``JSONNumber``). NaN, infinities
/// and unsigned integers above `Int64.max` cannot be written and are refused.
///
/// Needs no Foundation. Not available in Embedded Swift (which has no `Codable`).
public struct JSONValueEncoder: Sendable {
    /// Makes an encoder.
    public init() {}

    /// Encodes `value` as a JSON value.
    ///
    /// - Parameter value: the value to encode.
    /// - Returns: the JSON value.
    /// - Throws: ``JSONCodingError`` when a value cannot be written as JSON or encodes nothing,
    ///   or whatever the value's own `encode(to:)` throws.
    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = ValueEncoder(path: [])
        try value.encode(to: encoder)
        guard let result = encoder.output.value else {
            throw JSONCodingError(.unrepresentableValue, "the value encoded nothing", at: [])
        }
        return result
    }

    /// Encodes `value` as the UTF-8 bytes `JSON.stringify` writes (no whitespace).
    ///
    /// - Parameter value: the value to encode.
    /// - Returns: the JSON text as UTF-8.
    /// - Throws: as ``encode(_:)``.
    public func encodeBytes<T: Encodable>(_ value: T) throws -> [UInt8] {
        try encode(value).serializedBytes
    }
}

/// Where one encoded value ends up: a plain value, or an object or array still being filled.
///
/// Members and elements are appended in place and a member is found by its key through an index,
/// so encoding n members or elements costs O(n), not O(n²).
final class EncodingSlot {
    enum Kind { case empty, value, object, array }
    private(set) var kind: Kind = .empty
    private var scalar: JSONValue = .null
    private var members: [(String, EncodingSlot)] = []
    /// Member positions by the key's UTF-8 bytes: keys that differ in bytes are different
    /// members even when `String` would call them equal (canonical equivalence).
    private var memberIndex: [[UInt8]: Int] = [:]
    private var elements: [EncodingSlot] = []

    /// The finished value (`nil` when nothing was encoded into this slot).
    var value: JSONValue? {
        switch kind {
        case .empty: return nil
        case .value: return scalar
        case .object:
            var object = JSONObject()
            for (key, slot) in members {
                // A member whose nested encoder wrote nothing is left out, like `undefined`.
                if let v = slot.value { object[key] = v }
            }
            return .object(object)
        case .array:
            return .array(elements.map { $0.value ?? .null })
        }
    }

    /// Makes this slot hold `value`, dropping whatever it held.
    func set(_ value: JSONValue) {
        clear()
        kind = .value
        scalar = value
    }

    /// Makes this slot empty again (nothing encoded).
    func clear() {
        kind = .empty
        scalar = .null
        members = []
        memberIndex = [:]
        elements = []
    }

    func objectMember(_ key: String) -> EncodingSlot {
        makeObject()
        let bytes = Array(key.utf8)
        if let i = memberIndex[bytes] { return members[i].1 }
        let slot = EncodingSlot()
        memberIndex[bytes] = members.count
        members.append((key, slot))
        return slot
    }

    func makeObject() {
        if kind == .object { return }
        clear()
        kind = .object
    }

    func makeArray() {
        if kind == .array { return }
        clear()
        kind = .array
    }

    func appendElement() -> EncodingSlot {
        makeArray()
        let slot = EncodingSlot()
        elements.append(slot)
        return slot
    }

    var count: Int {
        switch kind {
        case .array: return elements.count
        case .object: return members.count
        default: return 0
        }
    }
}

/// A coding key for array positions, so error paths can print `[3]`.
struct JSONIndexKey: CodingKey {
    let index: Int
    init(_ index: Int) { self.index = index }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.index = intValue }
    var stringValue: String { "\(index)" }
    var intValue: Int? { index }
}

/// The primitive conversions shared by the three container kinds.
enum JSONPrimitive {
    static func number<T: BinaryInteger>(_ value: T, at path: [any CodingKey]) throws -> JSONValue {
        guard let exact = Int64(exactly: value) else {
            throw JSONCodingError(
                .unrepresentableValue,
                "the integer is above 9223372036854775807, the largest a JSON number here holds exactly; encode it as a string",
                at: path)
        }
        return .integer(exact)
    }

    static func number(_ value: Double, at path: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw JSONCodingError(.unrepresentableValue, "NaN and infinities cannot be written in JSON", at: path)
        }
        return .number(try! JSONNumber(value))  // finite: cannot throw
    }
}

/// The `Encoder` handed to a value's `encode(to:)`: it writes into one slot.
final class ValueEncoder: Encoder {
    let output: EncodingSlot
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(slot: EncodingSlot = EncodingSlot(), path: [any CodingKey]) {
        self.output = slot
        self.codingPath = path
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        output.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<Key>(slot: output, path: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        output.makeArray()
        return UnkeyedEncoder(slot: output, path: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleEncoder(slot: output, path: codingPath)
    }
}

struct KeyedEncoder<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    init(slot: EncodingSlot, path: [any CodingKey]) {
        self.slot = slot
        self.codingPath = path
    }

    private func put(_ value: JSONValue, _ key: Key) { slot.objectMember(key.stringValue).set(value) }

    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        put(try JSONPrimitive.number(value, at: codingPath + [key]), key)
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        put(try JSONPrimitive.number(Double(value), at: codingPath + [key]), key)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { put(.integer(value), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        put(try JSONPrimitive.number(value, at: codingPath + [key]), key)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { put(.integer(Int64(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        put(try JSONPrimitive.number(value, at: codingPath + [key]), key)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        let member = slot.objectMember(key.stringValue)
        member.clear()
        try value.encode(to: ValueEncoder(slot: member, path: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let member = slot.objectMember(key.stringValue)
        member.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(slot: member, path: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let member = slot.objectMember(key.stringValue)
        member.makeArray()
        return UnkeyedEncoder(slot: member, path: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        ValueEncoder(slot: slot.objectMember("super"), path: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        ValueEncoder(slot: slot.objectMember(key.stringValue), path: codingPath + [key])
    }
}

struct UnkeyedEncoder: UnkeyedEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]
    var count: Int { slot.count }

    init(slot: EncodingSlot, path: [any CodingKey]) {
        self.slot = slot
        self.codingPath = path
    }

    private func put(_ value: JSONValue) { slot.appendElement().set(value) }
    private var nextPath: [any CodingKey] { codingPath + [JSONIndexKey(count)] }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONPrimitive.number(value, at: nextPath)) }
    mutating func encode(_ value: Float) throws { put(try JSONPrimitive.number(Double(value), at: nextPath)) }
    mutating func encode(_ value: Int) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(try JSONPrimitive.number(value, at: nextPath)) }
    mutating func encode(_ value: UInt8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { put(try JSONPrimitive.number(value, at: nextPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        try value.encode(to: ValueEncoder(slot: slot.appendElement(), path: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        let element = slot.appendElement()
        element.makeObject()
        return KeyedEncodingContainer(KeyedEncoder<NestedKey>(slot: element, path: path))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        let element = slot.appendElement()
        element.makeArray()
        return UnkeyedEncoder(slot: element, path: path)
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return ValueEncoder(slot: slot.appendElement(), path: path)
    }
}

struct SingleEncoder: SingleValueEncodingContainer {
    let slot: EncodingSlot
    let codingPath: [any CodingKey]

    init(slot: EncodingSlot, path: [any CodingKey]) {
        self.slot = slot
        self.codingPath = path
    }

    private func put(_ value: JSONValue) { slot.set(value) }

    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(try JSONPrimitive.number(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { put(try JSONPrimitive.number(Double(value), at: codingPath)) }
    mutating func encode(_ value: Int) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(try JSONPrimitive.number(value, at: codingPath)) }
    mutating func encode(_ value: UInt8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { put(try JSONPrimitive.number(value, at: codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try value.encode(to: ValueEncoder(slot: slot, path: codingPath))
    }
}

/// `JSONValue` encodes as itself, so a `Codable` type can hold arbitrary JSON in a member.
extension JSONValue: Encodable {
    /// Writes this value as is.
    ///
    /// - Parameter encoder: the encoder.
    /// - Throws: what the encoder's containers throw.
    public func encode(to encoder: any Encoder) throws {
        if let ours = encoder as? ValueEncoder {
            ours.output.set(self)
            return
        }
        switch self {
        case .null:
            var c = encoder.singleValueContainer()
            try c.encodeNil()
        case let .bool(b):
            var c = encoder.singleValueContainer()
            try c.encode(b)
        case let .string(s):
            var c = encoder.singleValueContainer()
            try c.encode(s)
        case let .number(n):
            var c = encoder.singleValueContainer()
            switch n.storage {
            case let .integer(i): try c.encode(i)
            case let .double(d): try c.encode(d)
            }
        case let .array(elements):
            var c = encoder.unkeyedContainer()
            for e in elements { try c.encode(e) }
        case let .object(object):
            var c = encoder.container(keyedBy: JSONMemberKey.self)
            for m in object.members { try c.encode(m.value, forKey: JSONMemberKey(m.key)) }
        }
    }
}

/// A coding key for an arbitrary member name.
struct JSONMemberKey: CodingKey {
    let stringValue: String
    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
    var intValue: Int? { nil }
}
#endif
