// Timing rows and printing the results.
import Foundation

/// OpenSSL's figure for the same operation, and our speed relative to it.
struct OpenSSLComparison: Encodable {
    /// What was measured, e.g. `openssl speed -bytes 64 -seconds 1 sha256`.
    let command: String
    /// OpenSSL's figure, in `unit`.
    let value: Double
    /// `MB/s` or `ops/s`.
    let unit: String
    /// Our figure divided by OpenSSL's, in the same unit: above 1 means faster than OpenSSL.
    let ratio: Double
}

/// The timings of one row.
struct RowResult: Encodable {
    let name: String
    let bytesPerOperation: Int?
    let iterationsPerBatch: Int
    let batches: Int
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
            let ours = figure.unit == "MB/s" ? (megabytesPerSecond ?? 0) : opsPerSecond
            return OpenSSLComparison(command: figure.command, value: figure.value, unit: figure.unit,
                                     ratio: ours / figure.value)
        }
    }
}

/// Times `row`: calibrate a batch to 10–20 ms, warm up with one batch, then time 15 batches
/// (5 when a batch is slow). With `quick`, 3 batches of one operation each.
func measure(_ row: BenchRow, quick: Bool) -> RowResult {
    var iterations = 1
    if let samples = row.samples, !quick {
        _ = time(row, 1)  // warm-up
        let each = (0..<samples).map { _ in time(row, 1) * 1e9 }.sorted()
        return RowResult(
            name: row.name, bytesPerOperation: row.bytesPerOperation, iterationsPerBatch: 1,
            batches: samples, medianNanoseconds: median(each), minNanoseconds: each.first!,
            maxNanoseconds: each.last!, reference: row.openssl)
    }
    if !quick {
        while true {
            let seconds = time(row, iterations)
            if seconds >= 0.010 { break }
            // Aim at 15 ms, at least doubling so tiny first timings cannot stall the search.
            let scaled = seconds > 0 ? Double(iterations) * 0.015 / seconds : Double(iterations) * 100
            iterations = max(iterations * 2, Int(scaled.rounded(.up)))
        }
    }
    _ = time(row, iterations)  // warm-up
    let firstBatch = time(row, iterations)
    let batches = quick ? 3 : (firstBatch > 0.050 ? 5 : 15)
    var perOperation = [firstBatch]
    while perOperation.count < batches { perOperation.append(time(row, iterations)) }
    perOperation = perOperation.map { $0 * 1e9 / Double(iterations) }.sorted()
    return RowResult(
        name: row.name, bytesPerOperation: row.bytesPerOperation, iterationsPerBatch: iterations,
        batches: batches, medianNanoseconds: perOperation[perOperation.count / 2],
        minNanoseconds: perOperation.first!, maxNanoseconds: perOperation.last!,
        reference: row.openssl)
}

/// The median of sorted values (the mean of the middle two for an even count).
func median(_ sorted: [Double]) -> Double {
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Seconds one batch of `iterations` operations takes.
private func time(_ row: BenchRow, _ iterations: Int) -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    row.body(iterations)
    let elapsed = start.duration(to: clock.now).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
}

/// The results as an aligned text table, OpenSSL comparisons indented under their row.
func table(_ results: [RowResult], quick: Bool) -> String {
    var lines = [pad(["row", "median", "min", "max", "ops/s", "MB/s"])]
    for result in results {
        lines.append(pad([
            result.name, duration(result.medianNanoseconds), duration(result.minNanoseconds),
            duration(result.maxNanoseconds), number(result.opsPerSecond),
            result.megabytesPerSecond.map(number) ?? "",
        ]))
        for comparison in result.openssl {
            lines.append("    \(comparison.command): \(number(comparison.value)) \(comparison.unit)"
                + ", ours/OpenSSL = " + String(format: "%.2f", comparison.ratio))
        }
    }
    if quick { lines.append("(--quick: figures are not meaningful)") }
    return lines.joined(separator: "\n")
}

/// The results as JSON: `{"quick": Bool, "rows": [RowResult]}`.
func json(_ results: [RowResult], quick: Bool) -> String {
    struct Report: Encodable { let quick: Bool; let rows: [RowResult] }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    let data = (try? encoder.encode(Report(quick: quick, rows: results))) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
}

private func pad(_ cells: [String]) -> String {
    let widths = [18, 11, 11, 11, 12, 10]
    return zip(cells, widths).enumerated().map { index, pair in
        let (cell, width) = pair
        let gap = String(repeating: " ", count: max(0, width - cell.count))
        return index == 0 ? cell + gap : gap + cell
    }.joined(separator: " ")
}

private func duration(_ nanoseconds: Double) -> String {
    switch nanoseconds {
    case ..<1e3: String(format: "%.1f ns", nanoseconds)
    case ..<1e6: String(format: "%.2f µs", nanoseconds / 1e3)
    case ..<1e9: String(format: "%.2f ms", nanoseconds / 1e6)
    default: String(format: "%.2f s", nanoseconds / 1e9)
    }
}

private func number(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : String(format: "%.2f", value)
}
