// The subcommands: their specs (for parsing and --help) and what they do.
@_spi(Internals) import PureDER
@_spi(Internals) import PureJWT
import PureP256
@_spi(Internals) import PureRSA
import PureSHA2

// MARK: - Shared options

let keyOption = OptionSpec(
    names: ["--key"], value: "PATH",
    help: "the key file, RSA or EC P-256: PEM, DER, base64 of a PEM or JWK ('-' reads stdin); default: \(signingKeyVariable)")
let verifyKeyOption = OptionSpec(
    names: ["--key"], value: "PATH",
    help:
        "public or private key, RSA or EC P-256: PEM (SPKI, PKCS#1, PKCS#8, SEC 1), DER, base64 of a PEM, JWK, or JWK Set (RSA and P-256 keys) ('-' reads stdin); default: \(signingKeyVariable)"
)
let weakKeyOption = OptionSpec(
    names: ["--allow-weak-key"], value: nil,
    help: "accept RSA keys of 1024 to 2047 bits (refused by default, as node-jsonwebtoken 9 does)")
let ttlOption = OptionSpec(names: ["--ttl"], value: "SECONDS", help: "lifetime: exp = iat + SECONDS (default 3600)")
let iatOption = OptionSpec(names: ["--iat"], value: "UNIX", help: "issue time in seconds since 1970 (default: now)")
let claimOption = OptionSpec(
    names: ["--claim"], value: "NAME=VALUE",
    help: "add a claim; VALUE is read as JSON when it is valid JSON, else as a string (repeatable)", repeatable: true)
let kidOption = OptionSpec(names: ["--kid"], value: "ID", help: "put a \"kid\" (key ID) member in the header")

let keyDetails = """
    The key: --key PATH, else the environment variable \(signingKeyVariable), which holds the
    base64 of a PEM private key, as hotglue documents (export \(signingKeyVariable)="$(base64 -w0 key.pem)").
    A raw PEM there is accepted too, with a note on stderr. The key decides the algorithm
    unless --alg names another one it suits: an RSA key signs RS256 (or RS384, RS512, PS256,
    PS384, PS512), an EC P-256 key (SEC 1 EC PRIVATE KEY, PKCS#8, SPKI or JWK) signs ES256.
    """

let exitDetails = """
    Exit status: 0 success; 1 the token, signature or data is refused (its fault, including a
    "kid" no key in a JWK Set has); 2 usage or input error (options, key, files, environment).
    """

// MARK: - token

let tokenSpec = CommandSpec(
    name: "token",
    summary:
        "Mint a tenant token: RS256 byte for byte as jsonwebtoken.sign({sub, iat, exp}, key, {algorithm: \"RS256\"}), or ES256 with an EC key.",
    synopsis:
        "--tenant ID [--ttl SECONDS] [--iat UNIX] [--claim NAME=VALUE]... [--kid ID] [--key PATH] [--alg ALG] [--secret-file PATH | --secret-env NAME] [--json]",
    options: [
        OptionSpec(names: ["--tenant", "--sub"], value: "ID", help: "the tenant ID, written as the \"sub\" claim (required)"),
        ttlOption, iatOption, claimOption, kidOption, keyOption, algOption, secretFileOption, secretEnvOption,
        OptionSpec(names: ["--json"], value: nil, help: "print {\"token\":…,\"iat\":…,\"exp\":…} instead of the bare token"),
        weakKeyOption,
    ],
    maxPositionals: 0,
    details: """
        The payload is {"sub":ID,"iat":IAT,"exp":IAT+TTL} followed by the --claim members in order
        (a --claim named sub, iat or exp replaces that value in place); the header is
        {"alg":"RS256","typ":"JWT"} (ES256 for an EC key, or the --alg given) plus "kid" when
        given. An ES256 signature is the 64 bytes r‖s (RFC 7518 section 3.4) with an RFC 6979
        deterministic nonce. HS256, HS384 and HS512 take a secret of at least 32, 48 or 64 bytes
        instead of a key.

        \(keyDetails)

        Example:
          \(signingKeyVariable)=$(base64 -w0 key.pem) rs256 token --tenant tenant-id
        \(exitDetails)
        """)

