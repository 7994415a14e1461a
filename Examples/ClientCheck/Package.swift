// swift-tools-version:6.0
// A client of PureRS256 from outside the package, as a user depends on it: by path, one product,
// one import (`import PureJWT`), no `package` or `@testable` access. If something here needs more
// than the public surface of `PureJWT`, that is a finding about the library, not a reason to add
// an import.
import PackageDescription

// A path dependency's identity is its folder's name (this clone's, whatever it is called).
let library = String(Context.packageDirectory.split(separator: "/").dropLast(2).last ?? "PureRS256")

let package = Package(
    name: "ClientCheck",
    dependencies: [
        .package(path: "../..")
    ],
    targets: [
        // The README's "Using it from Swift" example, byte for byte (a test compares the two).
        .executableTarget(
            name: "ReadmeExample",
            dependencies: [.product(name: "PureJWT", package: library)]
        ),
        .testTarget(
            name: "ClientCheckTests",
            dependencies: ["ReadmeExample", .product(name: "PureJWT", package: library)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
