// The whole RS256 signing path under valgrind: a key loaded from DER, messages hashed, EMSA
// encoding, both CRT exponentiations, the recombination and the check before release.
//
//   ct-check memcheck-sign (library|leaky) KEY.der   the key's secret integers (d, p, q, dP, dQ,
//        qInv) are marked undefined in the DER bytes before loading, so everything derived from
//        them is too; memcheck's error count is read after loading and after signing. Signing may
//        add errors only at the four declassification points of the release decision (listed in
//        Scripts/constant-time.sh); `leaky` signs with BigUInt's variable-time power instead (a
//        control: it must add errors elsewhere).
//   ct-check count-sign (library|leaky) KEY.der SEED  one signing of a 64-byte message chosen by
//        SEED, counted by callgrind --toggle-collect='*measureSigning*' (`leaky`: the control)
import CMemcheck
@_spi(Internals) import PureBigNum
@_spi(Internals) import PureDER
@_spi(Internals) import PureRSA
#if canImport(Glibc)
import Glibc
#endif

func readFile(_ path: String) -> [UInt8] {
    guard let file = fopen(path, "rb") else {
        print("cannot open \(path)")
        exit(2)
    }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let n = fread(&buffer, 1, buffer.count, file)
        if n <= 0 { break }
        bytes += buffer[0..<n]
    }
    return bytes
}

/// The byte ranges of d, p, q, dP, dQ and qInv inside a PKCS#1 RSAPrivateKey, each without its
/// first two bytes: the DER reader looks at those to check the INTEGER is minimal, and they say
/// no more than the length octets already do (the size of each number, which is public).
func secretRanges(pkcs1 der: [UInt8]) -> [Range<Int>] {
    do throws(DERError) {
        var reader = try DER.Reader(der)
        return try reader.readSequence { (fields: inout DER.Reader) throws(DERError) -> [Range<Int>] in
            var ranges: [Range<Int>] = []
            for index in 0..<9 {
                let content = try fields.readInteger()
                if index >= 3 && content.count > 2 { ranges.append((content.startIndex + 2)..<content.endIndex) }
            }
            return ranges
        }
    } catch {
        print("not a PKCS#1 RSAPrivateKey: \(error)")
        exit(2)
    }
}

/// The signing whose instructions callgrind counts (the name is the toggle pattern).
@inline(never)
func measureSigning(_ key: RSAPrivateKey, _ message: [UInt8], variant: String) -> [UInt8] {
    switch variant {
    case "leaky": return leakySignature(key, message)
    // RSASSA-PSS (PS256): the same CRT core and check before release, another encoding with a
    // fresh random salt (public, like the message).
    case "pss": return (try? key.signature(for: message, padding: .PSS).rawRepresentation) ?? []
    default: return (try? key.signature(for: message).rawRepresentation) ?? []
    }
}

/// Variable-time control: s = EM^d mod n with BigUInt (square-and-multiply, Knuth division).
func leakySignature(_ key: RSAPrivateKey, _ message: [UInt8]) -> [UInt8] {
    let components = key.privateComponents
    let n = BigUInt(bigEndianBytes: components.modulus)
    let d = BigUInt(bigEndianBytes: components.privateExponent)
    let em = BigUInt(bigEndianBytes: message + [UInt8](repeating: 1, count: 200))
    return (try? em.power(d, modulus: n).bigEndianBytes()) ?? []
}

func memcheckSigning(_ variant: String, path: String) {
    var der = readFile(path)
    let ranges = secretRanges(pkcs1: der)
    der.withUnsafeMutableBytes { buffer in
        for range in ranges { ct_secret(buffer.baseAddress! + range.lowerBound, range.count) }
    }
    let beforeLoad = ct_error_count()
    let key: RSAPrivateKey
    do {
        key = try RSAPrivateKey(derRepresentation: der, policy: .allowingLegacySizes)
    } catch {
        print("cannot load the key: \(error)")
        exit(2)
    }
    let afterLoad = ct_error_count()
    var signatures: [[UInt8]] = []
    for length in [0, 1, 64, 1000] {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        signatures.append(measureSigning(key, message, variant: variant))
    }
    let afterSigning = ct_error_count()
    // The signatures are released: public from here on.
    var checksum: UInt8 = 0
    for var s in signatures {
        s.withUnsafeMutableBytes { ct_public($0.baseAddress, $0.count) }
        for byte in s { checksum ^= byte }
    }
    print(
        "memcheck-sign \(variant) \(key.keySizeInBits) bits: secret bytes \(ranges.map(\.count).reduce(0, +)); "
            + "load errors \(afterLoad - beforeLoad); signing errors \(afterSigning - afterLoad); "
            + "\(signatures.count) signatures, checksum \(checksum)")
}

func countSigning(_ variant: String, path: String, seed: UInt64) {
    let key: RSAPrivateKey
    do {
        key = try RSAPrivateKey(derRepresentation: readFile(path), policy: .allowingLegacySizes)
    } catch {
        print("cannot load the key: \(error)")
        exit(2)
    }
    var random = Random(state: seed)
    // The same allocations for every seed: one 64-byte array, filled in place.
    var message = [UInt8](repeating: 0, count: 64)
    for i in 0..<64 { message[i] = UInt8(truncatingIfNeeded: random.next()) }
    // Warm-up, not counted: the first signing binds symbols lazily, instantiates generic metadata
    // and looks up protocol conformances (measured: ~108,000 instructions of runtime work whose
    // count moved with the process's environment). The counted signing comes second; the warm-up
    // calls the library directly (a function named like the toggle pattern would be counted).
    let warmUp = [UInt8](repeating: 0, count: 64)
    _ = variant == "pss" ? try? key.signature(for: warmUp, padding: .PSS) : try? key.signature(for: warmUp)
    let signature = measureSigning(key, message, variant: variant)
    print("count-sign \(variant) \(key.keySizeInBits) bits seed \(seed): \(signature.count) bytes")
}
