// Running `openssl speed` for the rows' OpenSSL counterparts and reading its table.
import Foundation

/// One figure read from `openssl speed`.
struct OpenSSLFigure {
    /// The command that produced it, as a person would type it.
    let command: String
    /// In `unit`.
    let value: Double
    /// `MB/s` or `ops/s`.
    let unit: String
}

/// Runs `openssl speed` (found on PATH) and parses the human-readable table it prints last.
///
/// RSA is measured by one `openssl speed -seconds 1 rsa2048 rsa3072 rsa4096` for every size the
/// selected rows need, the first time a row asks for one; SHA-256 by one run per block size.
/// With `repeats` > 1 each command runs that many times and the median figure is kept.
final class OpenSSLSpeed {
    private let executable: String?
    private let rsaBits: [Int]
    private let repeats: Int
    private var rsaTable: [Int: (sign: Double, verify: Double)]?
    private var shaCache: [Int: [OpenSSLFigure]] = [:]

    /// - Parameters:
    ///   - rsaBits: every RSA size the run will ask for (measured together, once).
    ///   - repeats: how many times each `openssl speed` command runs (median kept).
    init(rsaBits: [Int], repeats: Int) {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        executable = path.split(separator: ":").map { "\($0)/openssl" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        self.rsaBits = Array(Set(rsaBits)).sorted()
        self.repeats = max(1, repeats)
    }

    var isAvailable: Bool { executable != nil }

    /// `openssl version`, e.g. `OpenSSL 3.0.19 27 Jan 2026 (Library: …)`.
    var version: String? {
        run(["version"], ia32cap: nil)?.split(separator: "\n").first.map(String.init)
    }

    /// OpenSSL's figures for `reference`. For SHA-256: as installed, and with the SHA
    /// extensions masked off (`OPENSSL_ia32cap=":~0x20000000"`), which is the fair comparison
    /// for portable code. Empty if `openssl` failed or printed something unexpected.
    func figures(for reference: OpenSSLReference) -> [OpenSSLFigure] {
        switch reference {
        case .sha256(let bytes):
            if let cached = shaCache[bytes] { return cached }
            let arguments = ["speed", "-bytes", "\(bytes)", "-seconds", "1", "sha256"]
            let figures = [(nil, ""), (":~0x20000000", "OPENSSL_ia32cap=\":~0x20000000\" ")]
                .compactMap { (mask: String?, prefix: String) -> OpenSSLFigure? in
                    // The table line reads `sha256  <k>k`, in thousands of bytes per second.
                    let values = (0..<repeats).compactMap { _ -> Double? in
                        guard let output = run(arguments, ia32cap: mask),
                              let line = output.split(separator: "\n").last(where: { $0.hasPrefix("sha256 ") }),
                              let field = line.split(separator: " ").last, field.hasSuffix("k"),
                              let kilobytes = Double(field.dropLast()) else { return nil }
                        return kilobytes / 1e3
                    }
                    guard let value = median(values) else { return nil }
                    return OpenSSLFigure(command: prefix + "openssl " + arguments.joined(separator: " "),
                                         value: value, unit: "MB/s")
                }
            shaCache[bytes] = figures
            return figures
        case .rsaSign(let bits):
            return rsa()[bits].map { [OpenSSLFigure(command: rsaCommand + " (rsa\(bits) sign)",
                                                    value: $0.sign, unit: "ops/s")] } ?? []
        case .rsaVerify(let bits):
            return rsa()[bits].map { [OpenSSLFigure(command: rsaCommand + " (rsa\(bits) verify)",
                                                    value: $0.verify, unit: "ops/s")] } ?? []
        }
    }

    private var rsaCommand: String {
        "openssl speed -seconds 1 " + rsaBits.map { "rsa\($0)" }.joined(separator: " ")
    }

    /// Signs and verifications per second for every size in `rsaBits`, from table lines like
    /// `rsa 2048 bits 0.000250s 0.000017s   3996.0  59697.0`. Measured on first use.
    private func rsa() -> [Int: (sign: Double, verify: Double)] {
        if let rsaTable { return rsaTable }
        var samples: [Int: [(sign: Double, verify: Double)]] = [:]
        for _ in 0..<repeats {
            guard let output = run(["speed", "-seconds", "1"] + rsaBits.map { "rsa\($0)" }, ia32cap: nil) else { continue }
            for bits in rsaBits {
                guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("rsa \(bits) bits") }) else { continue }
                let fields = line.split(separator: " ").compactMap { Double($0) }
                if fields.count >= 3 { samples[bits, default: []].append((fields[fields.count - 2], fields[fields.count - 1])) }
            }
        }
        var table: [Int: (sign: Double, verify: Double)] = [:]
        for (bits, list) in samples {
            if let sign = median(list.map(\.sign)), let verify = median(list.map(\.verify)) { table[bits] = (sign, verify) }
        }
        rsaTable = table
        return table
    }

    /// Standard output of `openssl ARGUMENTS`, or nil if it could not run or failed.
    private func run(_ arguments: [String], ia32cap: String?) -> String? {
        guard let executable else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["OPENSSL_ia32cap"] = ia32cap
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}

/// The middle value (the upper middle of an even count), or nil for none.
func median(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.sorted()[values.count / 2]
}
