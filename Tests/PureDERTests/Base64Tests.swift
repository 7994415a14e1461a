import Foundation
import Testing
@_spi(Internals) @testable import PureDER

@Suite("Base64")
struct Base64Tests {
    struct Case {
        let input: [UInt8]
        let base64: String
        let base64url: String
        let unpadded: String
    }

    static func vectorCases() throws -> [Case] {
        let json = try JSONSerialization.jsonObject(with: try vectorData("base64/rfc4648_base64.json")) as! [String: Any]
        var cases: [Case] = []
        for entry in json["rfc4648_section10"] as! [[String: Any]] {
            cases.append(
                Case(
                    input: try hexBytes(entry["input_hex"] as! String), base64: entry["base64"] as! String,
                    base64url: entry["base64url"] as! String, unpadded: entry["base64url_unpadded"] as! String))
        }
        let c = json["rfc7515_appendix_c"] as! [String: Any]
        cases.append(
            Case(
                input: try hexBytes(c["input_hex"] as! String), base64: c["base64"] as! String,
                base64url: c["base64url"] as! String, unpadded: c["base64url_unpadded"] as! String))
        return cases
    }

    @Test("RFC 4648 section 10 and RFC 7515 appendix C vectors encode and decode in all three forms")
    func vectors() throws {
        let cases = try Self.vectorCases()
        #expect(cases.count == 8)
        for c in cases {
            #expect(Base64.encode(c.input) == c.base64)
            #expect(Base64.encode(c.input, alphabet: .url, padding: true) == c.base64url)
            #expect(Base64.encode(c.input, alphabet: .url, padding: false) == c.unpadded)
            #expect(Base64URL.encode(c.input) == c.unpadded)
            #expect(try Base64.decode(c.base64) == c.input)
            #expect(try Base64.decode(c.base64url, alphabet: .url, padding: true) == c.input)
            #expect(try Base64URL.decode(c.unpadded) == c.input)
            #expect(try Base64.decode(c.base64, mode: .lenient) == c.input)
            #expect(try Base64.decode(c.unpadded, mode: .lenient) == c.input)
        }
    }

    @Test("encoding matches Foundation and strict decoding inverts it, for random lengths 0…1000")
    func randomRoundTrip() throws {
        var rng = SeededGenerator(seed: 0x5EED_B64)
        for length in 0...1000 {
            let bytes = randomBytes(length, using: &rng)
            let expected = Data(bytes).base64EncodedString()
            let expectedURL = expected.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            let expectedUnpadded = expectedURL.replacingOccurrences(of: "=", with: "")
            let encoded = Base64.encode(bytes)
            #expect(encoded == expected)
            #expect(Base64.encode(bytes, alphabet: .url) == expectedURL)
            #expect(Base64URL.encode(bytes) == expectedUnpadded)
            #expect(try Base64.decode(encoded) == bytes)
            #expect(try Base64.decode(utf8: Array(encoded.utf8)) == bytes)
            #expect(try Base64URL.decode(expectedUnpadded) == bytes)
            #expect(try Base64.decode(expectedURL, alphabet: .url, padding: true) == bytes)
            // Lenient: line-wrapped at 76 with CRLF, as MIME does (Foundation as the oracle).
            let wrapped = Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            #expect(try Base64.decode(wrapped, mode: .lenient) == bytes)
            #expect(try Base64.decode(expectedUnpadded, mode: .lenient) == bytes)
        }
    }

