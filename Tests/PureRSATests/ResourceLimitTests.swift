// Resource limits on key input: a 10 MB PEM, a DER length claiming 4 GiB, a 65,537-bit modulus.
// Each must be refused with a clear error, at once, without memory growing with the claim.
import Foundation
import Testing
@_spi(Internals) import PureBigNum
@_spi(Internals) import PureDER
@_spi(Internals) import PureRSA

/// Runs `body` three times and reports the least wall time and the least rise of the resident
/// set above its level before a call (peak, from /proc/self/status VmHWM after resetting it
/// through /proc/self/clear_refs). Tests running at the same time in this process can only add to
/// a figure, so the least of three is the one that says what `body` itself costs.
func measured<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double, peakGrowthMiB: Double) {
    func status(_ field: String) -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
            let kib = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kib / 1024
    }
    var best = (seconds: Double.infinity, growth: Double.infinity)
    var value: T? = nil
    for _ in 0..<3 {
        try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
        let before = status("VmRSS")
        let start = ContinuousClock.now
        value = try body()
        let elapsed = ContinuousClock.now - start
        let peak = status("VmHWM")
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = (min(best.seconds, seconds), min(best.growth, max(0, peak - before)))
    }
    return (value!, best.seconds, best.growth)
}

/// The bounds every refusal here must meet: well under a second even in a debug or sanitizer
/// build, and no more memory than a small multiple of a real key (the inputs are 10 MB and more).
let quickly = 1.0
let smallMiB = 16.0

/// A syntactically valid PEM block of about `megabytes` MB (64-character base64 lines).
func hugePEM(label: String, megabytes: Int) -> String {
    let line = String(repeating: "A", count: 64) + "\n"
    let lines = megabytes * 1_000_000 / line.utf8.count
    return "-----BEGIN \(label)-----\n" + String(repeating: line, count: lines) + "-----END \(label)-----\n"
}

@Suite(.serialized) struct KeyResourceLimitTests {
    @Test func aTenMegabytePEMIsRefusedAtOnceByEveryKeyEntryPoint() {
        let pem = hugePEM(label: "PRIVATE KEY", megabytes: 10)
        #expect(pem.utf8.count > 10_000_000)
        let loader = measured { Result { () throws(RSAKeyFormatError) in try RSAKeyLoader.load(pem) } }
        let privatePEM = measured { Result { () throws(RSAError) in try RSAPrivateKey(pemRepresentation: pem) } }
        let publicPEM = measured { Result { () throws(RSAError) in try RSAPublicKey(pemRepresentation: pem) } }
        let loading = measured { Result { () throws(RSAError) in try RSAPrivateKey(loading: pem) } }
        let runs: [(String, (value: String, seconds: Double, peakGrowthMiB: Double))] = [
            ("RSAKeyLoader.load", (loader.value.failureDescription, loader.seconds, loader.peakGrowthMiB)),
            ("RSAPrivateKey(pemRepresentation:)", (privatePEM.value.failureDescription, privatePEM.seconds, privatePEM.peakGrowthMiB)),
            ("RSAPublicKey(pemRepresentation:)", (publicPEM.value.failureDescription, publicPEM.seconds, publicPEM.peakGrowthMiB)),
            ("RSAPrivateKey(loading:)", (loading.value.failureDescription, loading.seconds, loading.peakGrowthMiB)),
        ]
        for (name, run) in runs {
            #expect(run.value.contains("\(pem.utf8.count) bytes, more than"), "\(name): \(run.value)")
            #expect(run.seconds < quickly, "\(name) took \(run.seconds) s")
            #expect(run.peakGrowthMiB < smallMiB, "\(name) grew the resident set by \(run.peakGrowthMiB) MiB")
        }
    }

