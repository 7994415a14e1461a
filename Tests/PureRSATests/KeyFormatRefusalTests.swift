import Foundation
@_spi(Internals) import PureDER
import Testing
@_spi(Internals) @testable import PureRSA

@Suite("Key formats: refusals")
struct KeyFormatRefusalTests {
    func loadError(_ bytes: [UInt8]) -> RSAKeyFormatError? {
        do { _ = try RSAKeyLoader.load(bytes: bytes); return nil } catch { return error }
    }

    func loadError(_ text: String) -> RSAKeyFormatError? {
        do { _ = try RSAKeyLoader.load(text); return nil } catch { return error }
    }

    func file(_ path: String) throws -> [UInt8] { [UInt8](try vectorData("keys/\(path)")) }

    @Test(
        "real files that are not usable RSA keys are refused with the reason",
        arguments: [
            ("refuse/encrypted-pkcs8.pem", RSAKeyFormatError.encryptedKey),
            ("refuse/encrypted-pkcs8.der", .encryptedKey),
            ("refuse/encrypted-traditional.pem", .encryptedKey),
            ("refuse/ec-p256.pkcs8.pem", .notRSA(algorithm: "EC")),
            ("refuse/ec-p256.pkcs8.der", .notRSA(algorithm: "EC")),
            ("refuse/ec-p256.sec1.pem", .notRSA(algorithm: "EC")),
            ("refuse/ec-p256.sec1.der", .notRSA(algorithm: "EC")),
            ("refuse/ec-p256.spki.pem", .notRSA(algorithm: "EC")),
            ("refuse/ed25519.pkcs8.pem", .notRSA(algorithm: "Ed25519")),
            ("refuse/rsa-pss.pkcs8.pem", .rsaPSSKey),
            ("refuse/rsa-pss.spki.pem", .rsaPSSKey),
            ("refuse/rsa-3prime.pkcs1.pem", .multiPrimeKey),
            ("refuse/rsa-3prime.pkcs8.pem", .multiPrimeKey),
            ("refuse/certificate.pem", .certificate),
            ("refuse/certificate.der", .certificate),
        ])
    func refusedFiles(path: String, expected: RSAKeyFormatError) throws {
        let bytes = try file(path)
        #expect(loadError(bytes) == expected)
        // The same refusal when the file arrives base64-encoded (as an environment variable).
        #expect(loadError(Data(bytes).base64EncodedString()) == expected)
    }

    @Test("the refusal sentences say what the key is and what to do")
    func sentences() {
        #expect(
            RSAKeyFormatError.encryptedKey.description
                == "encrypted keys are not supported; decrypt first with: openssl pkey -in key.pem -out plain.pem")
        #expect(RSAKeyFormatError.notRSA(algorithm: "EC").description == "this is an EC key; RS256 needs an RSA key")
        #expect(RSAKeyFormatError.notRSA(algorithm: "Ed25519").description == "this is an Ed25519 key; RS256 needs an RSA key")
        #expect(RSAKeyFormatError.publicKeyNotPrivate.description == "this is a public key; signing needs the private key")
        #expect(RSAKeyFormatError.certificate.description.hasPrefix("this is a certificate, not a key"))
        let all: [RSAKeyFormatError] = [
            .empty, .inputTooLarge(size: 2, limit: 1), .malformed(.trailingData(count: 1)), .pem(.noBlock), .encryptedKey,
            .notRSA(algorithm: "DSA"), .rsaPSSKey, .certificate, .openSSHKey, .jsonWebKey, .publicKeyNotPrivate, .multiPrimeKey,
            .unsupportedVersion(2), .unsupportedAlgorithm(oid: "1.2.3"), .invalidAlgorithmParameters, .zeroInteger(field: "modulus"),
            .multipleKeys(count: 2), .unsupportedPEMLabel("X"), .base64NotPEM, .unrecognizedText(.impossibleLength(1)),
            .unrecognizedBinary, .unrecognizedDER,
        ]
        for error in all { #expect(error.description.count > 15) }
    }

