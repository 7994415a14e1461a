// Entry points for the benchmark (Benchmarks/rs256-bench) into the internal arithmetic.
// `package`, not public: they exist so a measurement can name one layer on its own.

/// Loops over single layers of the P-256 arithmetic, for the benchmark only.
package enum P256BenchmarkHooks {
    /// `iterations` chained field multiplications x ← x · y, starting from the given bytes
    /// (each reduced below p first); returns x so the work cannot be optimised away.
    package static func fieldMultiplications(_ iterations: Int, x: [UInt8], y: [UInt8]) -> [UInt8] {
        var a = FieldElement(reduced: subtractModulusIfNeeded(Limbs256(bigEndian: x), carry: 0, FieldElement.modulus))
        let b = FieldElement(reduced: subtractModulusIfNeeded(Limbs256(bigEndian: y), carry: 0, FieldElement.modulus))
        for _ in 0..<iterations { a = a * b }
        return a.bigEndianBytes
    }

    /// `iterations` constant-time variable-base scalar multiplications k · P (P = 2G);
    /// returns the last result's x coordinate.
    package static func scalarMultiplications(_ iterations: Int, k: [UInt8]) -> [UInt8] {
        let point = ProjectivePoint.generator.doubled()
        var result = ProjectivePoint.identity
        for _ in 0..<iterations { result = point.multiplied(bySecret: Limbs256(bigEndian: k)) }
        return result.x.bigEndianBytes
    }

    /// `iterations` constant-time fixed-base scalar multiplications k · G; returns the last
    /// result's x coordinate.
    package static func generatorMultiplications(_ iterations: Int, k: [UInt8]) -> [UInt8] {
        var result = ProjectivePoint.identity
        for _ in 0..<iterations { result = ProjectivePoint.generatorMultiplied(bySecret: Limbs256(bigEndian: k)) }
        return result.x.bigEndianBytes
    }
}
