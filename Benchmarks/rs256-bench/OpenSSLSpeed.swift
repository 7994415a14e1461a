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
final class OpenSSLSpeed {
    private let executable: String?
    private let rsaBits: [Int]
    /// Signs and verifications per second per RSA size and CPU mask (nil: as installed), one
    /// sample per round.
    private var rsaSamples: [Int: [String?: [(sign: Double, verify: Double)]]] = [:]
    private var rsaRounds: Set<Int> = []
    /// Seconds per `openssl genpkey` run, per key size, every round's runs.
    private var genpkeySamples: [Int: [Double]] = [:]
    private var genpkeyRounds: Set<[Int]> = []
    /// MB/s per hash or HMAC reference (the key name `throughput(_:)` gives) and CPU mask (nil:
    /// as installed), one sample per round.
    private var shaSamples: [String: [String?: [Double]]] = [:]
    private var shaRounds: Set<String> = []
    /// ECDSA P-256 signs and verifications per second, as installed, one sample per round.
    private var ecdsaSamples: [(sign: Double, verify: Double)] = []
    private var ecdsaRounds: Set<Int> = []

    /// The SHA extensions masked off (`OPENSSL_ia32cap=":~0x20000000"`): the fair comparison
    /// for portable code, next to OpenSSL as installed.
    private static let shaMasks: [String?] = [nil, ":~0x20000000"]

    /// SHA-512 has no SHA-NI instruction; OpenSSL runs it with AVX2 (or AVX) message-schedule
    /// code. Masking AVX (CPUID leaf 1 ECX bit 28) and AVX2 (leaf 7 EBX bit 5) leaves its scalar
    /// assembly, the fair comparison for portable code.
    private static let avxMasks: [String?] = [nil, "~0x1000000000000000:~0x20"]

    /// AVX-512 IFMA masked off (`OPENSSL_ia32cap=":~0x200000"`, CPUID leaf 7 EBX bit 21): where
    /// the CPU has it, OpenSSL 3 signs RSA-2048 with 52-bit-limb vector code that no portable
    /// (scalar, baseline x86-64) code can use; masked, it runs its mulx/adx scalar assembly.
    /// On a CPU without IFMA both figures are the same.
    private static let rsaMasks: [String?] = [nil, ":~0x200000"]

    /// Whether `-elapsed` is passed (divide by wall-clock time instead of CPU user time).
    private let elapsed: Bool