/// A `--claim` value as `JSON.parse(text)` reads it in JavaScript, falling back to the text as
/// a string when it is not JSON; refused when JavaScript would read a different value than the
/// one written (an integer it would round, a number it would make Infinity, a lone surrogate,
/// a member given twice), so the token never says something other than what was typed.
func claimValue(name: String, text: String) throws(Failure) -> JSONValue {
    let asString =
        "to sign the text as a string, quote it: --claim '"
        + JSONValue.escapedForMessage(name + "=" + JSONValue.string(text).serialized, escapingQuotes: false) + "'"
    let value: JSONValue
    do {
        // As long as a token may be (a longer value could never be in an accepted token).
        value = try JSONValue(parsing: text, limits: JSONParsingLimits(maxBytes: JWT.maxTokenBytes))
    } catch {
        switch error.reason {
        case .numberOutOfRange:
            throw .usage(
                "--claim \(shown(name)): the number is too large for JavaScript, which would read it as "
                    + "Infinity and sign null; \(asString)")
        case .loneSurrogate:
            throw .usage(
                "--claim \(shown(name)): the string has half of a UTF-16 surrogate pair, which this tool "
                    + "cannot write as JavaScript would; give the whole character")
        case let .duplicateMemberName(member):
            throw .usage(
                "--claim \(shown(name)): the object has the member \(JSONValue.quotedForMessage(member)) twice, "
                    + "and JavaScript would keep only the last; give each member once")
        case .tooDeep, .tooLarge:
            throw .usage("--claim \(shown(name)): the value is beyond the JSON limits (\(error))")
        default:
            return .string(text)  // not JSON: JSON.parse would throw, and the text is the value
        }
    }
    if let literal = inexactInteger(in: value) {
        let advice: String
        if case .number = value { advice = asString } else { advice = "write it as a string (\"\(shown(literal))\") to keep every digit" }
        throw .usage(
            "--claim \(shown(name)): the integer \(shown(literal)) is beyond what JavaScript holds exactly "
                + "(2^53), so it would sign another number; \(advice)")
    }
    return asJavaScriptHoldsIt(value)
}

/// `value` with every integer beyond 2^53 turned into the float JavaScript holds for it (exactly
/// the same number, as checked above), so it is written as `JSON.stringify` writes it:
/// 1152921504606846976 becomes 1152921504606847000.
func asJavaScriptHoldsIt(_ value: JSONValue) -> JSONValue {
    switch value {
    case let .array(elements):
        return .array(elements.map(asJavaScriptHoldsIt))
    case let .object(object):
        var out = JSONObject()
        for member in object.members { out[member.key] = asJavaScriptHoldsIt(member.value) }
        return .object(out)
    case let .number(number):
        guard case let .integer(i) = number.storage, i.magnitude > 9_007_199_254_740_992 else { return value }
        return (try? JSONValue.double(Double(i))) ?? value
    default:
        return value
    }
}

/// The first integer literal in `value` that a JavaScript number (a 64-bit float) cannot hold
/// exactly, such as 9007199254740993; nil when there is none.
func inexactInteger(in value: JSONValue) -> String? {
    switch value {
    case let .array(elements):
        return elements.lazy.compactMap(inexactInteger(in:)).first
    case let .object(object):
        return object.members.lazy.compactMap { inexactInteger(in: $0.value) }.first
    case let .number(number):
        guard let literal = number.sourceText,
            literal.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) })
        else { return nil }  // a fraction or an exponent: JavaScript reads the same float we do
        // Fine when the literal is that float exactly (2^60) or as JavaScript writes it back
        // (1152921504606847000); not when JavaScript would write another integer.
        let digits = Array(literal.utf8.drop(while: { $0 == UInt8(ascii: "-") }))
        let javaScript = (try? JSONNumber(number.doubleValue.magnitude))?.description ?? ""
        return exactDecimal(number.doubleValue) == digits || Array(javaScript.utf8) == digits ? nil : literal
    default:
        return nil
    }
}

