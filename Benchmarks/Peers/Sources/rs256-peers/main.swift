// rs256-peers: the same operations on the same keys and inputs through PureRS256, swift-crypto
// (BoringSSL), jwt-kit and attaswift/BigInt, after checking that they all produce the same bytes.
import Foundation

enum Implementation: String, CaseIterable, Codable {
    case pure = "PureRS256"
    case swiftCrypto = "swift-crypto (BoringSSL)"
    case jwtKit = "jwt-kit 5"
    case bigInt = "attaswift/BigInt"
}

/// The timings of one row, by implementation name.
struct RowResult: Codable {
    let name: String
    var timings: [String: Timing] = [:]
}

/// One operation and every implementation that can run it.
struct PeerRow {
    let name: String
    let bodies: [(Implementation, Body)]
}

let usage = """
    usage: rs256-peers [--filter TEXT] [--quick] [--repeat N] [--wall] [--json] [--bench-json FILE]
                       [--help]
      --filter TEXT      run only rows whose name contains TEXT (repeat it: rows matching any)
      --repeat N         time every row N times, in rounds, and pool the batches; default 1
      --wall             time by the wall clock instead of the process's CPU time
      --quick            3 batches of one operation each (a smoke test; figures are not meaningful)
      --json             print the results as JSON
      --bench-json FILE  also read `rs256-bench --openssl --json` output and print one combined
                         table (rs256-bench's figures and OpenSSL's next to this run's)
    Before timing, every implementation's RSA signatures are compared byte for byte, each JWT
    implementation must accept the other's token and sign the other's signing input to the same
    bytes, and the modular exponentiations must agree. A mismatch stops the run (exit 1).
    Times are CPU time of the whole process (all threads), as rs256-bench and openssl speed
    measure by default, so other work on the machine inflates them less.
    In the table, (r×) after a figure is PureRS256's median time divided by that column's:
    above 1, PureRS256 takes longer.
    """

var filters: [String] = [], benchJSON: String?
var repeats = 1
var quick = false, asJSON = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--filter": guard let text = arguments.popFirst() else { fail("--filter needs a TEXT argument") }; filters.append(text)
    case "--repeat":
        guard let text = arguments.popFirst(), let count = Int(text), (1...100).contains(count) else {
            fail("--repeat needs a count from 1 to 100")
        }
        repeats = count
    case "--bench-json": guard let path = arguments.popFirst() else { fail("--bench-json needs a FILE") }; benchJSON = path
    case "--wall": useWallClock = true
    case "--quick": quick = true
    case "--json": asJSON = true
    case "--help", "-h": print(usage); exit(0)
    default: fail("unknown argument '\(argument)'")
    }
}

// MARK: Inputs and cross-checks (before any timing)

var rows: [PeerRow] = []
var checks: [String] = []

@MainActor
func check(_ condition: Bool, _ what: String) {
    guard condition else {
        FileHandle.standardError.write(Data("rs256-peers: MISMATCH: \(what)\n".utf8))
        exit(1)
    }
    checks.append(what)
}

