// Streaming SHA-384/SHA-512 agrees with one-shot hashing, however the message is split; and the
// digest types behave as fixed-size values.
@testable import PureSHA2
import Testing

@Suite("streaming SHA-384 and SHA-512 equal one-shot hashing")
struct SHA512StreamingTests {
    @Test(
        "a 300-byte message split in two at every offset gives the one-shot digest",
        arguments: SHA512Family.allCases)
    func everySplit(hash: SHA512Family) {
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let oneShot = hash.hash(message)
        for split in 0...message.count {
            let parts = [message[..<split], message[split...]]
            #expect(hash.streamed(parts) == oneShot, "split at \(split)")
        }
        // And in three parts around the first block boundary (127/128/129 bytes in).
        for first in 120...130 {
            for second in first...260 where second % 7 == 0 || second == first {
                let parts = [message[..<first], message[first..<second], message[second...]]
                #expect(hash.streamed(parts) == oneShot, "splits at \(first), \(second)")
            }
        }
    }

    @Test(
        "byte-at-a-time and non-contiguous input equal one-shot on the padding boundaries",
        arguments: SHA512Family.allCases)
    func byteAtATime(hash: SHA512Family) {
        for length in [0, 1, 111, 112, 113, 127, 128, 129, 239, 240, 255, 256, 257] {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ 1) }
            let oneShot = hash.hash(message)
            #expect(hash.streamed(message.indices.map { message[$0...$0] }) == oneShot, "\(length) bytes")
            let nonContiguous =
                switch hash {
                case .sha384: SHA384.hash(data: NonContiguousBytes(bytes: message)).bytes
                case .sha512: SHA512.hash(data: NonContiguousBytes(bytes: message)).bytes
                }
            #expect(nonContiguous == oneShot, "\(length) bytes, non-contiguous")
            let viaBuffer = message.withUnsafeBytes { buffer in
                switch hash {
                case .sha384: SHA384.hash(bufferPointer: buffer).bytes
                case .sha512: SHA512.hash(bufferPointer: buffer).bytes
                }
            }
            #expect(viaBuffer == oneShot, "\(length) bytes, buffer pointer")
        }
    }

    @Test("finalize leaves the hasher usable, and a copied hasher forks the computation")
    func finalizeAndCopy() {
        let message = Array(repeating: UInt8(0x61), count: 200)
        var hasher = SHA512()
        hasher.update(data: message.prefix(150))
        let prefixDigest = hasher.finalize()
        var fork = hasher
        hasher.update(data: message.dropFirst(150))
        fork.update(data: [1])
        #expect(prefixDigest == SHA512.hash(data: message.prefix(150)))
        #expect(hasher.finalize() == SHA512.hash(data: message))
        #expect(fork.finalize() == SHA512.hash(data: message.prefix(150) + [1]))
    }

    @Test("the FIPS 180-2 'abc' examples (appendix C.1 and D.1), with the String UTF-8 view")
    func abc() {
        #expect(
            SHA512.hash(data: "abc".utf8).description
                == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(
            SHA384.hash(data: "abc".utf8).description
                == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed"
                + "8086072ba1e7cc2358baeca134c825a7")
    }
}

@Suite("SHA384Digest and SHA512Digest behave as fixed-size values")
struct SHA512DigestTests {
    @Test("sizes, byte views, hex description and a flipped bit in any byte")
    func values() throws {
        let digest512 = SHA512.hash(data: [UInt8]())
        let digest384 = SHA384.hash(data: [UInt8]())
        #expect(SHA512Digest.byteCount == 64 && digest512.count == 64 && SHA512.blockByteCount == 128)
        #expect(SHA384Digest.byteCount == 48 && digest384.count == 48 && SHA384.blockByteCount == 128)
        #expect(digest512.withUnsafeBytes { Array($0) } == digest512.bytes)
        #expect(digest384.withUnsafeBytes { Array($0) } == digest384.bytes)
        #expect(digest512.description == hex(digest512.bytes))
        #expect(digest384.description == hex(digest384.bytes))
        #expect(SHA512Digest(bytes: Array(digest512.bytes.dropLast())) == nil)
        #expect(SHA384Digest(bytes: digest512.bytes) == nil)
        for position in 0..<64 {
            var bytes = digest512.bytes
            bytes[position] ^= 1 << (position % 8)
            let changed = try #require(SHA512Digest(bytes: bytes))
            #expect(changed != digest512, "SHA-512 byte \(position)")
            #expect(try #require(SHA512Digest(bytes: changed.bytes)) == changed)
            if position < 48 {
                var short = digest384.bytes
                short[position] ^= 0x80
                #expect(try #require(SHA384Digest(bytes: short)) != digest384, "SHA-384 byte \(position)")
            }
        }
        #expect(Set([digest512, SHA512.hash(data: [UInt8]())]).count == 1)
    }
}