/// The exact decimal digits of a whole float's magnitude (every float from 2^53 up is whole).
func exactDecimal(_ x: Double) -> [UInt8] {
    let magnitude = x.magnitude
    guard magnitude >= 9_007_199_254_740_992.0 else { return Array(String(UInt64(magnitude)).utf8) }
    // magnitude = significand × 2^shift with a 53-bit significand
    let shift = Int(magnitude.exponent) - 52
    var digits = Array(String((UInt64(1) << 52) | magnitude.significandBitPattern).utf8.reversed()).map { $0 - 48 }
    for _ in 0..<shift {
        var carry: UInt8 = 0
        for i in digits.indices {
            let d = digits[i] * 2 + carry
            digits[i] = d % 10
            carry = d / 10
        }
        if carry > 0 { digits.append(carry) }
    }
    return digits.reversed().map { $0 + 48 }
}

/// The claims of `token` and `url`.
struct TokenRequest {
    let claims: JWTClaims
    let iat: Int64
    let exp: Int64
    let keyID: String?

    init(_ arguments: ParsedArguments) throws(Failure) {
        guard let tenant = arguments.value("--tenant") else {
            throw .usage("--tenant ID is required (the tenant ID, written as the \"sub\" claim)")
        }
        guard !tenant.isEmpty else {
            throw .usage("--tenant is empty; give the tenant ID (is the shell variable that should hold it set?)")
        }
        let ttl =
            try arguments.value("--ttl").map { (t: String) throws(Failure) -> Int64 in
                try parseSeconds(t, option: "--ttl", range: 1...JWTClaims.maxSafeInteger)
            } ?? 3600
        let iat =
            try arguments.value("--iat").map { (t: String) throws(Failure) -> Int64 in
                try parseSeconds(t, option: "--iat", range: 0...JWTClaims.maxSafeInteger)
            } ?? IO.now()
        var claims: JWTClaims
        do {
            claims = try JWTClaims.tenant(tenant, now: iat, lifetime: ttl)
        } catch {
            throw .usage("\(error)")
        }
        for assignment in arguments.values("--claim") {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw .usage("--claim needs NAME=VALUE, not '\(shown(assignment))'")
            }
            let name = String(assignment[..<equals])
            let text = String(assignment[assignment.index(after: equals)...])
            claims[name] = try claimValue(name: name, text: text)
        }
        do {
            try claims.checkRegisteredTypes()
        } catch {
            throw .usage("\(error)")
        }
        // A --claim may have replaced iat or exp: report what the token really says.
        let writtenIat = (try? claims.issuedAt) ?? nil
        let writtenExp = (try? claims.expiresAt) ?? nil
        self.claims = claims
        self.exp = writtenExp ?? (iat + ttl)
        self.iat = writtenIat ?? iat
        keyID = arguments.value("--kid")
    }

    func sign(with signer: JWTSigner) throws(Failure) -> String {
        do {
            return try signer.sign(claims, keyID: keyID)
        } catch {
            throw .input("cannot sign: \(error)")
        }
    }
}

func runToken(_ arguments: ParsedArguments) throws(Failure) {
    let request = try TokenRequest(arguments)
    let signer = try loadSigner(arguments).signer
    let token = try request.sign(with: signer)
    if arguments.flag("--json") {
        let object: JSONObject = [
            "token": .string(token), "iat": .integer(request.iat), "exp": .integer(request.exp),
        ]
        IO.out(JSONValue.object(object).serialized + "\n")
    } else {
        IO.out(token + "\n")
    }
}

// MARK: - verify

