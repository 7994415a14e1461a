// rs256 keygen: a new RSA key pair (FIPS 186-5 probable primes, e = 65537) in pure Swift, for
// developers, test suites and self-hosted issuers without OpenSSL. Like the rest of the tool it
// uses the C library, not Foundation (which a static binary would otherwise carry: ~60 MB).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
@_spi(Internals) import PureDER
@_spi(Internals) import PureJWT
import PureP256
@_spi(Internals) import PureRSA

let keygenSpec = CommandSpec(
    name: "keygen",
    summary: "Generate a new RSA (e = 65537) or P-256 private key, or an HMAC secret, and optionally write its public key.",
    synopsis: "[--alg RS256|ES256] [--bits 2048] [--format pkcs8|pkcs1|sec1|jwk] [--out FILE] [--public-out FILE] [--env] | --alg HS256|HS384|HS512",
    options: [
        OptionSpec(
            names: ["--alg"], value: "ALG",
            help:
                "RS256: an RSA key (default); ES256: a P-256 key (FIPS 186-5 A.2.2), no --bits; HS256, HS384 or HS512: print a random HMAC secret instead (32, 48 or 64 bytes, base64url)"
        ),
        OptionSpec(
            names: ["--bits"], value: "BITS",
            help: "modulus size: 2048 (default), 3072, 4096 or any multiple of 8 up to 16384"),
        OptionSpec(
            names: ["--format"], value: "FORMAT",
            help: "pkcs8: PEM 'PRIVATE KEY' (default); pkcs1: PEM 'RSA PRIVATE KEY' (RSA); sec1: PEM 'EC PRIVATE KEY' (ES256); jwk: JSON Web Key"),
        OptionSpec(
            names: ["--out"], value: "FILE",
            help: "write the private key to FILE (created with mode 0600; an existing file is not overwritten)"),
        OptionSpec(
            names: ["--public-out"], value: "FILE",
            help: "also write the public key to FILE (SPKI PEM, PKCS#1 PEM or JWK, after --format)"),
        OptionSpec(
            names: ["--env"], value: nil,
            help: "write the private key as one line of base64 of its PEM: the value \(signingKeyVariable) takes"),
        OptionSpec(
            names: ["--allow-weak-key"], value: nil,
            help: "allow 1024 to 2040 bits (for tests and legacy systems only)"),
    ],
    maxPositionals: 0,
    details: """
        With --alg HS256, HS384 or HS512, a random secret of 32, 48 or 64 bytes is printed as
        base64url; its text (longer than the secret) works as is in a --secret-file or --secret-env.

        The key goes to standard output unless --out is given. Typical uses:
          rs256 keygen --out key.pem --public-out public.pem
          export \(signingKeyVariable)="$(rs256 keygen --env)"

        Generation takes a fraction of a second at 2048 bits and seconds at 4096 bits (the
        time varies from key to key); when it takes over a second and standard error is a
        terminal, a progress line is shown there.
        \(exitDetails)
        """)

