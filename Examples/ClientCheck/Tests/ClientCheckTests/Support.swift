import Foundation

/// Paths and independent oracles (`openssl`, Foundation's base64) for the client checks.
enum Support {
    /// The repository this package depends on by path (`../..`).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// This package's own folder.
    static let package = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(relativePath), encoding: .utf8)
    }

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: repository.appendingPathComponent(relativePath)))
    }

    struct Output {
        let status: Int32
        let stdout: [UInt8]
        let stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs a program found on PATH (or by absolute path) with `stdin`, waiting for it to end.
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
        // Read both pipes on their own threads so a full pipe never blocks the child.
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

    /// `openssl` with the key file `keyPath` (relative to the repository) and DER output.
    static func openssl(_ arguments: [String]) throws -> [UInt8] {
        let result = try run("openssl", arguments)
        guard result.status == 0 else {
            throw OracleFailure(message: "openssl \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        }
        return result.stdout
    }

    /// A temporary file holding `bytes`, removed by the caller.
    static func temporaryFile(_ bytes: [UInt8]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("clientcheck-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        return url
    }

    /// Base64url without padding, by Foundation (not the library's encoder).
    static func base64url(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes base64url (padding optional) with Foundation.
    static func fromBase64url(_ text: some StringProtocol) -> [UInt8]? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s).map { [UInt8]($0) }
    }

    static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16)!)
            index = next
        }
        return bytes
    }

    /// Whether `openssl dgst -sha256 -verify` accepts the token's signature under `publicKeyPEMPath`.
    static func opensslVerifies(token: String, publicKeyPEMPath: String) throws -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = fromBase64url(parts[2]) else { return false }
        let file = try temporaryFile(signature)
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try run(
            "openssl",
            [
                "dgst", "-sha256", "-verify", repository.appendingPathComponent(publicKeyPEMPath).path,
                "-signature", file.path,
            ],
            stdin: Array("\(parts[0]).\(parts[1])".utf8))
        return result.status == 0 && result.text == "Verified OK\n"
    }

    /// A compact JWS signed by `openssl dgst -sha256 -sign` over the given header and payload JSON.
    static func opensslToken(header: String, payload: String, privateKeyPath: String) throws -> String {
        let input = "\(base64url(Array(header.utf8))).\(base64url(Array(payload.utf8)))"
        let result = try run(
            "openssl", ["dgst", "-sha256", "-sign", repository.appendingPathComponent(privateKeyPath).path],
            stdin: Array(input.utf8))
        guard result.status == 0 else { throw OracleFailure(message: "openssl dgst -sign failed: \(result.stderr)") }
        return "\(input).\(base64url(result.stdout))"
    }
}

struct OracleFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
