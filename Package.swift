// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "Tresor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tresor", targets: ["tresor"]),
        .library(name: "TresorCrypto", targets: ["TresorCrypto"]),
        .library(name: "TresorModel", targets: ["TresorModel"]),
        .library(name: "TresorMail", targets: ["TresorMail"]),
        .library(name: "TresorStore", targets: ["TresorStore"]),
        .library(name: "TresorStoreSQLite", targets: ["TresorStoreSQLite"]),
        .library(name: "TresorCompliance", targets: ["TresorCompliance"]),
        .library(name: "TresorService", targets: ["TresorService"]),
        .library(name: "TresorJobs", targets: ["TresorJobs"]),
        .library(name: "TresorHTTP", targets: ["TresorHTTP"]),
        .library(name: "TresorDeployment", targets: ["TresorDeployment"]),
        .library(name: "TresorCLI", targets: ["TresorCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
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
        // SMTP client and MIME messages on SwiftNIO; knows nothing of customers.
        .target(
            name: "TresorMail",
            dependencies: [
                "TresorCrypto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        // The backend-neutral store: value types, errors, queries and one protocol per storage
        // concern. Knows no database.
        .target(
            name: "TresorStore",
            dependencies: [
                "TresorCrypto",
                "TresorModel",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        // The SQLite adapter (GRDB). The only target that imports GRDB or calls sqlite3_*.
        .target(
            name: "TresorStoreSQLite",
            dependencies: [
                "TresorCrypto",
                "TresorModel",
                "TresorStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),
        .target(
            name: "TresorCLI",
            dependencies: [
                "TresorCrypto",
                "TresorModel",
                "TresorStore",
                "TresorDeployment",
                "TresorCompliance",
                "TresorService",
                "TresorHTTP",
                "TresorJobs",
                "TresorMail",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // The composition root: turns a configuration into a running deployment. The one place
        // that names a storage adapter.
        .target(
            name: "TresorDeployment",
            dependencies: [
                "TresorCrypto",
                "TresorModel",
                "TresorStore",
                "TresorStoreSQLite",
                "TresorCompliance",
                "TresorService",
                "TresorMail",
                "TresorJobs",
                "TresorHTTP",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "tresor",
            dependencies: ["TresorCLI"]
        ),
        .target(
            name: "TresorCompliance",
            dependencies: [
                "TresorCrypto",
                "TresorModel",
                "TresorStore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .target(
            name: "TresorService",
            dependencies: [
                "TresorCrypto", "TresorModel", "TresorStore", "TresorCompliance", "TresorMail",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // Background work: webhook and email delivery, the retention job, access-log checkpoints
        // and pruning. `tresor serve --role worker|all` runs it.
        .target(
            name: "TresorJobs",
            dependencies: [
                "TresorCrypto",
                "TresorModel",
                "TresorStore",
                "TresorCompliance",
                "TresorService",
                "TresorMail",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "TresorHTTP",
            dependencies: [
                "TresorModel",
                "TresorStore",
                "TresorCompliance",
                "TresorService",
                "TresorMail",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ]
        ),
        .target(
            name: "TresorTestSupport",
            path: "Tests/TresorTestSupport"
        ),
        // The store's behaviour written once against its protocols, and what runs it per backend.
        .target(
            name: "TresorStoreTestSupport",
            dependencies: ["TresorStore", "TresorDeployment", "TresorModel", "TresorCrypto"],
            path: "Tests/TresorStoreTestSupport"
        ),
        .testTarget(
            name: "TresorStoreConformanceTests",
            dependencies: ["TresorStoreTestSupport", "TresorStore", "TresorModel", "TresorCrypto", "TresorTestSupport",
                           .product(name: "NIOConcurrencyHelpers", package: "swift-nio")]
        ),
        .testTarget(
            name: "TresorCryptoTests",
            dependencies: ["TresorCrypto", "TresorTestSupport"],
            resources: [.copy("Vectors")]
        ),
        // The SQLite adapter's own tests: file residue, secure_delete, WAL truncation, recovery
        // between its two files, and the rest of the store's behaviour on SQLite.
        .testTarget(
            name: "TresorStoreSQLiteTests",
            dependencies: ["TresorStoreSQLite", "TresorStore", "TresorStoreTestSupport", "TresorCrypto", "TresorModel",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "TresorComplianceTests",
            dependencies: [
                "TresorCompliance", "TresorModel", "TresorStore", "TresorDeployment", "TresorCrypto", "TresorTestSupport",
            ]
        ),
        .testTarget(
            name: "TresorHTTPTests",
            dependencies: [
                "TresorHTTP", "TresorJobs", "TresorService", "TresorStore", "TresorDeployment", "TresorCompliance", "TresorCrypto", "TresorModel", "TresorMail",
                "TresorTestSupport",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TresorMailTests",
            dependencies: ["TresorMail", "TresorCrypto", "TresorTestSupport"]
        ),
        .testTarget(
            name: "TresorModelTests",
            dependencies: ["TresorModel", "TresorTestSupport"]
        ),
        // The reliability suite (crash, hostile input, data at rest) against real `tresor` processes;
        // `.ci/run` runs it after the unit tests.
        .testTarget(
            name: "TresorReliabilityTests",
            dependencies: ["TresorTestSupport", "tresor"]
        ),
        .testTarget(
            name: "TresorCLITests",
            dependencies: ["TresorCLI", "TresorCrypto", "TresorTestSupport", "tresor"]
        ),
    ]
)
