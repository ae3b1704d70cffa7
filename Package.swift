// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "GridWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gridwatch", targets: ["gridwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
    ],
    targets: [
        // C libraries: a system-library target each, nothing but a module map and a shim.
        .systemLibrary(
            name: "CModbus",
            pkgConfig: "libmodbus",
            providers: [.apt(["libmodbus-dev"])]
        ),

        // Plain value types shared by every stage; imports no C library, no SQLite, no HTTP.
        .target(name: "GridWatchCore"),

        // YAML files read key by key with `file:line` errors: configurations, scenarios, rules.
        .target(name: "YAMLConfig", dependencies: [.product(name: "Yams", package: "Yams")]),

        // Device-profile model, YAML loading with file:line errors, decoding, request planner.
        .target(
            name: "DeviceProfiles",
            dependencies: ["GridWatchCore", "YAMLConfig", .product(name: "Yams", package: "Yams")]
        ),

        // The only module that calls libmodbus: connections, buses, t3.5 guard, typed errors, server side.
        .target(
            name: "Modbus",
            dependencies: ["GridWatchCore", "CModbus", "DeviceProfiles"]
        ),

        // SQLite store: schema, migrations, batched writer, retention, queries.
        .target(
            name: "Store",
            dependencies: [
                "GridWatchCore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),

        // Scheduler, link supervision, device health.
        .target(
            name: "Collector",
            dependencies: [
                "GridWatchCore", "DeviceProfiles", "Modbus",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // Outage records, interruption events, IEEE 1366 / DL/T 836 indices, MED. Pure and fast.
        .target(name: "Reliability", dependencies: ["GridWatchCore"]),

        // Rule files, evaluation, violation lifecycle, voltage quality.
        .target(
            name: "Rules",
            dependencies: ["GridWatchCore", "Reliability", "YAMLConfig", .product(name: "Yams", package: "Yams")]
        ),

        // The simulated substation: scenario files, a pure timeline of every meter and TTU, and a
        // runner serving it over Modbus TCP on loopback with files the daemon needs.
        .target(name: "Simulation", dependencies: ["GridWatchCore", "YAMLConfig", "DeviceProfiles", "Modbus"]),

        // HTTP API, Prometheus endpoint and dashboard served by the daemon (Hummingbird).
        .target(
            name: "API",
            dependencies: [
                "GridWatchCore", "Store", "Reliability",
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),

        // Store-and-forward to a central PostgreSQL: client, central schema, forwarder, fleet queries.
        .target(
            name: "Fleet",
            dependencies: [
                "GridWatchCore", "Store", "Reliability", "Rules",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Configuration and the composition of the daemon's services.
        .target(
            name: "GridWatchApp",
            dependencies: [
                "GridWatchCore", "YAMLConfig", "DeviceProfiles", "Modbus", "Collector", "Store", "Reliability", "Rules",
                "Simulation", "API", "Fleet",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),

        // The command-line tool: one file per subcommand.
        .executableTarget(
            name: "gridwatch",
            dependencies: [
                "GridWatchApp", "GridWatchCore", "DeviceProfiles", "Modbus", "Simulation", "Store", "Reliability", "Rules", "API", "Fleet",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmark support: a paced serial line for `bench/collector` (not installed).
        .executableTarget(name: "gridwatch-bench", dependencies: ["GridWatchTesting"]),

        // Test support: real peers (pymodbus, socat ptys, paced serial line), fixtures, process helpers.
        .target(name: "GridWatchTesting", dependencies: ["GridWatchCore"]),

        .testTarget(name: "GridWatchCoreTests", dependencies: ["GridWatchCore"]),
        .testTarget(name: "DeviceProfilesTests", dependencies: ["DeviceProfiles", "GridWatchTesting"]),
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "DeviceProfiles", "GridWatchTesting"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "GridWatchTesting"]),
        .testTarget(name: "CollectorTests", dependencies: ["Collector", "Store", "GridWatchTesting"]),
        .testTarget(
            name: "GridWatchAppTests",
            dependencies: ["GridWatchApp", "YAMLConfig", "Store", "Rules", "Modbus", "DeviceProfiles", "GridWatchTesting"]
        ),
        .testTarget(name: "ReliabilityTests", dependencies: ["Reliability", "GridWatchTesting"]),
        .testTarget(name: "SimulationTests", dependencies: ["Simulation", "Modbus", "GridWatchApp", "GridWatchTesting"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Reliability", "GridWatchCore", "GridWatchTesting"]),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API", "GridWatchApp", "Store", "GridWatchTesting",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "FleetTests",
            dependencies: ["Fleet", "Store", "Reliability", "GridWatchTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // End-to-end: runs the built `gridwatch` binary against real peers.
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["GridWatchTesting", "Store", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Faults injected between the daemon and simulated devices, and SIGKILL during a scenario.
        .testTarget(
            name: "FaultInjectionTests",
            dependencies: ["GridWatchTesting", "Store", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Seeded random mutations of valid files against every loader, bounded in time.
        .testTarget(
            name: "LoaderFuzzTests",
            dependencies: ["GridWatchCore", "DeviceProfiles", "GridWatchApp", "YAMLConfig", "Reliability", "Rules", "GridWatchTesting"]
        ),
    ]
)
