// Running `openssl speed` for a row's OpenSSL counterpart and reading its table.
import Foundation

/// One figure read from `openssl speed`.
struct OpenSSLFigure {
    let command: String
    let value: Double
    let unit: String
}

/// Runs `openssl speed` (found on PATH) and parses the human-readable table it prints last.
final class OpenSSLSpeed {
    private let executable: String?
    private var rsaCache: [Int: (sign: Double, verify: Double)?] = [:]
    private var shaCache: [Int: [OpenSSLFigure]] = [:]

    init() {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        executable = path.split(separator: ":").map { "\($0)/openssl" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    var isAvailable: Bool { executable != nil }

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
                    guard let output = run(arguments, ia32cap: mask),
                          let line = output.split(separator: "\n").last(where: { $0.hasPrefix("sha256 ") }),
                          let field = line.split(separator: " ").last, field.hasSuffix("k"),
                          let kilobytes = Double(field.dropLast()) else { return nil }
                    return OpenSSLFigure(command: prefix + "openssl " + arguments.joined(separator: " "),
                                         value: kilobytes / 1e3, unit: "MB/s")
                }
            shaCache[bytes] = figures
            return figures
        case .rsaSign(let bits):
            return rsa(bits).map { [OpenSSLFigure(command: "openssl speed -seconds 1 rsa\(bits) (sign)",
                                                  value: $0.sign, unit: "ops/s")] } ?? []
        case .rsaVerify(let bits):
            return rsa(bits).map { [OpenSSLFigure(command: "openssl speed -seconds 1 rsa\(bits) (verify)",
                                                  value: $0.verify, unit: "ops/s")] } ?? []
        case .genpkey(let bits, let samples):
            return genpkey(bits: bits, samples: samples).map { [$0] } ?? []
        }
    }

    /// Times `samples` runs of `openssl genpkey` (the whole process, as a user runs it) and
    /// reports keys per second from the median run; the command text gives median, min and max.
    private func genpkey(bits: Int, samples: Int) -> OpenSSLFigure? {
        let arguments = ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)"]
        let clock = ContinuousClock()
        var times: [Double] = []
        for _ in 0..<samples {
            let start = clock.now
            guard run(arguments, ia32cap: nil) != nil else { return nil }
            let elapsed = start.duration(to: clock.now).components
            times.append(Double(elapsed.seconds) * 1e3 + Double(elapsed.attoseconds) * 1e-15)
        }
        times.sort()
        let middle = median(times)
        let text = String(format: "median %.1f ms, min %.1f, max %.1f over %d runs", middle, times.first!, times.last!, samples)
        return OpenSSLFigure(command: "openssl \(arguments.joined(separator: " ")) (\(text))",
                             value: 1e3 / middle, unit: "ops/s")
    }

    /// Signs and verifications per second for `bits`-bit RSA, from the table line
    /// `rsa 2048 bits 0.000250s 0.000017s   3996.0  59697.0`.
    private func rsa(_ bits: Int) -> (sign: Double, verify: Double)? {
        if let cached = rsaCache[bits] { return cached }
        var result: (sign: Double, verify: Double)?
        if let output = run(["speed", "-seconds", "1", "rsa\(bits)"], ia32cap: nil),
           let line = output.split(separator: "\n").last(where: { $0.hasPrefix("rsa \(bits) bits") }) {
            let fields = line.split(separator: " ").compactMap { Double($0) }
            if fields.count >= 3 { result = (fields[fields.count - 2], fields[fields.count - 1]) }
        }
        rsaCache[bits] = result
        return result
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
