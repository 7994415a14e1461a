import Foundation
import Testing
@_spi(Internals) @testable import PureDER

@Suite("PEM")
struct PEMTests {
    static let forms = ["pkcs8", "pkcs1", "spki", "pkcs1pub"]
    static let labels = ["pkcs8": "PRIVATE KEY", "pkcs1": "RSA PRIVATE KEY", "spki": "PUBLIC KEY", "pkcs1pub": "RSA PUBLIC KEY"]

    @Test("OpenSSL's PEM files decode to OpenSSL's DER files, and encoding gives OpenSSL's text byte for byte")
    func matchesOpenSSL() throws {
        for bits in [1024, 2048, 2051, 3072, 4096] {
            for form in Self.forms {
                let text = try vectorText("keys/rsa-\(bits).\(form).pem")
                let der = [UInt8](try vectorData("keys/rsa-\(bits).\(form).der"))
                let blocks = try PEM.blocks(in: text)
                #expect(blocks == [PEM.Block(label: Self.labels[form]!, der: der)])
                #expect(PEM.encode(label: Self.labels[form]!, der: der) == text)
                let (repaired, repairs) = try PEM.repairingBlocks(in: text)
                #expect(repaired == blocks)
                #expect(repairs.isEmpty)
            }
        }
    }

    static func sample() throws -> (text: String, der: [UInt8]) {
        (try vectorText("keys/rsa-1024.pkcs8.pem"), [UInt8](try vectorData("keys/rsa-1024.pkcs8.der")))
    }

    @Test("strict parsing finds several blocks among explanatory text, and accepts CRLF and a missing final newline (RFC 7468 section 3)")
    func strictAccepts() throws {
        let (text, der) = try Self.sample()
        let pub = try vectorText("keys/rsa-1024.spki.pem")
        let combined = "Key for tests\n\n" + text + "between\n" + pub + "trailing words\n"
        let blocks = try PEM.blocks(in: combined)
        #expect(blocks.map(\.label) == ["PRIVATE KEY", "PUBLIC KEY"])
        #expect(blocks[0].der == der)
        #expect(try PEM.blocks(in: text.replacingOccurrences(of: "\n", with: "\r\n")) == [PEM.Block(label: "PRIVATE KEY", der: der)])
        #expect(try PEM.blocks(in: String(text.dropLast())) == [PEM.Block(label: "PRIVATE KEY", der: der)])
    }

    @Test("legacy encryption headers are parsed and flagged")
    func headers() throws {
        let text = try vectorText("keys/refuse/encrypted-traditional.pem")
        let blocks = try PEM.blocks(in: text)
        #expect(blocks.count == 1)
        #expect(blocks[0].headers.map(\.name) == ["Proc-Type", "DEK-Info"])
        #expect(blocks[0].headers[0].value == "4,ENCRYPTED")
        #expect(blocks[0].isEncrypted)
        #expect(try PEM.repairingBlocks(in: text).blocks == blocks)
        #expect(try !PEM.blocks(in: Self.sample().text)[0].isEncrypted)
    }

