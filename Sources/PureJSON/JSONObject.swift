/// A JSON object that keeps its members in the order a JavaScript object would.
///
/// Member names are unique and compared code unit by code unit (not by Unicode canonical
/// equivalence as Swift's `String ==` does: `"é"` and `"e\u{301}"` are different names).
///
/// Order follows ECMAScript's `OrdinaryOwnPropertyKeys`, which `JSON.stringify` uses: names that
/// are array indices (`"0"`, `"7"`, … up to `"4294967294"`, written without leading zeros) come
/// first in ascending numeric order, then every other name in insertion order. For the usual
/// JWT claims (`sub`, `iat`, `exp`, …) that is simply insertion order. Setting an existing name
/// replaces its value in place, as assigning a JavaScript property does.
public struct JSONObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// One member: a name and its value.
    public struct Member: Sendable, Equatable {
        /// The member name.
        public var key: String
        /// The member value.
        public var value: JSONValue

        /// Makes a member.
        ///
        /// - Parameters:
        ///   - key: the member name.
        ///   - value: the member value.
        public init(key: String, value: JSONValue) {
            self.key = key
            self.value = value
        }

        /// Members are equal when their names have the same code units and their values are equal.
        public static func == (lhs: Member, rhs: Member) -> Bool {
            lhs.key.utf8.elementsEqual(rhs.key.utf8) && lhs.value == rhs.value
        }
    }

    /// The members, in JavaScript enumeration order (see the type's documentation).
    public private(set) var members: [Member]

    /// Makes an empty object.
    public init() { members = [] }

    /// Makes an object by setting each pair in turn (a repeated name keeps its first position and
    /// its last value, as in a JavaScript object literal).
    ///
    /// - Parameter elements: the name/value pairs.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        members = []
        for (key, value) in elements { self[key] = value }
    }

    /// Makes an object from members whose names are known to be distinct (the parser checks).
    init(distinctMembers: [Member]) {
        if distinctMembers.contains(where: { JSONObject.arrayIndex($0.key) != nil }) {
            var indexed: [(UInt32, Member)] = []
            var named: [Member] = []
            for member in distinctMembers {
                if let index = JSONObject.arrayIndex(member.key) {
                    indexed.append((index, member))
                } else {
                    named.append(member)
                }
            }
            indexed.sort { $0.0 < $1.0 }
            members = indexed.map { $0.1 } + named
        } else {
            members = distinctMembers
        }
    }

    /// The number of members.
    public var count: Int { members.count }

    /// Whether the object has no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The member names, in order.
    public var keys: [String] { members.map { $0.key } }

    /// The position of the member called `key`, compared code unit by code unit.
    ///
    /// - Parameter key: the member name.
    /// - Returns: the index into ``members``, or `nil` when there is no such member.
    package func index(forKey key: String) -> Int? {
        members.firstIndex { $0.key.utf8.elementsEqual(key.utf8) }
    }

    /// Reads, sets, replaces (in place) or removes (with `nil`) the member called `key`.
    ///
    /// - Parameter key: the member name, compared code unit by code unit.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let i = index(forKey: key) else { return nil }
            return members[i].value
        }
        set {
            if let i = index(forKey: key) {
                if let newValue {
                    members[i].value = newValue
                } else {
                    members.remove(at: i)
                }
            } else if let newValue {
                let member = Member(key: key, value: newValue)
                if let index = JSONObject.arrayIndex(key) {
                    // Array-index names go before every other name, in ascending order.
                    let position =
                        members.firstIndex {
                            guard let other = JSONObject.arrayIndex($0.key) else { return true }
                            return other > index
                        } ?? members.count
                    members.insert(member, at: position)
                } else {
                    members.append(member)
                }
            }
        }
    }

    /// Objects are equal when they have the same members in the same order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members == rhs.members
    }

    /// The array index a name denotes in ECMAScript (a canonical decimal integer below 2^32 - 1).
    static func arrayIndex(_ key: String) -> UInt32? {
        var value: UInt64 = 0
        var count = 0
        for byte in key.utf8 {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            if count == 1 && value == 0 { return nil }  // leading zero: "01" is a plain name
            count += 1
            if count > 10 { return nil }
            value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
        }
        guard count > 0 && value < 0xFFFF_FFFF else { return nil }
        return UInt32(value)
    }
}
