// Many tasks minting and verifying tokens with one shared signer and one shared verifier: the
// job a backend does under load. Run under ThreadSanitizer by Scripts/sanitizers.sh.
import Testing
import PureJWT

@Suite struct ConcurrencyTests {
    /// Every token minted concurrently equals the one minted alone for the same tenant and time,
    /// verifies with the shared verifier to the right claims, and a token whose payload was swapped
    /// for another task's is refused — so no task sees another's state.
    @Test func manyTasksMintAndVerifyTenantTokensWithOneSharedKey() async throws {
        let signer = Keys.demoSigner
        let verifier = Keys.demoVerifier
        let tasks = 24
        let now: Int64 = 1_700_000_000
        let expected = try (0..<tasks).map { try signer.tenantToken("tenant-\($0)", now: now + Int64($0)) }
        let results = try await withThrowingTaskGroup(of: (Int, String, String?, Bool).self) { group in
            for index in 0..<tasks {
                group.addTask {
                    let token = try signer.tenantToken("tenant-\(index)", now: now + Int64(index))
                    let verified = try verifier.verify(token, now: now + Int64(index))
                    // Another task's payload under this token's signature.
                    let other = expected[(index + 1) % tasks].split(separator: ".")[1]
                    let parts = token.split(separator: ".")
                    let swapped = "\(parts[0]).\(other).\(parts[2])"
                    let swappedRefused = (try? verifier.verifySignature(of: swapped)) == nil
                    return (index, token, try verified.claims.subject, swappedRefused)
                }
            }
            var collected: [(Int, String, String?, Bool)] = []
            for try await result in group { collected.append(result) }
            return collected
        }
        #expect(results.count == tasks)
        for (index, token, subject, swappedRefused) in results {
            #expect(token == expected[index], "task \(index) minted another token than alone")
            #expect(subject == "tenant-\(index)", "task \(index) verified to another subject")
            #expect(swappedRefused, "task \(index): a swapped payload verified")
        }
    }
}
