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

        // Device-profile model, YAML loading with file:line errors, decoding, request planner.
        .target(
            name: "DeviceProfiles",
            dependencies: ["GridWatchCore", .product(name: "Yams", package: "Yams")]
        ),

        // The only module that calls libmodbus: connections, buses, t3.5 guard, typed errors, server side.
        .target(
            name: "Modbus",
            dependencies: ["GridWatchCore", "CModbus", "DeviceProfiles"]
        ),

        // SQLite store: schema, migrations, batched writer, retention, queries.
        .target(
            name: "Store",
            dependencies: ["GridWatchCore", .product(name: "GRDB", package: "GRDB.swift")]
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
            dependencies: ["GridWatchCore", "Reliability", .product(name: "Yams", package: "Yams")]
        ),

        // Configuration and the composition of the daemon's services.
        .target(
            name: "GridWatchApp",
            dependencies: [
                "GridWatchCore", "DeviceProfiles", "Modbus", "Collector", "Store", "Reliability", "Rules",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),

        // The command-line tool: one file per subcommand.
        .executableTarget(
            name: "gridwatch",
            dependencies: [
                "GridWatchApp", "GridWatchCore", "Reliability", "Rules",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test support: real peers (pymodbus, socat ptys, paced serial line), fixtures, process helpers.
        .target(name: "GridWatchTesting", dependencies: ["GridWatchCore"]),

        .testTarget(name: "GridWatchCoreTests", dependencies: ["GridWatchCore"]),
        .testTarget(name: "DeviceProfilesTests", dependencies: ["DeviceProfiles", "GridWatchTesting"]),
        .testTarget(name: "ModbusTests", dependencies: ["Modbus", "DeviceProfiles", "GridWatchTesting"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "GridWatchTesting"]),
        .testTarget(name: "CollectorTests", dependencies: ["Collector", "Store", "GridWatchTesting"]),
        .testTarget(name: "ReliabilityTests", dependencies: ["Reliability", "GridWatchTesting"]),
        .testTarget(name: "RulesTests", dependencies: ["Rules", "Reliability", "GridWatchCore", "GridWatchTesting"]),
        // End-to-end: runs the built `gridwatch` binary against real peers.
        .testTarget(name: "EndToEndTests", dependencies: ["GridWatchTesting"]),
    ]
)
