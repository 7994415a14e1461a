// Helpers for the key-generation tests: the prime vectors, a seeded generator, and OpenSSL.
import Foundation
@_spi(Internals) import PureBigNum

/// One `Key = value` block of Vectors/primes/primes.txt.
struct PrimeVector {
    var fields: [String: String] = [:]
    subscript(key: String) -> String? { fields[key] }
}

/// The blocks of Vectors/primes/primes.txt (made by Vectors/primes/generate.py).
func primeVectors() throws -> [PrimeVector] {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Vectors/primes/primes.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    var blocks: [PrimeVector] = []
    var current = PrimeVector()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        if line.hasPrefix("#") { continue }
        if line.trimmingCharacters(in: .whitespaces).isEmpty {
            if !current.fields.isEmpty { blocks.append(current) }
            current = PrimeVector()
            continue
        }
        let parts = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if parts.count == 2 { current.fields[parts[0]] = parts[1] }
    }
    if !current.fields.isEmpty { blocks.append(current) }
    return blocks
}

func bigUInt(decimal: String) throws -> BigUInt { try BigUInt(decimal: decimal) }

func bigUInt(hex: String) throws -> BigUInt { try BigUInt(hex: hex) }

/// A generator that always returns the same word: a broken random source.
struct ConstantGenerator: RandomNumberGenerator {
    let word: UInt64
    mutating func next() -> UInt64 { word }
}

/// `openssl` on PATH, or nil (the tests then print a note and skip only the OpenSSL check).
let opensslExecutable: URL? = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    for directory in path.split(separator: ":") {
        let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("openssl")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
    }
    return nil
}()

/// Runs openssl with `arguments`; returns its exit status and combined output.
func runOpenSSL(_ openssl: URL, _ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = openssl
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// A fresh temporary directory, removed by the caller.
func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pure-rsa-keygen-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
