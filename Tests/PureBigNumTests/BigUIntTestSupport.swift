// Helpers for the BigUInt tests: shaped random values and the one reader of this target's
// `Key = value` vector files; vector paths, hex and the generator come from TestSupport.
import Foundation
@_exported import TestSupport
@_spi(Internals) import PureBigNum

/// The shapes of random values the BigUInt property tests draw.
extension SeededGenerator {
    /// A random `Int` in `0 ... upperBound`.
    mutating func int(through upperBound: Int) -> Int {
        Int(next() % UInt64(upperBound + 1))
    }

    /// A value with one of several shapes (uniform, all ones, sparse, zero and all-ones limbs,
    /// top limb 1) and a random bit length up to `maxBits`: the shapes that exercise carries
    /// and borrows. Built from limbs directly, so no BigUInt arithmetic is trusted here.
    mutating func shapedValue(maxBits: Int) -> BigUInt {
        let bits = int(through: maxBits)
        let limbCount = (bits + 63) / 64
        guard limbCount > 0 else { return BigUInt() }
        let topBits = bits - (limbCount - 1) * 64
        let topMask: UInt64 = topBits == 64 ? .max : (UInt64(1) << UInt64(topBits)) - 1
        var limbs = [UInt64](repeating: 0, count: limbCount)
        switch next() % 5 {
        case 0:  // all ones
            for i in 0..<limbCount { limbs[i] = .max }
        case 1:  // sparse
            for _ in 0..<(1 + next() % 4) {
                let bit = int(through: bits - 1)
                limbs[bit / 64] |= UInt64(1) << UInt64(bit % 64)
            }
        case 2:  // limbs of 0, all ones, or random
            for i in 0..<limbCount {
                switch next() % 4 {
                case 0: limbs[i] = 0
                case 1: limbs[i] = .max
                default: limbs[i] = next()
                }
            }
        case 3:  // top limb 1
            for i in 0..<limbCount { limbs[i] = next() }
            limbs[limbCount - 1] = 1
            return BigUInt(limbs: limbs)
        default:
            for i in 0..<limbCount { limbs[i] = next() }
        }
        limbs[limbCount - 1] &= topMask
        return BigUInt(limbs: limbs)
    }
}

/// One `Key = value` block of a BoringSSL-style vector file.
struct VectorBlock: CustomStringConvertible {
    /// The first key of the block: the kind of test.
    let kind: String
    /// The line the block starts on (1-based), for failure messages.
    let line: Int
    let fields: [String: String]

    var description: String { "\(kind) block at line \(line)" }

    /// The field parsed as hex.
    func number(_ key: String) throws -> BigUInt {
        guard let text = fields[key] else { throw VectorFileError.missingField(key, line) }
        return try BigUInt(hex: text)
    }

    /// The field as a decimal `Int` (shift counts, add-back counts).
    func integer(_ key: String) throws -> Int {
        guard let text = fields[key], let value = Int(text) else {
            throw VectorFileError.missingField(key, line)
        }
        return value
    }
}

enum VectorFileError: Error {
    case missingField(String, Int)
}

/// Reads `Vectors/<relativePath>` as blank-line-separated blocks of `Key = value` lines (`#`
/// lines are comments); the first key of a block names it.
func loadVectorBlocks(_ relativePath: String) throws -> [VectorBlock] {
    let text = try vectorText(relativePath)
    var blocks: [VectorBlock] = []
    var fields: [String: String] = [:]
    var kind: String?
    var startLine = 0
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = rawLine.trimmingCharacters(in: .whitespaces)
        if line.isEmpty {
            if let kind { blocks.append(VectorBlock(kind: kind, line: startLine, fields: fields)) }
            kind = nil
            fields = [:]
            continue
        }
        if line.hasPrefix("#") { continue }
        guard let equals = line.firstIndex(of: "=") else { continue }
        let key = line[..<equals].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        if kind == nil {
            kind = key
            startLine = index + 1
        }
        fields[key] = value
    }
    if let kind { blocks.append(VectorBlock(kind: kind, line: startLine, fields: fields)) }
    return blocks
}