    @Test("loadPrivateKey refuses every public form; load and loadPublicKey accept them")
    func publicWherePrivateNeeded() throws {
        for suffix in ["spki.pem", "spki.der", "pkcs1pub.pem", "pkcs1pub.der"] {
            let bytes = try file("rsa-2048.\(suffix)")
            #expect(throws: RSAKeyFormatError.publicKeyNotPrivate) { try RSAKeyLoader.loadPrivateKey(bytes: bytes) }
            #expect(try RSAKeyLoader.loadPublicKey(bytes: bytes).notes.isEmpty)
        }
    }

    @Test("PKCS#8 without the rsaEncryption NULL (accepted by OpenSSL, checked by generate.sh) loads with a note")
    func absentParameters() throws {
        let loaded = try RSAKeyLoader.loadPrivateKey(bytes: try file("refuse/rsa-2048.pkcs8-absent-params.der"))
        #expect(loaded.notes == [.absentAlgorithmParameters])
        #expect(loaded.key.pkcs8DER == (try file("rsa-2048.pkcs8.der")))
    }

    @Test("text that is no key gets a precise refusal")
    func textRefusals() throws {
        #expect(loadError("") == .empty)
        #expect(loadError(" \r\n\t ") == .empty)
        #expect(loadError([UInt8]()) == .empty)
        #expect(loadError(Data("hello, world".utf8).base64EncodedString()) == .base64NotPEM)
        #expect(loadError("not a key!") == .unrecognizedText(.invalidCharacter(byte: UInt8(ascii: "!"), offset: 9)))
        #expect(loadError("abcde") == .unrecognizedText(.impossibleLength(5)))
        #expect(loadError(#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#) == .jsonWebKey)
        #expect(loadError("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host") == .openSSHKey)
        // The base64 of an ssh-rsa line (what `base64 -w0 id_rsa.pub` puts in the variable).
        #expect(loadError(Data("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ user@host\n".utf8).base64EncodedString()) == .openSSHKey)
        #expect(loadError("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n") == .openSSHKey)
        #expect(loadError("-----BEGIN X509 CRL-----\nAAAA\n-----END X509 CRL-----\n") == .unsupportedPEMLabel("X509 CRL"))
        #expect(loadError([0x00, 0x01, 0x02]) == .unrecognizedBinary)
        #expect(loadError([0xFF, 0xFE, 0x41]) == .unrecognizedBinary)
        #expect(
            loadError([UInt8](repeating: 0x41, count: RSAKeyLoader.maximumInputSize + 1))
                == .inputTooLarge(size: RSAKeyLoader.maximumInputSize + 1, limit: RSAKeyLoader.maximumInputSize))
    }

    @Test("a key next to certificates loads with a note; two keys are ambiguous; a refused key among others is refused")
    func severalBlocks() throws {
        let key = try vectorText("keys/rsa-2048.pkcs8.pem")
        let cert = try vectorText("keys/refuse/certificate.pem")
        let bundle = try RSAKeyLoader.loadPrivateKey(cert + key)
        #expect(bundle.notes == [.ignoredPEMBlocks(labels: ["CERTIFICATE"])])
        #expect(loadError(key + (try vectorText("keys/rsa-1024.pkcs1.pem"))) == .multipleKeys(count: 2))
        #expect(loadError(key + (try vectorText("keys/refuse/ec-p256.sec1.pem"))) == .notRSA(algorithm: "EC"))
        #expect(loadError("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n") == .notRSA(algorithm: "EC"))
    }

    // MARK: - Structural damage

    @Test("every truncation of each DER key structure is refused as truncated", arguments: ["pkcs1.der", "pkcs8.der", "spki.der", "pkcs1pub.der"])
    func everyTruncation(suffix: String) throws {
        let bytes = try file("rsa-2048.\(suffix)")
        #expect(loadError(bytes) == nil)
        for length in 0..<bytes.count {
            let error = loadError(Array(bytes.prefix(length)))
            if length == 0 {
                #expect(error == .empty)
            } else if case .malformed(.truncated) = error {
            } else {
                Issue.record("prefix of \(length) bytes: \(String(describing: error))")
            }
        }
    }

    @Test("every truncation of a PEM key is refused; only dropping the final newline is harmless")
    func everyPEMTruncation() throws {
        let bytes = try file("rsa-1024.pkcs1.pem")
        for length in 0..<(bytes.count - 1) {
            #expect(loadError(Array(bytes.prefix(length))) != nil, "prefix \(length)")
        }
        #expect(loadError(Array(bytes.dropLast())) == nil)
    }

    /// Offsets of the length octets of the outer structures of a DER key (and of the
    /// structures inside its OCTET STRING / BIT STRING).
    func lengthOctetOffsets(_ bytes: [UInt8]) throws -> [Int] {
        var offsets: [Int] = []
        func header(_ at: Int) -> Int {
            let first = bytes[at + 1]
            let count = first < 0x80 ? 1 : 1 + Int(first & 0x7F)
            offsets += (at + 1)..<(at + 1 + count)
            return at + 1 + count  // content start
        }
        var reader = try DER.Reader(bytes)
        let outer = try reader.readElement()
        let contentStart = header(outer.offset)
        // Walk the outer SEQUENCE's children; descend into SEQUENCEs, OCTET and BIT STRINGs once.
        func walk(_ start: Int, _ end: Int, depth: Int) throws {
            var position = start
            while position < end {
                var child = try DER.Reader(Array(bytes[position..<end]))
                let element = try child.readElement()
                let contentStart = header(position)
                let contentEnd = position + (element.content.endIndex)
                if depth < 2 {
                    if element.tag == .sequence { try walk(contentStart, contentEnd, depth: depth + 1) }
                    if element.tag == .octetString { try walk(contentStart, contentEnd, depth: depth + 1) }
                    if element.tag == .bitString { try walk(contentStart + 1, contentEnd, depth: depth + 1) }
                }
                position = contentEnd
            }
        }
        try walk(contentStart, bytes.count, depth: 0)
        return offsets
    }

    @Test(
        "every single-byte corruption of every length octet of the outer structures is refused",
        arguments: ["pkcs1.der", "pkcs8.der", "spki.der", "pkcs1pub.der"])
    func lengthCorruption(suffix: String) throws {
        let bytes = try file("rsa-1024.\(suffix)")
        let offsets = try lengthOctetOffsets(bytes)
        #expect(offsets.count >= 5)
        var sawTruncated = false
        var sawTrailingData = false
        for offset in offsets {
            for value in 0...255 where UInt8(value) != bytes[offset] {
                var corrupted = bytes
                corrupted[offset] = UInt8(value)
                guard let error = loadError(corrupted) else {
                    Issue.record("offset \(offset) value \(value) loaded")
                    continue
                }
                switch error {
                case .malformed(let der):
                    if case .truncated = der { sawTruncated = true }
                    if case .trailingData = der { sawTrailingData = true }
                case .unrecognizedDER, .invalidAlgorithmParameters, .unsupportedAlgorithm, .zeroInteger:
                    break
                default:
                    Issue.record("offset \(offset) value \(value): unexpected kind \(error)")
                }
            }
        }
        #expect(sawTruncated)
        #expect(sawTrailingData)
    }

    /// Builds a PKCS#1 private key from raw INTEGER contents (so tests can break them).
    func pkcs1(version: [UInt8] = [0], integers: [[UInt8]]) -> [UInt8] {
        var writer = DER.Writer()
        writer.writeSequence { seq in
            seq.writeElement(.integer, content: version)
            for content in integers { seq.writeElement(.integer, content: content) }
        }
        return writer.bytes
    }

    func integerContents(_ key: RSAPrivateKeyComponents) -> [[UInt8]] {
        [key.modulus, key.publicExponent, key.privateExponent, key.prime1, key.prime2, key.exponent1, key.exponent2, key.coefficient]
            .map { $0.first! & 0x80 != 0 ? [0] + $0 : $0 }
    }

    @Test("negative, non-minimal and zero INTEGERs, wrong versions and non-DER lengths are refused by kind")
    func integerAndVersionRules() throws {
        let key = try RSAPrivateKeyComponents(pkcs1DER: try file("rsa-1024.pkcs1.der"))
        var contents = integerContents(key)
        #expect(pkcs1(integers: contents) == key.pkcs1DER)
        // Negative modulus: drop the sign octet.
        contents[0] = key.modulus
        guard case .malformed(.negativeInteger) = loadError(pkcs1(integers: contents)) else { Issue.record("negative"); return }
        // Leading zero on e.
        contents = integerContents(key)
        contents[1] = [0] + key.publicExponent
        guard case .malformed(.nonMinimalInteger) = loadError(pkcs1(integers: contents)) else { Issue.record("leading zero"); return }
        // Zero coefficient.
        contents = integerContents(key)
        contents[7] = [0]
        #expect(loadError(pkcs1(integers: contents)) == .zeroInteger(field: "coefficient"))
        // Versions.
        #expect(loadError(pkcs1(version: [2], integers: integerContents(key))) == .unsupportedVersion(2))
        #expect(loadError(pkcs1(version: [1], integers: integerContents(key))) == .multiPrimeKey)
        guard case .malformed(.negativeInteger) = loadError(pkcs1(version: [0xFF], integers: integerContents(key))) else {
            Issue.record("negative version"); return
        }
        // Missing field, extra field.
        let short = pkcs1(integers: Array(integerContents(key).dropLast()))
        #expect(throws: RSAKeyFormatError.malformed(.missingElement(expected: .integer))) { try RSAPrivateKeyComponents(pkcs1DER: short) }
        #expect(loadError(short) == .unrecognizedDER)  // eight INTEGERs match no structure
        guard case .malformed(.trailingData(count: 3)) = loadError(pkcs1(integers: integerContents(key) + [[5]])) else {
            Issue.record("extra field"); return
        }
        // Non-minimal length on the version (02 81 01 00) and indefinite outer length.
        var der = key.pkcs1DER
        let versionAt = 4  // 30 82 xx xx | 02 01 00
        #expect(Array(der[versionAt..<(versionAt + 3)]) == [0x02, 0x01, 0x00])
        der.replaceSubrange(versionAt..<(versionAt + 3), with: [0x02, 0x81, 0x01, 0x00])
        let n = der.count - 4
        der.replaceSubrange(2..<4, with: [UInt8(n >> 8), UInt8(n & 0xFF)])
        #expect(loadError(der) == .malformed(.nonMinimalLength(offset: 5)))
        let indefinite = [0x30, 0x80] + key.pkcs1DER.dropFirst(4) + [0x00, 0x00]
        #expect(loadError(Array(indefinite)) == .malformed(.indefiniteLength(offset: 0)))
        // Trailing data after the whole key.
        #expect(loadError(key.pkcs1DER + [0x00]) == .malformed(.trailingData(count: 1)))
        #expect(loadError(key.pkcs8DER + [0x05, 0x00]) == .malformed(.trailingData(count: 2)))
    }

    @Test("PKCS#8 and SPKI with a wrong OID, parameters or version are refused by kind")
    func algorithmIdentifierRules() throws {
        let key = try RSAPrivateKeyComponents(pkcs1DER: try file("rsa-1024.pkcs1.der"))
        func pkcs8(version: Int = 0, oid: String, parameters: (inout DER.Writer) -> Void) throws -> [UInt8] {
            let identifier = try DER.ObjectIdentifier(oid)
            var writer = DER.Writer()
            writer.writeSequence { seq in
                seq.writeUnsignedInteger(version)
                seq.writeSequence { alg in
                    alg.writeObjectIdentifier(identifier)
                    parameters(&alg)
                }
                seq.writeOctetString(key.pkcs1DER)
            }
            return writer.bytes
        }
        func spki(oid: String) throws -> [UInt8] {
            let identifier = try DER.ObjectIdentifier(oid)
            var writer = DER.Writer()
            writer.writeSequence { seq in
                seq.writeSequence { alg in
                    alg.writeObjectIdentifier(identifier); alg.writeNull()
                }
                seq.writeBitString(key.publicKey.pkcs1DER)
            }
            return writer.bytes
        }
        let rsa = "1.2.840.113549.1.1.1"
        #expect(try pkcs8(oid: rsa) { $0.writeNull() } == key.pkcs8DER)
        #expect(loadError(try pkcs8(oid: "1.2.840.113549.1.1.11") { $0.writeNull() }) == .unsupportedAlgorithm(oid: "1.2.840.113549.1.1.11"))
        #expect(loadError(try pkcs8(oid: "1.2.840.113549.1.1.10") { $0.writeNull() }) == .rsaPSSKey)
        #expect(loadError(try pkcs8(oid: "1.3.101.112") { _ in }) == .notRSA(algorithm: "Ed25519"))
        #expect(loadError(try pkcs8(oid: "1.2.840.10040.4.1") { _ in }) == .notRSA(algorithm: "DSA"))
        #expect(loadError(try pkcs8(oid: rsa) { $0.writeOctetString([]) }) == .invalidAlgorithmParameters)
        #expect(
            loadError(
                try pkcs8(oid: rsa) {
                    $0.writeNull(); $0.writeNull()
                }) == .malformed(.trailingData(count: 2)))
        #expect(loadError(try pkcs8(version: 2, oid: rsa) { $0.writeNull() }) == .unsupportedVersion(2))
        #expect(loadError(try spki(oid: "1.2.840.10045.2.1")) == .notRSA(algorithm: "EC"))
        #expect(loadError(try spki(oid: "1.2.3.4")) == .unsupportedAlgorithm(oid: "1.2.3.4"))
        // SPKI BIT STRING with unused bits.
        var spkiBytes = key.publicKey.spkiDER
        let bitStringAt = 2 + (spkiBytes[1] < 0x80 ? 0 : Int(spkiBytes[1] & 0x7F)) + 15
        #expect(spkiBytes[bitStringAt] == 0x03)
        let unusedAt = bitStringAt + 2 + (spkiBytes[bitStringAt + 1] < 0x80 ? 0 : Int(spkiBytes[bitStringAt + 1] & 0x7F))
        spkiBytes[unusedAt] = 1
        let error = loadError(spkiBytes)
        guard case .malformed(.invalidBitString) = error else { Issue.record("unused bits: \(String(describing: error))"); return }
    }

    @Test("depth bombs and 4 GiB claimed lengths fail fast with a typed error")
    func bombs() {
        var bomb: [UInt8] = [0x05, 0x00]
        for _ in 0..<5_000 {
            let n = bomb.count
            bomb = (n < 0x80 ? [0x30, UInt8(n)] : n < 0x100 ? [0x30, 0x81, UInt8(n)] : [0x30, 0x82, UInt8(n >> 8), UInt8(n & 0xFF)]) + bomb
            if bomb.count > 60_000 { break }
        }
        #expect(loadError(bomb) == .unrecognizedDER)
        let huge: [UInt8] = [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x00]
        #expect(loadError(huge) == .malformed(.truncated(needed: 4_294_967_301, available: 9)))
        let hugeInner: [UInt8] = [0x30, 0x08, 0x02, 0x84, 0xFF, 0xFF, 0xFF, 0xF0, 0x00, 0x00]
        #expect(loadError(hugeInner) == .malformed(.truncated(needed: 4_294_967_286, available: 8)))
    }

    @Test("random corruption of a key and random bytes never trap the loader")
    func fuzz() throws {
        var rng = SeededGenerator(seed: 31337)
        let seeds = [try file("rsa-1024.pkcs8.der"), try file("rsa-1024.spki.der"), try file("rsa-1024.pkcs1.pem")]
        for i in 0..<6_000 {
            var bytes = seeds[i % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            _ = loadError(bytes)
            let random = (0..<Int.random(in: 0...64, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            _ = loadError(random)
        }
    }
}
