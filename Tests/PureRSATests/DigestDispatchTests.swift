// The digest entry points are generic over `Digest` (as swift-crypto's are) and pick the hash by
// the digest's length. A conformer from outside the library of a SHA-2 length signs as that
// hash; any other length is refused with a sentence (signing) or never verifies.
import PureSHA2
import Testing
@testable import PureRSA

/// A `Digest` conformer this library does not make, its bytes in an array.
protocol ForeignDigest: Digest {
    var storage: [UInt8] { get }
}

extension ForeignDigest {
    /// `Array.withUnsafeBytes` rethrows untyped; the protocol's requirement throws `Failure`.
    func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = storage.withUnsafeBytes { raw in
            do throws(Failure) { return .success(try body(raw)) } catch { return .failure(error) }
        }
        return try outcome.get()
    }
}

/// 20 bytes: no SHA-2 length.
struct Foreign20: ForeignDigest {
    static let byteCount = 20
    let storage: [UInt8]
}

/// 32 bytes: SHA-256's length.
struct Foreign32: ForeignDigest {
    static let byteCount = 32
    let storage: [UInt8]
}

@Suite struct DigestDispatchTests {
    @Test func aDigestOfAnotherLengthIsRefusedWithASentenceAndNeverVerifies() throws {
        let key = try KeyValidationTests.demoKey()
        let digest = Foreign20(storage: [UInt8](repeating: 0xA5, count: 20))
        #expect(throws: RSAError.unsupportedDigest(byteCount: 20)) { try key.signature(for: digest) }
        #expect(throws: RSAError.unsupportedDigest(byteCount: 20)) { try key.signature(for: digest, padding: .PSS) }
        #expect(
            RSAError.unsupportedDigest(byteCount: 20).description
                == "a 20-byte digest is not a SHA-256, SHA-384 or SHA-512 digest; RSA signs only those (hash with SHA256, SHA384 or SHA512)")
        let any = try key.signature(for: Array("m".utf8))
        #expect(!key.publicKey.isValidSignature(any, for: digest))
        #expect(!key.publicKey.isValidSignature(any, for: digest, padding: .PSS))
    }

    @Test func aThirtyTwoByteDigestFromElsewhereSignsAsSHA256() throws {
        let key = try KeyValidationTests.demoKey()
        let message = Array("header.payload".utf8)
        let ours = SHA256.hash(data: message)
        let foreign = Foreign32(storage: ours.bytes)
        let signature = try key.signature(for: foreign)
        #expect(signature == (try key.signature(for: ours)))
        #expect(signature == (try key.signature(for: message)))  // the message overload hashes
        #expect(key.publicKey.isValidSignature(signature, for: foreign))
        #expect(key.publicKey.isValidSignature(signature, for: message))
        let pss = try key.signature(for: foreign, padding: .PSS)
        #expect(key.publicKey.isValidSignature(pss, for: ours, padding: .PSS))
        #expect(!key.publicKey.isValidSignature(pss, for: ours))
    }
}
