// Benchmark rows for PureSHA2.
import PureSHA2

/// SHA-256 one-shot hashing of a message already in memory, at three sizes.
func shaRows() -> [BenchRow] {
    [("64B", 64), ("1KiB", 1024), ("1MiB", 1 << 20)].map { label, size in
        let message = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 17) }
        return BenchRow("sha256/\(label)", bytes: size, openssl: .sha256(bytes: size)) { iterations in
            for _ in 0..<iterations { blackHole(SHA256.hash(data: message)) }
        }
    }
}
