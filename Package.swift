// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Tresor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tresor", targets: ["tresor"]),
        .library(name: "TresorCrypto", targets: ["TresorCrypto"]),
        .library(name: "TresorModel", targets: ["TresorModel"]),
        .library(name: "TresorCLI", targets: ["TresorCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // OpenSSL's libcrypto from the system (apt: libssl-dev). Only TresorCrypto imports it.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        .target(
            name: "TresorCrypto",
            dependencies: [
                "COpenSSL",
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(name: "TresorModel"),
        .target(
            name: "TresorCLI",
            dependencies: [
                "TresorCrypto",
                "TresorModel",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "tresor",
            dependencies: ["TresorCLI"]
        ),
        .testTarget(
            name: "TresorCryptoTests",
            dependencies: ["TresorCrypto"],
            resources: [.copy("Vectors")]
        ),
        .testTarget(
            name: "TresorModelTests",
            dependencies: ["TresorModel"]
        ),
        .testTarget(
            name: "TresorCLITests",
            dependencies: ["TresorCLI", "TresorCrypto", "tresor"]
        ),
    ]
)
