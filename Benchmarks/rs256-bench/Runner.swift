// Timing rows and printing the results (text table, JSON, Markdown).
import Foundation

/// OpenSSL's figure for the same operation, and our time relative to it.
struct OpenSSLComparison: Encodable {
    /// What was measured, e.g. `openssl speed -bytes 64 -seconds 1 sha256`.
    let command: String
    /// OpenSSL's figure, in `unit`.
    let value: Double
    /// `MB/s` or `ops/s`.
    let unit: String
    /// OpenSSL's time per operation (per block of the row's size for MB/s figures).
    let nanosecondsPerOperation: Double
    /// Our median time divided by OpenSSL's: 2 means we take twice as long, 0.5 half as long.
    let timeRatio: Double
}

/// The timings of one row.
struct RowResult: Encodable {
    let name: String
    let bytesPerOperation: Int?
    let iterationsPerBatch: Int
    /// Timed batches, over every repeat.
    let batches: Int
    /// Median, fastest and slowest batch, per operation.
    let medianNanoseconds: Double
    let minNanoseconds: Double
    let maxNanoseconds: Double
    var opsPerSecond: Double { 1e9 / medianNanoseconds }
    var megabytesPerSecond: Double? { bytesPerOperation.map { Double($0) * 1e3 / medianNanoseconds } }
    var openssl: [OpenSSLComparison] = []
    /// Not encoded: which OpenSSL counterpart to ask for.
    var reference: OpenSSLReference?

    enum CodingKeys: String, CodingKey {
        case name, bytesPerOperation, iterationsPerBatch, batches, medianNanoseconds, minNanoseconds,
            maxNanoseconds, opsPerSecond, megabytesPerSecond, openssl
    }

    func encode(to encoder: any Encoder) throws {
        var out = encoder.container(keyedBy: CodingKeys.self)
        try out.encode(name, forKey: .name)
        try out.encode(bytesPerOperation, forKey: .bytesPerOperation)
        try out.encode(iterationsPerBatch, forKey: .iterationsPerBatch)
        try out.encode(batches, forKey: .batches)
        try out.encode(medianNanoseconds, forKey: .medianNanoseconds)
        try out.encode(minNanoseconds, forKey: .minNanoseconds)
        try out.encode(maxNanoseconds, forKey: .maxNanoseconds)
        try out.encode(opsPerSecond, forKey: .opsPerSecond)
        try out.encode(megabytesPerSecond, forKey: .megabytesPerSecond)
        try out.encode(openssl, forKey: .openssl)
    }

    /// Runs `openssl speed` for this row's counterpart (if any) and records the ratios.
    mutating func attachOpenSSL(_ speed: OpenSSLSpeed) {
        guard let reference else { return }
        openssl = speed.figures(for: reference).map { figure in
            let nanoseconds =
                figure.unit == "MB/s"
                ? Double(bytesPerOperation ?? 0) * 1e3 / figure.value
                : 1e9 / figure.value
            return OpenSSLComparison(
                command: figure.command, value: figure.value, unit: figure.unit,
                nanosecondsPerOperation: nanoseconds,
                timeRatio: medianNanoseconds / nanoseconds)
        }
    }
}

/// How many operations one batch of `row` runs: enough for 10–20 ms (1 with `quick`, and for
/// rows timed one operation at a time).
func calibrate(_ row: BenchRow, quick: Bool, clock: BenchClock) -> Int {
    var iterations = 1
    guard !quick, row.samples == nil else { return 1 }
    while true {
        let seconds = clock.seconds(row, iterations)
        if seconds >= 0.010 { return iterations }
        // Aim at 15 ms, at least doubling so tiny first timings cannot stall the search.
        let scaled = seconds > 0 ? Double(iterations) * 0.015 / seconds : Double(iterations) * 100
        iterations = max(iterations * 2, Int(scaled.rounded(.up)))
    }
}

/// One round of `row`: a warm-up batch, then 15 timed batches (5 when a batch takes over
/// 50 ms; 3 with `quick`). A row with `samples` (key generation, whose time varies from key to
/// key) instead times that many single operations. Returns the nanoseconds per operation of
/// each timed batch.
func timeRound(_ row: BenchRow, iterations: Int, quick: Bool, clock: BenchClock) -> [Double] {
    if let samples = row.samples, !quick {
        _ = clock.seconds(row, 1)  // warm-up
        return (0..<samples).map { _ in clock.seconds(row, 1) * 1e9 }
    }
    _ = clock.seconds(row, iterations)  // warm-up
    let firstBatch = clock.seconds(row, iterations)
    let batches = quick ? 3 : (firstBatch > 0.050 ? 5 : 15)
    var seconds = [firstBatch]
    while seconds.count < batches { seconds.append(clock.seconds(row, iterations)) }
    return seconds.map { $0 * 1e9 / Double(iterations) }
}