let verifySpec = CommandSpec(
    name: "verify",
    summary: "Verify a token's signature (RS256, or ES256 with an EC key) and times; print its payload JSON.",
    synopsis:
        "[TOKEN|-] [--key PATH] [--alg ALG] [--secret-file PATH | --secret-env NAME] [--leeway SECONDS] [--now UNIX] [--issuer ISS] [--audience AUD]... [--subject SUB] [--require CLAIM]...",
    options: [
        verifyKeyOption, algOption, secretFileOption, secretEnvOption,
        OptionSpec(names: ["--leeway"], value: "SECONDS", help: "tolerated clock skew on exp and nbf (default 0)"),
        OptionSpec(names: ["--now"], value: "UNIX", help: "check the times as of this second since 1970 (default: now)"),
        OptionSpec(names: ["--issuer"], value: "ISS", help: "require this \"iss\""),
        OptionSpec(names: ["--audience"], value: "AUD", help: "accept this \"aud\" (repeatable; one must match)", repeatable: true),
        OptionSpec(names: ["--subject"], value: "SUB", help: "require this \"sub\""),
        OptionSpec(names: ["--require"], value: "CLAIM", help: "require this claim to be present (repeatable)", repeatable: true),
        weakKeyOption,
    ],
    maxPositionals: 1,
    details: """
        The algorithm is pinned to the key's (RS256 for an RSA key, ES256 for an EC key), or to
        the one --alg names: tokens saying "none" or any other algorithm are refused whatever the
        key; an EC key never verifies RS*, PS* or HS* tokens and an RSA key never ES256 ones.
        A token is expired from the second named by "exp" (as node-jsonwebtoken). With no
        TOKEN, or '-', the token is read from standard input.
        On success the payload JSON is printed and the exit status is 0; otherwise one line on
        stderr says why, and the exit status is 1.

        \(keyDetails) A private key is accepted; its public half is used.
        \(exitDetails)
        """)

func runVerify(_ arguments: ParsedArguments) throws(Failure) {
    if arguments.positionals.first ?? "-" == "-" && arguments.value("--key") == "-" {
        throw .usage("the token and the key cannot both come from standard input")
    }
    if arguments.values("--require").contains("") {
        throw .usage("--require needs a claim name, not an empty one")
    }
    let token = try IO.token(arguments.positionals.first)
    let leeway =
        try arguments.value("--leeway").map { (t: String) throws(Failure) -> Int64 in
            try parseSeconds(t, option: "--leeway", range: 0...Int64(UInt32.max))
        } ?? 0
    let now =
        try arguments.value("--now").map { (t: String) throws(Failure) -> Int64 in
            try parseSeconds(t, option: "--now", range: 0...Int64.max)
        } ?? IO.now()
    // The kid (unverified) only picks a key out of a JWK Set; it decides nothing else. It is
    // read only when the key is JSON, and from the header alone: the payload is first parsed
    // by the verifier, after the signature has been checked.
    let unverifiedKeyID = { () -> String? in
        guard let parts = try? JWSCompactParts(token: token),
            let headerBytes = try? Base64URL.decode(utf8: parts.encodedHeader.utf8)
        else { return nil }
        return (try? JWSHeader(parsing: headerBytes))?.keyID
    }
    let verifier = try loadVerifier(
        arguments, keyID: unverifiedKeyID(),
        options: JWTValidationOptions(
            leeway: UInt32(leeway), requiredClaims: arguments.values("--require"),
            issuer: arguments.value("--issuer"),
            audiences: arguments.values("--audience").isEmpty ? nil : arguments.values("--audience"),
            subject: arguments.value("--subject"))
    ).verifier
    do {
        let verified = try verifier.verify(token, now: now)
        IO.out(verified.payloadBytes + [0x0A])
    } catch {
        throw .rejected("token rejected: \(error)")
    }
}

// MARK: - decode

