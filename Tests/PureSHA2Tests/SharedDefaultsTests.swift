// The members every hash and digest share come from one extension of `HashFunction` and of
// `Digest` (HashFunction.swift). These tests hold each of the three types to them; the oracle is
// the vector-checked contiguous path (and, for the hex text, Python's hashlib value of "abc").
import PureSHA2
import Testing

@Suite("hashes and digests share one set of members")
struct SharedDefaultsTests {
    /// One digest of each kind, with its changed-one-bit twins, as byte arrays.
    static func flipsAreSeen<D: Digest>(_ digest: D, _ make: ([UInt8]) -> D?) {
        #expect(digest == make(digest.bytes), "\(D.self) equal to itself")
        #expect(Set([digest, make(digest.bytes)!]).count == 1, "\(D.self) hashes alike")
        for position in 0..<D.byteCount {
            var bytes = digest.bytes
            bytes[position] ^= 1 << UInt8(position % 8)
            #expect(make(bytes) != digest, "\(D.self): byte \(position) changed")
        }
    }

    @Test("== sees a one-bit change in any byte of a SHA-256, SHA-384 or SHA-512 digest")
    func equality() {
        let message = Array("abc".utf8)
        Self.flipsAreSeen(SHA256.hash(data: message)) { SHA256Digest(bytes: $0) }
        Self.flipsAreSeen(SHA384.hash(data: message)) { SHA384Digest(bytes: $0) }
        Self.flipsAreSeen(SHA512.hash(data: message)) { SHA512Digest(bytes: $0) }
    }

    @Test("count, indices, description and byteCount agree for the three digests")
    func collectionMembers() {
        let message = Array("abc".utf8)
        // hashlib.sha256(b"abc").hexdigest()
        #expect(SHA256.hash(data: message).description == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.byteCount == 32 && SHA384.byteCount == 48 && SHA512.byteCount == 64)
        #expect(SHA256.hash(data: message).count == 32 && SHA384.hash(data: message).count == 48)
        let digest = SHA512.hash(data: message)
        #expect(digest.indices == 0..<64 && digest.description.count == 128)
        #expect(digest.description == digest.bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined())
    }

    @Test("non-contiguous input (through the 64-byte stack buffer) equals contiguous input")
    func nonContiguousInput() {
        for length in [0, 1, 63, 64, 65, 127, 128, 129, 300] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let other = NonContiguousBytes(bytes: message)
            #expect(SHA256.hash(data: other) == SHA256.hash(data: message), "SHA-256, \(length) bytes")
            #expect(SHA384.hash(data: other) == SHA384.hash(data: message), "SHA-384, \(length) bytes")
            #expect(SHA512.hash(data: other) == SHA512.hash(data: message), "SHA-512, \(length) bytes")
            var streamed = SHA256()
            streamed.update(data: other.bytes.prefix(length / 2))
            streamed.update(data: NonContiguousBytes(bytes: Array(message.dropFirst(length / 2))))
            #expect(streamed.finalize() == SHA256.hash(data: message), "SHA-256 split, \(length) bytes")
        }
    }
}
