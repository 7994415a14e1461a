// JSON laid out as `JSON.stringify(value, null, 2)` does, for `rs256 decode`.
import PureJWT

extension JSONValue {
    /// The value with two-space indentation, members in order, strings and numbers written as
    /// the compact serializer writes them.
    var prettyPrinted: String {
        var out = ""
        JSONValue.pretty(self, indent: "", into: &out)
        return out
    }

    private static func pretty(_ value: JSONValue, indent: String, into out: inout String) {
        let inner = indent + "  "
        switch value {
        case let .array(elements) where !elements.isEmpty:
            out += "[\n"
            for (i, element) in elements.enumerated() {
                out += inner
                pretty(element, indent: inner, into: &out)
                out += i + 1 < elements.count ? ",\n" : "\n"
            }
            out += indent + "]"
        case let .object(object) where !object.isEmpty:
            out += "{\n"
            for (i, member) in object.members.enumerated() {
                out += inner + JSONValue.string(member.key).serialized + ": "
                pretty(member.value, indent: inner, into: &out)
                out += i + 1 < object.count ? ",\n" : "\n"
            }
            out += indent + "}"
        default:
            out += value.serialized
        }
    }
}
