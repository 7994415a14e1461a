import Foundation
import Hummingbird
import PureJWT

/// The clock: whole seconds since 1970 (the library reads no clock).
public typealias UnixClock = @Sendable () -> Int64

/// The system clock.
public let systemClock: UnixClock = { Int64(Date().timeIntervalSince1970) }

/// The Hummingbird application serving the three routes.
public func buildApplication(_ configuration: BackendConfiguration, clock: @escaping UnixClock = systemClock)
    -> some ApplicationProtocol
{
    let router = Router()
    let backend = Backend(configuration: configuration, clock: clock)
    router.get("/hotglue/token") { request, _ in backend.token(request) }
    router.get("/hotglue/linked-sources-url") { request, _ in backend.linkedSourcesURL(request) }
    router.get("/.well-known/jwks.json") { _, _ in backend.jwks() }
    return Application(
        router: router,
        configuration: .init(
            address: .hostname(configuration.host, port: configuration.port),
            serverName: "HotglueBackend"))
}

/// The handlers, kept free of Hummingbird's context so they read as plain functions.
struct Backend: Sendable {
    let configuration: BackendConfiguration
    let clock: UnixClock
    /// The JWK Set bytes, made once.
    let jwksBody: String

    init(configuration: BackendConfiguration, clock: @escaping UnixClock) {
        self.configuration = configuration
        self.clock = clock
        self.jwksBody = JSONValue.object(["keys": .array([.object(configuration.publicKey.jwk(keyID: configuration.keyID))])]).serialized
    }

    /// DEMO AUTHENTICATION: `Authorization: Bearer <session>` looked up in `DEMO_SESSIONS`.
    func tenant(of request: Request) -> String? {
        guard let value = request.headers[.authorization] else { return nil }
        let prefix = "Bearer "
        guard value.count > prefix.count, value.prefix(prefix.count).lowercased() == prefix.lowercased() else { return nil }
        return configuration.demoSessions[String(value.dropFirst(prefix.count))]
    }

    /// A fresh token for the tenant, and when it expires.
    func mint(for tenant: String) -> Result<(token: String, expiresAt: Int64), JWTError> {
        let now = clock()
        do {
            let token = try configuration.signer.tenantToken(
                tenant, now: now, lifetime: configuration.tokenLifetime,
                keyID: configuration.keyID)
            return .success((token, now + configuration.tokenLifetime))
        } catch {
            return .failure(error)
        }
    }

    func token(_ request: Request) -> Response {
        guard let tenant = tenant(of: request) else { return Self.unauthorized() }
        switch mint(for: tenant) {
        case let .success((token, expiresAt)):
            return Self.json(.ok, ["token": .string(token), "expiresAt": .integer(expiresAt)])
        case let .failure(error):
            return Self.json(.internalServerError, ["error": .string(error.description)])
        }
    }

    func linkedSourcesURL(_ request: Request) -> Response {
        guard let tenant = tenant(of: request) else { return Self.unauthorized() }
        switch mint(for: tenant) {
        case let .success((token, expiresAt)):
            let path = [configuration.environmentID, configuration.flowID, tenant]
                .map(percentEncodedSegment).joined(separator: "/")
            let base = configuration.apiBase.hasSuffix("/") ? String(configuration.apiBase.dropLast()) : configuration.apiBase
            return Self.json(
                .ok,
                [
                    "url": .string("\(base)/\(path)/linkedSources?token=\(token)"),
                    "expiresAt": .integer(expiresAt),
                ])
        case let .failure(error):
            return Self.json(.internalServerError, ["error": .string(error.description)])
        }
    }

    func jwks() -> Response {
        var response = Self.body(.ok, jwksBody)
        response.headers[.cacheControl] = "public, max-age=300"
        return response
    }

    static func unauthorized() -> Response {
        var response = json(.unauthorized, ["error": .string("sign in first: send Authorization: Bearer <session token>")])
        response.headers[.wwwAuthenticate] = "Bearer"
        return response
    }

    static func json(_ status: HTTPResponse.Status, _ object: JSONObject) -> Response {
        body(status, JSONValue.object(object).serialized)
    }

    static func body(_ status: HTTPResponse.Status, _ text: String) -> Response {
        var response = Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        response.headers[.contentType] = "application/json"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

/// Percent-encodes one URL path segment: everything but RFC 3986's unreserved characters as %XX
/// of its UTF-8 bytes; a segment of only dots is fully encoded (as `rs256 url` does).
func percentEncodedSegment(_ segment: String) -> String {
    let onlyDots = segment.utf8.allSatisfy { $0 == UInt8(ascii: ".") }
    var out = ""
    for byte in segment.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: ".") where !onlyDots:
            out.append(".")
        default:
            let hex = Array("0123456789ABCDEF".utf8)
            out.append("%")
            out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
            out.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
        }
    }
    return out
}