do {
    for bits in [2048, 3072, 4096] {
        let pem = try Inputs.keyPEM(bits: bits)
        let ours = try Pure.rsa(pem: pem, message: Inputs.message)
        let boring = try SwiftCryptoPeer.rsa(pem: pem, message: Inputs.message)
        check(
            ours.signature == boring.signature,
            "rsa \(bits): PureRS256 and swift-crypto signatures are identical (\(ours.signature.count) bytes)")
        check(
            SwiftCryptoPeer.isValid(ours.signature, for: Inputs.message, pem: pem)
                && Pure.isValid(boring.signature, for: Inputs.message, pem: pem),
            "rsa \(bits): each accepts the other's signature")
        rows.append(PeerRow(name: "rsa/sign/\(bits)", bodies: [(.pure, ours.sign), (.swiftCrypto, boring.sign)]))
        rows.append(PeerRow(name: "rsa/verify/\(bits)", bodies: [(.pure, ours.verify), (.swiftCrypto, boring.verify)]))
    }

    let demo = try Inputs.demoKeyPEM()
    let ours = try Pure.jwt(pem: demo)
    let kit = try await JWTKitPeer.jwt(pem: demo)
    let kitParts = kit.token.split(separator: ".", omittingEmptySubsequences: false)
    guard kitParts.count == 3 else { fail("jwt-kit's token does not have three parts: \(kit.token)") }
    let kitInput = Array(kit.token.utf8.prefix(kitParts[0].utf8.count + 1 + kitParts[1].utf8.count))
    check(
        Pure.base64URLSignature(of: kitInput, pem: demo) == String(kitParts[2]),
        "jwt: PureRS256 signs jwt-kit's signing input to jwt-kit's signature, byte for byte")
    check(await JWTKitPeer.accepts(ours.token, keys: kit.keys), "jwt: jwt-kit accepts PureRS256's token")
    check(Pure.accepts(kit.token, pem: demo), "jwt: PureRS256 accepts jwt-kit's token")
    if ours.token == kit.token {
        checks.append("jwt: the two tokens are identical")
    } else {
        let oursParts = ours.token.split(separator: ".", omittingEmptySubsequences: false)
        let differences = zip(["header", "payload"], zip(oursParts.prefix(2), kitParts.prefix(2)))
            .filter { $1.0 != $1.1 }
            .map { "\($0) PureRS256 \(decodedJSON($1.0)) vs jwt-kit \(decodedJSON($1.1))" }
        checks.append("jwt: the tokens differ only in their JSON (" + differences.joined(separator: "; ") + ")")
    }
    rows.append(PeerRow(name: "jwt/mint/2048", bodies: [(.pure, ours.mint), (.jwtKit, kit.mint)]))
    rows.append(PeerRow(name: "jwt/verify/2048", bodies: [(.pure, ours.verify), (.jwtKit, kit.verify)]))

    let (modulus, base, exponent) = Inputs.modexp(bits: 1024)
    let pureModexp = try Pure.modexp(modulus: modulus, base: base, exponent: exponent)
    let bigIntModexp = BigIntPeer.modexp(modulus: modulus, base: base, exponent: exponent)
    check(pureModexp.result == bigIntModexp.result, "modexp 1024: PureBigNum and attaswift/BigInt agree")
    rows.append(PeerRow(name: "modexp/ct/1024", bodies: [(.pure, pureModexp.body), (.bigInt, bigIntModexp.body)]))
} catch {
    fail("could not set up the inputs: \(error)")
}

// MARK: Timing (every implementation of a row back to back, so they see the same load)

rows = rows.filter { row in filters.isEmpty || filters.contains { row.name.contains($0) } }
if rows.isEmpty { fail("no row matches --filter \(filters.joined(separator: ", "))") }
// Rounds over every row, each row's implementations back to back, so a burst of load hits one
// round of everyone rather than all of one implementation's batches.
var iterations: [String: Int] = [:]
var batches: [String: [Double]] = [:]
for _ in 0..<(quick ? 1 : repeats) {
    for row in rows {
        for (implementation, body) in row.bodies {
            let key = row.name + "|" + implementation.rawValue
            let count: Int
            if let known = iterations[key] { count = known } else { count = await calibrate(quick: quick, body) }
            iterations[key] = count
            batches[key, default: []] += await timeRound(iterations: count, quick: quick, body)
        }
    }
}
let results = rows.map { row in
    var result = RowResult(name: row.name)
    for (implementation, _) in row.bodies {
        let key = row.name + "|" + implementation.rawValue
        result.timings[implementation.rawValue] = summarize(batches[key]!, iterations: iterations[key]!)
    }
    return result
}

// MARK: Output

