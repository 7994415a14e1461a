// swift-tools-version:6.0
// dudect-style timing test (Welch's t over fixed-versus-random secret inputs) for PureRS256's
// secret-handling code. A separate package depending on the main one by path, so the timing
// driver (which imports Glibc for clock_gettime) never becomes part of the product. Run through
// Scripts/dudect.sh.
import PackageDescription

let package = Package(
    name: "DudectCheck",
    dependencies: [.package(name: "PureRS256", path: "../..")],
    targets: [
        .executableTarget(
            name: "dudect",
            dependencies: [
                .product(name: "PureBigNum", package: "PureRS256"),
                .product(name: "PureRSA", package: "PureRS256"),
            ]
        )
    ]
)
