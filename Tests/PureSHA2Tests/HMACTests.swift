// HMAC-SHA-256/384/512 against RFC 4231 and against Python's `hmac` module.
import Foundation
import PureSHA2
import Testing

/// The three hashes HMAC is used with, so each test runs for all of them.
enum HMACHash: String, CaseIterable, CustomTestStringConvertible {
    case sha256, sha384, sha512

    var testDescription: String { "HMAC-" + rawValue.uppercased() }

    var tagByteCount: Int { [HMACHash.sha256: 32, .sha384: 48, .sha512: 64][self]! }
    var blockByteCount: Int { self == .sha256 ? 64 : 128 }

    /// The tag of `message` under `key`, one shot.
    func tag(_ key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        let key = SymmetricKey(data: key)
        return switch self {
        case .sha256: HMAC<SHA256>.authenticationCode(for: message, using: key).bytes
        case .sha384: HMAC<SHA384>.authenticationCode(for: message, using: key).bytes
        case .sha512: HMAC<SHA512>.authenticationCode(for: message, using: key).bytes
        }
    }

    /// Whether `tag` authenticates `message` under `key`.
    func isValid(_ tag: some Sequence<UInt8>, _ key: [UInt8], _ message: [UInt8]) -> Bool {
        let key = SymmetricKey(data: key)
        return switch self {
        case .sha256: HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: message, using: key)
        case .sha384: HMAC<SHA384>.isValidAuthenticationCode(tag, authenticating: message, using: key)
        case .sha512: HMAC<SHA512>.isValidAuthenticationCode(tag, authenticating: message, using: key)
        }
    }

    /// The tag of the concatenation of `parts`, fed through `update(data:)`.
    func streamedTag(_ key: [UInt8], _ parts: [ArraySlice<UInt8>]) -> [UInt8] {
        switch self {
        case .sha256: streamed(HMAC<SHA256>(key: SymmetricKey(data: key)), parts)
        case .sha384: streamed(HMAC<SHA384>(key: SymmetricKey(data: key)), parts)
        case .sha512: streamed(HMAC<SHA512>(key: SymmetricKey(data: key)), parts)
        }
    }
}

private func streamed<H: HashFunction>(_ start: HMAC<H>, _ parts: [ArraySlice<UInt8>]) -> [UInt8] {
    var mac = start
    for part in parts { mac.update(data: part) }
    return mac.finalize().bytes
}

/// One RFC 4231 record.
struct HMACVector: CustomStringConvertible {
    let key: [UInt8]
    let message: [UInt8]
    let tagHex: String
    var description: String { "\(key.count)-byte key, \(message.count)-byte message" }
}

/// The `Key`/`Msg`/`MD` records of `Vectors/hmac/rfc-4231-NAME.txt`.
func rfc4231Vectors(_ hash: HMACHash) throws -> [HMACVector] {
    var vectors: [HMACVector] = []
    var key: [UInt8]?
    var message: [UInt8]?
    for (name, value) in try keyValueLines("rfc-4231-\(hash.rawValue).txt", folder: "hmac") {
        switch name {
        case "Key": key = (try? hexBytes(value))
        case "Msg": message = (try? hexBytes(value))
        case "MD":
            guard let k = key, let m = message else {
                throw VectorFileError(file: "rfc-4231-\(hash.rawValue).txt", reason: "MD without Key and Msg before it")
            }
            vectors.append(HMACVector(key: k, message: m, tagHex: value.lowercased()))
            (key, message) = (nil, nil)
        default: continue
        }
    }
    return vectors
}

@Suite("HMAC matches RFC 4231 and Python's hmac module")
struct HMACTests {
    @Test(
        "RFC 4231 test cases 1–4, 6 and 7 (6 and 7: a 131-byte key, hashed first)",
        arguments: HMACHash.allCases)
    func rfc4231(hash: HMACHash) throws {
        let vectors = try rfc4231Vectors(hash)
        #expect(vectors.count == 6)
        #expect(vectors.map(\.key.count) == [20, 4, 20, 25, 131, 131])
        for vector in vectors {
            let tag = hash.tag(vector.key, vector.message)
            #expect(hex(tag) == vector.tagHex, "\(vector)")
            #expect(hash.isValid(try hexBytes(vector.tagHex), vector.key, vector.message), "\(vector)")
        }
    }

    @Test(
        "random keys of 0 to 300 bytes (across both block sizes) and messages agree with Python's hmac",
        arguments: HMACHash.allCases)
    func againstPython(hash: HMACHash) throws {
        let cases = try pythonHMACCases(hash, seed: 4231)
        #expect(cases.count == 400)
        let blockSizes = [hash.blockByteCount - 1, hash.blockByteCount, hash.blockByteCount + 1]
        #expect(Set(cases.map(\.key.count)).isSuperset(of: [0, 1, 63, 64, 65, 127, 128, 129, 300] + blockSizes))
        for entry in cases {
            #expect(hex(hash.tag(entry.key, entry.message)) == entry.tagHex, "\(entry)")
        }
    }