func runKeygen(_ arguments: ParsedArguments) throws(Failure) {
    let algorithm = arguments.value("--alg") ?? "RS256"
    let secretLengths = ["HS256": 32, "HS384": 48, "HS512": 64]
    guard algorithm == "RS256" || algorithm == "ES256" || secretLengths[algorithm] != nil else {
        throw .usage("--alg must be RS256, ES256, HS256, HS384 or HS512, not '\(shown(algorithm))'")
    }
    if algorithm == "ES256" { return try runP256Keygen(arguments) }
    if let length = secretLengths[algorithm] {
        let others =
            ["--bits", "--format", "--out", "--public-out"].filter { arguments.value($0) != nil }
            + ["--env", "--allow-weak-key"].filter { arguments.flag($0) }
        guard others.isEmpty else {
            throw .usage("keygen --alg \(algorithm) prints a secret to standard output and takes no \(others[0])")
        }
        var generator = SystemRandomNumberGenerator()
        let secret = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
        IO.out(Base64URL.encode(secret) + "\n")
        return
    }
    if arguments.value("--format") == "sec1" { throw .usage("--format sec1 is for ES256 keys; an RSA key takes pkcs8, pkcs1 or jwk") }
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
    for path in [outPath, publicOutPath].compactMap({ $0 }) where access(path, F_OK) == 0 {
        throw .input("'\(path)' already exists; rs256 keygen does not overwrite files (remove it or choose another name)")
    }
    if let outPath, outPath == publicOutPath { throw .usage("--out and --public-out must be different files") }

    let key = try generateWithProgress(bits: bits, policy: policy(allowWeakKey: arguments.flag("--allow-weak-key")))

    let privateText: String
    switch format {
    case "pkcs1": privateText = key.pemRepresentation
    case "jwk": privateText = JSONValue.object(privateJWK(key.privateComponents)).serialized + "\n"
    default: privateText = key.pkcs8PEMRepresentation
    }
    let privateOutput = asEnvironmentValue ? Base64.encode(Array(privateText.utf8)) + "\n" : privateText
    let publicComponents = key.publicKey.components
    let publicText: String
    switch format {
    case "pkcs1": publicText = publicComponents.pkcs1PEM
    case "jwk": publicText = publicComponents.jwkRepresentation + "\n"
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

/// `keygen --alg ES256`: a P-256 key from the system generator, written as `openssl genpkey
/// -algorithm EC -pkeyopt ec_paramgen_curve:P-256` (pkcs8) or `openssl ecparam -genkey -noout`
/// (sec1) writes it, or as a JWK; the public key as SPKI PEM or a JWK.
func runP256Keygen(_ arguments: ParsedArguments) throws(Failure) {
    if arguments.value("--bits") != nil { throw .usage("--bits is for RSA keys; a P-256 key always has 256 bits") }
    if arguments.flag("--allow-weak-key") { throw .usage("--allow-weak-key is for RSA keys; a P-256 key is never weak by size") }
    let format = arguments.value("--format") ?? "pkcs8"
    guard ["pkcs8", "sec1", "jwk"].contains(format) else {
        throw .usage("--format for an ES256 key must be pkcs8, sec1 or jwk, not '\(shown(format))'")
    }
    let asEnvironmentValue = arguments.flag("--env")
    if asEnvironmentValue && format == "jwk" {
        throw .usage("--env writes base64 of a PEM, so it takes --format pkcs8 or sec1, not jwk")
    }
    let outPath = arguments.value("--out"), publicOutPath = arguments.value("--public-out")
    for path in [outPath, publicOutPath].compactMap({ $0 }) where access(path, F_OK) == 0 {
        throw .input("'\(path)' already exists; rs256 keygen does not overwrite files (remove it or choose another name)")
    }
    if let outPath, outPath == publicOutPath { throw .usage("--out and --public-out must be different files") }

    let key = P256.Signing.PrivateKey()
    let privateText: String
    switch format {
    case "sec1": privateText = key.sec1PEMRepresentation
    case "jwk": privateText = JSONValue.object(privateJWK(key)).serialized + "\n"
    default: privateText = key.pemRepresentation
    }
    let privateOutput = asEnvironmentValue ? Base64.encode(Array(privateText.utf8)) + "\n" : privateText
    let publicText = format == "jwk" ? key.publicKey.jwkRepresentation + "\n" : key.publicKey.pemRepresentation
    if let publicOutPath { try writeNewFile(publicOutPath, publicText, mode: 0o644, what: "the public key") }
    if let outPath {
        try writeNewFile(outPath, privateOutput, mode: 0o600, what: "the private key")
    } else {
        IO.out(privateOutput)
    }
}

/// A P-256 private key as a JWK (RFC 7518 section 6.2): kty, crv, x, y, d, then alg and use.
func privateJWK(_ key: P256.Signing.PrivateKey) -> JSONObject {
    var object = key.publicKey.jwk()
    object["alg"] = nil
    object["use"] = nil
    object["d"] = .string(Base64URL.encode(key.rawRepresentation))
    object["alg"] = .string("ES256")
    object["use"] = .string("sig")
    return object
}

/// The private key as a JWK (RFC 7518 section 6.3): kty, n, e, d, p, q, dp, dq, qi (the order
/// Node's `KeyObject.export({format: "jwk"})` uses), then alg and use as for the public JWK.
func privateJWK(_ c: RSAPrivateKeyComponents) -> JSONObject {
    func member(_ bytes: [UInt8]) -> JSONValue {
        .string(Base64URL.encode(minimal(bytes)))  // every member of a generated key is nonzero
    }
    var object: JSONObject = ["kty": .string("RSA")]
    for (name, value) in [
        ("n", c.modulus), ("e", c.publicExponent), ("d", c.privateExponent),
        ("p", c.prime1), ("q", c.prime2), ("dp", c.exponent1),
        ("dq", c.exponent2), ("qi", c.coefficient),
    ] {
        object[name] = member(value)
    }
    object["alg"] = .string("RS256")
    object["use"] = .string("sig")
    return object
}

/// Generates on a worker thread; after one second, when stderr is a terminal, shows a
/// progress line there until the key is ready. The worker says it is done by writing one byte
/// to a pipe, which the main thread waits on with poll(2) (timeouts of 1 s, then 250 ms).
func generateWithProgress(bits: Int, policy: RSAKeyPolicy) throws(Failure) -> RSAPrivateKey {
    var pipeFDs: [Int32] = [0, 0]
    guard pipe(&pipeFDs) == 0 else { throw .input("cannot start key generation: \(IO.systemError())") }
    defer { _ = close(pipeFDs[0]); _ = close(pipeFDs[1]) }
    let job = KeygenJob(bits: bits, policy: policy, doneFD: pipeFDs[1])
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 1 << 22)
    #if canImport(Darwin)
    var thread: pthread_t? = nil
    #else
    var thread = pthread_t()
    #endif
    let context = Unmanaged.passRetained(job).toOpaque()
    guard
        pthread_create(
            &thread, &attributes,
            { context in
                runKeygenJob(context); return nil
            }, context) == 0
    else {
        Unmanaged<KeygenJob>.fromOpaque(context).release()
        throw .input("cannot start key generation: no thread could be created")
    }
    func finished(withinMilliseconds timeout: Int32) -> Bool {
        var request = pollfd(fd: pipeFDs[0], events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&request, 1, timeout)
            if ready < 0 && errno == EINTR { continue }
            return ready != 0
        }
    }
    if !finished(withinMilliseconds: 1000) {
        if isatty(STDERR_FILENO) == 1 {
            let frames = ["|", "/", "-", "\\"]
            var frame = 0
            let message = "rs256 keygen: generating a \(bits)-bit RSA key (the time varies from key to key) "
            repeat {
                IO.write(fd: 2, Array(("\r" + message + frames[frame % 4]).utf8))
                frame += 1
            } while !finished(withinMilliseconds: 250)
            // Clear the progress line.
            IO.write(fd: 2, Array(("\r" + String(repeating: " ", count: message.count + 1) + "\r").utf8))
        } else {
            _ = finished(withinMilliseconds: -1)
        }
    }
    #if canImport(Darwin)
    if let thread { pthread_join(thread, nil) }
    #else
    pthread_join(thread, nil)
    #endif
    switch job.outcome {
    case .success(let key): return key
    case .failure(let error): throw keygenFailure(error, bits: bits)
    case nil: throw .input("key generation ended without a result")
    }
}

