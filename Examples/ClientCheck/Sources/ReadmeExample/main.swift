// Package.swift: .package(url: "<this repository>", branch: "main"),
//                .product(name: "PureJWT", package: "PureRS256")
import Foundation                                      // only for the clock and the environment
import PureJWT                                         // keys, JSON and tokens: the one import

// PEM, the base64 of a PEM (what HOTGLUE_SIGNING_KEY holds) or DER; validated once, reused.
let key = try RSAPrivateKey(loading: ProcessInfo.processInfo.environment["HOTGLUE_SIGNING_KEY"] ?? "")
let signer = JWTSigner(key: key)                       // Sendable: share it across requests
let now = Int64(Date().timeIntervalSince1970)          // the library reads no clock

let token = try signer.tenantToken("tenant-id", now: now)          // the main job, exp = now + 3600

var claims = try JWTClaims.tenant("tenant-id", now: now, lifetime: 600)
claims["role"] = .string("admin")                                   // members keep their order
let other = try signer.sign(claims, keyID: "2024-01")               // header gains "kid"

let verifier = JWTVerifier(key: key.publicKey,                      // RS256 is pinned, never read from the token
                           options: JWTValidationOptions(leeway: 30, subject: "tenant-id"))
let verified = try verifier.verify(token, now: now)                 // throws JWTError: .expired(at:now:), .invalidSignature, …
print(try verified.claims.subject ?? "", try verified.claims.expiresAt ?? 0)

let peek = try JWT.decodeWithoutVerifying(other)                    // for debugging only: nothing checked
print(peek.header.keyID ?? "")

struct TenantClaims: Codable, Sendable { var sub: String; var iat: Int64; var exp: Int64; var role: String? }
let typed = try signer.sign(TenantClaims(sub: "tenant-id", iat: now, exp: now + 3600, role: "admin"))
let mine = try verifier.verify(typed, as: TenantClaims.self, now: now)  // exp/nbf/options checked first
print(mine.role ?? "")
