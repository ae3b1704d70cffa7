import ArgumentParser
import DeviceProfiles
import Foundation
import GridWatchCore
import Modbus
import Simulation

/// `gridwatch simulate --config FILE`: serve a whole simulated substation over Modbus TCP on loopback
/// and write what a daemon (and a checker) needs beside it.
///
/// Once every port listens and the files are written, one line goes to standard output:
/// `ready ports=P1,P2,... [serial=PTY1,...] host=H epoch_ms=E wall_start_ms=W time_scale=S meters=N areas=A duration_s=D`
/// (TCP ports and the daemon's ends of RTU pty pairs, each in bus order; simulated time was `E` at real Unix time `W`,
/// so `ScaledWallClock.joining(epochMillis:startedAtWallMillis:scale:)` joins the clock), then one
/// `t=TIME event ID (kind target) starts|ends` line per scripted event as simulated time passes it.
struct SubstationSimulationOptions: ParsableArguments {
    @Option(name: .customLong("config"), help: "Scenario of a simulated substation (YAML), e.g. config/simulated-substation.yaml: serve its every meter and TTU over Modbus TCP.")
    var scenario: String?

    @Option(help: "Address to listen on (with --config).")
    var host = "127.0.0.1"

    @Option(name: .customLong("ports-from"), help: "First TCP port; bus N listens on this plus N (with --config; default: free ports).")
    var portsFrom: Int?

    @Option(help: "Scenario start as ISO-8601 with offset, overriding the scenario's 'epoch' (with --config).")
    var epoch: String?

    @Option(name: .customLong("time-scale"), help: "Simulated seconds per wall second, overriding the scenario's 'time_scale' (with --config).")
    var timeScale: Double?

    @Option(name: .customLong("write-gateway-config"), help: "Write a gateway configuration polling the substation to this file (needs --database).")
    var gatewayConfiguration: String?

    @Option(help: "Database path written into the gateway configuration.")
    var database: String?

    @Option(name: .customLong("write-topology"), help: "Write topology.csv (meter_id,area,line,county,region,...) to this file; the gateway configuration refers to it.")
    var topology: String?

    @Option(name: .customLong("write-expected-outages"), help: "Write the scripted outages as outages.csv (meter_id,start,end,event_id) to this file.")
    var expectedOutages: String?

    @Flag(name: .customLong("write-only"), help: "Write the files and exit without serving (needs --ports-from for a gateway configuration).")
    var writeOnly = false

    @Option(name: .customLong("refresh-ms"), help: "Wall milliseconds between register updates; a served meter_clock lags the simulated time by up to this times the time scale.")
    var refreshMillis = 100

    var isRequested: Bool { scenario != nil }

    func validate() throws {
        let needsScenario = portsFrom != nil || epoch != nil || timeScale != nil || gatewayConfiguration != nil
            || topology != nil || expectedOutages != nil || writeOnly || database != nil
        if scenario == nil, needsScenario {
            throw ValidationError("--ports-from, --epoch, --time-scale, --write-* and --database need --config SCENARIO.yaml")
        }
        if gatewayConfiguration != nil, database == nil {
            throw ValidationError("--write-gateway-config needs --database PATH, the database the daemon will write")
        }
        if let portsFrom, !(1...65_000).contains(portsFrom) { throw ValidationError("--ports-from must be a TCP port 1-65000") }
        if let epoch, ISO8601Time.parse(epoch) == nil { throw ValidationError("--epoch '\(epoch)' is not an ISO-8601 time with offset, e.g. 2026-04-15T08:00:00+08:00") }
        if let timeScale, !(timeScale > 0 && timeScale <= 100_000) { throw ValidationError("--time-scale must be above 0 and at most 100000") }
        if !(10...10_000).contains(refreshMillis) { throw ValidationError("--refresh-ms must be 10-10000") }
        if writeOnly, gatewayConfiguration != nil, portsFrom == nil {
            throw ValidationError("--write-only with --write-gateway-config needs --ports-from: without serving, the ports are not known")
        }
    }

