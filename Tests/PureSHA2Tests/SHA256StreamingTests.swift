// Streaming (update/finalize) agrees with one-shot hashing, whatever the chunking.
import PureSHA2
import Testing

/// A sequence with no contiguous storage, to exercise the byte-at-a-time path of `update(data:)`.
struct NonContiguousBytes: Sequence {
    let bytes: [UInt8]
    func makeIterator() -> IndexingIterator<[UInt8]> { bytes.makeIterator() }
}

@Suite("streaming SHA-256 equals one-shot SHA-256")
struct SHA256StreamingTests {
    @Test("padding-boundary lengths match hashlib (boundaries.rsp, from boundaries.py)")
    func boundariesMatchHashlib() throws {
        let vectors = try messageVectors("boundaries.rsp")
        #expect(vectors.map(\.message.count) == [0, 55, 56, 63, 64, 65, 119, 120, 128])
        for vector in vectors {
            #expect(SHA256.hash(data: vector.message).description == vector.digestHex, "\(vector)")
        }
    }

    @Test(
        "byte-at-a-time streaming equals one-shot on every padding boundary",
        arguments: [0, 55, 56, 63, 64, 65, 119, 120, 128])
    func byteAtATime(length: Int) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hasher = SHA256()
        for byte in message { hasher.update(data: [byte]) }
        let oneShot = SHA256.hash(data: message)
        #expect(hasher.finalize() == oneShot)
        var nonContiguous = SHA256()
        nonContiguous.update(data: NonContiguousBytes(bytes: message))
        #expect(nonContiguous.finalize() == oneShot)
        let viaBuffer = message.withUnsafeBytes { SHA256.hash(bufferPointer: $0) }
        #expect(viaBuffer == oneShot)
    }

    @Test("random chunk sizes give the one-shot digest (seeded, 300 messages up to 1 KiB)")
    func randomChunks() {
        var rng = SeededGenerator(seed: 0x5348_4132_3536)
        for trial in 0..<300 {
            let length = Int.random(in: 0...1024, using: &rng)
            let message = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            var hasher = SHA256()
            var chunks: [Int] = []
            var offset = 0
            while offset < length {
                let size = min(length - offset, Int.random(in: 0...150, using: &rng))
                chunks.append(size)
                if trial % 2 == 0 {
                    hasher.update(data: message[offset..<offset + size])
                } else {
                    message[offset..<offset + size].withUnsafeBytes { hasher.update(bufferPointer: $0) }
                }
                offset += size
            }
            #expect(hasher.finalize() == SHA256.hash(data: message), "trial \(trial), chunks \(chunks)")
        }
    }

    @Test("finalize leaves the hasher usable: hashing continues as if it were not called")
    func finalizeDoesNotConsume() {
        let message = Array("The quick brown fox jumps over the lazy dog, twice over.".utf8)
        var hasher = SHA256()
        hasher.update(data: message.prefix(20))
        let prefixDigest = hasher.finalize()
        hasher.update(data: message.dropFirst(20))
        #expect(prefixDigest == SHA256.hash(data: message.prefix(20)))
        #expect(hasher.finalize() == SHA256.hash(data: message))
    }

    @Test("a copied hasher forks the computation")
    func copyForks() {
        var base = SHA256()
        base.update(data: Array(repeating: UInt8(0x61), count: 100))
        var left = base
        var right = base
        left.update(data: [1])
        right.update(data: [2])
        #expect(left.finalize() == SHA256.hash(data: Array(repeating: UInt8(0x61), count: 100) + [1]))
        #expect(right.finalize() == SHA256.hash(data: Array(repeating: UInt8(0x61), count: 100) + [2]))
        #expect(left.finalize() != right.finalize())
    }

    @Test("String UTF-8 views hash like their bytes")
    func utf8View() {
        let text = "abc"
        #expect(SHA256.hash(data: text.utf8) == SHA256.hash(data: Array(text.utf8)))
        // The "abc" example of FIPS 180-2, appendix B.1.
        #expect(
            SHA256.hash(data: text.utf8).description
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
