// The repository's `Vectors/` folder and the readers every test target uses on it.
import Foundation

/// The repository's root, found from this file's path (Tests/TestSupport/Vectors.swift).
package let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // TestSupport
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // repository root

/// The repository's `Vectors/` folder.
package let vectorsDirectory: URL = repositoryRoot.appendingPathComponent("Vectors")

/// The bytes of `Vectors/<relativePath>`.
package func vectorData(_ relativePath: String) throws -> Data {
    try Data(contentsOf: vectorsDirectory.appendingPathComponent(relativePath))
}

/// The text of `Vectors/<relativePath>` (UTF-8).
package func vectorText(_ relativePath: String) throws -> String {
    String(decoding: try vectorData(relativePath), as: UTF8.self)
}

/// `Vectors/<relativePath>`, a JSON object, as a dictionary (Foundation's parser: independent of
/// PureJSON).
package func vectorJSON(_ relativePath: String) throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: vectorData(relativePath)) as? [String: Any] else {
        throw TestDataError(description: "\(relativePath) is not a JSON object")
    }
    return object
}

/// Malformed test data: a broken vector file fails loudly, never passes silently.
package struct TestDataError: Error, CustomStringConvertible {
    package let description: String
    package init(description: String) { self.description = description }
}
