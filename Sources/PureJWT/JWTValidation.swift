/// What a verifier demands of a token's claims besides a valid signature.
///
/// The algorithm is not an option: each verifier pins its own (``JWTVerifier/algorithm``), and a
/// token whose header names another is refused before any signature work.
public struct JWTValidationOptions: Sendable, Equatable {
    /// Seconds of clock skew tolerated on `exp` and `nbf` (node-jsonwebtoken's `clockTolerance`); default 0.
    public var leeway: UInt32
    /// Claims that must be present (for example `["exp", "sub"]`); default none.
    public var requiredClaims: [String]
    /// When set, `iss` must equal it (code unit by code unit).
    public var issuer: String?
    /// When set, at least one `aud` entry must be among these.
    public var audiences: [String]?
    /// When set, `sub` must equal it.
    public var subject: String?
    /// `crit` header extensions the caller processes itself; default none.
    public var understoodCriticalHeaders: [String]
    /// When set, a token is refused once `maxAge` seconds have passed since its `iat` (plus the
    /// leeway), and a token without `iat` is refused (node-jsonwebtoken's `maxAge`); default off.
    public var maxAge: UInt32?
    /// When true, a token whose `iat` is later than now plus the leeway is refused (PyJWT's
    /// check); default false, as node-jsonwebtoken does not check it.
    public var rejectsIssuedInFuture: Bool

    /// Makes options; every parameter defaults to "no demand".
    ///
    /// - Parameters:
    ///   - leeway: seconds of tolerated clock skew (default 0).
    ///   - requiredClaims: claims that must be present.
    ///   - issuer: the expected `iss`.
    ///   - audiences: the accepted `aud` values.
    ///   - subject: the expected `sub`.
    ///   - understoodCriticalHeaders: `crit` extensions the caller handles.
    ///   - maxAge: the most seconds since `iat` a token is accepted for, or `nil` (default).
    ///   - rejectsIssuedInFuture: whether an `iat` after now plus the leeway is refused (default false).
    public init(
        leeway: UInt32 = 0, requiredClaims: [String] = [], issuer: String? = nil,
        audiences: [String]? = nil, subject: String? = nil, understoodCriticalHeaders: [String] = [],
        maxAge: UInt32? = nil, rejectsIssuedInFuture: Bool = false
    ) {
        self.maxAge = maxAge
        self.rejectsIssuedInFuture = rejectsIssuedInFuture
        self.leeway = leeway
        self.requiredClaims = requiredClaims
        self.issuer = issuer
        self.audiences = audiences
        self.subject = subject
        self.understoodCriticalHeaders = understoodCriticalHeaders
    }
}

extension JWTClaims {
    /// Checks the claims at time `now`, after the signature has been verified.
    ///
    /// Rules, in this order: registered claims have their types (`sub`, `iss`, `jti` strings; `aud`
    /// a string or array of strings; `iat`, `nbf`, `exp` numbers, fractions and huge values
    /// included, compared exactly), else `.malformed`;
    /// every required claim is present; not before: refused when `nbf > now + leeway`; expiry:
    /// refused when `now >= exp + leeway` (both exactly as node-jsonwebtoken's `verify`, so a token
    /// is already expired at the second named by `exp`); with ``JWTValidationOptions/maxAge``,
    /// refused when `iat` is absent or `now >= iat + maxAge + leeway` (node-jsonwebtoken's rule);
    /// with ``JWTValidationOptions/rejectsIssuedInFuture``, refused when `iat > now + leeway`;
    /// then issuer, audience, subject.
    ///
    /// - Parameters:
    ///   - now: the current time in whole seconds since 1970 (`Math.floor(Date.now() / 1000)`);
    ///     passing it in keeps the library free of clocks and makes tests exact.
    ///   - options: the demands.
    /// - Throws: the first `JWTError` that applies.
    public func validate(now: Int64, options: JWTValidationOptions = JWTValidationOptions()) throws(JWTError) {
        let subject = try self.subject
        let issuer = try self.issuer
        _ = try jwtID
        let audience = try self.audience
        let issuedAt = try exactNumericDate("iat")
        let notBefore = try exactNumericDate("nbf")
        let expiresAt = try exactNumericDate("exp")
        for name in options.requiredClaims where object[name] == nil {
            throw JWTError.missingClaim(name)
        }
        let leeway = Int64(options.leeway)
        if let notBefore, notBefore.beyond >= 0 {
            // nbf > now + leeway, exactly: the ceiling of a fraction compares as the fraction does
            // with whole seconds, and a sum past Int64.max is later than any nbf in range.
            let (limit, overflow) = now.addingReportingOverflow(leeway)
            if notBefore.beyond > 0 || (!overflow && notBefore.ceiling > limit) {
                throw JWTError.notYetValid(at: notBefore.ceiling, now: now)
            }
        }
        if let expiresAt {
            // now >= exp + leeway, exactly (an exp beyond Int64.max never passes, one below Int64.min always has).
            let (limit, overflow) = expiresAt.ceiling.addingReportingOverflow(leeway)
            if expiresAt.beyond < 0 || (expiresAt.beyond == 0 && !overflow && now >= limit) {
                throw JWTError.expired(at: expiresAt.ceiling, now: now)
            }
        }
        if let maxAge = options.maxAge {
            guard let issuedAt else { throw JWTError.missingClaim("iat") }
            // now >= iat + maxAge + leeway, exactly (the ceiling of a fractional iat compares as
            // the fraction does against whole seconds); an iat beyond Int64 is never too old.
            let (limit, overflow) = issuedAt.ceiling.addingReportingOverflow(Int64(maxAge) + leeway)
            if issuedAt.beyond < 0 || (issuedAt.beyond == 0 && !overflow && now >= limit) {
                throw JWTError.maxAgeExceeded(issuedAt: issuedAt.ceiling, maxAge: Int64(maxAge), now: now)
            }
        }
        if options.rejectsIssuedInFuture, let issuedAt {
            let (limit, overflow) = now.addingReportingOverflow(leeway)
            if issuedAt.beyond > 0 || (issuedAt.beyond == 0 && !overflow && issuedAt.ceiling > limit) {
                throw JWTError.issuedInFuture(at: issuedAt.ceiling, now: now)
            }
        }
        if let expected = options.issuer {
            guard let issuer else { throw JWTError.missingClaim("iss") }
            guard issuer.utf8.elementsEqual(expected.utf8) else {
                throw JWTError.unexpectedIssuer(expected: expected, found: issuer)
            }
        }
        if let accepted = options.audiences {
            guard let audience else { throw JWTError.missingClaim("aud") }
            let match = audience.contains { a in accepted.contains { $0.utf8.elementsEqual(a.utf8) } }
            guard match else { throw JWTError.unexpectedAudience(accepted: accepted, found: audience) }
        }
        if let expected = options.subject {
            guard let subject else { throw JWTError.missingClaim("sub") }
            guard subject.utf8.elementsEqual(expected.utf8) else {
                throw JWTError.unexpectedSubject(expected: expected, found: subject)
            }
        }
    }
}