/// The row's figures from every batch of every round: median, fastest and slowest.
func summarize(_ row: BenchRow, iterations: Int, perOperation: [Double]) -> RowResult {
    let sorted = perOperation.sorted()
    return RowResult(
        name: row.name, bytesPerOperation: row.bytesPerOperation, iterationsPerBatch: iterations,
        batches: sorted.count, medianNanoseconds: sorted[sorted.count / 2],
        minNanoseconds: sorted.first!, maxNanoseconds: sorted.last!, reference: row.openssl)
}

/// What a batch's time is read from.
///
/// `openssl speed` divides by the CPU time its process used (unless given `-elapsed`), so a
/// machine shared with other work slows neither side's figure much; `.cpu` does the same here.
/// `.wall` reads the wall clock, for an idle machine or to see what a caller waits.
enum BenchClock {
    /// CPU time used by this process (`CLOCK_PROCESS_CPUTIME_ID`, user + system).
    case cpu
    /// Monotonic wall-clock time (`ContinuousClock`).
    case wall

    /// Seconds one batch of `iterations` operations of `row` takes.
    func seconds(_ row: BenchRow, _ iterations: Int) -> Double {
        switch self {
        case .wall:
            let clock = ContinuousClock()
            let start = clock.now
            row.body(iterations)
            let elapsed = start.duration(to: clock.now).components
            return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
        case .cpu:
            let start = BenchClock.processCPUTime()
            row.body(iterations)
            return BenchClock.processCPUTime() - start
        }
    }

    private static func processCPUTime() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
    }
}

/// The results as an aligned text table, OpenSSL comparisons indented under their row.
func table(_ results: [RowResult], quick: Bool) -> String {
    var lines = [pad(["row", "median", "min", "max", "ops/s", "MB/s"])]
    for result in results {
        lines.append(
            pad([
                result.name, duration(result.medianNanoseconds), duration(result.minNanoseconds),
                duration(result.maxNanoseconds), number(result.opsPerSecond),
                result.megabytesPerSecond.map(number) ?? "",
            ]))
        for comparison in result.openssl {
            lines.append(
                "    \(comparison.command): \(number(comparison.value)) \(comparison.unit)"
                    + " = \(duration(comparison.nanosecondsPerOperation))/op; ours takes "
                    + String(format: "%.2f", comparison.timeRatio) + "× as long")
        }
    }
    if quick { lines.append("(--quick: figures are not meaningful)") }
    return lines.joined(separator: "\n")
}

