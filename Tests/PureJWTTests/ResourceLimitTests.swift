// Resource limits on token input: a 100 MB token and JSON nested 1,000,000 deep. Each must be
// refused with a clear error, at once, without memory growing with the input.
import Foundation
import Testing
@_spi(Internals) import PureDER
@_spi(Internals) import PureJWT
import PureRSA

/// Runs `body` three times and reports the least wall time and the least rise of the resident
/// set above its level before a call (peak, from /proc/self/status VmHWM after resetting it
/// through /proc/self/clear_refs). Tests running at the same time in this process can only add to
/// a figure, so the least of three is the one that says what `body` itself costs.
private func measured<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double, peakGrowthMiB: Double) {
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

/// Well under a second even in a debug or sanitizer build; far less memory than the inputs.
private let quickly = 1.0
private let smallMiB = 16.0

private func failure<T>(_ body: () throws(JWTError) -> T) -> String {
    do {
        _ = try body()
        return "accepted"
    } catch {
        return error.description
    }
}

private let demoKey: RSAPublicKey = {
    try! RSAPublicKey(pemRepresentation: vectorText("keys/demo-rsa-2048.pub.pem"))
}()

@Suite(.serialized) struct TokenResourceLimitTests {
    @Test func aHundredMegabyteTokenIsRefusedBeforeItIsReadByEveryEntryPoint() {
        // Three well-formed base64url segments; the header alone is 100 MB.
        let token = "eyJ" + String(decoding: [UInt8](repeating: UInt8(ascii: "A"), count: 100_000_000), as: UTF8.self) + ".e30.AAAA"
        let verifier = JWTVerifier(key: demoKey)
        let runs = [
            ("JWTVerifier.verify", measured { failure { () throws(JWTError) in try verifier.verify(token, now: 1_700_000_000) } }),
            ("JWTVerifier.verifySignature", measured { failure { () throws(JWTError) in try verifier.verifySignature(of: token) } }),
            ("JWT.decodeWithoutVerifying", measured { failure { () throws(JWTError) in try JWT.decodeWithoutVerifying(token) } }),
            ("JWSCompactParts", measured { failure { () throws(JWTError) in try JWSCompactParts(token: token) } }),
        ]
        for (name, run) in runs {
            #expect(
                run.value
                    == "the token is malformed: the token is \(token.utf8.count) bytes long, more than the limit of \(JWT.maxTokenBytes)",
                "\(name): \(run.value)")
            #expect(run.seconds < quickly, "\(name) took \(run.seconds) s")
            #expect(run.peakGrowthMiB < smallMiB, "\(name) grew the resident set by \(run.peakGrowthMiB) MiB")
        }
    }

    @Test func jsonNestedAMillionDeepIsRefusedBySizeByDefaultAndByDepthWhenSizeIsAllowed() {
        let open = [UInt8](repeating: UInt8(ascii: "["), count: 1_000_000)
        let balanced = open + [UInt8](repeating: UInt8(ascii: "]"), count: 1_000_000)
        // Default limits: refused by size before a byte is read.
        let bySize = measured { Result { () throws(JSONError) in try JSONValue(parsing: balanced) } }
        #expect(bySize.value.failureError == JSONError(.tooLarge(bytes: 2_000_000, limit: 65_536), at: 0))
        #expect(bySize.seconds < quickly && bySize.peakGrowthMiB < smallMiB)
        // Size allowed, depth at its ceiling: refused by depth after ceiling + 1 bytes, with the
        // parser's own stack (no recursion), whether or not the brackets are closed.
        let generous = JSONParsingLimits(maxDepth: 1_000_000, maxBytes: 10_000_000)
        #expect(generous.maxDepth == JSONParsingLimits.depthCeiling)
        for input in [open, balanced] {
            let byDepth = measured { Result { () throws(JSONError) in try JSONValue(parsing: input, limits: generous) } }
            #expect(byDepth.value.failureError == JSONError(.tooDeep(limit: JSONParsingLimits.depthCeiling), at: JSONParsingLimits.depthCeiling))
            #expect(byDepth.seconds < quickly && byDepth.peakGrowthMiB < smallMiB)
        }
        // The JWT views refuse the same way.
        #expect(failure { () throws(JWTError) in try JWTClaims(parsing: balanced) }.contains("more than the limit of 65536"))
        #expect(failure { () throws(JWTError) in try JWSHeader(parsing: balanced, limits: generous) }.contains("nested more than 512 levels deep"))
    }

    @Test func aDeeplyNestedPayloadInsideAnAcceptableTokenIsRefusedByDepth() {
        // 40,000 '[' fit the JSON size limit and the token length limit; depth stops them.
        let payload = Base64URL.encode([UInt8](repeating: UInt8(ascii: "["), count: 40_000))
        let token = Base64URL.encode(Array(#"{"alg":"RS256","typ":"JWT"}"#.utf8)) + "." + payload + ".AAAA"
        #expect(token.utf8.count < JWT.maxTokenBytes)
        let decoded = measured { failure { () throws(JWTError) in try JWT.decodeWithoutVerifying(token) } }
        #expect(
            decoded.value.contains("payload is not valid JSON") && decoded.value.contains("nested more than 64 levels deep"),
            "\(decoded.value)")
        #expect(decoded.seconds < quickly && decoded.peakGrowthMiB < smallMiB)
        // The verifier checks the signature before it reads the payload at all.
        let verified = failure { () throws(JWTError) in try JWTVerifier(key: demoKey).verify(token, now: 1_700_000_000) }
        #expect(verified == JWTError.invalidSignature.description, "\(verified)")
    }
}

extension Result {
    /// The error, or nil.
    fileprivate var failureError: Failure? {
        if case let .failure(error) = self { return error }
        return nil
    }
}
