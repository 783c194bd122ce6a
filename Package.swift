// swift-tools-version:6.2
import PackageDescription

let package = Package(
    name: "elko",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "ElkoAPI", targets: ["ElkoAPI"]),
        .library(name: "ElkoSandbox", targets: ["ElkoSandbox"]),
        // libelko: `make lib` (mk/lib.mk) builds the shipped `build/libelko.so` from this product.
        .library(name: "ElkoC", type: .dynamic, targets: ["ElkoC"]),
        .executable(name: "elko", targets: ["elko"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
    ],
    targets: [
        // The operation table: every ELKO endpoint as data. No dependencies, read by everything else.
        .target(name: "ElkoAPI"),
        // A faithful local ELKO API v3 server built from the table.
        .target(
            name: "ElkoSandbox",
            dependencies: [
                "ElkoAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]
        ),
        .systemLibrary(name: "CJansson", pkgConfig: "jansson", providers: [.apt(["libjansson-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // The client: configuration, libcurl transport, error model. No Foundation (the shipped .so must
        // stay small and load where no Swift toolchain exists).
        .target(name: "ElkoCore", dependencies: ["ElkoAPI", "CJansson", "CCurl"]),
        // The C ABI shims only; include/elko.h is the hand-written contract.
        .target(name: "ElkoC", dependencies: ["ElkoCore", "ElkoAPI", "CJansson"]),
        .executableTarget(
            name: "elko",
            dependencies: [
                "ElkoAPI",
                "ElkoCore",
                "ElkoSandbox",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ElkoSandboxTests", dependencies: ["ElkoSandbox", "ElkoAPI"]),
        .testTarget(name: "ElkoCoreTests", dependencies: ["ElkoCore", "ElkoAPI", "ElkoSandbox"]),
    ]
)
