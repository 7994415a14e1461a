import Foundation
import Testing

// The README's "Using it from Swift" example is `Sources/ReadmeExample/main.swift`, byte for byte:
// the first test fails as soon as either changes without the other; the second runs the built
// example as a user would, with the demo key in HOTGLUE_SIGNING_KEY, and checks what it prints.

@Suite struct ReadmeExampleTests {
    /// The first ```swift block of the repository's README.md.
    static func readmeSnippet() throws -> String {
        let readme = try Support.text("README.md")
        guard let open = readme.range(of: "```swift\n"),
            let close = readme.range(of: "```", range: open.upperBound..<readme.endIndex)
        else {
            throw OracleFailure(message: "README.md has no ```swift block")
        }
        return String(readme[open.upperBound..<close.lowerBound])
    }

    @Test func theExampleIsTheReadmeSnippetAsWritten() throws {
        let snippet = try Self.readmeSnippet()
        let source = try String(
            contentsOf: Support.package.appendingPathComponent("Sources/ReadmeExample/main.swift"),
            encoding: .utf8)
        #expect(!snippet.isEmpty)
        #expect(
            source == snippet,
            """
            Examples/ClientCheck/Sources/ReadmeExample/main.swift differs from the README's Swift example; \
            copy the README's ```swift block into it (or fix the README).
            """)
        // The point of the client check: the user's program needs one import of this library.
        let imports = source.split(separator: "\n").filter { $0.hasPrefix("import ") }
            .map { $0.split(separator: " ")[1] }
        #expect(imports.filter { $0.hasPrefix("Pure") } == ["PureJWT"])
    }

    /// The built `ReadmeExample` (the test target depends on it, so it sits next to the tests).
    static func exampleBinary() throws -> URL {
        var candidates: [URL] = []
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("ReadmeExample"))
        }
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        candidates.append(runner.deletingLastPathComponent().appendingPathComponent("ReadmeExample"))
        candidates.append(Support.package.appendingPathComponent(".build/debug/ReadmeExample"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw OracleFailure(message: "ReadmeExample was not built; looked at \(candidates.map(\.path))")
        }
        return found
    }

    @Test func theExampleRunsWithTheDemoKeyAsHotglueStoresIt() throws {
        // HOTGLUE_SIGNING_KEY holds the base64 of the PEM (hotglue's documented form), made here by Foundation.
        let pem = try Support.bytes("Vectors/keys/demo-rsa-2048.pem")
        let before = Int64(Date().timeIntervalSince1970)
        let result = try Support.run(
            try Self.exampleBinary().path, [],
            environment: ["HOTGLUE_SIGNING_KEY": Data(pem).base64EncodedString()])
        let after = Int64(Date().timeIntervalSince1970)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // It prints: "tenant-id EXP", the kid of the second token, then the Codable claims' role.
        let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3] == "")
        guard lines.count == 4 else { return }
        let first = lines[0].split(separator: " ")
        #expect(first.count == 2 && first[0] == "tenant-id")
        let exp = first.count == 2 ? Int64(first[1]) : nil
        #expect(exp.map { $0 >= before + 3600 && $0 <= after + 3600 } == true, "exp \(String(describing: exp)) not now + 3600")
        #expect(lines[1] == "2024-01")
        #expect(lines[2] == "admin")
    }

    @Test func theExampleFailsWithoutAKey() throws {
        let result = try Support.run(try Self.exampleBinary().path, [], environment: ["SWIFT_BACKTRACE": "enable=no"])
        // `try` at top level: an uncaught error ends the program with a non-zero status, never 0.
        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
    }
}
