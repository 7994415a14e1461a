// rs256-bench: times every row, prints a table (or JSON), optionally next to `openssl speed`.
// Run `swift run -c release rs256-bench --help` for the flags.
import Foundation

// The row groups, one line per module. To add yours, write `func xRows() -> [BenchRow]` in
// RowsX.swift and add `xRows,` here.
let rowGroups: [() -> [BenchRow]] = [
    shaRows,
    bigNumRows,
    rsaRows,
    jwtRows,
]

let usage = """
    usage: rs256-bench [--filter TEXT] [--quick] [--openssl] [--json] [--help]
      --filter TEXT  run only rows whose name contains TEXT
      --quick        a few tiny batches per row (a smoke test; figures are not meaningful)
      --openssl      also run `openssl speed` for each row's counterpart and print our ratio to it
      --json         print the results as JSON instead of a table
      --help         print this help
    Each row: a batch size is calibrated to take 10-20 ms, one batch warms up, then 15 timed
    batches give the per-operation median, min and max. MB/s is 10^6 bytes per second.
    """

var filter: String?
var quick = false, withOpenSSL = false, asJSON = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--filter":
        guard let text = arguments.popFirst() else { fail("--filter needs a TEXT argument") }
        filter = text
    case "--quick": quick = true
    case "--openssl": withOpenSSL = true
    case "--json": asJSON = true
    case "--help", "-h": print(usage); exit(0)
    default: fail("unknown argument '\(argument)'")
    }
}

let rows = rowGroups.flatMap { $0() }.filter { row in filter.map { row.name.contains($0) } ?? true }
if rows.isEmpty { fail("no row matches the filter '\(filter ?? "")'") }

// OpenSSL runs right after each row, so both figures see the same machine load.
let speed = withOpenSSL ? OpenSSLSpeed() : nil
if let speed, !speed.isAvailable {
    FileHandle.standardError.write(Data("note: openssl is not on PATH, so --openssl was skipped\n".utf8))
}
let results = rows.map { row in
    var result = measure(row, quick: quick)
    if let speed, speed.isAvailable { result.attachOpenSSL(speed) }
    return result
}
print(asJSON ? json(results, quick: quick) : table(results, quick: quick))

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rs256-bench: \(message)\n\(usage)\n".utf8))
    exit(2)
}
