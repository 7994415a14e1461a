import Foundation

/// The repository's Vectors folder, found from this file's path.
let vectorsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Vectors")

func vectorData(_ relativePath: String) throws -> Data {
    try Data(contentsOf: vectorsDirectory.appendingPathComponent(relativePath))
}

func vectorText(_ relativePath: String) throws -> String {
    String(decoding: try vectorData(relativePath), as: UTF8.self)
}

/// SplitMix64: a small seeded generator so random tests are reproducible.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

func randomBytes(_ count: Int, using rng: inout SeededGenerator) -> [UInt8] {
    (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
}

func hexBytes(_ hex: String) -> [UInt8] {
    var out: [UInt8] = []
    var chars = Array(hex.utf8)
    if chars.count % 2 == 1 { chars.insert(UInt8(ascii: "0"), at: 0) }
    var i = 0
    while i < chars.count {
        out.append(UInt8(String(decoding: chars[i..<(i + 2)], as: UTF8.self), radix: 16)!)
        i += 2
    }
    return out
}
