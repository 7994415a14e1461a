// swift-tools-version:6.0
// Constant-time checks for PureBigNum, PureRSA's signing path, PureP256 and PureSHA2's HMAC under valgrind
// (ct-check, run through Scripts/constant-time.sh), and the dudect-style timing test (Welch's t over
// fixed-versus-random secret inputs; dudect, run through Scripts/dudect.sh). A separate package, so
// the C shim around <valgrind/memcheck.h> and the timing driver (which imports Glibc for
// clock_gettime) never become part of the product; one package, so CI builds the library for
// both once.
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
        .executableTarget(
            name: "dudect",
            dependencies: [
                .product(name: "PureBigNum", package: "PureRS256"),
                .product(name: "PureRSA", package: "PureRS256"),
                .product(name: "PureP256", package: "PureRS256"),
                .product(name: "PureSHA2", package: "PureRS256"),
            ]
        ),
    ]
)
