// rs256: mint and verify RS256 JWTs (hotglue tenant tokens first), and sign data as OpenSSL does.
// Exit status: 0 success, 1 the token, signature or data was refused (its fault), 2 usage or
// input error (the caller's: options, key, files, environment).
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

let commands: [(spec: CommandSpec, run: (ParsedArguments) throws(Failure) -> Void)] = [
    (tokenSpec, runToken),
    (verifySpec, runVerify),
    (decodeSpec, runDecode),
    (pubkeySpec, runPubkey),
    (urlSpec, runURL),
    (signDataSpec, runSignData),
    (verifyDataSpec, runVerifyData),
    (keygenSpec, runKeygen),
]

let overview: String = {
    let width = commands.map { $0.spec.name.count }.max() ?? 0
    let list = commands.map { "  " + padded($0.spec.name, to: width + 2) + $0.spec.summary }
    return """
        usage: rs256 COMMAND [options]    (rs256 COMMAND --help for each command's options)
               rs256 --version             (the release: rs256 \(releaseVersion))

        RS256 JSON Web Tokens in pure Swift: mint hotglue tenant tokens byte for byte as
        node-jsonwebtoken does, verify them, and sign data as openssl dgst -sha256 does.
        Also RS384/512, PS256/384/512, HS256/384/512, and ES256 with an EC P-256 key.

        commands:
        \(list.joined(separator: "\n"))

        The main job:
          export \(signingKeyVariable)="$(base64 -w0 key.pem)"
          rs256 token --tenant tenant-id

        Exit status: 0 success, 1 the token or signature is refused (its fault), 2 usage or input error.
        """
}()

/// Runs the command line and returns the exit status.
@MainActor
func main(_ arguments: [String]) -> Int32 {
    guard let name = arguments.first else {
        IO.write(fd: 2, Array((overview + "\n").utf8))
        return 2
    }
    if name == "--help" || name == "-h" || name == "help" {
        if name == "help", arguments.count > 1, let command = commands.first(where: { $0.spec.name == arguments[1] }) {
            IO.out(command.spec.help + "\n")
        } else {
            IO.out(overview + "\n")
        }
        return 0
    }
    if name == "--version" || name == "version" {
        IO.out("rs256 \(releaseVersion)\n")
        return 0
    }
    guard let command = commands.first(where: { $0.spec.name == name }) else {
        IO.note("rs256: '\(shown(name))' is not a command; the commands are \(commands.map(\.spec.name).joined(separator: ", ")) (rs256 --help)")
        return 2
    }
    IO.commandName = "rs256 \(name)"
    do {
        let parsed = try ParsedArguments(Array(arguments.dropFirst()), spec: command.spec)
        if parsed.wantsHelp {
            IO.out(command.spec.help + "\n")
            return 0
        }
        try command.run(parsed)
        return 0
    } catch {
        IO.note("rs256 \(name): \(error.message)")
        return error.code
    }
}

exit(main(Array(CommandLine.arguments.dropFirst())))
