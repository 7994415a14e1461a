// Helpers shared by the modular-arithmetic tests: hex conversion, the vector file reader, a
// seeded random generator.
import Foundation
@_spi(Internals) @testable import PureBigNum

/// Little-endian limbs of a hexadecimal string (no prefix), or nil if it is not hex.
func limbs(hex: String) -> [UInt64]? {
    var digits = Array(hex.utf8)
    if digits.count % 2 == 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
    var bytes: [UInt8] = []
    var index = 0
    while index < digits.count {
        guard let hi = hexValue(digits[index]), let lo = hexValue(digits[index + 1]) else { return nil }
        bytes.append(hi << 4 | lo)
        index += 2
    }
    return Limbs.fromBigEndianBytes(bytes)
}

private func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}

/// The value without high zero limbs (for comparing numbers of different widths).
func normalized(_ limbs: [UInt64]) -> [UInt64] {
    var value = limbs
    while let last = value.last, last == 0 { value.removeLast() }
    return value
}

/// One `Key = value` block of a vector file: the first key names the operation.
struct ModExpBlock {
    let kind: String
    let line: Int
    var values: [String: [UInt64]]
}

/// Reads `Vectors/<relativePath>` (found from this source file's path) as blank-line-separated
/// blocks of `Key = hex` lines; `#` lines are comments.
func readModExpBlocks(_ relativePath: String, filePath: String = #filePath) throws -> [ModExpBlock] {
    let root = URL(fileURLWithPath: filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let text = try String(contentsOf: root.appendingPathComponent("Vectors").appendingPathComponent(relativePath), encoding: .utf8)
    var blocks: [ModExpBlock] = []
    var current: ModExpBlock?
    for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("#") { continue }
        if line.isEmpty {
            if let block = current { blocks.append(block) }
            current = nil
            continue
        }
        let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let value = limbs(hex: parts[1]) else {
            throw ModExpFileError(line: number + 1, text: line)
        }
        if current == nil { current = ModExpBlock(kind: parts[0], line: number + 1, values: [:]) }
        current!.values[parts[0]] = value
    }
    if let block = current { blocks.append(block) }
    return blocks
}

struct ModExpFileError: Error, CustomStringConvertible {
    let line: Int
    let text: String
    var description: String { "line \(line) is not `Key = hex`: \(text)" }
}

/// SplitMix64: a small seeded generator, so property tests are reproducible.
struct ModExpRandom: RandomNumberGenerator {
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

extension ModExpRandom {
    /// `count` random limbs.
    mutating func limbs(_ count: Int) -> [UInt64] {
        (0..<count).map { _ in next() }
    }

    /// A random odd modulus of exactly `count` limbs (top bit set).
    mutating func oddModulus(limbs count: Int) -> [UInt64] {
        var m = limbs(count)
        m[0] |= 1
        m[count - 1] |= 1 << 63
        return m
    }

    /// A random value below `modulus` (a modulus from ``oddModulus(limbs:)``, top bit set): every
    /// limb random except the top one, which is half the modulus's; never zero for one limb.
    mutating func below(_ modulus: [UInt64]) -> [UInt64] {
        var value = limbs(modulus.count)
        value[modulus.count - 1] = modulus[modulus.count - 1] >> 1
        return value
    }
}
