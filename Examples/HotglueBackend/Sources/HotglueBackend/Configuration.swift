import Foundation
import PureJWT

/// What the backend needs, read once at start-up.
public struct BackendConfiguration: Sendable {
    /// The hotglue signing key, validated once (Montgomery constants precomputed) and shared.
    public var signer: JWTSigner
    /// The public half, published at `/.well-known/jwks.json`.
    public var publicKey: RSAPublicKey
    /// The `kid` of the tokens and of the published key.
    public var keyID: String
    /// hotglue environment id (the first path segment of the client API URL).
    public var environmentID: String
    /// hotglue flow id.
    public var flowID: String
    /// DEMO AUTHENTICATION ONLY: bearer session token → tenant id. A real backend asks its own
    /// session store who is signed in; nothing here is a login system.
    public var demoSessions: [String: String]
    /// Token lifetime in seconds (hotglue's documented snippet: 3600).
    public var tokenLifetime: Int64
    /// The client API's base URL.
    public var apiBase: String
    /// The address to listen on (`HOST`, default 127.0.0.1: loopback only).
    public var host: String
    /// The port to listen on (`PORT`, default 8080; 0 picks a free one).
    public var port: Int

    /// A configuration from values already at hand; `keyID` `nil` means the key's RFC 7638 thumbprint.
    public init(
        signingKey: RSAPrivateKey, keyID: String? = nil, environmentID: String, flowID: String,
        demoSessions: [String: String], tokenLifetime: Int64 = 3600,
        apiBase: String = "https://client-api.hotglue.xyz", host: String = "127.0.0.1", port: Int = 8080
    ) {
        self.signer = JWTSigner(key: signingKey)
        self.publicKey = signingKey.publicKey
        self.keyID = keyID ?? BackendConfiguration.thumbprint(of: signingKey.publicKey)
        self.environmentID = environmentID
        self.flowID = flowID
        self.demoSessions = demoSessions
        self.tokenLifetime = tokenLifetime
        self.apiBase = apiBase
        self.host = host
        self.port = port
    }

    /// The RFC 7638 JWK thumbprint (SHA-256 of `{"e":…,"kty":"RSA","n":…}`, base64url): a `kid`
    /// that changes exactly when the key does.
    public static func thumbprint(of key: RSAPublicKey) -> String {
        let jwk = key.jwk()
        let canonical = #"{"e":"\#(jwk["e"]?.stringValue ?? "")","kty":"RSA","n":"\#(jwk["n"]?.stringValue ?? "")"}"#
        let digest = SHA256.hash(data: Array(canonical.utf8))
        return Data(Array(digest)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Reads the configuration from environment variables (see README.md for each one).
    ///
    /// - Throws: ``ConfigurationError`` naming the variable and what is wrong with it.
    public static func fromEnvironment(_ environment: [String: String]) throws(ConfigurationError) -> BackendConfiguration {
        guard let keyText = environment["HOTGLUE_SIGNING_KEY"], !keyText.isEmpty else {
            throw .missing("HOTGLUE_SIGNING_KEY", "the base64 of your hotglue private key's PEM (base64 -w0 key.pem)")
        }
        let key: RSAPrivateKey
        do {
            // The base64 of a PEM (hotglue's documented form), a raw PEM, or DER in base64.
            key = try RSAPrivateKey(loading: keyText)
        } catch {
            throw .invalid("HOTGLUE_SIGNING_KEY", error.description)
        }
        func required(_ name: String, _ meaning: String) throws(ConfigurationError) -> String {
            guard let value = environment[name], !value.isEmpty else { throw .missing(name, meaning) }
            return value
        }
        let env = try required("HOTGLUE_ENV_ID", "your hotglue environment id")
        let flow = try required("HOTGLUE_FLOW_ID", "your hotglue flow id")
        let sessions = try parseSessions(
            try required(
                "DEMO_SESSIONS", "demo bearer tokens and their tenants, as session-token=tenant-id[,more=pairs]"))
        var lifetime: Int64 = 3600
        if let text = environment["HOTGLUE_TOKEN_TTL"] {
            guard let value = Int64(text), value > 0, value <= 86_400 else {
                throw .invalid("HOTGLUE_TOKEN_TTL", "it must be a whole number of seconds from 1 to 86400")
            }
            lifetime = value
        }
        var port = 8080
        if let text = environment["PORT"] {
            guard let value = Int(text), (0...65_535).contains(value) else {
                throw .invalid("PORT", "it must be a port number from 0 to 65535")
            }
            port = value
        }
        let keyID = environment["HOTGLUE_KEY_ID"].flatMap { $0.isEmpty ? nil : $0 }
        return BackendConfiguration(
            signingKey: key, keyID: keyID, environmentID: env, flowID: flow, demoSessions: sessions,
            tokenLifetime: lifetime, apiBase: environment["HOTGLUE_API_BASE"] ?? "https://client-api.hotglue.xyz",
            host: environment["HOST"] ?? "127.0.0.1", port: port)
    }

    /// `token=tenant,token2=tenant2`.
    static func parseSessions(_ text: String) throws(ConfigurationError) -> [String: String] {
        var sessions: [String: String] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw .invalid("DEMO_SESSIONS", "each entry must be session-token=tenant-id, separated by commas")
            }
            sessions[String(parts[0])] = String(parts[1])
        }
        guard !sessions.isEmpty else {
            throw .invalid("DEMO_SESSIONS", "it names no session")
        }
        return sessions
    }
}

/// Why the backend cannot start; `description` is one sentence for stderr.
public enum ConfigurationError: Error, Equatable, CustomStringConvertible {
    /// The variable is not set (or empty).
    case missing(String, String)
    /// The variable is set but unusable; the reason comes second.
    case invalid(String, String)

    /// One sentence naming the variable, for stderr.
    public var description: String {
        switch self {
        case let .missing(name, meaning): return "\(name) is not set: it must hold \(meaning)."
        case let .invalid(name, reason): return "\(name) is not usable: \(reason)."
        }
    }
}