    @Test(
        "streaming, split at every offset of a 300-byte message, equals one shot; finalize does not consume",
        arguments: HMACHash.allCases)
    func streaming(hash: HMACHash) {
        let key = (0..<70).map { UInt8(truncatingIfNeeded: $0 &* 5 &+ 11) }
        let message = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let oneShot = hash.tag(key, message)
        for split in 0...message.count {
            #expect(hash.streamedTag(key, [message[..<split], message[split...]]) == oneShot, "split at \(split)")
        }
        var mac = HMAC<SHA256>(key: SymmetricKey(data: key))
        mac.update(data: message.prefix(100))
        let prefixTag = mac.finalize()
        mac.update(data: message.dropFirst(100))
        #expect(prefixTag.bytes == HMACHash.sha256.tag(key, Array(message.prefix(100))))
        #expect(mac.finalize().bytes == HMACHash.sha256.tag(key, message))
    }

    @Test(
        "isValidAuthenticationCode refuses every one-bit change, a truncated, extended or empty code",
        arguments: HMACHash.allCases)
    func refusals(hash: HMACHash) {
        let key = Array("Jefe".utf8)
        let message = Array("what do ya want for nothing?".utf8)
        let tag = hash.tag(key, message)
        #expect(tag.count == hash.tagByteCount)
        #expect(hash.isValid(tag, key, message))
        #expect(hash.isValid(tag[...], key, message))
        #expect(hash.isValid(NonContiguousBytes(bytes: tag), key, message))
        for position in tag.indices {
            for bit in 0..<8 {
                var forged = tag
                forged[position] ^= 1 << bit
                #expect(!hash.isValid(forged, key, message), "byte \(position), bit \(bit)")
            }
        }
        #expect(!hash.isValid(tag.dropLast(), key, message))
        #expect(!hash.isValid(tag + [0], key, message))
        #expect(!hash.isValid([UInt8](), key, message))
        #expect(!hash.isValid(tag, key.dropLast() + [key.last! ^ 1], message))
        // RFC 2104 pads a short key with zeros, so a trailing zero byte does not change the key.
        #expect(hash.isValid(tag, key + [0], message))
        #expect(!hash.isValid(tag, key, message + [0]))
    }

    @Test("the code value: byte count, hex description, == and byte views")
    func codeValue() throws {
        let key = SymmetricKey(data: Array("key".utf8))
        #expect(key.bitCount == 24)
        let code = HMAC<SHA512>.authenticationCode(for: Array("message".utf8), using: key)
        #expect(HashedAuthenticationCode<SHA512>.byteCount == 64 && code.count == 64)
        #expect(code.description == hex(code.bytes))
        #expect(code.withUnsafeBytes { Array($0) } == code.bytes)
        #expect(code == HMAC<SHA512>.authenticationCode(for: Array("message".utf8), using: key))
        #expect(code != HMAC<SHA512>.authenticationCode(for: Array("messagf".utf8), using: key))
        #expect(HMAC<SHA256>.authenticationCode(for: [UInt8](), using: key).count == 32)
        #expect(HMAC<SHA384>.authenticationCode(for: [UInt8](), using: key).count == 48)
    }
}

/// One case generated by Python.
struct PythonHMACCase: CustomStringConvertible {
    let key: [UInt8]
    let message: [UInt8]
    let tagHex: String
    var description: String { "key \(hex(key)), \(message.count)-byte message" }
}

/// Runs python3: 400 cases of `hmac.new(key, message, hashlib.NAME)`, with keys of every length
/// in a list that crosses both block sizes (0, 1, 31…33, 47…49, 63…65, 127…129, 300) followed by
/// random lengths in 0…300, and random messages of 0…400 bytes, from `random.Random(seed)`.
func pythonHMACCases(_ hash: HMACHash, seed: Int) throws -> [PythonHMACCase] {
    let script = """
        import hashlib, hmac, random, sys
        name, seed = sys.argv[1], int(sys.argv[2])
        rng = random.Random(seed)
        fixed = [0, 1, 31, 32, 33, 47, 48, 49, 63, 64, 65, 127, 128, 129, 300]
        for i in range(400):
            n = fixed[i] if i < len(fixed) else rng.randint(0, 300)
            key = bytes(rng.getrandbits(8) for _ in range(n))
            msg = bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 400)))
            print(key.hex() or "-", msg.hex() or "-", hmac.new(key, msg, getattr(hashlib, name)).hexdigest())
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, hash.rawValue, String(seed)]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw VectorFileError(file: "python3", reason: "exited with status \(process.terminationStatus)")
    }
    return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { line in
        let fields = line.split(separator: " ").map { $0 == "-" ? "" : String($0) }
        guard fields.count == 3, let key = (try? hexBytes(fields[0])), let message = (try? hexBytes(fields[1])) else {
            throw VectorFileError(file: "python3", reason: "unexpected line \(line.prefix(80))")
        }
        return PythonHMACCase(key: key, message: message, tagHex: fields[2])
    }
}
