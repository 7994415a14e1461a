// rs256-bench: times every row, prints a table (or JSON, or Markdown), optionally next to
// `openssl speed`, optionally drawing the chart. Run `swift run -c release rs256-bench --help`.
import Foundation

// The row groups, one line per module. To add yours, write `func xRows() -> [BenchRow]` in
// RowsX.swift and add `xRows,` here.
let rowGroups: [() -> [BenchRow]] = [
    shaRows,
    bigNumRows,
    rsaRows,
    keygenRows,
    jwtRows,
    p256Rows,
]

let usage = """
    usage: rs256-bench [--filter TEXT] [--quick] [--repeat N] [--wall] [--openssl]
                       [--json | --markdown] [--svg FILE] [--help]
      --filter TEXT  run only rows whose name contains TEXT (repeat it: rows matching any)
      --quick        a few tiny batches per row (a smoke test; figures are not meaningful)
      --repeat N     run the whole suite N times (rows in turn, each round right after the
                     other) and pool each row's batches; each `openssl speed` command then runs
                     N times too and its median figure is kept; default 1
      --wall         time batches by the wall clock (and `openssl speed -elapsed`) instead of
                     by this process's CPU time (as `openssl speed` does by default)
      --openssl      also run `openssl speed` for each row's counterpart and print the ratio of
                     our time to OpenSSL's (one `openssl speed -seconds 1 rsa2048 rsa3072 rsa4096`
                     for all RSA rows; `openssl speed -bytes N sha256` per SHA-256 row, likewise
                     sha384/sha512 and `-hmac DIGEST`), each as installed and again with
                     CPU extensions masked off through OPENSSL_ia32cap (RSA: AVX-512 IFMA;
                     SHA-256: the SHA extensions; SHA-384/512: AVX and AVX2)
      --json         print the results as JSON instead of a table
      --markdown     print the results as a Markdown table (the README's summary)
      --svg FILE     also draw the chart (RSA sign/verify next to OpenSSL; modexp/ct time
                     against modulus size) into FILE, an SVG file
      --help         print this help
    Each row: a batch size is calibrated to take 10-20 ms, one batch warms up, then 15 timed
    batches (5 if a batch takes over 50 ms) give the per-operation median, min and max.
    Times are the CPU time this process used, like `openssl speed` (--wall for wall-clock).
    MB/s is 10^6 bytes per second. "ours takes r× as long": our median time ÷ OpenSSL's.
    """

var filters: [String] = [], svgPath: String?
var quick = false, withOpenSSL = false, asJSON = false, asMarkdown = false
var repeats = 1
var clock = BenchClock.cpu
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--filter":
        guard let text = arguments.popFirst() else { fail("--filter needs a TEXT argument") }
        filters.append(text)
    case "--svg":
        guard let path = arguments.popFirst() else { fail("--svg needs a FILE argument") }
        svgPath = path
    case "--repeat":
        guard let text = arguments.popFirst(), let count = Int(text), (1...100).contains(count) else {
            fail("--repeat needs a count from 1 to 100")
        }
        repeats = count
    case "--wall": clock = .wall
    case "--quick": quick = true
    case "--openssl": withOpenSSL = true
    case "--json": asJSON = true
    case "--markdown": asMarkdown = true
    case "--help", "-h": print(usage); exit(0)
    default: fail("unknown argument '\(argument)'")
    }
}
if asJSON && asMarkdown { fail("choose one of --json and --markdown") }

let rows = rowGroups.flatMap { $0() }.filter { row in filters.isEmpty || filters.contains { row.name.contains($0) } }
if rows.isEmpty { fail("no row matches --filter \(filters.joined(separator: ", "))") }

// Rounds: every row in turn, `repeats` times, so a burst of load on this shared machine hits
// one round of a row rather than all of its batches. OpenSSL's counterpart runs right after
// the row that needs it, in each round, so both figures see the same load.
let rsaBits = rows.compactMap { row -> Int? in
    switch row.openssl {
    case .rsaSign(let bits)?, .rsaVerify(let bits)?: bits
    default: nil
    }
}
let speed = withOpenSSL ? OpenSSLSpeed(rsaBits: rsaBits, elapsed: clock == .wall) : nil
if let speed, !speed.isAvailable {
    FileHandle.standardError.write(Data("note: openssl is not on PATH, so --openssl was skipped\n".utf8))
}
let rounds = quick ? 1 : repeats
var iterations = [Int?](repeating: nil, count: rows.count)
var perOperation = [[Double]](repeating: [], count: rows.count)
for round in 0..<rounds {
    for (index, row) in rows.enumerated() {
        let count = iterations[index] ?? calibrate(row, quick: quick, clock: clock)
        iterations[index] = count
        perOperation[index] += timeRound(row, iterations: count, quick: quick, clock: clock)
        if let speed, speed.isAvailable, let reference = row.openssl { speed.sample(reference, round: round) }
    }
}
let results = rows.indices.map { index in
    var result = summarize(rows[index], iterations: iterations[index]!, perOperation: perOperation[index])
    if let speed, speed.isAvailable { result.attachOpenSSL(speed) }
    return result
}
let context = RunContext.current(openssl: speed)
print(
    asJSON
        ? json(results, quick: quick, context: context)
        : asMarkdown
            ? markdown(results, quick: quick, context: context)
            : table(results, quick: quick))

if let svgPath {
    let svg = chart(results, context: context, quick: quick)
    do {
        try Data(svg.utf8).write(to: URL(fileURLWithPath: svgPath))
        FileHandle.standardError.write(Data("rs256-bench: wrote the chart to \(svgPath)\n".utf8))
    } catch {
        fail("could not write \(svgPath): \(error.localizedDescription)")
    }
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rs256-bench: \(message)\n\(usage)\n".utf8))
    exit(2)
}
