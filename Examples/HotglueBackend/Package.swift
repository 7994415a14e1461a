// swift-tools-version:6.2
// An example backend, outside the library: Hummingbird 2 serving hotglue tenant tokens minted
// with PureJWT. This package may depend on Hummingbird; the library itself depends on nothing.
import PackageDescription

// A path dependency's identity is its folder's name (this clone's, whatever it is called).
let library = String(Context.packageDirectory.split(separator: "/").dropLast(2).last ?? "PureRS256")

let package = Package(
    name: "HotglueBackend",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hotglue-backend", targets: ["App"])
    ],
    dependencies: [
        .package(path: "../.."),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
    ],
    targets: [
        // Configuration, key loading and routes: everything the tests drive.
        .target(
            name: "HotglueBackend",
            dependencies: [
                .product(name: "PureJWT", package: library),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        // `swift run`: reads the environment, loads the key once, serves.
        .executableTarget(name: "App", dependencies: ["HotglueBackend"]),
        .testTarget(
            name: "HotglueBackendTests",
            dependencies: [
                "HotglueBackend",
                "App",  // built so the tests can run it as a user does (start-up refusals)
                .product(name: "PureJWT", package: library),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
