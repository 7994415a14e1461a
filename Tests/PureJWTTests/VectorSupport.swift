import Foundation
@_exported import TestSupport
@testable import PureJWT

/// Reads Vectors/jwt (made by Vectors/jwt/generate.mjs with Node) relative to this file.
enum Vectors {
    static let folder = vectorsDirectory.appendingPathComponent("jwt")

    struct TokenFile: Decodable, Sendable {
        let cases: [TokenCase]
    }

    // Field names are those of Vectors/jwt/tokens.json.
    // swift-format-ignore: AlwaysUseLowerCamelCase
    struct TokenCase: Decodable, Sendable {
        let name: String
        let claims: Tagged
        let keyid: String?
        let header_extra: Tagged?
        let iat: Int64?
        let exp: Int64?
        let swift_representable: Bool
        let header_json: String
        let header_hex: String
        let payload_json: String
        let payload_hex: String
        let token: String
    }

    struct NumberFile: Decodable, Sendable {
        let numbers: [NumberCase]
    }

    struct NumberCase: Decodable, Sendable {
        let bits: String
        let js: String
    }

    static let tokens: [TokenCase] = load("tokens.json", as: TokenFile.self).cases
    static let numbers: [NumberCase] = load("numbers.json", as: NumberFile.self).numbers

    static func load<T: Decodable>(_ name: String, as: T.Type) -> T {
        do {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            fatalError("cannot read Vectors/jwt/\(name): \(error)")
        }
    }

    /// The bytes of a hex member of a committed vector file (checked by Scripts/vector-sums.sh).
    static func bytes(hex: String) -> [UInt8] { try! hexBytes(hex) }

    /// Strict unpadded base64url decoding via Foundation (an oracle independent of PureJWT).
    static func base64URLDecode(_ s: Substring) -> [UInt8]? {
        guard !s.contains("=") else { return nil }
        var b64 = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        return Data(base64Encoded: b64).map { [UInt8]($0) }
    }

    /// Unpadded base64url encoding via Foundation.
    static func base64URLEncode(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

/// A JavaScript value as generate.mjs records it: strings as UTF-16 code units, numbers as an
/// exact integer or IEEE 754 bits, objects as members in insertion order.
indirect enum Tagged: Decodable, Sendable {
    case null
    case bool(Bool)
    case int(String)
    case double(String)
    case str([UInt16])
    case arr([Tagged])
    case obj([Member])

    struct Member: Decodable, Sendable {
        let k: [UInt16]
        let v: Tagged
    }

    enum Keys: String, CodingKey { case t, v, bits, u16, a, m }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        switch try c.decode(String.self, forKey: .t) {
        case "null": self = .null
        case "bool": self = .bool(try c.decode(Bool.self, forKey: .v))
        case "int": self = .int(try c.decode(String.self, forKey: .v))
        case "double": self = .double(try c.decode(String.self, forKey: .bits))
        case "str": self = .str(try c.decode([UInt16].self, forKey: .u16))
        case "arr": self = .arr(try c.decode([Tagged].self, forKey: .a))
        case "obj": self = .obj(try c.decode([Member].self, forKey: .m))
        case let other: throw DecodingError.dataCorruptedError(forKey: .t, in: c, debugDescription: other)
        }
    }

    static func string(_ units: [UInt16]) -> String { String(decoding: units, as: UTF16.self) }

    /// The value built with PureJWT's API, setting object members in insertion order (as the
    /// JavaScript code did); `nil` for doubles that are not finite (there are none).
    var jsonValue: JSONValue {
        switch self {
        case .null: return .null
        case let .bool(b): return .bool(b)
        case let .int(s): return .integer(Int64(s)!)
        case let .double(bits): return try! .double(Double(bitPattern: UInt64(bits, radix: 16)!))
        case let .str(units): return .string(Tagged.string(units))
        case let .arr(elements): return .array(elements.map(\.jsonValue))
        case let .obj(members): return .object(objectValue(members))
        }
    }

    var object: JSONObject {
        guard case let .obj(members) = self else { fatalError("not an object") }
        return objectValue(members)
    }

    private func objectValue(_ members: [Member]) -> JSONObject {
        var o = JSONObject()
        for member in members { o[Tagged.string(member.k)] = member.v.jsonValue }
        return o
    }
}

/// Runs `node -e script` with `arguments` after it; returns its exit status and standard output.
func runNode(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, output: Data) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["node", "-e", script] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, data)
}
