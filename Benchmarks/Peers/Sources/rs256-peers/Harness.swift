// Timing, the same way rs256-bench does it: a batch calibrated to 10-20 ms, one warm-up batch,
// then 15 timed batches (5 when a batch is slow), in one or more rounds; the figure is the
// per-operation median over every batch.
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

/// How many operations one batch runs: enough for 10–20 ms (1 with `quick`).
func calibrate(quick: Bool, _ body: Body) async -> Int {
    var iterations = 1
    guard !quick else { return 1 }
    while true {
        let seconds = await time(body, iterations)
        if seconds >= 0.010 { return iterations }
        let scaled = seconds > 0 ? Double(iterations) * 0.015 / seconds : Double(iterations) * 100
        iterations = max(iterations * 2, Int(scaled.rounded(.up)))
    }
}

/// One round: a warm-up batch, then 15 timed batches (5 when a batch takes over 50 ms; 3 with
/// `quick`). Returns nanoseconds per operation for each timed batch.
func timeRound(iterations: Int, quick: Bool, _ body: Body) async -> [Double] {
    _ = await time(body, iterations)  // warm-up
    let first = await time(body, iterations)
    let batches = quick ? 3 : (first > 0.050 ? 5 : 15)
    var seconds = [first]
    while seconds.count < batches { seconds.append(await time(body, iterations)) }
    return seconds.map { $0 * 1e9 / Double(iterations) }
}

func summarize(_ perOperation: [Double], iterations: Int) -> Timing {
    let sorted = perOperation.sorted()
    return Timing(
        median: sorted[sorted.count / 2], min: sorted.first!, max: sorted.last!,
        iterationsPerBatch: iterations, batches: sorted.count)
}

/// Whether batches are timed by the wall clock (`--wall`) rather than by the CPU time of the
/// whole process (every thread: jwt-kit's actor runs on the concurrency pool's threads), as
/// rs256-bench and `openssl speed` do by default. Set once, before any timing.
nonisolated(unsafe) var useWallClock = false

private func time(_ body: Body, _ iterations: Int) async -> Double {
    if useWallClock {
        let clock = ContinuousClock()
        let start = clock.now
        await body(iterations)
        let elapsed = start.duration(to: clock.now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
    let start = processCPUTime()
    await body(iterations)
    return processCPUTime() - start
}

private func processCPUTime() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) * 1e-9
}

/// `2.10 ms`, `18.7 µs`: three significant figures in a unit that suits.
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