if asJSON {
    struct Report: Codable { let quick: Bool; let checks: [String]; let rows: [RowResult] }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    print(String(decoding: try encoder.encode(Report(quick: quick, checks: checks, rows: results)), as: UTF8.self))
    exit(0)
}

print("Checked before timing:")
for line in checks { print("  ok  \(line)") }
print("")

/// `0.700 ms (3.00×)`: a peer's median and PureRS256's median divided by it.
func cell(_ timing: Timing?, against ours: Double?) -> String {
    guard let timing else { return "—" }
    guard let ours else { return duration(timing.median) }
    return duration(timing.median) + " (\(ratio(ours / timing.median)))"
}

func ratio(_ value: Double) -> String {
    String(format: value >= 0.1 ? "%.2f×" : "%.3f×", value)
}

/// The text of a base64url JSON segment of a token.
func decodedJSON(_ segment: Substring) -> String {
    var text = segment.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while text.count % 4 != 0 { text += "=" }
    return Data(base64Encoded: text).map { String(decoding: $0, as: UTF8.self) } ?? String(segment)
}

let peers = Implementation.allCases.filter { $0 != .pure }
if let benchJSON {
    let bench = readBench(benchJSON)
    var table = [["operation", "rs256-bench", "OpenSSL speed", "PureRS256", "swift-crypto (BoringSSL)", "jwt-kit 5", "attaswift/BigInt"]]
    for result in results {
        let ours = result.timings[Implementation.pure.rawValue]?.median
        let row = bench[result.name]
        let openssl = result.name.hasPrefix("rsa/") ? row?.openssl : nil
        table.append(
            [
                result.name, row.map { duration($0.median) } ?? "—",
                openssl.map { duration($0) + " (\(ratio(row!.median / $0)))" } ?? "—",
                ours.map(duration) ?? "—",
            ]
                + peers.map { cell(result.timings[$0.rawValue], against: ours) })
    }
    print(aligned(table))
    print(
        """

        Medians per operation. rs256-bench and OpenSSL speed come from one run of rs256-bench
        --openssl (its RSA keys: Vectors/rsa-diff); the other columns from this run (RSA keys:
        Vectors/keys/rsa-BITS.pkcs8.pem, JWT key: Vectors/keys/demo-rsa-2048.pem). (r×): the
        median of PureRS256 in the same run divided by that column's; above 1, PureRS256 is slower.
        OpenSSL speed signs and verifies a precomputed digest; the others hash a 140-byte input first.
        """)
} else {
    var table = [["operation", "PureRS256"] + peers.map(\.rawValue)]
    for result in results {
        let ours = result.timings[Implementation.pure.rawValue]?.median
        table.append([result.name, ours.map(duration) ?? "—"] + peers.map { cell(result.timings[$0.rawValue], against: ours) })
    }
    print(aligned(table))
    print("\nMedians per operation. (r×): PureRS256's median divided by that column's; above 1, PureRS256 is slower.")
}
if quick { print("(--quick: figures are not meaningful)") }

/// rs256-bench's JSON: each row's median and, if present, OpenSSL's time per operation.
func readBench(_ path: String) -> [String: (median: Double, openssl: Double?)] {
    struct Comparison: Decodable { let nanosecondsPerOperation: Double? }
    struct Row: Decodable { let name: String; let medianNanoseconds: Double; let openssl: [Comparison]? }
    struct Report: Decodable { let rows: [Row] }
    guard let data = FileManager.default.contents(atPath: path),
        let report = try? JSONDecoder().decode(Report.self, from: data)
    else {
        fail("could not read rs256-bench JSON from \(path)")
    }
    var rows: [String: (median: Double, openssl: Double?)] = [:]
    for row in report.rows {
        rows[row.name] = (row.medianNanoseconds, row.openssl?.first?.nanosecondsPerOperation)
    }
    return rows
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rs256-peers: \(message)\n".utf8))
    exit(2)
}