let decodeSpec = CommandSpec(
    name: "decode",
    summary: "Show a token's header and payload WITHOUT checking its signature.",
    synopsis: "[TOKEN|-] [--json]",
    options: [
        OptionSpec(names: ["--json"], value: nil, help: "print {\"header\":…,\"payload\":…} on one line instead")
    ],
    maxPositionals: 1,
    details: """
        Nothing is verified: not the signature, not the algorithm, not the times. Use
        'rs256 verify' to decide whether to trust a token. With no TOKEN, or '-', the token is
        read from standard input.
        \(exitDetails)
        """)

func runDecode(_ arguments: ParsedArguments) throws(Failure) {
    let token = try IO.token(arguments.positionals.first)
    let decoded: UnverifiedJWT
    do {
        decoded = try JWT.decodeWithoutVerifying(token)
    } catch {
        throw .rejected("cannot decode the token: \(error)")
    }
    if arguments.flag("--json") {
        let object: JSONObject = ["header": .object(decoded.header.object), "payload": .object(decoded.claims.object)]
        IO.out(JSONValue.object(object).serialized + "\n")
        return
    }
    var text = "header:\n" + JSONValue.object(decoded.header.object).prettyPrinted + "\n"
    text += "payload:\n" + JSONValue.object(decoded.claims.object).prettyPrinted + "\n"
    text += "signature: \(decoded.signature.count) bytes, NOT checked (use 'rs256 verify' to check it)\n"
    IO.out(text)
}

// MARK: - pubkey

let pubkeySpec = CommandSpec(
    name: "pubkey",
    summary: "Print the public key of the signing key, for whoever verifies the tokens.",
    synopsis: "[--format spki|pkcs1|jwk|der] [--kid ID] [--key PATH]",
    options: [
        OptionSpec(
            names: ["--format"], value: "FORMAT",
            help: "spki: PEM 'PUBLIC KEY' (default); pkcs1: PEM 'RSA PUBLIC KEY'; jwk: JSON Web Key; der: SPKI DER bytes"),
        OptionSpec(names: ["--kid"], value: "ID", help: "with --format jwk: put this \"kid\" in the key"),
        verifyKeyOption, weakKeyOption,
    ],
    maxPositionals: 0,
    details: """
        \(keyDetails) A public key is accepted too (to convert between formats). A key is
        checked and size-limited as 'rs256 token' checks it.
        \(exitDetails)
        """)

func runPubkey(_ arguments: ParsedArguments) throws(Failure) {
    let format = arguments.value("--format") ?? "spki"
    guard ["spki", "pkcs1", "jwk", "der"].contains(format) else {
        throw .usage("--format must be spki, pkcs1, jwk or der, not '\(shown(format))'")
    }
    if arguments.value("--kid") != nil && format != "jwk" {
        throw .usage("--kid only applies to --format jwk")
    }
    let (loaded, text) = try loadKey(keyPath: arguments.value("--key"), for: .verifying, allowWeakKey: arguments.flag("--allow-weak-key"))
    func printRSA(_ key: RSAPublicKey) {
        text.printNotes(loaded)
        switch format {
        case "pkcs1": IO.out(key.pkcs1PEMRepresentation)
        case "jwk": IO.out(JSONValue.object(key.jwk(keyID: arguments.value("--kid"))).serialized + "\n")
        case "der": IO.out(key.derRepresentation)
        default: IO.out(key.pemRepresentation)
        }
    }
    let p256: P256.Signing.PublicKey
    switch loaded.material {
    case let .rsaPrivateKey(key): return printRSA(key.publicKey)
    case let .rsaPublicKey(key): return printRSA(key)
    case let .p256PrivateKey(key): p256 = key.publicKey
    case let .p256PublicKey(key): p256 = key
    }
    if format == "pkcs1" {
        throw .input("\(text.origin): this is an EC key; --format pkcs1 is for RSA keys (use spki, jwk or der)")
    }
    text.printNotes(loaded)
    switch format {
    case "jwk": IO.out(JSONValue.object(p256.jwk(keyID: arguments.value("--kid"))).serialized + "\n")
    case "der": IO.out(p256.derRepresentation)
    default: IO.out(p256.pemRepresentation)
    }
}

