// The contract between the benchmark runner and the rows each module contributes.
// Each module's rows live in their own file (RowsSHA2.swift, RowsBigNum.swift, …) as a
// function returning [BenchRow]; main.swift collects them.

/// What OpenSSL's `openssl speed` can measure for the same operation, for a same-run ratio.
enum OpenSSLReference: Sendable, Hashable {
    /// `openssl speed -bytes N sha256`: throughput on N-byte blocks.
    case sha256(bytes: Int)
    /// `openssl speed -bytes N sha512` (`-evp sha384` for `sha384`): throughput on N-byte blocks.
    case sha2(algorithm: String, bytes: Int)
    /// `openssl speed -bytes N -hmac DIGEST` (DIGEST `sha256`, `sha384`, `sha512`): HMAC
    /// throughput on N-byte messages, a new key schedule per message as in our rows.
    case hmac(digest: String, bytes: Int)
    /// `openssl speed rsaBITS`: private-key signatures.
    case rsaSign(bits: Int)
    /// `openssl speed rsaBITS`: public-key verifications.
    case rsaVerify(bits: Int)
    /// `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:BITS`, run `samples` times
    /// (whole process each time); the figure is the median.
    case genpkey(bits: Int, samples: Int)
    /// `openssl speed ecdsap256`: ECDSA P-256 signatures.
    case ecdsaP256Sign
    /// `openssl speed ecdsap256`: ECDSA P-256 verifications.
    case ecdsaP256Verify
}

/// One benchmark row.
struct BenchRow {
    /// Stable name, `group/variant` (e.g. `sha256/1KiB`, `modexp/ct/1024`); `--filter` matches it.
    let name: String
    /// Bytes processed per operation, when a throughput (MB/s) makes sense.
    let bytesPerOperation: Int?
    /// OpenSSL's figure for the same operation, when it has one.
    let openssl: OpenSSLReference?
    /// Runs the operation `iterations` times. Feed results to `blackHole` so the work stays.
    let body: (_ iterations: Int) -> Void
    /// For slow operations whose time varies widely (key generation): time each operation on
    /// its own, this many times, instead of calibrated batches. nil for the usual batches.
    let samples: Int?

    init(
        _ name: String, bytes: Int? = nil, openssl: OpenSSLReference? = nil, samples: Int? = nil,
        body: @escaping (_ iterations: Int) -> Void
    ) {
        self.name = name
        self.bytesPerOperation = bytes
        self.openssl = openssl
        self.samples = samples
        self.body = body
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
