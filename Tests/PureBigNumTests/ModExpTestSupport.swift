// Helpers for the modular-arithmetic tests: hex limbs, the modexp vector blocks, random limbs
// and moduli.
import Foundation
@_spi(Internals) @testable import PureBigNum

/// Little-endian limbs of a hexadecimal string (no prefix), or nil if it is not hex.
func limbs(hex: String) -> [UInt64]? {
    guard let bytes = try? hexBytes(hex) else { return nil }
    return Limbs.fromBigEndianBytes(bytes)
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

/// The blocks of `Vectors/<relativePath>` (``loadVectorBlocks(_:)``) with every value read as hex
/// limbs.
func readModExpBlocks(_ relativePath: String) throws -> [ModExpBlock] {
    try loadVectorBlocks(relativePath).map { block in
        var values: [String: [UInt64]] = [:]
        for (key, text) in block.fields {
            guard let value = limbs(hex: text) else { throw ModExpFileError(line: block.line, text: "\(key) = \(text)") }
            values[key] = value
        }
        return ModExpBlock(kind: block.kind, line: block.line, values: values)
    }
}

struct ModExpFileError: Error, CustomStringConvertible {
    let line: Int
    let text: String
    var description: String { "the block at line \(line) has a value that is not hex: \(text)" }
}

/// Random limbs and moduli for the modular-arithmetic property tests.
extension SeededGenerator {
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
