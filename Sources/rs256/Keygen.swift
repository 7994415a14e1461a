// rs256 keygen: a new RSA key pair (FIPS 186-5 probable primes, e = 65537) in pure Swift, for
// developers, test suites and self-hosted issuers without OpenSSL.
import Foundation
import PureDER
import PureJWT
import PureRSA

let keygenSpec = CommandSpec(
    name: "keygen",
    summary: "Generate a new RSA private key (e = 65537), and optionally write its public key.",
    synopsis: "[--bits 2048] [--format pkcs8|pkcs1|jwk] [--out FILE] [--public-out FILE] [--env]",
    options: [
        OptionSpec(names: ["--bits"], value: "BITS",
                   help: "modulus size: 2048 (default), 3072, 4096 or any multiple of 8 up to 16384"),
        OptionSpec(names: ["--format"], value: "FORMAT",
                   help: "pkcs8: PEM 'PRIVATE KEY' (default); pkcs1: PEM 'RSA PRIVATE KEY'; jwk: JSON Web Key"),
        OptionSpec(names: ["--out"], value: "FILE",
                   help: "write the private key to FILE (created with mode 0600; an existing file is not overwritten)"),
        OptionSpec(names: ["--public-out"], value: "FILE",
                   help: "also write the public key to FILE (SPKI PEM, PKCS#1 PEM or JWK, after --format)"),
        OptionSpec(names: ["--env"], value: nil,
                   help: "write the private key as one line of base64 of its PEM: the value \(signingKeyVariable) takes"),
        OptionSpec(names: ["--allow-weak-key"], value: nil,
                   help: "allow 1024 to 2040 bits (for tests and legacy systems only)"),
    ],
    maxPositionals: 0,
    details: """
        The key goes to standard output unless --out is given. Typical uses:
          rs256 keygen --out key.pem --public-out public.pem
          export \(signingKeyVariable)="$(rs256 keygen --env)"

        Generation takes a fraction of a second at 2048 bits and seconds at 4096 bits (the
        time varies from key to key); when it takes over a second and standard error is a
        terminal, a progress line is shown there.
        \(exitDetails)
        """)

func runKeygen(_ arguments: ParsedArguments) throws(Failure) {
    let bitsText = arguments.value("--bits") ?? "2048"
    guard let bits = Int(bitsText) else { throw .usage("--bits must be a number of bits such as 2048, not '\(bitsText)'") }
    let format = arguments.value("--format") ?? "pkcs8"
    guard ["pkcs8", "pkcs1", "jwk"].contains(format) else {
        throw .usage("--format must be pkcs8, pkcs1 or jwk, not '\(format)'")
    }
    let asEnvironmentValue = arguments.flag("--env")
    if asEnvironmentValue && format == "jwk" {
        throw .usage("--env writes base64 of a PEM, so it takes --format pkcs8 or pkcs1, not jwk")
    }
    let outPath = arguments.value("--out"), publicOutPath = arguments.value("--public-out")
    for path in [outPath, publicOutPath].compactMap({ $0 }) where FileManager.default.fileExists(atPath: path) {
        throw .input("'\(path)' already exists; rs256 keygen does not overwrite files (remove it or choose another name)")
    }
    if let outPath, outPath == publicOutPath { throw .usage("--out and --public-out must be different files") }

    let key = try generateWithProgress(bits: bits, policy: policy(allowWeakKey: arguments.flag("--allow-weak-key")))

    let privateText: String
    switch format {
    case "pkcs1": privateText = key.pkcs1PEMRepresentation
    case "jwk": privateText = JSONValue.object(privateJWK(key.privateComponents)).serialized + "\n"
    default: privateText = key.pemRepresentation
    }
    let privateOutput = asEnvironmentValue ? Base64.encode(Array(privateText.utf8)) + "\n" : privateText
    let publicComponents = key.publicKey.components
    let publicText: String
    switch format {
    case "pkcs1": publicText = publicComponents.pkcs1PEM
    case "jwk": publicText = JSONValue.object(publicComponents.jwk()).serialized + "\n"
    default: publicText = publicComponents.spkiPEM
    }
    // The public key first: if it cannot be written, no private key has been left behind.
    if let publicOutPath { try writeNewFile(publicOutPath, publicText, mode: 0o644, what: "the public key") }
    if let outPath {
        try writeNewFile(outPath, privateOutput, mode: 0o600, what: "the private key")
    } else {
        IO.out(privateOutput)
    }
}

