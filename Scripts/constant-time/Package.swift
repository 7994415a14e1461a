// swift-tools-version:6.0
// Constant-time checks for PureBigNum, PureRSA's signing path and PureSHA2's HMAC under valgrind.
// A separate package, so the C shim around <valgrind/memcheck.h> never becomes part of the product. Run through Scripts/constant-time.sh.
import PackageDescription

let package = Package(
    name: "ConstantTimeCheck",
    dependencies: [.package(name: "PureRS256", path: "../..")],
    targets: [
        .target(name: "CMemcheck"),
        .executableTarget(
            name: "ct-check",
            dependencies: [
                "CMemcheck",
                .product(name: "PureBigNum", package: "PureRS256"),
                .product(name: "PureDER", package: "PureRS256"),
                .product(name: "PureRSA", package: "PureRS256"),
                .product(name: "PureP256", package: "PureRS256"),
                .product(name: "PureSHA2", package: "PureRS256"),
            ]
        ),
    ]
)
