// Shared by the fuzz targets: property assertions that libFuzzer sees as crashes, a reader that
// splits the fuzzer's bytes into typed pieces, and the fixed test keys from Vectors/.
import Foundation
import PureRSA

/// Stops the run with a message when a property does not hold. libFuzzer records the input that
/// got here as a crash artifact (the abort is a deadly signal), so a broken property is a finding
/// exactly as a trap is.
public func require(
    _ condition: Bool, _ message: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    if !condition {
        FileHandle.standardError.write(Data("PROPERTY VIOLATED (\(file):\(line)): \(message())\n".utf8))
        abort()
    }
}

/// Stops the run unless `description` (a refusal's sentence) is one non-empty line without a
/// control character: no C0 control, DEL, C1 control, U+2028/U+2029 or bidirectional control,
/// so an application that logs it cannot be made to show a forged line.
public func requireOneCleanLine(
    _ description: String, _ context: @autoclosure () -> String,
    file: StaticString = #fileID, line: UInt = #line
) {
    let bad = description.unicodeScalars.first { s in
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029
            || s.value == 0x200E || s.value == 0x200F || (0x202A...0x202E).contains(s.value)
            || (0x2066...0x2069).contains(s.value)
    }
    require(!description.isEmpty, "\(context()): a refusal without a description", file: file, line: line)
    require(
        bad == nil,
        "\(context()): the description holds U+\(String(bad?.value ?? 0, radix: 16, uppercase: true)): "
            + description.debugDescription, file: file, line: line)
}

/// Copies libFuzzer's buffer into an array (the pointer may be null when size is 0).
public func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// Consumes the fuzzer's bytes front to back as small integers and byte runs; running out gives
/// zeros and empty runs, so every input is a valid (if short) description.
public struct FuzzInput {
    private var rest: ArraySlice<UInt8>

    /// Wraps the fuzzer's input.
    public init(_ bytes: [UInt8]) { rest = bytes[...] }

    /// Whether nothing is left.
    public var isEmpty: Bool { rest.isEmpty }

    /// The next byte, or 0.
    public mutating func byte() -> UInt8 { rest.popFirst() ?? 0 }

    /// The next `count` bytes (fewer at the end).
    public mutating func take(_ count: Int) -> [UInt8] {
        let n = min(max(count, 0), rest.count)
        let piece = Array(rest.prefix(n))
        rest = rest.dropFirst(n)
        return piece
    }

    /// A run whose length is the next byte, scaled: 0…255 × `unit` bytes.
    public mutating func run(unit: Int = 1) -> [UInt8] { take(Int(byte()) * unit) }

    /// Whatever is left.
    public mutating func remainder() -> [UInt8] {
        let piece = Array(rest)
        rest = []
        return piece
    }
}

/// The repository's Vectors/ folder (this file is Fuzz/Sources/FuzzSupport/FuzzSupport.swift).
public let vectorsDirectory: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Vectors")

/// Reads a file under Vectors/ as text; the fuzz run cannot start without it.
public func vectorText(_ relativePath: String) -> String {
    let url = vectorsDirectory.appendingPathComponent(relativePath)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
        FileHandle.standardError.write(Data("cannot read \(url.path)\n".utf8))
        exit(2)
    }
    return text
}

/// The fixed private keys the signing and verifying targets use (public test material from
/// Vectors/keys, loaded once). The 1024-bit key keeps each signing cheap so the fuzzer explores
/// more messages; the 2048- and 2051-bit keys cover the default size and an odd size.
public enum FixedKeys {
    /// Loads a PEM private key from Vectors/keys.
    static func load(_ name: String) -> RSAPrivateKey {
        do {
            return try RSAPrivateKey(pemRepresentation: vectorText("keys/\(name)"), policy: .allowingLegacySizes)
        } catch {
            FileHandle.standardError.write(Data("cannot load \(name): \(error)\n".utf8))
            exit(2)
        }
    }

    /// Vectors/keys/rsa-1024.pkcs8.pem.
    public static let rsa1024 = load("rsa-1024.pkcs8.pem")
    /// Vectors/keys/rsa-2048.pkcs8.pem.
    public static let rsa2048 = load("rsa-2048.pkcs8.pem")
    /// Vectors/keys/demo-rsa-2048.pem: the key that signed Vectors/jwt/tokens.json (node-jsonwebtoken).
    public static let demo2048 = load("demo-rsa-2048.pem")
    /// Vectors/keys/rsa-2051.pkcs8.pem.
    public static let rsa2051 = load("rsa-2051.pkcs8.pem")
}

/// Hex of bytes, for messages.
public func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { String($0 >> 4, radix: 16) + String($0 & 15, radix: 16) }.joined()
}
