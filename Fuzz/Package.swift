// swift-tools-version:6.0
// libFuzzer targets for PureRS256. A separate package (depending on the main one by path) so the
// main manifest stays free of fuzz-only executables: `swift build` / `swift test` at the root
// never compile them. Build and run them with Fuzz/run.sh, which adds the fuzzer and
// AddressSanitizer instrumentation (see the README there).
//
// Each target is one file holding `@_cdecl("LLVMFuzzerTestOneInput")` (no main.swift, no @main):
// with `-sanitize=fuzzer` libFuzzer supplies `main`; a plain `swift build` here still links (the
// executable then does nothing), which keeps the package buildable without instrumentation.
import PackageDescription

let library: [Target.Dependency] = [
    .product(name: "PureBigNum", package: "PureRS256"),
    .product(name: "PureSHA2", package: "PureRS256"),
    .product(name: "PureDER", package: "PureRS256"),
    .product(name: "PureRSA", package: "PureRS256"),
    .product(name: "PureP256", package: "PureRS256"),
    .product(name: "PureJWT", package: "PureRS256"),
]

let targets = ["FuzzBase64", "FuzzDER", "FuzzKeyLoader", "FuzzECKeys", "FuzzJSON", "FuzzJWT", "FuzzSignVerify", "FuzzBigNum"]

let package = Package(
    name: "PureRS256Fuzz",
    dependencies: [.package(name: "PureRS256", path: "..")],
    targets: [.target(name: "FuzzSupport", dependencies: library)]
        + targets.map { .executableTarget(name: $0, dependencies: library + ["FuzzSupport"]) },
    swiftLanguageModes: [.v6]
)
