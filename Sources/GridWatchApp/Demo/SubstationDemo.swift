import DeviceProfiles
import Foundation
import GridWatchCore
import Logging
import Reliability
import Simulation
import Store

/// The README's main job: a simulated substation served over Modbus TCP on loopback and the real
/// daemon polling it, both on one accelerated clock, for the scenario's length plus a tail in which
/// the meters' logs are read. Then what was collected is compared with what the scenario scripted.
public struct SubstationDemo: Sendable {
    public var scenarioPath: String
    /// Where the database, the generated configuration and topology go.
    public var workDirectory: String
    public var profiles: ProfileLibrary
    /// Overrides the scenario's time scale (simulated seconds per wall second).
    public var timeScale: Double?
    /// Simulated time the daemon keeps polling after the scenario ends, to read the last logs.
    public var tailSeconds: Int64 = 180
    /// The rule file the daemon evaluates while it runs (`nil`: none).
    public var rules: String?

    public init(scenarioPath: String, workDirectory: String, profiles: ProfileLibrary, timeScale: Double? = nil, rules: String? = nil) {
        self.scenarioPath = scenarioPath
        self.workDirectory = workDirectory
        self.profiles = profiles
        self.rules = rules
        self.timeScale = timeScale
    }

    /// Plays the scenario; `progress` is called about every `progressInterval` of wall time.
    public func run(
        logger: Logger, progressInterval: Duration = .seconds(5),
        progress: @Sendable (DemoProgress) async -> Void = { _ in }
    ) async throws -> DemoResult {
        var scenario = try Scenario.load(contentsOf: scenarioPath)
        if let timeScale { scenario.timeScale = timeScale }
        let epoch = scenario.epoch ?? SystemWallClock().nowMillis() / 1000
        let clock = ScaledWallClock(epochMillis: epoch * 1000, scale: scenario.timeScale)
        let timeline = SubstationTimeline(scenario: scenario, epoch: epoch)
        let server = try SubstationServer(
            timeline: timeline, meterProfile: profiles.load(BusLayout.meterProfile),
            terminalUnitProfile: profiles.load(BusLayout.terminalUnitProfile), initialTime: Double(epoch))
        defer { server.stop() }

        let configuration = try writeGatewayFiles(server: server, timeline: timeline)
        let daemon = GatewayDaemon(configuration: configuration, wallClock: clock, logger: logger)
        let stopAt = timeline.end + tailSeconds
        try await withThrowingTaskGroup(of: Void.self) { group in
            // Registers (the meters' clocks among them) are refreshed about every simulated second, so a
            // clock read is never more than about a second stale, as on a real meter.
            let refresh = Duration.milliseconds(Int64(min(150, max(10, 1000 / scenario.timeScale))))
            group.addTask { await server.serve(clock: clock, every: refresh) }
            group.addTask {
                do { try await daemon.run() } catch is CancellationError {}  // the demo is over
            }
            var reader: Store?
            while clock.nowMillis() / 1000 < stopAt {
                try await Task.sleep(for: progressInterval)
                // The daemon creates the database: open it for reading once it is there.
                if reader == nil, FileManager.default.fileExists(atPath: configuration.database) {
                    reader = try Store(configuration.store, access: .readOnly)
                }
                guard let reader else { continue }
                await progress(try await DemoProgress(store: reader, simulatedTime: clock.nowMillis() / 1000, start: epoch, end: stopAt))
            }
            group.cancelAll()
            try await group.waitForAll()
        }
        return try await DemoResult(store: try Store(configuration.store, access: .readOnly), configuration: configuration,
                                    timeline: timeline, requestsServed: server.requestsServed)
    }

    private func writeGatewayFiles(server: SubstationServer, timeline: SubstationTimeline) throws -> GatewayConfiguration {
        let folder = URL(fileURLWithPath: workDirectory)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = folder.appendingPathComponent("gridwatch.db").path
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        let topology = folder.appendingPathComponent("topology.csv").path
        try SubstationFiles.topologyCSV(timeline).write(toFile: topology, atomically: true, encoding: .utf8)
        let path = folder.appendingPathComponent("gateway.yaml").path
        var settings = SubstationFiles.GatewaySettings(database: database, topology: topology)
        settings.rules = rules
        try SubstationFiles.gatewayConfiguration(server.layout, ports: server.ports, timeline: timeline, settings: settings)
            .write(toFile: path, atomically: true, encoding: .utf8)
        return try GatewayConfiguration.load(contentsOf: path, profileSearchPath: profiles)
    }
}

/// What the demo reports while it runs.
public struct DemoProgress: Sendable {
    public var simulatedTime: Int64
    /// 0...1 of the scenario (with its tail) played.
    public var fraction: Double
    public var readings: Int
    public var devicesAnswering: Int
    public var devicesNotAnswering: Int
    public var outageRecords: Int
    public var openOutages: Int

    init(store: Store, simulatedTime: Int64, start: Int64, end: Int64) async throws {
        self.simulatedTime = simulatedTime
        fraction = min(1, Double(simulatedTime - start) / Double(end - start))
        readings = try await store.rawReadingCount()
        let devices = try await store.devices()
        devicesAnswering = devices.count { $0.status == .online || $0.status == .degraded }
        devicesNotAnswering = devices.count - devicesAnswering
        let outages = try await store.outages(OutageQuery())
        outageRecords = outages.count
        openOutages = outages.count { $0.record.end == nil }
    }
}
