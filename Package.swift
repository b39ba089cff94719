// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "airm",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "airm", targets: ["airm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        // Already resolved through AsyncHTTPClient and Hummingbird; named so AirmHTTP can import them.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // MARK: - Libraries, in dependency order (DESIGN.md §2)
        // The system zlib (zlib1g-dev to build; zlib1g, part of every Debian, to run).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        .target(
            name: "AirmSpec",
            dependencies: [.product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "AirmEngine",
            dependencies: [
                "AirmSpec",
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                "CZlib",
            ]
        ),
        .target(
            name: "AirmHTTP",
            dependencies: [
                "AirmSpec", "AirmEngine",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "AirmReports",
            dependencies: ["AirmSpec", "AirmEngine"]
        ),
        .target(
            name: "AirmStore",
            dependencies: [
                "AirmSpec", "AirmEngine", "AirmReports",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "AirmServe",
            dependencies: [
                "AirmSpec", "AirmEngine", "AirmHTTP", "AirmReports", "AirmStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "AirmCLI",
            dependencies: [
                "AirmSpec", "AirmEngine", "AirmReports", "AirmStore", "AirmHTTP", "AirmServe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "airm", dependencies: ["AirmCLI"]),
        // The fuzzed entry points; libFuzzer links it through scripts/fuzz/build.sh (docs/architecture.md "Fuzzing").
        .target(name: "AirmFuzzing", dependencies: ["AirmSpec", "AirmEngine", "AirmHTTP"]),

        // MARK: - Tests mirror the targets
        .testTarget(name: "AirmSpecTests", dependencies: ["AirmSpec", "AirmEngine"]),
        .testTarget(name: "AirmEngineTests", dependencies: ["AirmEngine"]),
        .testTarget(
            name: "AirmHTTPTests",
            dependencies: ["AirmHTTP", .product(name: "AsyncHTTPClient", package: "async-http-client"), .product(name: "NIOCore", package: "swift-nio")]
        ),
        .testTarget(name: "AirmReportsTests", dependencies: ["AirmReports"], resources: [.copy("Goldens"), .copy("Schemas")]),
        .testTarget(
            name: "AirmStoreTests",
            dependencies: [
                "AirmStore", "AirmReports",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Goldens"]
        ),
        .testTarget(
            name: "AirmServeTests",
            dependencies: [
                "AirmServe", "AirmHTTP",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "AirmFuzzingTests", dependencies: ["AirmFuzzing"]),
        .testTarget(
            name: "AirmCLITests",
            dependencies: ["AirmCLI"],
            resources: [.copy("Cases")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