/// The private key as a JWK (RFC 7518 section 6.3): kty, n, e, d, p, q, dp, dq, qi (the order
/// Node's `KeyObject.export({format: "jwk"})` uses), then alg and use as for the public JWK.
func privateJWK(_ c: RSAPrivateKeyComponents) -> JSONObject {
    func member(_ bytes: [UInt8]) -> JSONValue {
        let minimal = bytes.drop(while: { $0 == 0 })
        return .string(Base64URL.encode(minimal.isEmpty ? [0] : Array(minimal)))
    }
    var object: JSONObject = ["kty": .string("RSA")]
    for (name, value) in [("n", c.modulus), ("e", c.publicExponent), ("d", c.privateExponent),
                          ("p", c.prime1), ("q", c.prime2), ("dp", c.exponent1),
                          ("dq", c.exponent2), ("qi", c.coefficient)] {
        object[name] = member(value)
    }
    object["alg"] = .string("RS256")
    object["use"] = .string("sig")
    return object
}

/// Generates on a worker thread; after one second, when stderr is a terminal, shows a
/// progress line there until the key is ready.
func generateWithProgress(bits: Int, policy: RSAKeyPolicy) throws(Failure) -> RSAPrivateKey {
    final class Outcome: @unchecked Sendable {
        // Written once by the worker before it signals `done`; read after `done` is observed.
        var value: Result<RSAPrivateKey, RSAKeyGenerationError>?
    }
    let outcome = Outcome()
    let done = DispatchSemaphore(value: 0)
    let worker = Thread {
        do throws(RSAKeyGenerationError) {
            outcome.value = .success(try RSAPrivateKey.generate(bits: bits, policy: policy))
        } catch {
            outcome.value = .failure(error)
        }
        done.signal()
    }
    worker.stackSize = 1 << 22
    worker.start()
    if done.wait(timeout: .now() + 1) == .timedOut {
        if isatty(STDERR_FILENO) == 1 {
            let frames = ["|", "/", "-", "\\"]
            var frame = 0
            let message = "rs256 keygen: generating a \(bits)-bit RSA key (the time varies from key to key) "
            while done.wait(timeout: .now() + 0.25) == .timedOut {
                FileHandle.standardError.write(Data(("\r" + message + frames[frame % 4]).utf8))
                frame += 1
            }
            // Clear the progress line.
            FileHandle.standardError.write(Data(("\r" + String(repeating: " ", count: message.count + 1) + "\r").utf8))
        } else {
            done.wait()
        }
    }
    switch outcome.value {
    case .success(let key): return key
    case .failure(let error): throw keygenFailure(error, bits: bits)
    case nil: throw .input("key generation ended without a result")
    }
}

func keygenFailure(_ error: RSAKeyGenerationError, bits: Int) -> Failure {
    switch error {
    case .keyTooSmall:
        return .usage("a \(bits)-bit key is below the 2048 bits required; pass --allow-weak-key for 1024 to 2040 bits (tests and legacy systems only)")
    case .unsupportedKeySize:
        return .usage("--bits must be a multiple of 8 from 2048 to 16384 (1024 and up with --allow-weak-key), not \(bits)")
    default:
        return .input("\(error)")
    }
}

/// Creates `path` (which must not exist) with `mode`, and writes `text` to it.
///
/// The file is created with O_EXCL and the final mode from the start (then fchmod'ed, since the
/// umask can only remove bits), so a private key is never readable by others, not even briefly.
func writeNewFile(_ path: String, _ text: String, mode: mode_t, what: String) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
    guard descriptor >= 0 else {
        let reason = String(cString: strerror(errno))
        throw .input("cannot create '\(path)' for \(what): \(reason)")
    }
    defer { close(descriptor) }
    guard fchmod(descriptor, mode) == 0 else {
        throw .input("cannot set the mode of '\(path)': \(String(cString: strerror(errno)))")
    }
    let bytes = Array(text.utf8)
    var written = 0
    while written < bytes.count {
        let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if result < 0 {
            if errno == EINTR { continue }
            throw .input("cannot write \(what) to '\(path)': \(String(cString: strerror(errno)))")
        }
        written += result
    }
}
