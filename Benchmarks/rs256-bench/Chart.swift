// The chart written by `--svg FILE`: plain SVG text built here, no dependency.
// Panel 1: RSA sign and verify time per operation, ours next to OpenSSL's, per key size.
// Panel 2: how the time grows with the modulus size (log-log), with an n³ reference line.
import Foundation

private let width = 1000.0
private let oursColour = "#2563eb"
private let opensslColour = "#ea7317"
private let signColour = "#7c3aed"
private let font = "DejaVu Sans, Helvetica, Arial, sans-serif"

/// The SVG document for `results` (rows missing from the run are left out of the chart).
func chart(_ results: [RowResult], context: RunContext, quick: Bool) -> String {
    var svg = SVG()
    svg.text("PureRS256 performance", x: width / 2, y: 34, size: 22, weight: "bold")
    svg.text(
        "Medians per operation, measured \(context.date) on \(context.machine)"
            + (context.opensslVersion.map { "; \($0.split(separator: "(").first.map(String.init) ?? $0)" } ?? "")
            + (quick ? " — --quick run, figures NOT meaningful" : ""),
        x: width / 2, y: 58, size: 13, fill: "#444")
    let byName = Dictionary(results.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    rsaPanel(&svg, byName, top: 80)
    growthPanel(&svg, byName, top: 590)
    return svg.document(height: 1110)
}

// MARK: Panel 1

private func rsaPanel(_ svg: inout SVG, _ rows: [String: RowResult], top: Double) {
    svg.text(
        "RSA PKCS#1 v1.5 with SHA-256: time per operation (lower is better)",
        x: width / 2, y: top + 22, size: 17, weight: "bold")
    // (label, ours, OpenSSL) for each bar pair.
    var groups: [(operation: String, bits: Int, ours: Double, openssl: Double?)] = []
    for operation in ["sign", "verify"] {
        for bits in [2048, 3072, 4096] {
            guard let row = rows["rsa/\(operation)/\(bits)"] else { continue }
            groups.append((operation, bits, row.medianNanoseconds, row.openssl.first?.nanosecondsPerOperation))
        }
    }
    let plot = (left: 110.0, right: width - 40, top: top + 80, bottom: top + 400)
    guard !groups.isEmpty else {
        svg.text("(no rsa/sign or rsa/verify rows in this run)", x: width / 2, y: top + 200, size: 14, fill: "#666")
        return
    }
    let hasOpenSSL = groups.contains { $0.openssl != nil }
    legend(
        &svg, x: plot.left + 10, y: top + 50,
        entries: [("PureRS256 (pure Swift)", oursColour, "bar")]
            + (hasOpenSSL ? [("OpenSSL (openssl speed, same run)", opensslColour, "bar")] : []))
    if !hasOpenSSL {
        svg.text(
            "OpenSSL not measured: run with --openssl to draw its bars", x: plot.right, y: top + 55,
            size: 12, anchor: "end", fill: "#666")
    }
    let values = groups.flatMap { [$0.ours] + ($0.openssl.map { [$0] } ?? []) }
    let scale = LogScale(values: values, from: plot.bottom, to: plot.top, headroom: 1.5)
    axis(&svg, scale, left: plot.left, right: plot.right, label: "time per operation (log scale)")

    let slot = (plot.right - plot.left) / Double(groups.count)
    let barWidth = min(56, slot * 0.36)
    for (index, group) in groups.enumerated() {
        let centre = plot.left + slot * (Double(index) + 0.5)
        let bars = [(group.ours, oursColour)] + (group.openssl.map { [($0, opensslColour)] } ?? [])
        for (barIndex, bar) in bars.enumerated() {
            let x =
                bars.count == 1
                ? centre - barWidth / 2
                : centre + (barIndex == 0 ? -barWidth - 2 : 2)
            let y = scale(bar.0)
            svg.rect(x: x, y: y, width: barWidth, height: plot.bottom - y, fill: bar.1)
            svg.text(duration(bar.0), x: x + barWidth / 2, y: y - 6, size: 11.5, fill: "#222")
        }
        svg.text("\(group.bits)-bit", x: centre, y: plot.bottom + 20, size: 13)
        if let openssl = group.openssl {
            svg.text(
                String(format: "ours: %.1f×", group.ours / openssl), x: centre, y: plot.bottom + 38,
                size: 12, fill: "#444")
        }
    }
    // Operation names under their groups, and a divider between sign and verify.
    for operation in ["sign", "verify"] {
        let indices = groups.indices.filter { groups[$0].operation == operation }
        guard let first = indices.first, let last = indices.last else { continue }
        let centre = plot.left + slot * (Double(first + last) / 2 + 0.5)
        svg.text(
            operation == "sign" ? "sign (private key, CRT)" : "verify (public key, e = 65537)",
            x: centre, y: plot.bottom + 62, size: 14, weight: "bold")
        if operation == "verify", first > 0 {
            let x = plot.left + slot * Double(first)
            svg.line(x1: x, y1: plot.top - 10, x2: x, y2: plot.bottom + 66, stroke: "#999", dash: "4 4")
        }
    }
    if hasOpenSSL {
        svg.text(
            "ours: r× = PureRS256's median time ÷ OpenSSL's in the same run (r = 1: as fast; r = 2: twice as long)",
            x: width / 2, y: plot.bottom + 86, size: 12, fill: "#555")
    }
}

// MARK: Panel 2

private func growthPanel(_ svg: inout SVG, _ rows: [String: RowResult], top: Double) {
    svg.text("How the time grows with the modulus size (log–log)", x: width / 2, y: top + 22, size: 17, weight: "bold")
    func series(_ prefix: String, _ sizes: [Int], openssl: Bool = false) -> [(bits: Int, ns: Double)] {
        sizes.compactMap { bits in
            guard let row = rows["\(prefix)\(bits)"] else { return nil }
            if openssl { return row.openssl.first.map { (bits, $0.nanosecondsPerOperation) } }
            return (bits, row.medianNanoseconds)
        }
    }
    let modexp = series("modexp/ct/", [1024, 1536, 2048, 3072, 4096])
    let sign = series("rsa/sign/", [2048, 3072, 4096])
    let opensslSign = series("rsa/sign/", [2048, 3072, 4096], openssl: true)
    let plot = (left: 110.0, right: width - 40, top: top + 130, bottom: top + 430)
    guard !modexp.isEmpty || !sign.isEmpty else {
        svg.text("(no modexp/ct or rsa/sign rows in this run)", x: width / 2, y: top + 200, size: 14, fill: "#666")
        return
    }
    // n³ through the smallest modexp point (or the smallest signature).
    let anchor = modexp.first ?? sign.first!
    let sizes = (modexp + sign).map(\.bits)
    let minBits = Double(sizes.min()!), maxBits = Double(sizes.max()!)
    func cubic(_ bits: Double) -> Double { anchor.ns * pow(bits / Double(anchor.bits), 3) }
    let values = (modexp + sign + opensslSign).map(\.ns) + [cubic(minBits), cubic(maxBits)]
    let y = LogScale(values: values, from: plot.bottom, to: plot.top, headroom: 1.6)
    let x = LogScale(low: minBits / 1.12, high: maxBits * 1.12, from: plot.left, to: plot.right)
    axis(&svg, y, left: plot.left, right: plot.right, label: "time per operation (log scale)")
    svg.line(x1: plot.left, y1: plot.bottom, x2: plot.right, y2: plot.bottom, stroke: "#333")
    for bits in Set(sizes).sorted() {
        svg.line(x1: x(Double(bits)), y1: plot.bottom, x2: x(Double(bits)), y2: plot.bottom + 5, stroke: "#333")
        svg.text("\(bits)", x: x(Double(bits)), y: plot.bottom + 20, size: 12)
    }
    svg.text("modulus size in bits (log scale)", x: (plot.left + plot.right) / 2, y: plot.bottom + 44, size: 14)

    let reference = stride(from: minBits, through: maxBits, by: (maxBits - minBits) / 40).map { (x($0), y(cubic($0))) }
    svg.polyline(reference, stroke: "#888", width: 2, dash: "7 5")
    var entries: [(String, String, String)] = [
        ("n³ reference (cubic in the modulus size, through the \(anchor.bits)-bit point)", "#888", "dash")
    ]
    if !modexp.isEmpty {
        plotSeries(&svg, modexp, x: x, y: y, colour: oursColour, labelBelow: false)
        entries.insert(("modexp/ct: one constant-time exponentiation, exponent as wide as the modulus", oursColour, "line"), at: 0)
    }
    if !sign.isEmpty {
        plotSeries(&svg, sign, x: x, y: y, colour: signColour, labelBelow: false)
        entries.insert(("rsa/sign: a whole PureRS256 signature (two half-size exponentiations, CRT)", signColour, "line"), at: 1)
    }
    if !opensslSign.isEmpty {
        plotSeries(&svg, opensslSign, x: x, y: y, colour: opensslColour, labelBelow: true)
        entries.append(("OpenSSL signature (openssl speed, same run)", opensslColour, "line"))
    }
    legend(&svg, x: plot.left + 10, y: top + 48, entries: entries, columns: 1, rowHeight: 17)
}

private func plotSeries(
    _ svg: inout SVG, _ points: [(bits: Int, ns: Double)], x: LogScale, y: LogScale,
    colour: String, labelBelow: Bool
) {
    let xy = points.map { (x(Double($0.bits)), y($0.ns)) }
    svg.polyline(xy, stroke: colour, width: 2.5, dash: nil)
    for (point, (px, py)) in zip(points, xy) {
        svg.circle(x: px, y: py, radius: 4.5, fill: colour)
        // Above-left for our series, below-right for OpenSSL's (the lowest line), so labels of
        // neighbouring series do not meet.
        svg.text(
            duration(point.ns), x: labelBelow ? px + 8 : px - 8, y: labelBelow ? py + 17 : py - 10, size: 11.5,
            anchor: labelBelow ? "start" : "end", fill: colour)
    }
}

// MARK: Pieces

/// Gridlines at 1, 2 and 5 × 10^k, labelled (the 2s and 5s only on short scales), a line at
/// each end of the scale, and the axis title.
private func axis(_ svg: inout SVG, _ scale: LogScale, left: Double, right: Double, label: String) {
    let labelMinor = scale.decades <= 3.5
    var decade = pow(10, floor(log10(scale.low)))
    while decade <= scale.high * 1.0001 {
        for multiple in [1.0, 2, 5] {
            let value = decade * multiple
            guard value >= scale.low * 0.9999, value <= scale.high * 1.0001 else { continue }
            let y = scale(value)
            svg.line(x1: left, y1: y, x2: right, y2: y, stroke: multiple == 1 ? "#cfcfcf" : "#ececec")
            let edge = abs(value - scale.low) < scale.low * 1e-4 || abs(value - scale.high) < scale.high * 1e-4
            if multiple == 1 || labelMinor || edge {
                svg.text(
                    tickLabel(value), x: left - 8, y: y + 4, size: multiple == 1 ? 12 : 10.5, anchor: "end",
                    fill: multiple == 1 ? "#222" : "#666")
            }
        }
        decade *= 10
    }
    svg.line(x1: left, y1: scale(scale.low), x2: left, y2: scale(scale.high), stroke: "#333")
    let middle = (scale(scale.low) + scale(scale.high)) / 2
    svg.text(label, x: 28, y: middle, size: 13, rotate: -90)
}

private func legend(
    _ svg: inout SVG, x: Double, y: Double, entries: [(String, String, String)],
    columns: Int = 2, rowHeight: Double = 20
) {
    for (index, entry) in entries.enumerated() {
        let ex = x + Double(index % columns) * 360, ey = y + Double(index / columns) * rowHeight
        switch entry.2 {
        case "bar": svg.rect(x: ex, y: ey - 11, width: 22, height: 13, fill: entry.1)
        case "dash": svg.line(x1: ex, y1: ey - 4, x2: ex + 22, y2: ey - 4, stroke: entry.1, width: 2, dash: "7 5")
        default:
            svg.line(x1: ex, y1: ey - 4, x2: ex + 22, y2: ey - 4, stroke: entry.1, width: 2.5)
            svg.circle(x: ex + 11, y: ey - 4, radius: 4, fill: entry.1)
        }
        svg.text(entry.0, x: ex + 30, y: ey, size: 12.5, anchor: "start")
    }
}

/// `5 ms`, `50 µs`, `200 ns`: a 1-2-5 gridline value without trailing zeros.
private func tickLabel(_ nanoseconds: Double) -> String {
    let (value, unit) =
        nanoseconds >= 1e9
        ? (nanoseconds / 1e9, "s")
        : nanoseconds >= 1e6
            ? (nanoseconds / 1e6, "ms")
            : nanoseconds >= 1e3 ? (nanoseconds / 1e3, "µs") : (nanoseconds, "ns")
    return String(format: "%g", (value * 1000).rounded() / 1000) + " " + unit
}

/// A logarithmic map from values to pixels.
private struct LogScale {
    let low: Double, high: Double, from: Double, to: Double

    init(low: Double, high: Double, from: Double, to: Double) {
        (self.low, self.high, self.from, self.to) = (low, high, from, to)
    }

    /// From a 1-2-5 step below the smallest of `values` to one `headroom` (a factor, room for
    /// labels) above the largest.
    init(values: [Double], from: Double, to: Double, headroom: Double) {
        let positive = values.filter { $0 > 0 }
        let low = LogScale.step(below: (positive.min() ?? 1) / 1.3)
        let high = LogScale.step(above: (positive.max() ?? 10) * headroom)
        self.init(low: low, high: max(high, low * 10), from: from, to: to)
    }

    /// The largest of 1, 2, 5 × 10^k not above `value`.
    static func step(below value: Double) -> Double {
        let decade = pow(10, floor(log10(value)))
        return [5.0, 2, 1].map { $0 * decade }.first { $0 <= value * 1.0001 } ?? decade
    }

    /// The smallest of 1, 2, 5 × 10^k not below `value`.
    static func step(above value: Double) -> Double {
        let decade = pow(10, floor(log10(value)))
        return [1.0, 2, 5, 10].map { $0 * decade }.first { $0 >= value * 0.9999 } ?? 10 * decade
    }

    /// How many decades the scale spans.
    var decades: Double { log10(high) - log10(low) }

    func callAsFunction(_ value: Double) -> Double {
        let t = (log10(max(value, low)) - log10(low)) / (log10(high) - log10(low))
        return from + (to - from) * t
    }
}

/// Accumulates SVG elements.
private struct SVG {
    private var elements: [String] = []

    mutating func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: String = "middle",
        weight: String = "normal", fill: String = "#111", rotate: Double? = nil
    ) {
        let transform = rotate.map { " transform=\"rotate(\(f($0)) \(f(x)) \(f(y)))\"" } ?? ""
        elements.append(
            "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(f(size))\" text-anchor=\"\(anchor)\" "
                + "font-weight=\"\(weight)\" fill=\"\(fill)\"\(transform)>\(escaped(content))</text>")
    }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String) {
        elements.append("<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(max(0, height)))\" fill=\"\(fill)\"/>")
    }

    mutating func line(
        x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
        dash: String? = nil
    ) {
        elements.append(
            "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(stroke)\" "
                + "stroke-width=\"\(f(width))\"" + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, dash: String?) {
        let list = points.map { "\(f($0.0)),\(f($0.1))" }.joined(separator: " ")
        elements.append(
            "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(f(width))\""
                + (dash.map { " stroke-dasharray=\"\($0)\"" } ?? "") + "/>")
    }

    mutating func circle(x: Double, y: Double, radius: Double, fill: String) {
        elements.append("<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(radius))\" fill=\"\(fill)\"/>")
    }

    func document(height: Double) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" \
        viewBox="0 0 \(f(width)) \(f(height))" font-family="\(font)">
        <rect width="100%" height="100%" fill="#ffffff"/>
        \(elements.joined(separator: "\n"))
        </svg>

        """
    }

    private func f(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
