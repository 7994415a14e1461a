import Foundation
import HotglueBackend
import Hummingbird
import HummingbirdTesting
import PureJWT
import Testing

// Every route against a live server on loopback (HummingbirdTesting's `.live` client). Tokens are
// checked by the library's verifier and by `openssl dgst -sha256 -verify`; their header and
// claims are read with Foundation's base64 and JSONSerialization.

@Suite struct RouteTests {
    static let now = systemClock()

    static func app(_ overrides: [String: String?] = [:]) throws -> some ApplicationProtocol {
        buildApplication(try BackendConfiguration.fromEnvironment(Support.environment(overrides)), clock: { now })
    }

    static func bearer(_ session: String) -> HTTPFields { [.authorization: "Bearer \(session)"] }

    /// Checks a token as a third party would; returns its claims.
    static func check(_ token: String, tenant: String, kid: String, iat: Int64 = now) throws -> [String: Any] {
        let (header, payload) = try Support.parts(of: token)
        #expect(header.count == 3 && header["alg"] as? String == "RS256" && header["typ"] as? String == "JWT")
        #expect(header["kid"] as? String == kid)
        #expect(payload.count == 3)
        #expect(payload["sub"] as? String == tenant)
        let issued = (payload["iat"] as? NSNumber)?.int64Value, expires = (payload["exp"] as? NSNumber)?.int64Value
        #expect(issued == iat)
        #expect(expires == iat + 3600)
        #expect(try Support.opensslVerifies(token))
        let publicKey = try RSAPublicKey(pemRepresentation: try String(contentsOfFile: Support.demoPublicKeyPath, encoding: .utf8))
        let verified = try JWTVerifier(key: publicKey, options: JWTValidationOptions(subject: tenant)).verify(token, now: iat)
        #expect(verified.header.keyID == kid)
        return payload
    }

    @Test func theTokenRouteMintsTheSignedInTenantsToken() async throws {
        let kid = try BackendConfiguration.fromEnvironment(Support.environment()).keyID
        try await Self.app().test(.live) { client in
            try await client.execute(uri: "/hotglue/token", method: .get, headers: Self.bearer("alice-session")) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[.cacheControl] == "no-store")
                let body = try Support.object(Array(buffer: response.body))
                #expect(body.count == 2)
                let token = try #require(body["token"] as? String)
                let payload = try Self.check(token, tenant: "tenant-alice", kid: kid)
                #expect((body["expiresAt"] as? NSNumber)?.int64Value == (payload["exp"] as? NSNumber)?.int64Value)
            }
            try await client.execute(uri: "/hotglue/token", method: .get, headers: Self.bearer("bob-session")) { response in
                let body = try Support.object(Array(buffer: response.body))
                _ = try Self.check(try #require(body["token"] as? String), tenant: "tenant-bob", kid: kid)
            }
        }
    }

    @Test(arguments: [nil, "Bearer nobody", "Basic YWxpY2U6eA==", "Bearer ", "alice-session"])
    func withoutAKnownSessionBothTokenRoutesAnswer401(authorization: String?) async throws {
        try await Self.app().test(.live) { client in
            for uri in ["/hotglue/token", "/hotglue/linked-sources-url"] {
                let headers: HTTPFields = authorization.map { [.authorization: $0] } ?? [:]
                try await client.execute(uri: uri, method: .get, headers: headers) { response in
                    #expect(response.status == .unauthorized)
                    #expect(response.headers[.wwwAuthenticate] == "Bearer")
                    let body = try Support.object(Array(buffer: response.body))
                    #expect(body["token"] == nil && body["url"] == nil)
                    #expect(body["error"] as? String == "sign in first: send Authorization: Bearer <session token>")
                }
            }
        }
    }

    @Test func theLinkedSourcesURLHasHotgluesShape() async throws {
        let sessions = "alice-session=tenant-alice,odd-session=acme corp/ü.."
        let kid = try BackendConfiguration.fromEnvironment(Support.environment()).keyID
        try await Self.app(["DEMO_SESSIONS": sessions]).test(.live) { client in
            for (session, tenant, segment) in [
                ("alice-session", "tenant-alice", "tenant-alice"),
                ("odd-session", "acme corp/ü..", "acme%20corp%2F%C3%BC.."),
            ] {
                try await client.execute(uri: "/hotglue/linked-sources-url", method: .get, headers: Self.bearer(session)) { response in
                    #expect(response.status == .ok)
                    let body = try Support.object(Array(buffer: response.body))
                    let url = try #require(body["url"] as? String)
                    let prefix = "https://client-api.hotglue.xyz/dev.hotglue.example.com/flow-1/\(segment)/linkedSources?token="
                    #expect(url.hasPrefix(prefix), "\(url)")
                    let token = String(url.dropFirst(prefix.count))
                    let payload = try Self.check(token, tenant: tenant, kid: kid)
                    #expect((body["expiresAt"] as? NSNumber)?.int64Value == (payload["exp"] as? NSNumber)?.int64Value)
                    // Foundation reads it as a URL with exactly that path and the token as the query.
                    let components = try #require(URLComponents(string: url))
                    #expect(components.host == "client-api.hotglue.xyz")
                    #expect(components.path == "/dev.hotglue.example.com/flow-1/\(tenant)/linkedSources")
                    #expect(components.queryItems?.count == 1 && components.queryItems?.first?.value == token)
                }
            }
        }
    }

    @Test func theJWKSetPublishesThePublicKeyWithItsKid() async throws {
        let kid = try BackendConfiguration.fromEnvironment(Support.environment()).keyID
        // The modulus as openssl prints it, to compare with the published `n`.
        let modulus = try Support.run("openssl", ["rsa", "-in", Support.demoKeyPath, "-noout", "-modulus"])
        let hex = String(decoding: modulus.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "=")[1].lowercased()
        try await Self.app().test(.live) { client in
            let set = try await client.execute(uri: "/.well-known/jwks.json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.headers[.cacheControl] == "public, max-age=300")
                return Array(buffer: response.body)
            }
            let keys = try #require(try Support.object(set)["keys"] as? [[String: Any]])
            #expect(keys.count == 1)
            let key = try #require(keys.first)
            #expect(key["kty"] as? String == "RSA" && key["kid"] as? String == kid)
            #expect(key["alg"] as? String == "RS256" && key["use"] as? String == "sig")
            #expect(key["e"] as? String == "AQAB")
            let encodedN = try #require(key["n"] as? String)
            let n = try #require(Support.fromBase64url(encodedN))
            #expect(n.map { String(format: "%02x", $0) }.joined() == hex)
            #expect(key["d"] == nil && key["p"] == nil)  // nothing private

            // A relying party verifies the backend's token with that set alone, picking by kid.
            let verifier = try JWTVerifier(jwks: set)
            let token = try await client.execute(uri: "/hotglue/token", method: .get, headers: Self.bearer("alice-session")) {
                try #require(try Support.object(Array(buffer: $0.body))["token"] as? String)
            }
            #expect(try verifier.verify(token, now: Self.now).claims.subject == "tenant-alice")
        }
    }

    @Test func anUnknownRouteIs404AndAPostIsNotATokenRequest() async throws {
        try await Self.app().test(.live) { client in
            try await client.execute(uri: "/hotglue/tokens", method: .get, headers: Self.bearer("alice-session")) {
                #expect($0.status == .notFound)
            }
            try await client.execute(uri: "/hotglue/token", method: .post, headers: Self.bearer("alice-session")) {
                #expect($0.status != .ok)
            }
        }
    }
}