// MARK: - url

let urlSpec = CommandSpec(
    name: "url",
    summary: "Print a hotglue secure-request URL carrying a fresh tenant token.",
    synopsis: "--env ENV_ID --flow FLOW_ID --tenant ID [--endpoint linkedSources] [--base URL] [token options]",
    options: [
        OptionSpec(names: ["--env"], value: "ENV_ID", help: "the hotglue environment ID (required)"),
        OptionSpec(names: ["--flow"], value: "FLOW_ID", help: "the flow ID (required)"),
        OptionSpec(names: ["--tenant", "--sub"], value: "ID", help: "the tenant ID (required)"),
        OptionSpec(names: ["--endpoint"], value: "PATH", help: "what to request (default linkedSources)"),
        OptionSpec(names: ["--base"], value: "URL", help: "the API base (default https://client-api.hotglue.xyz)"),
        ttlOption, iatOption, claimOption, kidOption, keyOption, weakKeyOption,
    ],
    maxPositionals: 0,
    details: """
        Prints {base}/{env}/{flow}/{tenant}/{endpoint}?token=JWT with each path segment
        percent-encoded, ready for curl (the token as 'rs256 token' mints it: RS256 with an RSA
        key, ES256 with an EC key):
          curl -H "x-api-key: $HOTGLUE_PUBLIC_API_KEY" "$(rs256 url --env E --flow F --tenant T)"

        \(keyDetails)
        \(exitDetails)
        """)

/// Percent-encodes one URL path segment: everything but RFC 3986's unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) as %XX of its UTF-8 bytes; a segment of only dots is fully encoded
/// so it cannot be read as `.` or `..`.
func percentEncodedSegment(_ segment: String) -> String {
    let onlyDots = segment.utf8.allSatisfy { $0 == UInt8(ascii: ".") }
    var out = ""
    for byte in segment.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: ".") where !onlyDots:
            out += "."
        default:
            out += "%" + hexString([byte]).uppercased()
        }
    }
    return out
}

func runURL(_ arguments: ParsedArguments) throws(Failure) {
    guard let env = arguments.value("--env"), !env.isEmpty else { throw .usage("--env ENV_ID is required") }
    guard let flow = arguments.value("--flow"), !flow.isEmpty else { throw .usage("--flow FLOW_ID is required") }
    guard let tenant = arguments.value("--tenant"), !tenant.isEmpty else { throw .usage("--tenant ID is required") }
    let endpoint = arguments.value("--endpoint") ?? "linkedSources"
    let endpointSegments = endpoint.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard !endpointSegments.contains(where: \.isEmpty) else {
        throw .usage("--endpoint must be a path such as linkedSources, without empty segments: '\(shown(endpoint))'")
    }
    var base = arguments.value("--base") ?? "https://client-api.hotglue.xyz"
    guard base.hasPrefix("https://") || base.hasPrefix("http://"), !base.contains("?"), !base.contains("#"),
        !base.contains(where: { $0.isWhitespace })
    else {
        throw .usage("--base must be an http(s) URL without query or fragment, not '\(shown(base))'")
    }
    while base.hasSuffix("/") { base.removeLast() }
    let request = try TokenRequest(arguments)
    // The key decides the algorithm: RS256 for an RSA key (what hotglue verifies), ES256 for an EC key.
    let signer = try loadKeySigner(keyPath: arguments.value("--key"), algorithm: nil, allowWeakKey: arguments.flag("--allow-weak-key")).signer
    let token = try request.sign(with: signer)
    let path = ([env, flow, tenant] + endpointSegments).map(percentEncodedSegment).joined(separator: "/")
    // A compact JWS is base64url and dots: nothing in it needs encoding in a query.
    IO.out(base + "/" + path + "?token=" + token + "\n")
}

