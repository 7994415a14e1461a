// swift-tools-version:6.0
// PureRS256 next to other implementations of the same operations. A separate package on
// purpose: it pulls in C (BoringSSL through swift-crypto), which the main package never links.
// Run: cd Benchmarks/Peers && swift run -c release rs256-peers   (see Benchmarks/compare.sh)
import PackageDescription

let package = Package(
    name: "PureRS256Peers",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Named, so the product references below work whatever the checkout folder is called.
        .package(name: "PureRS256", path: "../.."),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/attaswift/BigInt.git", from: "6.0.1"),
    ],
    targets: [
        .executableTarget(
            name: "rs256-peers",
            dependencies: [
                .product(name: "PureBigNum", package: "PureRS256"),
                .product(name: "PureRSA", package: "PureRS256"),
                .product(name: "PureJWT", package: "PureRS256"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "BigInt", package: "BigInt"),
            ]
        )
    ],
    swiftLanguageModes: [.v6]
)