    @Test("strict decoding accepts only canonical encodings: whatever it accepts re-encodes to the same text")
    func strictIsCanonical() throws {
        var rng = SeededGenerator(seed: 42)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)
        var accepted = 0
        for _ in 0..<50_000 {
            let length = Int.random(in: 0...12, using: &rng)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &rng)! }, as: UTF8.self)
            if let decoded = try? Base64.decode(text) {
                accepted += 1
                #expect(Base64.encode(decoded) == text)
            }
            if let decoded = try? Base64.decode(text, alphabet: .standard, padding: false) {
                #expect(Base64.encode(decoded, padding: false) == text)
            }
        }
        #expect(accepted > 100)
    }

    @Test("strict decoding names the offset of each kind of error")
    func strictErrors() throws {
        func error(_ text: String, alphabet: Base64.Alphabet = .standard, padding: Bool = true) -> Base64Error? {
            do { _ = try Base64.decode(text, alphabet: alphabet, padding: padding); return nil } catch { return error }
        }
        #expect(error("Zm9v!A==") == .invalidCharacter(byte: 0x21, offset: 4))
        #expect(error("Zm9v YmFy") == .invalidCharacter(byte: 0x20, offset: 4))
        #expect(error("Zm9v\nYmFy") == .invalidCharacter(byte: 0x0A, offset: 4))
        #expect(error("A-z_4ME=") == .invalidCharacter(byte: UInt8(ascii: "-"), offset: 1))
        #expect(error("A+z/4ME=", alphabet: .url) == .invalidCharacter(byte: UInt8(ascii: "+"), offset: 1))
        #expect(error("Zg") == .missingPadding(offset: 2))
        #expect(error("Zm8") == .missingPadding(offset: 3))
        #expect(error("Zg=") == .missingPadding(offset: 3))
        #expect(error("Zg==", alphabet: .url, padding: false) == .unexpectedPadding(offset: 2))
        #expect(error("Z===") == .misplacedPadding(offset: 1))
        #expect(error("Zm9v====") == .misplacedPadding(offset: 4))
        #expect(error("Zg=a") == .misplacedPadding(offset: 2))
        #expect(error("=Zm9") == .misplacedPadding(offset: 0))
        #expect(error("Zm8==") == .missingPadding(offset: 5))
        #expect(error("Zm9vY", padding: false) == .impossibleLength(5))
        #expect(error("Zh==") == .nonCanonicalTrailingBits(offset: 1))
        #expect(error("Zm9=") == .nonCanonicalTrailingBits(offset: 2))
        #expect(error("Zh", padding: false) == .nonCanonicalTrailingBits(offset: 1))
        for e in [
            Base64Error.invalidCharacter(byte: 0x21, offset: 4), .misplacedPadding(offset: 1), .missingPadding(offset: 2),
            .unexpectedPadding(offset: 2), .impossibleLength(5), .nonCanonicalTrailingBits(offset: 1),
        ] {
            #expect(e.description.count > 20)
        }
    }

    @Test("lenient decoding skips whitespace, mixes alphabets, allows missing padding, but still refuses garbage")
    func lenient() throws {
        #expect(try Base64.decode(" Zm9v\r\nYmE\t=\n", mode: .lenient) == Array("fooba".utf8))
        #expect(try Base64.decode("Zm9vYmE", mode: .lenient) == Array("fooba".utf8))
        #expect(try Base64.decode("A-z/4ME", mode: .lenient) == [3, 236, 255, 224, 193])
        #expect(try Base64.decode("Zh", mode: .lenient) == [0x66])
        func error(_ text: String) -> Base64Error? {
            do { _ = try Base64.decode(text, mode: .lenient); return nil } catch { return error }
        }
        #expect(error("Zm9v*") == .invalidCharacter(byte: UInt8(ascii: "*"), offset: 4))
        #expect(error("Zg==Zg==") == .misplacedPadding(offset: 2))
        #expect(error("Z===") == .misplacedPadding(offset: 1))
        #expect(error("Zm9vY") == .impossibleLength(5))
        #expect(error("Zg=") == .missingPadding(offset: 3))
        #expect(error("Zm9===") == .misplacedPadding(offset: 4))
    }

    @Test("no input traps: random bytes through every decoding mode")
    func randomInputsNeverTrap() throws {
        var rng = SeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            let bytes = randomBytes(Int.random(in: 0...40, using: &rng), using: &rng)
            _ = try? Base64.decode(utf8: bytes)
            _ = try? Base64.decode(utf8: bytes, alphabet: .url, padding: false)
            _ = try? Base64.decode(utf8: bytes, mode: .lenient)
        }
    }
}
