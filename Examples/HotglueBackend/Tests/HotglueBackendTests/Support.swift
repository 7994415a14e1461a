import Foundation
import HotglueBackend
import PureJWT

/// Paths, child processes and independent readers (Foundation base64/JSON, openssl, Python).
enum Support {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let demoKeyPath = repository.appendingPathComponent("Vectors/keys/demo-rsa-2048.pem").path
    static let demoPublicKeyPath = repository.appendingPathComponent("Vectors/keys/demo-rsa-2048.pub.pem").path
    static var demoPEM: String { try! String(contentsOfFile: demoKeyPath, encoding: .utf8) }

    /// The environment the README's `swift run` uses, with `overrides` applied (`nil` removes).
    static func environment(_ overrides: [String: String?] = [:]) -> [String: String] {
        var environment = [
            "HOTGLUE_SIGNING_KEY": Data(demoPEM.utf8).base64EncodedString(),
            "HOTGLUE_ENV_ID": "dev.hotglue.example.com",
            "HOTGLUE_FLOW_ID": "flow-1",
            "DEMO_SESSIONS": "alice-session=tenant-alice,bob-session=tenant-bob",
        ]
        for (name, value) in overrides { environment[name] = value }
        return environment
    }

    struct Output {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
    }

    static func run(
        _ program: String, _ arguments: [String], stdin: [UInt8] = [],
        environment: [String: String]? = nil
    ) throws -> Output {
        let process = Process()
        if program.hasPrefix("/") {
            process.executableURL = URL(fileURLWithPath: program)
            process.arguments = arguments
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = [program] + arguments
        }
        if let environment { process.environment = environment }
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        nonisolated(unsafe) var out = Data(), err = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            out = output.fileHandleForReading.readDataToEndOfFile(); group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            err = errors.fileHandleForReading.readDataToEndOfFile(); group.leave()
        }
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        return Output(status: process.terminationStatus, stdout: [UInt8](out), stderr: String(decoding: err, as: UTF8.self))
    }

    static func fromBase64url(_ text: some StringProtocol) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map { [UInt8]($0) }
    }

    /// A JSON object read by Foundation's JSONSerialization.
    static func object(_ bytes: some Sequence<UInt8>) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw Failure("not a JSON object: \(String(decoding: Array(bytes), as: UTF8.self))")
        }
        return object
    }

    /// The token's header and payload, decoded by Foundation (not by the library).
    static func parts(of token: String) throws -> (header: [String: Any], payload: [String: Any]) {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let header = fromBase64url(parts[0]), let payload = fromBase64url(parts[1]) else {
            throw Failure("not a compact JWS: \(token)")
        }
        return (try object(header), try object(payload))
    }

    /// Whether `openssl dgst -sha256 -verify` accepts the token's signature under the demo public key.
    static func opensslVerifies(_ token: String) throws -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = fromBase64url(parts[2]) else { return false }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hotglue-sig-\(UUID().uuidString)")
        try Data(signature).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(
            "openssl", ["dgst", "-sha256", "-verify", demoPublicKeyPath, "-signature", file.path],
            stdin: Array("\(parts[0]).\(parts[1])".utf8))
        return result.status == 0 && String(decoding: result.stdout, as: UTF8.self) == "Verified OK\n"
    }

    /// The built `hotglue-backend` (the test target depends on it).
    static func backendBinary() throws -> URL {
        var folders: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent())
        let candidates = folders.flatMap { [$0.appendingPathComponent("hotglue-backend"), $0.appendingPathComponent("App")] }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw Failure("the App executable was not built; looked at \(candidates.map(\.path))")
        }
        return found
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
