import Foundation
import HotglueBackend
import Hummingbird
import HummingbirdTesting
import PureJWT
import Testing

// 200 requests from 16 concurrent clients (each its own keep-alive connection to the live server
// on loopback): every request answered, every token valid for its own tenant, none lost or mixed up.

@Suite struct ConcurrencyTests {
    @Test func twoHundredRequestsFromSixteenClientsAllGetValidTokens() async throws {
        let tenants = (0..<16).map { "tenant-\($0)" }
        let sessions = tenants.enumerated().map { "session-\($0.offset)=\($0.element)" }.joined(separator: ",")
        let configuration = try BackendConfiguration.fromEnvironment(Support.environment(["DEMO_SESSIONS": sessions]))
        let now = systemClock()
        let app = buildApplication(configuration, clock: { now })
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let results = try await withThrowingTaskGroup(of: [(client: Int, token: String)].self) { group in
                for index in 0..<16 {
                    let count = 200 / 16 + (index < 200 % 16 ? 1 : 0)  // 13 for eight clients, 12 for the rest
                    group.addTask {
                        try await TestClient.withClient(
                            host: "localhost", port: port,
                            configuration: .init(timeout: .seconds(120))
                        ) { connection in
                            var tokens: [(client: Int, token: String)] = []
                            for _ in 0..<count {
                                let response = try await connection.get(
                                    "/hotglue/token",
                                    headers: [.authorization: "Bearer session-\(index)"])
                                #expect(response.head.status == .ok)
                                let body = try Support.object(Array(buffer: response.body ?? ByteBuffer()))
                                tokens.append((index, try #require(body["token"] as? String)))
                            }
                            return tokens
                        }
                    }
                }
                var all: [(client: Int, token: String)] = []
                for try await tokens in group { all += tokens }
                return all
            }
            #expect(results.count == 200)
            #expect(
                Dictionary(grouping: results, by: \.client).mapValues(\.count)
                    == Dictionary(uniqueKeysWithValues: (0..<16).map { ($0, $0 < 8 ? 13 : 12) }))
            let verifier = JWTVerifier(key: configuration.publicKey)
            for (index, token) in results {
                let verified = try verifier.verify(token, now: now)
                #expect(try verified.claims.subject == tenants[index])
                #expect(try verified.claims.expiresAt == now + 3600)
            }
            // PKCS#1 v1.5 is deterministic: same tenant, same second, same bytes, however many threads.
            for (index, group) in Dictionary(grouping: results, by: \.client) {
                #expect(Set(group.map(\.token)).count == 1, "client \(index) got different tokens for the same claims")
            }
            // openssl checks one token per tenant (16 child processes).
            for index in 0..<16 {
                let token = try #require(results.first { $0.client == index }?.token)
                #expect(try Support.opensslVerifies(token))
            }
        }
    }
}
