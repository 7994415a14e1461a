// Point and signature encodings: what SEC 1 and DER allow, and the sentence for what they do not.
import Testing
import PureSHA2
@testable import PureP256

@Suite("P-256 point and signature encodings")
struct EncodingTests {
    /// G, uncompressed (SEC 2).
    static let generator =
        "046b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
        + "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"

    @Test("G decodes from its SEC 2 uncompressed and compressed forms, and encodes back")
    func generatorRoundTrip() throws {
        let bytes = try hexBytes(Self.generator)
        let key = try P256.Signing.PublicKey(x963Representation: bytes)
        #expect(key.x963Representation == bytes)
        // G's y is odd, so its compressed prefix is 03.
        #expect(key.compressedRepresentation == [0x03] + bytes[1..<33])
        #expect(try P256.Signing.PublicKey(x963Representation: key.compressedRepresentation).x963Representation == bytes)
        #expect(key.rawRepresentation == Array(bytes[1...]))
    }

    @Test("refusals: length, prefix, infinity, coordinate ≥ p, off the curve, x with no y")
    func refusals() throws {
        let g = try hexBytes(Self.generator)
        func refusal(_ bytes: [UInt8]) -> P256Error? {
            do { _ = try P256.Signing.PublicKey(x963Representation: bytes); return nil } catch { return error }
        }
        #expect(refusal([]) == .invalidPointLength(count: 0))
        #expect(refusal(Array(g.dropLast())) == .invalidPointLength(count: 64))
        #expect(refusal(Array(g[0..<32])) == .invalidPointLength(count: 32))
        #expect(refusal([0x00]) == .pointAtInfinity)
        #expect(refusal([0x06] + g.dropFirst()) == .unsupportedPointFormat(prefix: 0x06))
        #expect(refusal([0x04] + [UInt8](repeating: 0, count: 64)) == .pointNotOnCurve)
        var offCurve = g
        offCurve[64] ^= 1
        #expect(refusal(offCurve) == .pointNotOnCurve)
        #expect(refusal([0x04] + (try hexBytes(Curve.p)) + g[33...]) == .coordinateOutOfRange)
        #expect(refusal([0x02] + (try hexBytes(Curve.p))) == .coordinateOutOfRange)
        // x = 0: 0 − 0 + b must be a square for a point to exist; Python says whether it is.
        let bIsSquare = try runPython(pythonReference + "print(pow(b, (p - 1) // 2, p) == 1)")
        let zeroX = refusal([0x02] + [UInt8](repeating: 0, count: 32))
        #expect(bIsSquare == ["False"] ? zeroX == .pointNotOnCurve : zeroX == nil)
        // Every refusal is one sentence that names P-256 or SEC 1 and echoes no input bytes.
        for error in [refusal([0x05]), refusal(offCurve), refusal([0x00])].compactMap({ $0 }) {
            #expect(error.description.contains("P-256"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("x values with and without a curve point: compressed decoding agrees with Python's Euler criterion")
    func compressedDecoding() throws {
        var generator = SeededGenerator(seed: 21)
        let xs = (0..<40).map { _ in generator.bytes(32) }
        let expected = try runPython(
            pythonReference + """
                for line in sys.stdin:
                    x = int(line, 16)
                    if x >= p: print("range"); continue
                    rhs = (x ** 3 - 3 * x + b) % p
                    if pow(rhs, (p - 1) // 2, p) != 1 and rhs != 0: print("none"); continue
                    y = pow(rhs, (p + 1) // 4, p)
                    print("%064x" % (y if y % 2 == 0 else p - y))
                """, input: xs.map(hex).joined(separator: "\n"))
        #expect(expected.count == xs.count)
        for (x, line) in zip(xs, expected) {
            do {
                let key = try P256.Signing.PublicKey(compressedRepresentation: [0x02] + x)
                #expect(hex(Array(key.x963Representation[33...])) == line)
            } catch {
                #expect(line == (error == .coordinateOutOfRange ? "range" : "none"))
                #expect(error == .coordinateOutOfRange || error == .pointNotOnCurve)
            }
        }
        #expect(expected.contains("none") && expected.contains { $0.count == 64 })
    }

    @Test("signatures: raw needs 64 bytes; DER is strict and keeps integers to 32 bytes")
    func signatureForms() throws {
        #expect(throws: P256Error.invalidSignatureLength(count: 63)) {
            try P256.Signing.ECDSASignature(rawRepresentation: [UInt8](repeating: 1, count: 63))
        }
        let raw = (1...64).map { UInt8($0) }
        let signature = try P256.Signing.ECDSASignature(rawRepresentation: raw)
        let der = signature.derRepresentation
        var expectedDER: [UInt8] = [0x30, 0x44, 0x02, 0x20]
        expectedDER += raw[0..<32]
        expectedDER += [0x02, 0x20]
        expectedDER += raw[32..<64]
        #expect(der == expectedDER)
        #expect(try P256.Signing.ECDSASignature(derRepresentation: der) == signature)
        // Trailing byte, BER long-form length, a 33-byte magnitude.
        #expect(throws: P256Error.self) { try P256.Signing.ECDSASignature(derRepresentation: der + [0]) }
        #expect(throws: P256Error.self) { try P256.Signing.ECDSASignature(derRepresentation: [0x30, 0x81, 0x44] + der[2...]) }
        let zeros = [UInt8](repeating: 0, count: 32)
        let wide: [UInt8] = [0x30, 0x26, 0x02, 0x21, 0x01] + zeros + [0x02, 0x01, 0x01]
        #expect(throws: P256Error.signatureIntegerTooLarge(byteCount: 33)) {
            try P256.Signing.ECDSASignature(derRepresentation: wide)
        }
        // A top-bit-set r gets its 00 sign octet; small values are written minimally.
        let rs: [UInt8] = [0x80] + zeros[1...] + zeros[1...] + [5]
        let mixed = try P256.Signing.ECDSASignature(rawRepresentation: rs)
        let mixedDER: [UInt8] = [0x30, 0x26, 0x02, 0x21, 0x00, 0x80] + zeros[1...] + [0x02, 0x01, 0x05]
        #expect(mixed.derRepresentation == mixedDER)
    }

    @Test("private keys: 32 bytes, 0 < d < n")
    func privateKeyRange() throws {
        #expect(throws: P256Error.invalidPrivateKeyLength(count: 31)) {
            try P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 1, count: 31))
        }
        #expect(throws: P256Error.scalarOutOfRange) { try P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: P256Error.scalarOutOfRange) { try P256.Signing.PrivateKey(rawRepresentation: try hexBytes(Curve.n)) }
        // d = 1 gives G.
        let one = try P256.Signing.PrivateKey(rawRepresentation: [UInt8](repeating: 0, count: 31) + [1])
        #expect(one.publicKey.x963Representation == (try hexBytes(Self.generator)))
        // The nonce has the same range.
        let digest = SHA256.hash(data: [7])
        #expect(throws: P256Error.scalarOutOfRange) { try one.signature(digest: digest, nonce: [UInt8](repeating: 0, count: 32)) }
        #expect(throws: P256Error.scalarOutOfRange) { try one.signature(digest: digest, nonce: try hexBytes(Curve.n)) }
    }
}
