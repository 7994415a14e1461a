// swift-tools-version:6.0
// PureRS256: RS256 JSON Web Tokens in pure Swift. No package dependencies, by design:
// the library modules import only the Swift standard library and each other.
import PackageDescription

let package = Package(
    name: "PureRS256",
    products: [
        .library(name: "PureBigNum", targets: ["PureBigNum"]),
        .library(name: "PureSHA2", targets: ["PureSHA2"]),
        .library(name: "PureDER", targets: ["PureDER"]),
        .library(name: "PureJSON", targets: ["PureJSON"]),
        .library(name: "PureRSA", targets: ["PureRSA"]),
        .library(name: "PureP256", targets: ["PureP256"]),
        .library(name: "PureJWT", targets: ["PureJWT"]),
        .executable(name: "rs256", targets: ["rs256"]),
        .executable(name: "rs256-bench", targets: ["rs256-bench"]),
    ],
    targets: [
        .target(name: "PureBigNum"),
        .target(name: "PureSHA2"),
        .target(name: "PureDER"),
        .target(name: "PureJSON"),
        .target(name: "PureRSA", dependencies: ["PureBigNum", "PureSHA2", "PureDER"]),
        .target(name: "PureP256", dependencies: ["PureBigNum", "PureSHA2", "PureDER"]),
        .target(name: "PureJWT", dependencies: ["PureJSON", "PureRSA", "PureP256", "PureSHA2", "PureDER"]),
        // Each target below lists exactly the modules its files import.
        .executableTarget(name: "rs256", dependencies: ["PureJWT", "PureJSON", "PureRSA", "PureP256", "PureSHA2", "PureDER"]),
        .executableTarget(
            name: "rs256-bench",
            dependencies: ["PureBigNum", "PureSHA2", "PureDER", "PureRSA", "PureJSON", "PureJWT", "PureP256"],
            path: "Benchmarks/rs256-bench"
        ),
        // Vector files, hex, the seeded generator and the NIST reader the test targets share.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "PureBigNumTests", dependencies: ["PureBigNum", "TestSupport"]),
        .testTarget(name: "PureSHA2Tests", dependencies: ["PureSHA2", "TestSupport"]),
        .testTarget(name: "PureDERTests", dependencies: ["PureDER", "TestSupport"]),
        .testTarget(name: "PureRSATests", dependencies: ["PureRSA", "PureBigNum", "PureDER", "PureSHA2", "TestSupport"]),
        .testTarget(name: "PureP256Tests", dependencies: ["PureP256", "PureBigNum", "PureSHA2", "TestSupport"]),
        .testTarget(name: "PureJSONTests", dependencies: ["PureJSON"]),
        .testTarget(name: "PureJWTTests", dependencies: ["PureJWT", "PureJSON", "PureRSA", "PureSHA2", "PureDER", "TestSupport"]),
        .testTarget(name: "rs256Tests", dependencies: ["rs256", "PureJWT", "PureDER", "PureRSA", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
