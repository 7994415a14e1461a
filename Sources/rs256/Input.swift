// Reading files, standard input and the environment, with size limits so no input can
// exhaust memory, and writing to stdout/stderr — through the C library directly: the tool does
// not load Foundation, which would cost a few milliseconds of start-up on every token.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import PureJWT

enum IO {
    /// The name messages start with: `rs256 token` once a subcommand runs, else `rs256`.
    nonisolated(unsafe) static var commandName = "rs256"

    /// Writes a line to stderr (newline added). Whatever the line quotes, it stays one line:
    /// control characters left in it (a path, a value from a token or a key file) are escaped
    /// as the library's messages escape them.
    static func note(_ line: String) {
        write(fd: 2, Array((JSONValue.escapedForMessage(line, limit: nil, escapingQuotes: false) + "\n").utf8))
    }

    /// Writes bytes to stdout. If they cannot all be written (a full disk, a closed
    /// descriptor), says so on stderr and ends the process with status 2: a token or signature
    /// that was not delivered must not look like success.
    static func out(_ bytes: [UInt8]) {
        guard write(fd: 1, bytes) else {
            note("\(commandName): cannot write to standard output: \(systemError())")
            exit(2)
        }
    }

    /// Writes text to stdout (as is; add the newline yourself); see ``out(_:)-bytes``.
    static func out(_ text: String) {
        out(Array(text.utf8))
    }

    /// Writes all of `bytes` to `fd`, retrying partial writes and interruptions; returns false
    /// on any other error. When the reader of a pipe is gone (`rs256 token | head -c 10`),
    /// SIGPIPE ends the process with status 141, as with any Unix tool.
    @discardableResult
    static func write(fd: Int32, _ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// The C library's message for the current `errno`.
    static func systemError() -> String {
        guard let message = strerror(errno) else { return "error \(errno)" }
        return String(cString: message).lowercased()
    }

    /// Opens `path` for reading (`-` is standard input), refusing directories with a sentence.
    static func open(_ path: String, what: String) throws(Failure) -> Int32 {
        if path == "-" { return 0 }
        let fd = systemOpen(path, O_RDONLY)
        guard fd >= 0 else {
            let reason = errno == ENOENT ? "there is no file '\(shown(path))'" : "'\(shown(path))' cannot be opened (\(systemError()))"
            throw .input("cannot read \(what): \(reason)")
        }
        var status = stat()
        if fstat(fd, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR {
            _ = close(fd)
            throw .input("cannot read \(what): '\(shown(path))' is a directory")
        }
        return fd
    }

    /// Reads from `fd` chunk by chunk into `body` until the end; `body` returns false to stop.
    static func readChunks(_ fd: Int32, path: String, what: String, _ body: ([UInt8]) throws(Failure) -> Void) throws(Failure) {
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let source = path == "-" ? "standard input" : "'\(shown(path))'"
                throw .input("cannot read \(what) from \(source): \(systemError())")
            }
            if count == 0 { return }
            try body(Array(chunk[0..<count]))
        }
    }

    /// Reads at most `limit` bytes from `path` (`-` is standard input); more is an error,
    /// `tooLarge` when given, else an input error.
    static func read(_ path: String, limit: Int, what: String, tooLarge: Failure? = nil) throws(Failure) -> [UInt8] {
        let fd = try open(path, what: what)
        defer { if fd != 0 { _ = close(fd) } }
        var bytes: [UInt8] = []
        try readChunks(fd, path: path, what: what) { (chunk: [UInt8]) throws(Failure) in
            bytes += chunk
            if bytes.count > limit {
                throw tooLarge ?? .input("\(what) is larger than \(limit) bytes; that cannot be right")
            }
        }
        return bytes
    }

    /// Streams `path` (`-` is standard input) through `body`, chunk by chunk, without a size limit.
    static func stream(_ path: String, what: String, _ body: ([UInt8]) -> Void) throws(Failure) {
        let fd = try open(path, what: what)
        defer { if fd != 0 { _ = close(fd) } }
        try readChunks(fd, path: path, what: what) { (chunk: [UInt8]) throws(Failure) in body(chunk) }
    }

    /// Writes `bytes` to a new or truncated file.
    static func writeFile(_ path: String, _ bytes: [UInt8], what: String) throws(Failure) {
        let fd = systemOpen(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .input("cannot write \(what) to '\(path)': \(systemError())") }
        defer { _ = close(fd) }
        guard write(fd: fd, bytes) else { throw .input("cannot write \(what) to '\(path)': \(systemError())") }
    }

    /// An environment variable, or nil when unset.
    static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        return String(cString: value)
    }

    /// A token given as an argument, or `-`/nothing for standard input; surrounding whitespace
    /// (such as the newline `rs256 token` prints) is removed.
    static func token(_ argument: String?) throws(Failure) -> String {
        let raw: String
        if let argument, argument != "-" {
            raw = argument
        } else {
            // Room for the longest accepted token and the whitespace around it; a longer one
            // is the token's fault (exit 1), as it is when given as an argument.
            let limit = JWT.maxTokenBytes + 4096
            let bytes = try read(
                "-", limit: limit, what: "the token",
                tooLarge: .rejected(
                    "the token on standard input is longer than \(limit) bytes, beyond the limit of "
                        + "\(JWT.maxTokenBytes) bytes for a token"))
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw .rejected("the token read from standard input is not UTF-8 text")
            }
            raw = text
        }
        let token = trimmed(raw)
        guard !token.isEmpty else {
            throw .usage(
                argument == nil
                    ? "no token: give it as an argument, or pipe it in (rs256 token … | rs256 verify)"
                    : "the token is empty")
        }
        return token
    }

    /// `text` without leading and trailing ASCII whitespace.
    static func trimmed(_ text: String) -> String {
        let bytes = Array(text.utf8)
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        guard let first = bytes.firstIndex(where: { !isSpace($0) }),
            let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }

    /// The current time in whole seconds since 1970 (`Math.floor(Date.now() / 1000)`).
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec)
    }
}

/// Text from an argument, a file name or a file, as a message may quote it: control characters
/// escaped, cut after 80 characters (the library's escaper).
func shown(_ text: String) -> String {
    JSONValue.escapedForMessage(text)
}

/// Pads `text` with spaces on the right to `width` characters.
func padded(_ text: String, to width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

// The C functions under names that do not clash with IO's own.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(fd, buffer, count)
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t = 0) -> Int32 {
    open(path, flags, mode)
}
