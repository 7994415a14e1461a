// SHA-384 and SHA-512 against the NIST CAVP SHAVS (byte-oriented) vectors in Vectors/sha2.
import PureSHA2
import Testing

/// The two members of the SHA-512 family, so each test runs for both.
enum SHA512Family: String, CaseIterable, CustomTestStringConvertible {
    case sha384 = "SHA384"
    case sha512 = "SHA512"

    var testDescription: String { rawValue }

    /// The one-shot digest of `message`, as bytes.
    func hash(_ message: [UInt8]) -> [UInt8] {
        switch self {
        case .sha384: SHA384.hash(data: message).bytes
        case .sha512: SHA512.hash(data: message).bytes
        }
    }

    /// The digest of the concatenation of `parts`, fed through the streaming API.
    func streamed(_ parts: [ArraySlice<UInt8>]) -> [UInt8] {
        switch self {
        case .sha384: Array(streamedDigest(SHA384.self, parts))
        case .sha512: Array(streamedDigest(SHA512.self, parts))
        }
    }

    var byteCount: Int { self == .sha384 ? 48 : 64 }
}

/// Generic over the protocol, as HMAC uses the hashes.
func streamedDigest<H: HashFunction>(_: H.Type, _ parts: [ArraySlice<UInt8>]) -> H.Digest {
    var hasher = H()
    for part in parts { part.withUnsafeBytes { hasher.update(bufferPointer: $0) } }
    return hasher.finalize()
}

@Suite("SHA-384 and SHA-512 match the NIST CAVP vectors")
struct SHA512VectorTests {
    @Test("every ShortMsg record (0 to 128 bytes) hashes to its MD", arguments: SHA512Family.allCases)
    func shortMessages(hash: SHA512Family) throws {
        let vectors = try messageVectors("\(hash.rawValue)ShortMsg.rsp", folder: "sha2")
        #expect(vectors.count == 129)
        #expect(vectors.map(\.message.count) == Array(0...128))
        for vector in vectors {
            #expect(hex(hash.hash(vector.message)) == vector.digestHex, "\(vector)")
        }
    }

    @Test("every LongMsg record hashes to its MD", arguments: SHA512Family.allCases)
    func longMessages(hash: SHA512Family) throws {
        let vectors = try messageVectors("\(hash.rawValue)LongMsg.rsp", folder: "sha2")
        #expect(vectors.count == 128)
        #expect(vectors.allSatisfy { $0.message.count > 128 })
        for vector in vectors {
            #expect(hex(hash.hash(vector.message)) == vector.digestHex, "\(vector)")
        }
    }

    @Test("the Monte Carlo chain reproduces all 100 checkpoints", arguments: SHA512Family.allCases)
    func monteCarlo(hash: SHA512Family) throws {
        let lines = try keyValueLines("\(hash.rawValue)Monte.rsp", folder: "sha2")
        let seedHex = try #require(lines.first { $0.key == "Seed" }?.value)
        var seed = try hexBytes(seedHex)
        #expect(seed.count == hash.byteCount)
        let checkpoints = lines.filter { $0.key == "MD" }.map { $0.value.lowercased() }
        #expect(checkpoints.count == 100)
        for (count, expected) in checkpoints.enumerated() {
            // MD0 = MD1 = MD2 = Seed; MDi = H(MD(i-3) || MD(i-2) || MD(i-1)) for i = 3...1002.
            var window = [seed, seed, seed]
            for _ in 3...1002 {
                window = [window[1], window[2], hash.hash(window[0] + window[1] + window[2])]
            }
            seed = window[2]
            #expect(hex(seed) == expected, "COUNT = \(count)")
            if hex(seed) != expected { break }  // later checkpoints all depend on this one
        }
    }
}
