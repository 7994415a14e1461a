import Foundation
import Testing

/// The version of the top release in CHANGELOG.md: the first `## [X.Y.Z]` heading (the
/// `## [Unreleased]` section above it names no version). Nil when there is none.
func topReleaseVersionInChangelog() throws -> String? {
    let changelog = try Command.text("CHANGELOG.md")
    for line in changelog.split(separator: "\n", omittingEmptySubsequences: false) {
        guard line.hasPrefix("## ["), let close = line.firstIndex(of: "]") else { continue }
        let name = line[line.index(line.startIndex, offsetBy: 4)..<close]
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) {
            return String(name)
        }
    }
    return nil
}

@Test func versionPrintsTheTopReleaseOfTheChangelog() throws {
    let version = try #require(try topReleaseVersionInChangelog(), "CHANGELOG.md has no ## [X.Y.Z] release heading")
    for spelling in ["--version", "version"] {
        let result = try Command.run([spelling])
        #expect(result.status == 0, "rs256 \(spelling)")
        #expect(result.out == "rs256 \(version)\n", "rs256 \(spelling) printed \(result.out.debugDescription)")
        #expect(result.stderr.isEmpty, "rs256 \(spelling)")
    }
    #expect(try Command.run(["--help"]).out.contains("rs256 --version"))
}
