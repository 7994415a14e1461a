import PureP256
@_spi(Internals) import PureRSA

/// Why a JWT could not be built, or why a received one was refused.
///
/// The `description` is a sentence for a person, always one line: text taken from the token
/// (an `alg`, a claim, a member name) is quoted with control characters escaped and cut after
/// 80 characters. Times are whole seconds since 1970-01-01 UTC.
@nonexhaustive
public enum JWTError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The part of a compact JWS a problem was found in.
    public enum Part: String, Sendable {
        /// The JOSE header (first segment).
        case header
        /// The claims (second segment).
        case payload
    }

    /// The token is not shaped as a JWT must be; the reason says how.
    case malformed(String)
    /// A segment is not valid JSON.
    case invalidJSON(Part, JSONError)
    /// The header names an algorithm other than the one the verifier pins (RS256), or `none`.
    case algorithmNotAllowed(String)
    /// The header names another algorithm than the one a non-RS256 verifier is set up for
    /// (RS256 verifiers report ``algorithmNotAllowed(_:)``, as before).
    case unexpectedAlgorithm(String, expected: String)
    /// A key was given for an algorithm that takes another kind of key (an RSA key for HS256,
    /// an HMAC secret for RS256…): the classic key-confusion mistake, refused when the signer or
    /// verifier is made.
    case keyNotForAlgorithm(key: String, algorithm: String)
    /// An HMAC secret is shorter than the hash output, which RFC 7518 section 3.2 forbids.
    case secretTooShort(algorithm: String, bytes: Int, minimum: Int)
    /// The ES256 signature could not be made.
    case ecdsaSigningFailed(P256Error)
    /// The header has no `alg` member.
    case missingAlgorithm
    /// The header lists in `crit` an extension this verifier does not understand.
    case unsupportedCriticalHeader(String)
    /// The signature does not match the header and payload under the given key.
    case invalidSignature
    /// The token expired: `now >= exp + leeway` (node-jsonwebtoken's rule).
    case expired(at: Int64, now: Int64)
    /// The token is not valid yet: `nbf > now + leeway` (node-jsonwebtoken's rule).
    case notYetValid(at: Int64, now: Int64)
    /// The token is older than the verifier's `maxAge`: `now >= iat + maxAge + leeway`
    /// (node-jsonwebtoken's rule).
    case maxAgeExceeded(issuedAt: Int64, maxAge: Int64, now: Int64)
    /// The token says it was issued after now plus the leeway (checked only when asked, as PyJWT does).
    case issuedInFuture(at: Int64, now: Int64)
    /// A verifier that picks its key by `kid` was given a token whose header has no `kid`.
    case missingKeyID
    /// A verifier that picks its key by `kid` holds no key with the token's `kid`.
    case unknownKeyID(String)
    /// A claim the verifier requires is absent.
    case missingClaim(String)
    /// The `iss` claim is not the expected issuer.
    case unexpectedIssuer(expected: String, found: String)
    /// No `aud` entry is among the accepted audiences.
    case unexpectedAudience(accepted: [String], found: [String])
    /// The `sub` claim is not the expected subject.
    case unexpectedSubject(expected: String, found: String)
    /// A claim could not be written: the reason says why (for example a lifetime that is not positive).
    case invalidClaims(String)
    /// The RSA signature could not be made (for example it failed its self-check with the public key).
    case signingFailed(RSAError)

    /// A sentence saying what is wrong.
    public var description: String {
        switch self {
        case let .malformed(reason): return "the token is malformed: \(reason)"
        case let .invalidJSON(part, error): return "the token's \(part.rawValue) is not valid JSON: \(error)"
        case let .algorithmNotAllowed(alg):
            return "the token's header asks for algorithm \(Self.quoted(alg)), but only RS256 is accepted"
        case let .unexpectedAlgorithm(alg, expected):
            return "the token's header asks for algorithm \(Self.quoted(alg)), but this verifier accepts only \(expected)"
        case let .keyNotForAlgorithm(key, algorithm):
            return "\(key) cannot be used for \(algorithm) tokens; each algorithm takes one kind of key"
        case let .secretTooShort(algorithm, bytes, minimum):
            return "an \(algorithm) secret must be at least \(minimum) bytes long (RFC 7518 section 3.2), and this one has \(bytes)"
        case let .ecdsaSigningFailed(error): return "the token could not be signed: \(error)"
        case .missingAlgorithm: return "the token's header has no \"alg\" member"
        case let .unsupportedCriticalHeader(name):
            return "the token's header marks \(Self.quoted(name)) as critical, and this verifier does not understand it"
        case .invalidSignature: return "the token's signature does not match its content under this key"
        case let .expired(at, now):
            return "the token expired at \(at) (seconds since 1970), \(Self.gap(now, at)) before now (\(now))"
        case let .notYetValid(at, now):
            return "the token is not valid before \(at) (seconds since 1970), \(Self.gap(at, now)) after now (\(now))"
        case let .maxAgeExceeded(issuedAt, maxAge, now):
            return
                "the token was issued at \(issuedAt) (seconds since 1970), \(Self.gap(now, issuedAt)) before now (\(now)), more than the accepted \(maxAge) seconds"
        case let .issuedInFuture(at, now):
            return "the token says it was issued at \(at) (seconds since 1970), \(Self.gap(at, now)) after now (\(now))"
        case .missingKeyID: return "the token's header has no \"kid\", and this verifier picks its key by kid"
        case let .unknownKeyID(kid): return "the token's header names key \(Self.quoted(kid)), which is not among the verifier's keys"
        case let .missingClaim(name): return "the token has no \(Self.quoted(name)) claim, which is required"
        case let .unexpectedIssuer(expected, found):
            return "the token was issued by \(Self.quoted(found)), not by the expected issuer \(Self.quoted(expected))"
        case let .unexpectedAudience(accepted, found):
            return "the token is meant for \(Self.list(found)), none of which is accepted (\(Self.list(accepted)))"
        case let .unexpectedSubject(expected, found):
            return "the token's subject is \(Self.quoted(found)), not the expected \(Self.quoted(expected))"
        case let .invalidClaims(reason): return "the claims cannot be written: \(reason)"
        case let .signingFailed(error): return "the token could not be signed: \(error)"
        }
    }

    static func gap(_ later: Int64, _ earlier: Int64) -> String {
        let (d, overflow) = later.subtractingReportingOverflow(earlier)
        if overflow { return "a very long time" }
        return d == 1 ? "1 second" : "\(d) seconds"
    }

    /// Untrusted text (a claim, a header member) as a message may show it: quoted, escaped, cut.
    static func quoted(_ text: String) -> String { JSONValue.quotedForMessage(text) }

    static func list(_ items: [String]) -> String {
        guard !items.isEmpty else { return "no audience" }
        let shown = items.prefix(8).map { quoted($0) }.joined(separator: ", ")
        return items.count > 8 ? shown + " and \(items.count - 8) more" : shown
    }
}
