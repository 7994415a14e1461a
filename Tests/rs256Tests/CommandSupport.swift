import Foundation
@_exported import TestSupport

/// Runs the built `rs256` as a user would: a child process with its own environment, stdin,
/// stdout, stderr and exit status.
enum Command {
    static let root = repositoryRoot

    /// The binary: `RS256_BINARY` when set; else `rs256` next to the running test bundle (the
    /// test target depends on the executable, so SwiftPM builds both into one folder, whatever the
    /// configuration or scratch path); else `.build/debug/rs256` under the package root.
    static let binary: URL = {
        var candidates: [URL] = []
        if let explicit = ProcessInfo.processInfo.environment["RS256_BINARY"] {
            candidates.append(URL(fileURLWithPath: explicit))
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("rs256"))
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("rs256"))
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("rs256"))
        candidates.append(root.appendingPathComponent(".build/debug/rs256"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            fatalError("the rs256 binary was not found; looked at \(candidates.map(\.path)). Build it (swift build) or set RS256_BINARY.")
        }
        return found
    }()

    /// A child that exits without reading its stdin must not kill the test runner with SIGPIPE.
    static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    struct Result {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
        /// Whether the process ended by itself (not by a signal such as a crash).
        let exitedNormally: Bool

        var out: String { String(decoding: stdout, as: UTF8.self) }
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    /// Runs `rs256 arguments…` with exactly `environment` (plus PATH), feeding `stdin`.
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: [UInt8] = []) throws -> Result {
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        env["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = env
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write stdin and read stderr on other threads so no pipe fills up and blocks the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let errorBox = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorBox.data = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let writer = input.fileHandleForWriting
        DispatchQueue.global().async {
            try? writer.write(contentsOf: Data(stdin))
            try? writer.close()
        }
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let errorData = errorBox.data
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: [UInt8](outData),
            stderr: String(decoding: errorData, as: UTF8.self),
            exitedNormally: process.terminationReason == .exit)
    }

    static func file(_ path: String) -> URL { root.appendingPathComponent(path) }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: file(path))) }

    static func text(_ path: String) throws -> String { try String(contentsOf: file(path), encoding: .utf8) }

    /// `HOTGLUE_SIGNING_KEY` as hotglue documents it: the base64 of the PEM file.
    static func base64Env(_ path: String) throws -> [String: String] {
        ["HOTGLUE_SIGNING_KEY": try Data(contentsOf: file(path)).base64EncodedString()]
    }

    static let demoKey = "Vectors/keys/demo-rsa-2048.pem"

    /// Whether `openssl` is on PATH.
    static let openSSL: URL? = {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return paths.map { URL(fileURLWithPath: String($0)).appendingPathComponent("openssl") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// A scratch folder for files a test writes.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rs256-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

// swift-format-ignore: AlwaysUseLowerCamelCase
/// The Node-made tokens (Vectors/jwt/tokens.json), the fields the command tests need.
struct NodeToken: Decodable {
    let name: String
    let keyid: String?
    let iat: Int64?
    let exp: Int64?
    let swift_representable: Bool
    let header_json: String
    let payload_json: String
    let token: String
    let has_header_extra: Bool

    enum Keys: String, CodingKey {
        case name, keyid, iat, exp, swift_representable, header_json, payload_json, token, header_extra
    }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        name = try c.decode(String.self, forKey: .name)
        keyid = try c.decodeIfPresent(String.self, forKey: .keyid)
        iat = try c.decodeIfPresent(Int64.self, forKey: .iat)
        exp = try c.decodeIfPresent(Int64.self, forKey: .exp)
        swift_representable = try c.decode(Bool.self, forKey: .swift_representable)
        header_json = try c.decode(String.self, forKey: .header_json)
        payload_json = try c.decode(String.self, forKey: .payload_json)
        token = try c.decode(String.self, forKey: .token)
        has_header_extra = try c.decodeNil(forKey: .header_extra) == false
    }

    struct File: Decodable { let cases: [NodeToken] }

    static let all: [NodeToken] = {
        do {
            return try JSONDecoder().decode(File.self, from: Data(contentsOf: Command.file("Vectors/jwt/tokens.json"))).cases
        } catch {
            fatalError("cannot read Vectors/jwt/tokens.json: \(error)")
        }
    }()
}