    /// Loads the scenario, writes the requested files and serves until SIGINT or SIGTERM.
    func run(devicesDirectory: String?) async throws {
        guard let path = scenario else { return }
        var scenario = try Scenario.load(contentsOf: path)
        if let timeScale { scenario.timeScale = timeScale }
        if let epoch = epoch.flatMap(ISO8601Time.parse) { scenario.epoch = epoch.unixSeconds }
        if writeOnly, expectedOutages != nil, scenario.epoch == nil {
            throw ValidationError("\(path): no 'epoch', so the scripted outages depend on when serving starts; give --epoch or serve while writing")
        }
        let wallStart = SystemWallClock().nowMillis()
        let timeline = SubstationTimeline(scenario: scenario, epoch: scenario.epoch ?? wallStart / 1000)
        let layout = BusLayout(timeline: timeline)
        if writeOnly {
            guard !layout.buses.contains(where: \.isSerial) || gatewayConfiguration == nil else {
                throw SimulationError(.needsServing, "\(path): an area served over RTU gets its pty pair only while serving; drop --write-only")
            }
            let ports = (portsFrom ?? 0)...
            try writeFiles(timeline, layout: layout, endpoints: zip(layout.buses, ports).map { .tcp(host: host, port: $1) })
            return
        }
        let library = ProfileLibrary.standard(explicit: devicesDirectory)
        let clock = ScaledWallClock(epochMillis: timeline.epoch * 1000, scale: scenario.timeScale)
        let server = try SubstationServer(
            timeline: timeline, meterProfile: try library.load(BusLayout.meterProfile),
            terminalUnitProfile: try library.load(BusLayout.terminalUnitProfile),
            host: host, firstPort: portsFrom, initialTime: Double(clock.nowMillis()) / 1000
        )
        defer { server.stop() }
        try writeFiles(timeline, layout: layout, endpoints: server.endpoints)
        let serial = server.endpoints.compactMap { if case .rtu(let line) = $0 { line.device } else { nil } }
        say("ready ports=\(server.ports.map(String.init).joined(separator: ","))\(serial.isEmpty ? "" : " serial=" + serial.joined(separator: ",")) host=\(host) epoch_ms=\(clock.epochMillis) wall_start_ms=\(wallStart) time_scale=\(scenario.timeScale) meters=\(timeline.meters.count) areas=\(scenario.areas.count) duration_s=\(scenario.durationSeconds)")
        let stop = StopFlag.raisedBySIGINTOrSIGTERM()
        let serving = Task { [refreshMillis] in await server.serve(clock: clock, every: .milliseconds(refreshMillis)) }
        var progress = ScenarioProgress(timeline: timeline)
        while !stop.isSet {
            try? await Task.sleep(for: .milliseconds(100))
            progress.report(upTo: clock.nowMillis() / 1000, say)
        }
        serving.cancel()
        await serving.value
    }

    private func writeFiles(_ timeline: SubstationTimeline, layout: BusLayout, endpoints: [ModbusEndpoint]) throws {
        if let topology { try write(SubstationFiles.topologyCSV(timeline), to: topology) }
        if let expectedOutages { try write(SubstationFiles.outagesCSV(timeline.scriptedOutages()), to: expectedOutages) }
        if let gatewayConfiguration, let database {
            let settings = SubstationFiles.GatewaySettings(database: absolute(database), topology: topology.map(absolute))
            try write(SubstationFiles.gatewayConfiguration(layout, endpoints: endpoints, timeline: timeline, settings: settings), to: gatewayConfiguration)
        }
    }

    private func write(_ text: String, to path: String) throws {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw ValidationError("\(path): cannot be written (\(error.localizedDescription))")
        }
    }

    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardized.path
    }

    private func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