/// One key generation handed to the worker thread.
private final class KeygenJob: @unchecked Sendable {
    let bits: Int
    let policy: RSAKeyPolicy
    /// The write end of the pipe the main thread waits on.
    let doneFD: Int32
    /// Written once by the worker before it writes to `doneFD`; read by the main thread only
    /// after it has seen that byte (or after joining the worker).
    var outcome: Result<RSAPrivateKey, RSAKeyGenerationError>?

    init(bits: Int, policy: RSAKeyPolicy, doneFD: Int32) {
        self.bits = bits
        self.policy = policy
        self.doneFD = doneFD
    }
}

/// The worker thread's body: generates the key into the job, then writes the done byte.
private func runKeygenJob(_ context: UnsafeMutableRawPointer?) {
    guard let context else { return }
    let job = Unmanaged<KeygenJob>.fromOpaque(context).takeRetainedValue()
    do throws(RSAKeyGenerationError) {
        job.outcome = .success(try RSAPrivateKey.generate(bits: job.bits, policy: job.policy))
    } catch {
        job.outcome = .failure(error)
    }
    IO.write(fd: job.doneFD, [1])
}

func keygenFailure(_ error: RSAKeyGenerationError, bits: Int) -> Failure {
    switch error {
    case .keyTooSmall:
        return .usage(
            "a \(bits)-bit key is below the 2048 bits required; pass --allow-weak-key for 1024 to 2040 bits (tests and legacy systems only)")
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
    guard descriptor >= 0 else { throw .input("cannot create '\(path)' for \(what): \(IO.systemError())") }
    defer { close(descriptor) }
    guard fchmod(descriptor, mode) == 0 else {
        throw .input("cannot set the mode of '\(path)': \(IO.systemError())")
    }
    guard IO.write(fd: descriptor, Array(text.utf8)) else {
        throw .input("cannot write \(what) to '\(path)': \(IO.systemError())")
    }
}