    @Test func aDERLengthClaimingFourGibibytesIsRefusedWithoutAllocating() {
        // SEQUENCE, long form with four length octets FF FF FF FF (4 GiB − 1), then a few bytes.
        let claim: [UInt8] = [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x02, 0x01, 0x00]
        let reader = measured { () -> DERError? in
            do throws(DERError) {
                var r = try DER.Reader(claim)
                _ = try r.readElement()
                return nil
            } catch { return error }
        }
        #expect(reader.value == .truncated(needed: 4_294_967_301, available: 9))
        #expect(reader.seconds < quickly && reader.peakGrowthMiB < smallMiB)
        // Five length octets (a claim beyond 4 GiB) are refused by form.
        #expect(throws: DERError.lengthTooLarge(offset: 1)) {
            var r = try DER.Reader([0x30, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00])
            _ = try r.readElement()
        }
        // The same claim inside a key, through the loader and the key types.
        let key: [UInt8] = [0x30, 0x0A, 0x02, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00]
        let loaded = measured { Result { () throws(RSAKeyFormatError) in try RSAKeyLoader.load(bytes: key) } }
        #expect(loaded.value.failureDescription.contains("cut short"), "\(loaded.value.failureDescription)")
        #expect(loaded.seconds < quickly && loaded.peakGrowthMiB < smallMiB)
        let privateDER = Result { () throws(RSAError) in try RSAPrivateKey(derRepresentation: key) }
        #expect(privateDER.failureDescription.contains("cut short"), "\(privateDER.failureDescription)")
        let publicDER = Result { () throws(RSAError) in try RSAPublicKey(derRepresentation: claim) }
        #expect(publicDER.failureDescription.contains("cut short"), "\(publicDER.failureDescription)")
    }

    @Test func aSixtyFiveThousandFiveHundredThirtySevenBitModulusIsRefusedBeforeAnyArithmetic() throws {
        // n = 2^65536 + (2^65536 − 1)... : a 0x01 byte then 8192 bytes of 0xFF: 65,537 bits, odd.
        let n: [UInt8] = [0x01] + [UInt8](repeating: 0xFF, count: 8192)
        let e: [UInt8] = [0x01, 0x00, 0x01]
        let components = RSAPublicKeyComponents(modulus: n, publicExponent: e)
        #expect(components.modulusBitCount == 65_537)
        let spki = components.spkiDER
        let direct = measured { Result { () throws(RSAError) in try RSAPublicKey(modulus: n, publicExponent: e) } }
        #expect(direct.value.failureError == .keyTooLarge(bits: 65_537, maximum: RSAKeyPolicy.maximumModulusBits))
        #expect(direct.value.failureDescription.contains("65537"), "\(direct.value.failureDescription)")
        #expect(direct.seconds < quickly && direct.peakGrowthMiB < smallMiB)
        let viaDER = measured { Result { () throws(RSAError) in try RSAPublicKey(derRepresentation: spki) } }
        #expect(viaDER.value.failureError == .keyTooLarge(bits: 65_537, maximum: RSAKeyPolicy.maximumModulusBits))
        #expect(viaDER.seconds < quickly && viaDER.peakGrowthMiB < smallMiB)
        let viaPEM = Result { () throws(RSAError) in try RSAPublicKey(loading: components.spkiPEM) }
        #expect(viaPEM.failureError == .keyTooLarge(bits: 65_537, maximum: RSAKeyPolicy.maximumModulusBits))
        // A private key with that modulus is refused on its public half, before validation's
        // big-number work (which would be quadratic in the size).
        let privateComponents = RSAPrivateKeyComponents(
            modulus: n, publicExponent: e, privateExponent: n.dropLast() + [0x01], prime1: [0x03], prime2: [0x05],
            exponent1: [0x01], exponent2: [0x01], coefficient: [0x01])
        let privateKey = measured { Result { () throws(RSAError) in try RSAPrivateKey(components: privateComponents) } }
        #expect(privateKey.value.failureError == .keyTooLarge(bits: 65_537, maximum: RSAKeyPolicy.maximumModulusBits))
        #expect(privateKey.seconds < quickly && privateKey.peakGrowthMiB < smallMiB)
        // The arithmetic layer has its own ceiling.
        #expect(throws: BigNumError.operandTooWide(limbs: 1025, maximum: Modulus.maximumLimbCount)) {
            try Modulus(bigEndianBytes: n)
        }
    }
}

extension Result {
    /// The error's description, or "accepted" when there is none.
    var failureDescription: String {
        switch self {
        case .success: return "accepted"
        case let .failure(error): return String(describing: error)
        }
    }

    /// The error, or nil.
    var failureError: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
