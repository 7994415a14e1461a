// The digest value type: equality, hex, bytes.
@testable import PureSHA2
import Testing

@Suite("SHA256Digest behaves as a 32-byte value")
struct SHA256DigestTests {
    @Test("description is the 64 lowercase hex digits of the bytes")
    func hexDescription() throws {
        for vector in try messageVectors("SHA256ShortMsg.rsp").prefix(10) {
            let digest = SHA256.hash(data: vector.message)
            #expect(digest.description == hex(digest.bytes))
            #expect(digest.description == vector.digestHex)
            #expect("\(digest)" == vector.digestHex)
        }
    }

    @Test("bytes, collection view and withUnsafeBytes agree and hold 32 bytes")
    func byteViews() {
        let digest = SHA256.hash(data: [UInt8]())
        #expect(SHA256Digest.byteCount == 32)
        #expect(digest.count == 32)
        #expect(digest.bytes.count == 32)
        #expect(Array(digest) == digest.bytes)
        #expect(digest.withUnsafeBytes { Array($0) } == digest.bytes)
        #expect(hex([digest[0], digest[31]]) == "e355")  // first and last byte of e3b0…b855
        #expect(SHA256Digest(bytes: digest.bytes) == digest)
        #expect(SHA256Digest(bytes: Array(digest.bytes.dropLast())) == nil)
    }

    @Test("== sees a difference in any single bit of any byte, and equal digests hash alike")
    func equality() throws {
        let digest = SHA256.hash(data: Array("a".utf8))
        #expect(digest == SHA256.hash(data: Array("a".utf8)))
        #expect(Set([digest, SHA256.hash(data: Array("a".utf8))]).count == 1)
        for position in 0..<32 {
            for bit in 0..<8 {
                var bytes = digest.bytes
                bytes[position] ^= 1 << bit
                let changed = try #require(SHA256Digest(bytes: bytes))
                #expect(changed != digest, "byte \(position), bit \(bit)")
                #expect(changed[position] == bytes[position])
            }
        }
    }
}