    /// Damage a person or a config file does, what strict parsing says, and the repairs reported.
    static func damages(_ text: String) -> [(name: String, text: String, strict: PEMError, repairs: PEM.Repairs)] {
        let lines = text.split(separator: "\n").map(String.init)
        let begin = lines.first!, end = lines.last!
        let body = lines.dropFirst().dropLast()
        let flatBody = body.joined()
        return [
            ("literal \\n escapes (.env)", text.replacingOccurrences(of: "\n", with: "\\n"), .malformedBoundary(line: 1), [.escapedLineBreaks]),
            (
                "quoted .env value with escapes", "KEY=\"" + text.replacingOccurrences(of: "\n", with: "\\n") + "\"",
                .malformedBoundary(line: 1), [.escapedLineBreaks, .missingLineBreaks]
            ),
            ("body on one line", begin + "\n" + flatBody + "\n" + end + "\n", .bodyLineLength(line: 2, length: flatBody.count), [.reflowedBody]),
            (
                "everything on one line with spaces", begin + " " + flatBody + " " + end, .malformedBoundary(line: 1),
                [.missingLineBreaks, .whitespaceInBody, .reflowedBody]
            ),
            (
                "body lines joined by spaces", begin + "\n" + body.joined(separator: " ") + "\n" + end + "\n",
                .bodyLineLength(line: 2, length: body.joined(separator: " ").count), [.whitespaceInBody, .reflowedBody]
            ),
            (
                "indented body", begin + "\n" + body.map { "  " + $0 }.joined(separator: "\n") + "\n" + end + "\n",
                .bodyLineLength(line: 2, length: 66), [.whitespaceInBody]
            ),
            (
                "indented block (YAML)", lines.map { "    " + $0 }.joined(separator: "\n") + "\n", .malformedBoundary(line: 1),
                [.whitespaceAroundBoundaries, .whitespaceInBody]
            ),
            (
                "trailing spaces after END", begin + "\n" + body.joined(separator: "\n") + "\n" + end + "   \n",
                .malformedBoundary(line: lines.count),
                [.whitespaceAroundBoundaries]
            ),
            (
                "blank lines inside body", begin + "\n\n" + body.joined(separator: "\n") + "\n\n" + end + "\n",
                .bodyLineLength(line: 2, length: 0), [.whitespaceInBody]
            ),
            ("body rewrapped at 76", begin + "\n" + wrap(flatBody, 76) + "\n" + end + "\n", .bodyLineLength(line: 2, length: 76), [.reflowedBody]),
            (
                "END glued to the body", begin + "\n" + body.joined(separator: "\n") + end + "\n",
                .malformedBoundary(line: lines.count - 1), [.missingLineBreaks]
            ),
            (
                "padding stripped", text.replacingOccurrences(of: "=", with: ""),
                .invalidBase64(label: "PRIVATE KEY", .missingPadding(offset: flatBody.count - flatBody.filter { $0 == "=" }.count)), [.missingPadding]
            ),
            (
                "URL-safe alphabet",
                begin + "\n"
                    + body.map { $0.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_") }.joined(separator: "\n") + "\n"
                    + end + "\n",
                .invalidBase64(
                    label: "PRIVATE KEY",
                    .invalidCharacter(
                        byte: UInt8(ascii: "-"),
                        offset: flatBody.utf8.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "/") }).map {
                            flatBody.utf8.distance(from: flatBody.utf8.startIndex, to: $0)
                        } ?? 0)), [.urlSafeAlphabet]
            ),
        ]
    }

    static func wrap(_ text: String, _ width: Int) -> String {
        var out: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty { out.append(String(rest.prefix(width))); rest = rest.dropFirst(width) }
        return out.joined(separator: "\n")
    }

    @Test("each kind of human damage is refused by strict parsing and repaired, with the repair reported")
    func damageIsRepairedAndReported() throws {
        let (text, der) = try Self.sample()
        #expect(text.contains("+") || text.contains("/"))
        for damage in Self.damages(text) {
            #expect(throws: damage.strict, "strict: \(damage.name)") { try PEM.blocks(in: damage.text) }
            let (blocks, repairs) = try PEM.repairingBlocks(in: damage.text)
            #expect(blocks == [PEM.Block(label: "PRIVATE KEY", der: der)], "\(damage.name)")
            #expect(repairs == damage.repairs, "\(damage.name): \(repairs)")
            #expect(!repairs.description.isEmpty)
        }
    }

    @Test("damage that cannot be repaired is refused with a reason, in both modes")
    func unrepairable() throws {
        let (text, _) = try Self.sample()
        let body = text.split(separator: "\n").dropFirst().dropLast().joined(separator: "\n")
        let cases: [(String, PEMError, PEMError)] = [
            ("", .noBlock, .noBlock),
            ("just words\n", .noBlock, .noBlock),
            ("-----BEGIN PRIVATE KEY-----\n" + body + "\n", .missingEnd(label: "PRIVATE KEY"), .missingEnd(label: "PRIVATE KEY")),
            (
                "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END RSA PRIVATE KEY-----\n",
                .labelMismatch(begin: "PRIVATE KEY", end: "RSA PRIVATE KEY"), .labelMismatch(begin: "PRIVATE KEY", end: "RSA PRIVATE KEY")
            ),
            ("-----BEGIN PRIVATE KEY\n" + body + "\n-----END PRIVATE KEY-----\n", .malformedBoundary(line: 1), .invalidLabel(line: 1)),
            ("-----BEGIN PRIVATE  KEY-----\n" + body + "\n-----END PRIVATE  KEY-----\n", .invalidLabel(line: 1), .invalidLabel(line: 1)),
            ("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n", .emptyBody(label: "PRIVATE KEY"), .emptyBody(label: "PRIVATE KEY")),
            (
                "-----BEGIN PRIVATE KEY-----\nMIIB*AAA\n-----END PRIVATE KEY-----\n",
                .invalidBase64(label: "PRIVATE KEY", .invalidCharacter(byte: UInt8(ascii: "*"), offset: 4)),
                .invalidBase64(label: "PRIVATE KEY", .invalidCharacter(byte: UInt8(ascii: "*"), offset: 4))
            ),
            (
                "-----BEGIN X-----\nProc-Type 4,X\n\nAAAA\n-----END X-----\n", .bodyLineLength(line: 2, length: 13),
                .invalidBase64(label: "X", .invalidCharacter(byte: UInt8(ascii: ","), offset: 11))
            ),
            (
                "-----BEGIN X-----\nA: b\nnot a header!\n\nAAAA\n-----END X-----\n", .invalidHeader(line: 3),
                .invalidBase64(label: "X", .invalidCharacter(byte: UInt8(ascii: "!"), offset: 12))
            ),
        ]
        for (input, strict, lenient) in cases {
            #expect(throws: strict, "strict: \(input.prefix(40))") { try PEM.blocks(in: input) }
            #expect(throws: lenient, "lenient: \(input.prefix(40))") { try PEM.repairingBlocks(in: input) }
        }
    }

    @Test("every truncation of a PEM file is refused by both parsers, never trapping")
    func everyTruncation() throws {
        let (text, _) = try Self.sample()
        let bytes = Array(text.utf8)
        // Dropping the final newline leaves a valid block (RFC 7468 allows it); any shorter prefix is cut.
        for length in 0..<(bytes.count - 1) {
            let prefix = String(decoding: bytes.prefix(length), as: UTF8.self)
            #expect(throws: PEMError.self) { try PEM.blocks(in: prefix) }
            #expect(throws: PEMError.self) { try PEM.repairingBlocks(in: prefix) }
        }
    }

    @Test("random text never traps either parser")
    func fuzz() {
        var rng = SeededGenerator(seed: 77)
        let pieces = [
            "-----BEGIN ", "-----END ", "-----", "X", "PRIVATE KEY", "\n", "\r\n", "\\n", " ", "AAAA", "=", ":", "Proc-Type: 4,ENCRYPTED", "MIIB",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...14, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
            _ = try? PEM.blocks(in: text)
            _ = try? PEM.repairingBlocks(in: text)
        }
    }

    @Test("every PEM error has a sentence")
    func descriptions() {
        let errors: [PEMError] = [
            .noBlock, .malformedBoundary(line: 1), .invalidLabel(line: 1), .missingEnd(label: "X"),
            .labelMismatch(begin: "A", end: "B"), .invalidHeader(line: 2), .bodyLineLength(line: 2, length: 70),
            .emptyBody(label: "X"), .invalidBase64(label: "X", .impossibleLength(5)),
        ]
        for error in errors { #expect(error.description.count > 15) }
    }
}