// MARK: - sign-data / verify-data

let signatureFormatOption = OptionSpec(
    names: ["--format"], value: "FORMAT",
    help: "ES256 only: der (default, as openssl dgst -sha256 -sign writes) or raw (64 bytes r‖s, as in a JWS)")

let signDataSpec = CommandSpec(
    name: "sign-data",
    summary: "Sign a file (or stdin) with RSASSA-PKCS1-v1_5 SHA-256 (ECDSA with an EC key), as 'openssl dgst -sha256 -sign KEY'.",
    synopsis:
        "[FILE|-] [--key PATH] [--alg ALG] [--secret-file PATH | --secret-env NAME] [--format der|raw] [--out FILE] [--base64url | --hex]",
    options: [
        keyOption, algOption, secretFileOption, secretEnvOption, signatureFormatOption,
        OptionSpec(names: ["--out"], value: "FILE", help: "write the signature to FILE instead of stdout"),
        OptionSpec(names: ["--base64url"], value: nil, help: "write the signature as unpadded base64url text"),
        OptionSpec(names: ["--hex"], value: nil, help: "write the signature as lowercase hex text"),
        weakKeyOption,
    ],
    maxPositionals: 1,
    details: """
        The signature is written as raw bytes (the modulus size, e.g. 256 for RSA-2048), exactly
        what openssl dgst -sha256 -sign writes, so it checks with
        openssl dgst -sha256 -verify pub.pem -signature sig.bin FILE. With --alg, RS384/RS512
        use SHA-384/512, PS* add -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:digest,
        and HS* write the HMAC tag of the data under the secret. With an EC key (ES256) the
        signature is ECDSA P-256 SHA-256 in DER, as openssl dgst -sha256 -sign writes it (RFC 6979
        deterministic nonce), or with --format raw the 64 bytes r‖s of a JWS.
        With no FILE, or '-', the data is read from standard input.

        \(keyDetails)
        \(exitDetails)
        """)

let verifyDataSpec = CommandSpec(
    name: "verify-data",
    summary:
        "Check an RSASSA-PKCS1-v1_5 SHA-256 signature (ECDSA with an EC key) over a file (or stdin), as 'openssl dgst -sha256 -verify'.",
    synopsis:
        "--signature FILE [FILE|-] [--key PATH] [--alg ALG] [--secret-file PATH | --secret-env NAME] [--format der|raw] [--base64url | --hex]",
    options: [
        OptionSpec(names: ["--signature"], value: "FILE", help: "the signature file (required)"),
        verifyKeyOption, algOption, secretFileOption, secretEnvOption, signatureFormatOption,
        OptionSpec(names: ["--base64url"], value: nil, help: "the signature file holds base64url text"),
        OptionSpec(names: ["--hex"], value: nil, help: "the signature file holds hex text"),
        weakKeyOption,
    ],
    maxPositionals: 1,
    details: """
        Prints "Verified OK" and exits 0 when the signature is valid, else prints
        "Verification failure" and exits 1 (as openssl dgst does, status aside). An ES256
        signature is read as DER (what openssl dgst -sha256 -sign writes), or with --format raw
        as the 64 bytes r‖s; both s and n − s verify, as FIPS 186-5 accepts.
        With no FILE, or '-', the data is read from standard input.

        \(keyDetails)
        \(exitDetails)
        """)

/// The SHA-256 of a file or stdin, read in chunks.
func digest(of path: String) throws(Failure) -> SHA256Digest {
    var hasher = SHA256()
    try IO.stream(path, what: "the data") { hasher.update(data: $0) }
    return hasher.finalize()
}

func textEncoding(_ arguments: ParsedArguments) throws(Failure) -> String? {
    switch (arguments.flag("--base64url"), arguments.flag("--hex")) {
    case (true, true): throw .usage("give --base64url or --hex, not both")
    case (true, false): return "base64url"
    case (false, true): return "hex"
    case (false, false): return nil
    }
}

