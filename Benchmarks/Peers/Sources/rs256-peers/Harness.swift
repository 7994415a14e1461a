// Timing, the same way rs256-bench does it: a batch calibrated to 10-20 ms, one warm-up batch,
// then 15 timed batches (5 when a batch is slow); the row's figure is the per-operation median.
import Foundation

/// Keeps a value alive so the optimiser cannot delete the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Runs an operation `iterations` times.
typealias Body = @Sendable (_ iterations: Int) async -> Void

/// Per-operation times of one implementation on one row, in nanoseconds.
struct Timing: Codable {
    let median: Double
    let min: Double
    let max: Double
    let iterationsPerBatch: Int
    let batches: Int
}

func measure(quick: Bool, _ body: Body) async -> Timing {
    var iterations = 1
    if !quick {
        while true {
            let seconds = await time(body, iterations)
            if seconds >= 0.010 { break }
            let scaled = seconds > 0 ? Double(iterations) * 0.015 / seconds : Double(iterations) * 100
            iterations = max(iterations * 2, Int(scaled.rounded(.up)))
        }
    }
    _ = await time(body, iterations)  // warm-up
    let first = await time(body, iterations)
    let batches = quick ? 3 : (first > 0.050 ? 5 : 15)
    var perOperation = [first]
    while perOperation.count < batches { perOperation.append(await time(body, iterations)) }
    perOperation = perOperation.map { $0 * 1e9 / Double(iterations) }.sorted()
    return Timing(median: perOperation[perOperation.count / 2], min: perOperation.first!,
                  max: perOperation.last!, iterationsPerBatch: iterations, batches: batches)
}

private func time(_ body: Body, _ iterations: Int) async -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    await body(iterations)
    let elapsed = start.duration(to: clock.now).components
    return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
}

/// `2.10 ms`, `18.7 µs`: three significant figures in a unit that suits.
func duration(_ nanoseconds: Double) -> String {
    func figure(_ value: Double) -> String {
        value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value)
            : String(format: "%.2f", value)
    }
    switch nanoseconds {
    case ..<1e3: return figure(nanoseconds) + " ns"
    case ..<1e6: return figure(nanoseconds / 1e3) + " µs"
    case ..<1e9: return figure(nanoseconds / 1e6) + " ms"
    default: return figure(nanoseconds / 1e9) + " s"
    }
}

/// Left-aligns the first column, right-aligns the rest, to each column's widest cell.
func aligned(_ rows: [[String]]) -> String {
    let columns = rows.map(\.count).max() ?? 0
    let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
    return rows.map { cells in
        cells.enumerated().map { index, cell in
            let gap = String(repeating: " ", count: widths[index] - cell.count)
            return index == 0 ? cell + gap : gap + cell
        }.joined(separator: "  ")
    }.joined(separator: "\n")
}
