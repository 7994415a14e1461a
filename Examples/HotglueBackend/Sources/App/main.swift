import Foundation
import HotglueBackend
import Hummingbird

// Loads the configuration (and the signing key) once; a missing or unusable setting is one line
// on stderr and exit status 2, before anything listens.
let configuration: BackendConfiguration
do {
    configuration = try BackendConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)
} catch {
    FileHandle.standardError.write(Data("hotglue-backend: \(error.description)\n".utf8))
    exit(2)
}
FileHandle.standardError.write(
    Data(
        """
        hotglue-backend: listening on http://\(configuration.host):\(configuration.port) \
        (kid \(configuration.keyID), \(configuration.publicKey.keySizeInBits)-bit key, \
        DEMO authentication: \(configuration.demoSessions.count) session(s) from DEMO_SESSIONS)\n
        """.utf8))
try await buildApplication(configuration).runService()
