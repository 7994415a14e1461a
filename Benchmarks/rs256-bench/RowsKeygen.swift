// Key generation rows: time varies widely from key to key (the gap to the next prime is
// random), so each key is timed on its own and the row reports median, min and max over many
// keys; with --openssl, `openssl genpkey` is timed the same number of times right after.
import PureRSA

func keygenRows() -> [BenchRow] {
    [(2048, 21), (4096, 7)].map { bits, samples in
        BenchRow("keygen/\(bits)", openssl: .genpkey(bits: bits, samples: samples), samples: samples) { iterations in
            for _ in 0..<iterations {
                blackHole(try? RSAPrivateKey.generate(bits: bits))
            }
        }
    }
}
