import Foundation
@_spi(Internals) import PureDER
import Testing
@_spi(Internals) @testable import PureRSA

@Suite("Key formats: damaged PEM loads, and the repairs are reported")
struct KeyFormatRepairTests {
    static func damaged() throws -> [(String, String, PEM.Repairs)] {
        let text = try vectorText("keys/rsa-2048.pkcs1.pem")
        let lines = text.split(separator: "\n").map(String.init)
        let begin = lines.first!, end = lines.last!
        let body = Array(lines.dropFirst().dropLast())
        return [
            ("strict", text, []),
            ("CRLF line endings (allowed by RFC 7468)", text.replacingOccurrences(of: "\n", with: "\r\n"), []),
            ("no final newline (allowed by RFC 7468)", String(text.dropLast()), []),
            ("literal \\n escapes", text.replacingOccurrences(of: "\n", with: "\\n"), [.escapedLineBreaks]),
            (
                "quoted .env line", "HOTGLUE_SIGNING_KEY=\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\"\n",
                [.escapedLineBreaks, .missingLineBreaks]
            ),
            ("one line with spaces", begin + " " + body.joined() + " " + end, [.missingLineBreaks, .whitespaceInBody, .reflowedBody]),
            ("body on one line", begin + "\n" + body.joined() + "\n" + end + "\n", [.reflowedBody]),
            ("indented", lines.map { "  " + $0 }.joined(separator: "\n") + "\n", [.whitespaceAroundBoundaries, .whitespaceInBody]),
            ("blank lines in body", begin + "\n\n" + body.joined(separator: "\n\n") + "\n\n" + end + "\n", [.whitespaceInBody]),
            ("padding removed", text.replacingOccurrences(of: "=", with: ""), [.missingPadding]),
            ("leading and trailing blank lines around the block", "\n\n  \n" + text + "\n\n", []),
        ]
    }

    @Test("each damaged PEM loads to the same key, directly and base64-encoded, with exactly its repairs")
    func damagedPEMLoads() throws {
        let key = try RSAPrivateKeyComponents(pkcs1DER: [UInt8](try vectorData("keys/rsa-2048.pkcs1.der")))
        let cases = try Self.damaged()
        #expect(cases.count == 11)
        for (name, text, repairs) in cases {
            let loaded = try RSAKeyLoader.loadPrivateKey(text)
            #expect(loaded.key == key, "\(name)")
            #expect(loaded.repairs == repairs, "\(name): \(loaded.repairs)")
            #expect(loaded.encoding == .pem)
            let wrapped = try RSAKeyLoader.loadPrivateKey(Data(text.utf8).base64EncodedString())
            #expect(wrapped.key == key, "\(name)")
            #expect(wrapped.repairs == repairs, "\(name)")
            #expect(wrapped.encoding == .base64PEM)
        }
    }

    @Test("damage beyond repair is refused with the PEM reason")
    func unrepairable() throws {
        let text = try vectorText("keys/rsa-2048.pkcs1.pem")
        #expect(throws: RSAKeyFormatError.pem(.labelMismatch(begin: "RSA PRIVATE KEY", end: "PRIVATE KEY"))) {
            try RSAKeyLoader.load(text.replacingOccurrences(of: "END RSA PRIVATE", with: "END PRIVATE"))
        }
        #expect(throws: RSAKeyFormatError.pem(.missingEnd(label: "RSA PRIVATE KEY"))) {
            try RSAKeyLoader.load(String(text.prefix(300)))
        }
        // A body whose base64 is fine but whose DER is not: the DER reason comes through.
        let bytes = [UInt8](try vectorData("keys/rsa-2048.pkcs1.der"))
        #expect(throws: RSAKeyFormatError.malformed(.trailingData(count: 1))) {
            try RSAKeyLoader.load(PEM.encode(label: "RSA PRIVATE KEY", der: bytes + [0]))
        }
    }
}