    /// - Parameters:
    ///   - rsaBits: every RSA size the run will ask for (measured together).
    ///   - elapsed: pass `-elapsed`, for a wall-clock comparison.
    init(rsaBits: [Int], elapsed: Bool) {
        self.elapsed = elapsed
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        executable = path.split(separator: ":").map { "\($0)/openssl" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        self.rsaBits = Array(Set(rsaBits)).sorted()
    }

    var isAvailable: Bool { executable != nil }

    /// `openssl version`, e.g. `OpenSSL 3.0.19 27 Jan 2026 (Library: …)`.
    var version: String? {
        run(["version"], ia32cap: nil)?.split(separator: "\n").first.map(String.init)
    }

    /// Measures `reference` for round `round`, unless this round already did: one
    /// `openssl speed -seconds 1 rsa2048 rsa3072 rsa4096` (every size in `rsaBits`) serves every
    /// RSA row of a round; each hash or HMAC runs once per block size and mask.
    func sample(_ reference: OpenSSLReference, round: Int) {
        switch reference {
        case .sha256, .sha2, .hmac:
            let (key, algorithm, label, masks) = throughput(reference)
            guard shaRounds.insert("\(key.name)#\(round)").inserted else { return }
            for mask in masks {
                // The table line reads `sha256  <k>k` (`hmac(sha256)  <k>k`), in thousands of
                // bytes per second.
                guard let output = run(shaArguments(key.bytes, algorithm), ia32cap: mask),
                    let line = output.split(separator: "\n").last(where: { $0.hasPrefix(label + " ") }),
                    let field = line.split(separator: " ").last, field.hasSuffix("k"),
                    let kilobytes = Double(field.dropLast())
                else { continue }
                shaSamples[key.name, default: [:]][mask, default: []].append(kilobytes / 1e3)
            }
        case .genpkey(let bits, let samples):
            // The whole process, as a user runs it: its CPU time (user + system, from
            // getrusage of the reaped child), or its wall-clock time with --wall.
            guard genpkeyRounds.insert([bits, round]).inserted else { return }
            for _ in 0..<samples {
                guard let seconds = timedRun(genpkeyArguments(bits)) else { return }
                genpkeySamples[bits, default: []].append(seconds)
            }
        case .ecdsaP256Sign, .ecdsaP256Verify:
            guard ecdsaRounds.insert(round).inserted, let output = run(ecdsaArguments, ia32cap: nil) else { return }
            // A table line like ` 256 bits ecdsa (nistp256)   0.0000s   0.0001s  41394.6  12575.0`.
            guard let line = output.split(separator: "\n").last(where: { $0.contains("ecdsa (nistp256)") }) else { return }
            let fields = line.split(separator: " ").compactMap { Double($0) }
            if fields.count >= 3 { ecdsaSamples.append((fields[fields.count - 2], fields[fields.count - 1])) }
        case .rsaSign, .rsaVerify:
            guard rsaRounds.insert(round).inserted else { return }
            for mask in OpenSSLSpeed.rsaMasks {
                guard let output = run(rsaArguments, ia32cap: mask) else { continue }
                // Table lines like `rsa 2048 bits 0.000250s 0.000017s   3996.0  59697.0`.
                for bits in rsaBits {
                    guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("rsa \(bits) bits") }) else { continue }
                    let fields = line.split(separator: " ").compactMap { Double($0) }
                    if fields.count >= 3 {
                        rsaSamples[bits, default: [:]][mask, default: []].append((fields[fields.count - 2], fields[fields.count - 1]))
                    }
                }
            }
        }
    }

    /// OpenSSL's figures for `reference`, the median over the rounds sampled. For SHA-256: as
    /// installed, and with the SHA extensions masked off. Empty if `openssl` failed or printed
    /// something unexpected.
    func figures(for reference: OpenSSLReference) -> [OpenSSLFigure] {
        switch reference {
        case .sha256, .sha2, .hmac:
            let (key, algorithm, _, masks) = throughput(reference)
            return masks.compactMap { mask in
                guard let value = median(shaSamples[key.name]?[mask] ?? []) else { return nil }
                let prefix = mask.map { "OPENSSL_ia32cap=\"\($0)\" " } ?? ""
                return OpenSSLFigure(
                    command: prefix + "openssl " + shaArguments(key.bytes, algorithm).joined(separator: " "),
                    value: value, unit: "MB/s")
            }
        case .genpkey(let bits, _):
            let times = (genpkeySamples[bits] ?? []).sorted()
            guard let middle = median(times) else { return [] }
            let text = String(
                format: "median %.1f ms, min %.1f, max %.1f over %d runs",
                middle * 1e3, times.first! * 1e3, times.last! * 1e3, times.count)
            return [
                OpenSSLFigure(
                    command: "openssl \(genpkeyArguments(bits).joined(separator: " ")) (\(text))",
                    value: 1 / middle, unit: "ops/s")
            ]
        case .ecdsaP256Sign, .ecdsaP256Verify:
            let signing = if case .ecdsaP256Sign = reference { true } else { false }
            guard let value = median(ecdsaSamples.map { signing ? $0.sign : $0.verify }) else { return [] }
            return [
                OpenSSLFigure(
                    command: "openssl " + ecdsaArguments.joined(separator: " ") + " (\(signing ? "sign" : "verify"))",
                    value: value, unit: "ops/s")
            ]
        case .rsaSign(let bits), .rsaVerify(let bits):
            let signing = if case .rsaSign = reference { true } else { false }
            return OpenSSLSpeed.rsaMasks.compactMap { mask in
                let samples = rsaSamples[bits]?[mask] ?? []
                guard let value = median(samples.map { signing ? $0.sign : $0.verify }) else { return nil }
                let prefix = mask.map { "OPENSSL_ia32cap=\"\($0)\" " } ?? ""
                return OpenSSLFigure(
                    command: prefix + rsaCommand + " (rsa\(bits) \(signing ? "sign" : "verify"))",
                    value: value, unit: "ops/s")
            }
        }
    }

    private func genpkeyArguments(_ bits: Int) -> [String] {
        ["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:\(bits)"]
    }

    private func shaArguments(_ bytes: Int, _ algorithm: [String]) -> [String] {
        ["speed"] + (elapsed ? ["-elapsed"] : []) + ["-bytes", "\(bytes)", "-seconds", "1"] + algorithm
    }

    /// For a hash or HMAC reference: its sample key, the algorithm arguments of `openssl speed`,
    /// the label of its table line, and the CPU masks to run it with.
    private func throughput(_ reference: OpenSSLReference)
        -> (key: (name: String, bytes: Int), algorithm: [String], label: String, masks: [String?])
    {
        switch reference {
        case .sha256(let bytes):
            return (("sha256/\(bytes)", bytes), ["sha256"], "sha256", OpenSSLSpeed.shaMasks)
        case .sha2(let name, let bytes):
            // OpenSSL 3's `speed` knows sha384 only through EVP (`-evp sha384`); sha512 both ways.
            return (
                ("\(name)/\(bytes)", bytes), name == "sha512" ? [name] : ["-evp", name], name,
                OpenSSLSpeed.avxMasks
            )
        case .hmac(let name, let bytes):
            return (
                ("hmac-\(name)/\(bytes)", bytes), ["-hmac", name], "hmac(\(name))",
                name == "sha256" ? OpenSSLSpeed.shaMasks : OpenSSLSpeed.avxMasks
            )
        default:
            return (("", 0), [], "", [])
        }
    }

    private var rsaArguments: [String] {
        ["speed"] + (elapsed ? ["-elapsed"] : []) + ["-seconds", "1"] + rsaBits.map { "rsa\($0)" }
    }

    private var ecdsaArguments: [String] {
        ["speed"] + (elapsed ? ["-elapsed"] : []) + ["-seconds", "1", "ecdsap256"]
    }

    private var rsaCommand: String { "openssl " + rsaArguments.joined(separator: " ") }

    /// Seconds one `openssl ARGUMENTS` process takes: its CPU time (user + system), or its
    /// wall-clock time with `elapsed`; nil if it failed.
    private func timedRun(_ arguments: [String]) -> Double? {
        func childCPU() -> Double {
            var usage = rusage()
            // Glibc imports RUSAGE_CHILDREN as an enum case; Darwin as an Int32.
            #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
            #else
            getrusage(RUSAGE_CHILDREN, &usage)
            #endif
            return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
                + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
        }
        let clock = ContinuousClock()
        let (cpu, wall) = (childCPU(), clock.now)
        guard run(arguments, ia32cap: nil) != nil else { return nil }
        if elapsed {
            let duration = wall.duration(to: clock.now).components
            return Double(duration.seconds) + Double(duration.attoseconds) * 1e-18
        }
        return childCPU() - cpu
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