/// The results as JSON: `{"quick": Bool, "machine": String, "date": String, "rows": [RowResult]}`.
func json(_ results: [RowResult], quick: Bool, context: RunContext) -> String {
    struct Report: Encodable {
        let quick: Bool; let date: String; let machine: String; let openssl: String?; let loadAverage: String?
        let rows: [RowResult]
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let report = Report(
        quick: quick, date: context.date, machine: context.machine,
        openssl: context.opensslVersion, loadAverage: context.loadAverage, rows: results)
    let data = (try? encoder.encode(report)) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
}

/// The results as a Markdown table for the README: one line per row, one more per extra
/// OpenSSL figure.
func markdown(_ results: [RowResult], quick: Bool, context: RunContext) -> String {
    var lines = [
        "Measured \(context.date) on \(context.machine)"
            + (context.opensslVersion.map { ", \($0)" } ?? "")
            + (context.loadAverage.map { "; load average \($0) at the end of the run" } ?? "")
            + (quick ? " (--quick: not meaningful)" : "") + ".",
        "",
        "| row | median | min | max | ops/s | OpenSSL counterpart | OpenSSL | ours ÷ OpenSSL (time) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for result in results {
        let ours =
            "| `\(result.name)` | \(duration(result.medianNanoseconds)) | \(duration(result.minNanoseconds)) "
            + "| \(duration(result.maxNanoseconds)) | \(number(result.opsPerSecond)) "
        if result.openssl.isEmpty { lines.append(ours + "| | | |"); continue }
        for (index, comparison) in result.openssl.enumerated() {
            let lead = index == 0 ? ours : "| | | | | "
            lines.append(
                lead + "| \(shortName(comparison.command)) | \(duration(comparison.nanosecondsPerOperation)) "
                    + "| " + String(format: "%.2f", comparison.timeRatio) + " |")
        }
    }
    return lines.joined(separator: "\n")
}

/// `openssl speed -seconds 1 rsa2048 rsa3072 rsa4096 (rsa2048 sign)` → `rsa2048 sign`, with
/// `(no AVX-512 IFMA)` when that extension is masked;
/// `openssl speed -bytes 64 … sha256` → `sha256 64 B`, with `(no SHA-NI)` when the extensions are
/// masked (`(no AVX)` for SHA-512 and SHA-384); `… -hmac sha256` → `hmac(sha256) 300 B`;
/// `openssl genpkey … rsa_keygen_bits:2048 (median …)` → `genpkey 2048 (median …)`.
private func shortName(_ command: String) -> String {
    if command.hasPrefix("openssl genpkey"), let bits = command.split(separator: ":").dropFirst().first?.prefix(while: \.isNumber) {
        return "genpkey \(bits)" + (command.firstIndex(of: "(").map { " " + command[$0...] } ?? "")
    }
    if let open = command.lastIndex(of: "("), command.hasSuffix(")") {
        return String(command[command.index(after: open)..<command.index(before: command.endIndex)])
            + (command.hasPrefix("OPENSSL_ia32cap") ? " (no AVX-512 IFMA)" : "")
    }
    let words = command.split(separator: " ")
    let bytes = words.firstIndex(of: "-bytes").map { words[$0 + 1] } ?? ""
    let algorithm = words.firstIndex(of: "-hmac").map { "hmac(\(words[$0 + 1]))" } ?? String(words.last ?? "")
    let mask = !command.hasPrefix("OPENSSL_ia32cap") ? "" : command.contains(":~0x20000000") ? " (no SHA-NI)" : " (no AVX)"
    return "\(algorithm) \(bytes) B" + mask
}

/// When and where a run happened, for the reports.
struct RunContext {
    let date: String
    let machine: String
    let opensslVersion: String?
    /// The 1-, 5- and 15-minute load averages (/proc/loadavg), if known.
    let loadAverage: String?

    /// Today's date (UTC) and the processor's model name, family, model and core count from
    /// /proc/cpuinfo.
    static func current(openssl: OpenSSLSpeed?) -> RunContext {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        func field(_ name: String) -> String? {
            cpuinfo.split(separator: "\n").first { $0.hasPrefix(name + "\t") || $0.hasPrefix(name + " ") }
                .flatMap { $0.split(separator: ":", maxSplits: 1).last }
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var machine = field("model name") ?? "unknown processor"
        // "AMD EPYC" alone does not say which generation: the family and model do.
        if let family = field("cpu family"), let model = field("model") {
            machine += " (family \(family), model \(model))"
        }
        #if arch(x86_64)
        machine += ", x86_64"
        #elseif arch(arm64)
        machine += ", arm64"
        #endif
        machine += ", \(ProcessInfo.processInfo.activeProcessorCount) cores"
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))
            .map { $0.split(separator: " ").prefix(3).joined(separator: " ") }
        return RunContext(
            date: formatter.string(from: Date()), machine: machine,
            opensslVersion: openssl?.isAvailable == true ? openssl?.version : nil, loadAverage: load)
    }
}

private func pad(_ cells: [String]) -> String {
    let widths = [22, 11, 11, 11, 12, 10]
    return zip(cells, widths).enumerated().map { index, pair in
        let (cell, width) = pair
        let gap = String(repeating: " ", count: max(0, width - cell.count))
        return index == 0 ? cell + gap : gap + cell
    }.joined(separator: " ")
}

/// `2.10 ms`, `18.7 µs`, `571 ns`: three significant figures in a unit that suits.
func duration(_ nanoseconds: Double) -> String {
    func figure(_ value: Double) -> String {
        value >= 100
            ? String(format: "%.0f", value)
            : value >= 10
                ? String(format: "%.1f", value)
                : String(format: "%.2f", value)
    }
    switch nanoseconds {
    case ..<1e3: return figure(nanoseconds) + " ns"
    case ..<1e6: return figure(nanoseconds / 1e3) + " µs"
    case ..<1e9: return figure(nanoseconds / 1e6) + " ms"
    default: return figure(nanoseconds / 1e9) + " s"
    }
}

private func number(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
}
