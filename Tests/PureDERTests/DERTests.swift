import Testing
@_spi(Internals) @testable import PureDER

@Suite("DER reader and writer")
struct DERTests {
    func readError(_ bytes: [UInt8], _ read: (inout DER.Reader) throws -> Void) -> DERError? {
        do {
            var reader = try DER.Reader(bytes)
            try read(&reader)
            try reader.finish()
            return nil
        } catch let error as DERError {
            return error
        } catch {
            Issue.record("untyped error \(error)")
            return nil
        }
    }

    @Test("lengths must be definite, minimal, at most four octets, and within the input")
    func lengthRules() throws {
        #expect(readError([0x04, 0x81, 0x05, 1, 2, 3, 4, 5]) { _ = try $0.readOctetString() } == .nonMinimalLength(offset: 1))
        #expect(
            readError([0x04, 0x82, 0x00, 0x80] + [UInt8](repeating: 0, count: 128)) { _ = try $0.readOctetString() } == .nonMinimalLength(offset: 1))
        #expect(readError([0x30, 0x80, 0x05, 0x00, 0x00, 0x00]) { _ = try $0.readElement() } == .indefiniteLength(offset: 0))
        #expect(readError([0x04, 0x85, 1, 0, 0, 0, 0]) { _ = try $0.readElement() } == .lengthTooLarge(offset: 1))
        #expect(readError([0x04, 0xFF, 1]) { _ = try $0.readElement() } == .lengthTooLarge(offset: 1))
        #expect(readError([0x04, 0x82, 0x01]) { _ = try $0.readElement() } == .truncated(needed: 4, available: 3))
        #expect(readError([0x04]) { _ = try $0.readElement() } == .truncated(needed: 2, available: 1))
        #expect(readError([0x04, 0x03, 1, 2]) { _ = try $0.readElement() } == .truncated(needed: 5, available: 4))
        #expect(readError([0x1F, 0x01, 0x00]) { _ = try $0.readElement() } == .unsupportedTag(offset: 0))
        // Long form is fine when needed: 128 bytes.
        var reader = try DER.Reader([0x04, 0x81, 0x80] + [UInt8](repeating: 7, count: 128))
        #expect(try reader.readOctetString().count == 128)
    }

    @Test("a claimed length of 4 GiB fails at once, before anything is allocated")
    func hugeClaimedLength() {
        let bytes: [UInt8] = [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x00]
        #expect(readError(bytes) { _ = try $0.readElement() } == .truncated(needed: 4_294_967_301, available: 9))
        #expect(readError([0x04, 0x84, 0x7F, 0xFF, 0xFF, 0xFF]) { _ = try $0.readOctetString() } == .truncated(needed: 2_147_483_653, available: 6))
    }

    @Test("INTEGERs must be minimal, and key fields non-negative; magnitudes drop the sign octet")
    func integers() throws {
        #expect(readError([0x02, 0x00]) { _ = try $0.readInteger() } == .emptyInteger(offset: 0))
        #expect(readError([0x02, 0x02, 0x00, 0x7F]) { _ = try $0.readInteger() } == .nonMinimalInteger(offset: 0))
        #expect(readError([0x02, 0x02, 0xFF, 0x80]) { _ = try $0.readInteger() } == .nonMinimalInteger(offset: 0))
        #expect(readError([0x02, 0x01, 0x80]) { _ = try $0.readUnsignedInteger() } == .negativeInteger(offset: 0))
        #expect(readError([0x02, 0x02, 0xFF, 0x7F]) { _ = try $0.readUnsignedInteger() } == .negativeInteger(offset: 0))
        #expect(readError([0x02, 0x05, 0x00, 0x80, 0, 0, 0]) { _ = try $0.readSmallUnsignedInteger() } == .integerOutOfRange(offset: 0))
        #expect(readError([0x04, 0x01, 0x00]) { _ = try $0.readInteger() } == .unexpectedTag(expected: .integer, found: .octetString, offset: 0))
        #expect(readError([]) { _ = try $0.readInteger() } == .missingElement(expected: .integer))
        var reader = try DER.Reader([0x02, 0x02, 0x00, 0x80, 0x02, 0x01, 0x00, 0x02, 0x01, 0x7F, 0x02, 0x02, 0x01, 0x00])
        #expect(Array(try reader.readUnsignedInteger()) == [0x80])
        #expect(Array(try reader.readUnsignedInteger()) == [])
        #expect(Array(try reader.readInteger()) == [0x7F])
        #expect(try reader.readSmallUnsignedInteger() == 256)
        #expect(reader.isAtEnd)
    }

    @Test("BIT STRING unused-bit rules; key BIT STRINGs must be whole bytes")
    func bitStrings() throws {
        #expect(readError([0x03, 0x00]) { _ = try $0.readBitString() } == .invalidBitString(offset: 0))
        #expect(readError([0x03, 0x01, 0x01]) { _ = try $0.readBitString() } == .invalidBitString(offset: 0))
        #expect(readError([0x03, 0x02, 0x08, 0x00]) { _ = try $0.readBitString() } == .invalidBitString(offset: 0))
        #expect(readError([0x03, 0x02, 0x01, 0x01]) { _ = try $0.readBitString() } == .invalidBitString(offset: 0))
        #expect(readError([0x03, 0x02, 0x01, 0x02]) { _ = try $0.readByteAlignedBitString() } == .unusedBitsNotZero(count: 1, offset: 0))
        var reader = try DER.Reader([0x03, 0x02, 0x01, 0x02, 0x03, 0x03, 0x00, 0xAB, 0xCD])
        #expect(try reader.readBitString() == DER.BitString(unusedBits: 1, bytes: [0x02][...]))
        #expect(Array(try reader.readByteAlignedBitString()) == [0xAB, 0xCD])
    }

    @Test("NULL has no content; OBJECT IDENTIFIERs decode, validate and round-trip")
    func nullAndOIDs() throws {
        #expect(readError([0x05, 0x01, 0x00]) { try $0.readNull() } == .invalidNull(offset: 0))
        var reader = try DER.Reader([0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00])
        let oid = try reader.readObjectIdentifier()
        try reader.readNull()
        #expect(oid.description == "1.2.840.113549.1.1.1")
        #expect(oid.arcs == [1, 2, 840, 113549, 1, 1, 1])
        #expect(try DER.ObjectIdentifier("1.2.840.113549.1.1.1") == oid)
        // X.690 section 8.19.5's example: {2 999 3} is 0x88 0x37 0x03.
        #expect(try DER.ObjectIdentifier("2.999.3").contentBytes == [0x88, 0x37, 0x03])
        #expect(readError([0x06, 0x00]) { _ = try $0.readObjectIdentifier() } == .invalidObjectIdentifier(offset: 0))
        #expect(readError([0x06, 0x02, 0x80, 0x01]) { _ = try $0.readObjectIdentifier() } == .invalidObjectIdentifier(offset: 0))
        #expect(readError([0x06, 0x01, 0x86]) { _ = try $0.readObjectIdentifier() } == .invalidObjectIdentifier(offset: 0))
        #expect(
            readError([0x06, 0x0B, 0x2A] + [UInt8](repeating: 0xFF, count: 9) + [0x7F]) { _ = try $0.readObjectIdentifier() }
                == .invalidObjectIdentifier(offset: 0))
        for bad in ["", "1", "3.1", "1.40", "1..2", "1.2.", "01.2", "1.2.a", "1.2.99999999999999999999999"] {
            #expect(throws: DERError.invalidObjectIdentifierString) { try DER.ObjectIdentifier(bad) }
        }
    }

    @Test("SEQUENCEs refuse leftovers inside and after them")
    func sequences() throws {
        #expect(readError([0x30, 0x03, 0x02, 0x01, 0x00, 0x00]) { _ = try $0.readElement() } == .trailingData(count: 1))
        #expect(
            readError([0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01]) {
                try $0.readSequence { (s: inout DER.Reader) throws(DERError) in _ = try s.readInteger() }
            } == .trailingData(count: 3))
        var reader = try DER.Reader(([0xAA, 0x30, 0x05, 0x02, 0x01, 0x05, 0x05, 0x00] as [UInt8])[1...])
        let value = try reader.readSequence { (s: inout DER.Reader) throws(DERError) -> Int in
            let v = try s.readSmallUnsignedInteger()
            try s.readNull()
            return v
        }
        #expect(value == 5)
    }

    @Test("offsets in errors count from the start of the input, also inside nested elements and slices")
    func offsetsAreAbsolute() throws {
        let bytes: [UInt8] = [0xEE, 0xEE, 0x30, 0x05, 0x02, 0x01, 0x00, 0x02, 0x00]
        var reader = try DER.Reader(bytes[2...])
        var inner = try reader.enterSequence()
        _ = try inner.readInteger()
        #expect(inner.offset == 5)
        #expect(throws: DERError.emptyInteger(offset: 5)) { try inner.readInteger() }
    }

    @Test("nesting beyond the depth limit is refused, even ten thousand levels deep, without deep recursion")
    func depthBombs() throws {
        func nested(_ depth: Int) -> [UInt8] {
            var bytes: [UInt8] = [0x05, 0x00]
            for _ in 0..<depth {
                var header: [UInt8] = [0x30]
                let n = bytes.count
                if n < 0x80 {
                    header.append(UInt8(n))
                } else if n < 0x100 {
                    header += [0x81, UInt8(n)]
                } else if n < 0x10000 {
                    header += [0x82, UInt8(n >> 8), UInt8(n & 0xFF)]
                } else {
                    header += [0x83, UInt8(n >> 16), UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)]
                }
                bytes = header + bytes
            }
            return bytes
        }
        try DER.validateStructure(nested(8))
        #expect(throws: DERError.tooDeep(limit: 8)) { try DER.validateStructure(nested(9)) }
        #expect(throws: DERError.tooDeep(limit: 8)) { try DER.validateStructure(nested(10_000)) }
        #expect(throws: DERError.tooDeep(limit: 3)) {
            try DER.validateStructure(nested(4), limits: DER.Limits(maximumDepth: 3))
        }
        var reader = try DER.Reader(nested(3), limits: DER.Limits(maximumDepth: 2))
        var one = try reader.enterSequence()
        var two = try one.enterSequence()
        #expect(throws: DERError.tooDeep(limit: 2)) { try two.enterSequence() }
    }

    @Test("inputs over the size limit are refused up front")
    func sizeLimit() {
        #expect(throws: DERError.inputTooLarge(size: 101, limit: 100)) {
            try DER.Reader([UInt8](repeating: 0, count: 101), limits: DER.Limits(maximumInputSize: 100))
        }
    }

    @Test("the writer makes minimal INTEGERs and shortest lengths, which the strict reader reads back")
    func writerRoundTrip() throws {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<2_000 {
            var magnitude = randomBytes(Int.random(in: 0...300, using: &rng), using: &rng)
            if Bool.random(using: &rng) { magnitude = [0, 0] + magnitude }  // leading zeros are dropped
            let octets = randomBytes(Int.random(in: 0...70_000, using: &rng) / Int.random(in: 1...400, using: &rng), using: &rng)
            let small = Int.random(in: 0...Int(Int32.max), using: &rng)
            var writer = DER.Writer()
            writer.writeSequence { seq in
                seq.writeUnsignedInteger(magnitude: magnitude)
                seq.writeNull()
                seq.writeObjectIdentifier(try! DER.ObjectIdentifier("1.2.840.113549.1.1.1"))
                seq.writeBitString(octets)
                seq.writeOctetString(octets)
                seq.writeUnsignedInteger(small)
            }
            try DER.validateStructure(writer.bytes)
            var reader = try DER.Reader(writer.bytes)
            var seq = try reader.enterSequence()
            let read = try seq.readUnsignedInteger()
            #expect(Array(read) == Array(magnitude.drop(while: { $0 == 0 })))
            try seq.readNull()
            #expect(try seq.readObjectIdentifier().description == "1.2.840.113549.1.1.1")
            #expect(Array(try seq.readByteAlignedBitString()) == octets)
            #expect(Array(try seq.readOctetString()) == octets)
            #expect(try seq.readSmallUnsignedInteger() == small)
            try seq.finish()
            try reader.finish()
        }
    }

    @Test("every prefix of a valid structure is refused as truncated, never trapping")
    func everyTruncation() throws {
        var writer = DER.Writer()
        writer.writeSequence { seq in
            seq.writeUnsignedInteger(magnitude: [UInt8](repeating: 0xC3, count: 200))
            seq.writeSequence { inner in inner.writeNull() }
            seq.writeOctetString([1, 2, 3])
        }
        let bytes = writer.bytes
        try DER.validateStructure(bytes)
        for length in 0..<bytes.count {
            #expect(throws: DERError.self) { try DER.validateStructure(Array(bytes.prefix(length))) }
            do {
                try DER.validateStructure(Array(bytes.prefix(length)))
            } catch {
                guard case .truncated = error else { Issue.record("prefix \(length): \(error)"); continue }
            }
        }
    }

    @Test("random bytes never trap the reader")
    func fuzz() {
        var rng = SeededGenerator(seed: 2024)
        for _ in 0..<50_000 {
            var bytes = randomBytes(Int.random(in: 0...24, using: &rng), using: &rng)
            if Bool.random(using: &rng), !bytes.isEmpty { bytes[0] = 0x30 }
            _ = try? DER.validateStructure(bytes)
            if var reader = try? DER.Reader(bytes) {
                _ = try? reader.readSequence { (s: inout DER.Reader) throws(DERError) in
                    _ = try s.readUnsignedInteger()
                    _ = try s.readBitString()
                    _ = try s.readObjectIdentifier()
                }
            }
        }
    }

    @Test("every error has a sentence")
    func descriptions() {
        let errors: [DERError] = [
            .truncated(needed: 5, available: 2), .trailingData(count: 2), .missingElement(expected: .integer),
            .nonMinimalLength(offset: 1), .indefiniteLength(offset: 0), .lengthTooLarge(offset: 1),
            .unsupportedTag(offset: 0), .unexpectedTag(expected: .sequence, found: .integer, offset: 0),
            .emptyInteger(offset: 0), .nonMinimalInteger(offset: 0), .negativeInteger(offset: 0),
            .integerOutOfRange(offset: 0), .invalidBitString(offset: 0), .unusedBitsNotZero(count: 1, offset: 0),
            .invalidNull(offset: 0), .invalidObjectIdentifier(offset: 0), .tooDeep(limit: 8),
            .inputTooLarge(size: 2, limit: 1), .invalidObjectIdentifierString,
        ]
        for error in errors { #expect(error.description.count > 20) }
        #expect(DERError.trailingData(count: 2).description == "2 unexpected bytes after the end of the structure")
        #expect(DER.Tag.contextSpecific(0, constructed: true).description == "[0]")
    }
}
