// The keys and inputs every implementation gets: the same files, the same bytes.
import Foundation

enum Inputs {
    /// The repository root: this file is Benchmarks/Peers/Sources/rs256-peers/Inputs.swift.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }
        return url
    }()

    /// `Vectors/keys/rsa-BITS.pkcs8.pem` (OpenSSL-made PKCS#8 test keys).
    static func keyPEM(bits: Int) throws -> String {
        try String(contentsOf: root.appendingPathComponent("Vectors/keys/rsa-\(bits).pkcs8.pem"), encoding: .utf8)
    }

    /// `Vectors/keys/demo-rsa-2048.pem`, the key of the tenant-token job.
    static func demoKeyPEM() throws -> String {
        try String(contentsOf: root.appendingPathComponent("Vectors/keys/demo-rsa-2048.pem"), encoding: .utf8)
    }

    /// A typical RS256 signing input (header.payload), 140 bytes: the message rs256-bench signs.
    static let message = Array(
        "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZW5hbnQtNDIiLCJpYXQiOjE3MDAwMDAwMDAsImV4cCI6MTcwMDAwMzYwMH0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            .utf8)

    /// The tenant token's claims: `{"sub":"tenant-42","iat":1700000000,"exp":1700003600}`,
    /// verified as of `now`.
    static let tenant = "tenant-42"
    static let now: Int64 = 1_700_000_000
    static let lifetime: Int64 = 3600

    /// A `bits`-bit odd modulus (top bit set), a base below it and an exponent as wide as it,
    /// least significant limb first, from a fixed-seed SplitMix64.
    static func modexp(bits: Int) -> (modulus: [UInt64], base: [UInt64], exponent: [UInt64]) {
        var state: UInt64 = 0x7065_6572_7331_3032
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let limbs = bits / 64
        var modulus = (0..<limbs).map { _ in next() }
        modulus[0] |= 1
        modulus[limbs - 1] |= 1 << 63
        var base = (0..<limbs).map { _ in next() }
        base[limbs - 1] = modulus[limbs - 1] >> 1
        let exponent = (0..<limbs).map { _ in next() }
        return (modulus, base, exponent)
    }
}
