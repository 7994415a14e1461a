// P-256 scalar multiplication by a secret under valgrind, through the public entry point that
// runs it: `P256.Signing.PrivateKey(rawRepresentation:)` decodes d (0 < d < n) and computes
// d·G with the fixed-base masked table scan, then the affine form (one inversion).
//
//   ct-check memcheck-p256 (library|leaky)   d marked undefined for four keys (1, n − 1 and two
//        seeded values); memcheck may report only the one documented declassification per key,
//        "d is in range" (the guard in PrivateKey.init), see Scripts/constant-time.sh
//   ct-check count-p256 (library|leaky) SEED  one key computed from d chosen by SEED, counted by
//        callgrind --toggle-collect='*measureP256*'
//
// `leaky` is the control: it branches on each of d's low 16 bits (recomputing a key for every
// set bit), so memcheck must complain and the counts must differ.
import CMemcheck
import PureP256

/// d for a seed: 1, n − 1, then seeded values (top byte cleared so they are below n). Every seed
/// makes the same allocations (malloc's instruction count depends on the heap's history).
func p256Secret(seed: UInt64) -> [UInt8] {
    let nMinusOne: [UInt8] = [
        0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xBC, 0xE6, 0xFA, 0xAD, 0xA7, 0x17, 0x9E, 0x84, 0xF3, 0xB9, 0xCA, 0xC2, 0xFC, 0x63, 0x25, 0x50,
    ]
    var random = Random(state: seed)
    var d = [UInt8](repeating: 0, count: 32)
    for i in 0..<32 {
        let byte = UInt8(truncatingIfNeeded: random.next())
        d[i] = seed == 0 ? (i == 31 ? 1 : 0) : seed == 1 ? nMinusOne[i] : (i == 0 ? byte & 0x7F : byte)
    }
    return d
}

/// The public key of d, by the library (or by the leaky control).
@inline(never)
func measureP256(_ variant: String, _ d: [UInt8]) -> [UInt8] {
    if variant == "leaky" {
        var result: [UInt8] = []
        for bit in 0..<16 where d[31 - bit / 8] >> UInt8(bit % 8) & 1 == 1 {
            result =
                (try? P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 31) + [UInt8(bit + 1)]))?.publicKey.rawRepresentation
                ?? []
        }
        return result
    }
    return (try? P256.Signing.PrivateKey(rawRepresentation: d))?.publicKey.rawRepresentation ?? []
}

func memcheckP256(_ variant: String) {
    var checksum: UInt8 = 0
    for seed: UInt64 in [0, 1, 2, 3] {
        var d = p256Secret(seed: seed)
        d.withUnsafeMutableBytes { ct_secret($0.baseAddress, $0.count) }
        var key = measureP256(variant, d)
        key.withUnsafeMutableBytes { ct_public($0.baseAddress, $0.count) }
        for byte in key { checksum ^= byte }
    }
    print("memcheck-p256 \(variant): 4 keys, checksum \(checksum), \(ct_error_count()) memcheck report(s)")
}

func countP256(_ variant: String, seed: UInt64) {
    let d = p256Secret(seed: seed)
    // The fixed-base table is built on first use: build it before the measured call.
    _ = try? P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 31) + [2])
    let key = measureP256(variant, d)
    print("count-p256 \(variant) seed \(seed): \(key.first ?? 0)")
}
