// Reading files, standard input and the environment, with size limits so no input can
// exhaust memory, and writing to stdout/stderr.
import Foundation

enum IO {
    /// Writes text to stderr (a line, newline added).
    static func note(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes bytes to stdout.
    static func out(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    /// Writes text to stdout (as is; add the newline yourself).
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Reads at most `limit` bytes from `path` (`-` is standard input); more is an error.
    static func read(_ path: String, limit: Int, what: String) throws(Failure) -> [UInt8] {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .input("cannot read \(what): there is no file '\(path)'")
            }
            guard !isDirectory.boolValue else { throw .input("cannot read \(what): '\(path)' is a directory") }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw .input("cannot read \(what): '\(path)' cannot be opened (permissions?)")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        var bytes: [UInt8] = []
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 16)
            } catch {
                throw .input("cannot read \(what) from \(path == "-" ? "standard input" : "'\(path)'"): \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            bytes += chunk
            if bytes.count > limit {
                throw .input("\(what) is larger than \(limit) bytes; that cannot be right")
            }
        }
        return bytes
    }

    /// Streams `path` (`-` is standard input) through `body`, chunk by chunk, without a size limit.
    static func stream(_ path: String, what: String, _ body: ([UInt8]) -> Void) throws(Failure) {
        let handle: FileHandle
        if path == "-" {
            handle = FileHandle.standardInput
        } else {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw .input("cannot read \(what): there is no file '\(path)'")
            }
            guard !isDirectory.boolValue else { throw .input("cannot read \(what): '\(path)' is a directory") }
            guard let opened = FileHandle(forReadingAtPath: path) else {
                throw .input("cannot read \(what): '\(path)' cannot be opened (permissions?)")
            }
            handle = opened
        }
        defer { if path != "-" { try? handle.close() } }
        while true {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: 1 << 16)
            } catch {
                throw .input("cannot read \(what): \(error.localizedDescription)")
            }
            guard let chunk, !chunk.isEmpty else { break }
            body([UInt8](chunk))
        }
    }

    /// An environment variable, or nil when unset.
    static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name]
    }

    /// A token given as an argument, or `-`/nothing for standard input; surrounding whitespace
    /// (such as the newline `rs256 token` prints) is removed.
    static func token(_ argument: String?) throws(Failure) -> String {
        let raw: String
        if let argument, argument != "-" {
            raw = argument
        } else {
            let bytes = try read("-", limit: 1 << 20, what: "the token")
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .rejected("the token read from standard input is not UTF-8 text")
            }
            raw = text
        }
        let token = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else {
            throw .usage(argument == nil
                ? "no token: give it as an argument, or pipe it in (rs256 token … | rs256 verify)"
                : "the token is empty")
        }
        return token
    }

    /// The current time in whole seconds since 1970 (`Math.floor(Date.now() / 1000)`).
    static func now() -> Int64 {
        Int64(Date().timeIntervalSince1970.rounded(.down))
    }
}