func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 15)])
    }
    return String(decoding: out, as: UTF8.self)
}

func bytes(fromHex text: String) -> [UInt8]? {
    let chars = Array(text.utf8)
    guard chars.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
    var out: [UInt8] = []
    var i = 0
    while i < chars.count {
        guard let high = nibble(chars[i]), let low = nibble(chars[i + 1]) else { return nil }
        out.append(high << 4 | low)
        i += 2
    }
    return out
}

func runSignData(_ arguments: ParsedArguments) throws(Failure) {
    let encoding = try textEncoding(arguments)
    let form = try signatureForm(arguments)
    let input = arguments.positionals.first ?? "-"
    if input == "-" && arguments.value("--key") == "-" {
        throw .usage("the data and the key cannot both come from standard input")
    }
    let signer = try loadSigner(arguments)
    let algorithm = signer.signer.algorithm
    try checkSignatureForm(form, algorithm: algorithm)
    let secret = isHMAC(algorithm) ? try loadSecret(arguments, algorithm: algorithm) : nil
    let signature = try signData(try hashData(input, algorithm: algorithm, secret: secret), with: signer, form: form)
    let output: [UInt8]
    switch encoding {
    case "base64url": output = Array((Base64URL.encode(signature) + "\n").utf8)
    case "hex": output = Array((hexString(signature) + "\n").utf8)
    default: output = signature
    }
    if let path = arguments.value("--out") {
        try IO.writeFile(path, output, what: "the signature")
    } else {
        IO.out(output)
    }
}

func runVerifyData(_ arguments: ParsedArguments) throws(Failure) {
    let encoding = try textEncoding(arguments)
    let form = try signatureForm(arguments)
    guard let signaturePath = arguments.value("--signature") else {
        throw .usage("--signature FILE is required")
    }
    let input = arguments.positionals.first ?? "-"
    let stdinUsers = [input, arguments.value("--key") ?? "", signaturePath].filter { $0 == "-" }.count
    guard stdinUsers <= 1 else { throw .usage("only one of the data, the key and the signature can come from standard input") }
    let raw = try IO.read(signaturePath, limit: 1 << 16, what: "the signature")
    let signature: [UInt8]
    if let encoding {
        let text = IO.trimmed(String(decoding: raw, as: UTF8.self))
        if encoding == "hex" {
            guard let decoded = bytes(fromHex: text) else {
                throw .input("the signature file '\(shown(signaturePath))' is not hex text")
            }
            signature = decoded
        } else {
            do {
                signature = try Base64URL.decode(text)
            } catch {
                throw .input("the signature file '\(shown(signaturePath))' is not base64url text: \(error)")
            }
        }
    } else {
        signature = raw
    }
    let verifier = try loadVerifier(arguments, keyID: nil, options: .init())
    let algorithm = verifier.verifier.algorithm
    try checkSignatureForm(form, algorithm: algorithm)
    var ecdsa: P256.Signing.ECDSASignature?
    if verifier.p256 != nil {
        switch readECDSASignature(signature, form: form) {
        case let .success(read): ecdsa = read
        case let .failure(error):
            IO.out("Verification failure\n")
            let advice = form == .raw ? "with --format raw it must be 64 bytes r‖s" : "without --format raw it must be DER, as openssl dgst writes"
            throw .rejected("the signature file '\(shown(signaturePath))' is not an ES256 signature (\(error)); \(advice)")
        }
    }
    let secret = isHMAC(algorithm) ? try loadSecret(arguments, algorithm: algorithm) : nil
    if verifyData(signature, try hashData(input, algorithm: algorithm, secret: secret), with: verifier, ecdsa: ecdsa) {
        IO.out("Verified OK\n")
    } else {
        IO.out("Verification failure\n")
        throw .rejected("the signature does not match the data under this key")
    }
}
