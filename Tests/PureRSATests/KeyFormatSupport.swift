import Foundation

/// The repository's Vectors folder, found from this file's path.
let keyVectorsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Vectors")

func keyVectorData(_ relativePath: String) throws -> Data {
    try Data(contentsOf: keyVectorsDirectory.appendingPathComponent(relativePath))
}

func keyVectorText(_ relativePath: String) throws -> String {
    String(decoding: try keyVectorData(relativePath), as: UTF8.self)
}

func keyVectorJSON(_ relativePath: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(with: try keyVectorData(relativePath)) as! [String: Any]
}

/// Hex (any case, optional leading zeros) to minimal big-endian bytes.
func minimalBytes(hex: String) -> [UInt8] {
    var chars = Array(hex.lowercased().utf8)
    if chars.count % 2 == 1 { chars.insert(UInt8(ascii: "0"), at: 0) }
    var out: [UInt8] = []
    var i = 0
    while i < chars.count {
        out.append(UInt8(String(decoding: chars[i..<(i + 2)], as: UTF8.self), radix: 16)!)
        i += 2
    }
    return Array(out.drop(while: { $0 == 0 }))
}

/// Base64url (JWK) to minimal big-endian bytes, decoded by Foundation (independent of PureDER).
func minimalBytes(base64url: String) -> [UInt8] {
    var s = base64url.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while s.count % 4 != 0 { s += "=" }
    return Array([UInt8](Data(base64Encoded: s)!).drop(while: { $0 == 0 }))
}

/// SplitMix64, seeded, for reproducible random tests.
struct KeyFormatRNG: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
