import DeviceProfiles
import GridWatchCore
import GridWatchTesting
import Modbus
import Simulation
import XCTest

/// `gridwatch simulate --config` as a real process: files, the ready line, serving, stopping.
final class SimulateSubstationCommandTests: XCTestCase {
    private var folder: URL!
    private var process: ChildProcess?
    private var connection: ModbusConnection?

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-simulate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try ScenarioFixture.yaml.write(to: file("scenario.yaml"), atomically: true, encoding: .utf8)
    }

    override func tearDown() async throws {
        await connection?.close()
        process?.terminate()
        try? FileManager.default.removeItem(at: folder)
    }

    private func file(_ name: String) -> URL { folder.appendingPathComponent(name) }

    private func simulate(_ arguments: [String]) throws -> ChildProcess {
        let process = try ChildProcess(TestEnvironment.gridwatchBinary, [
            "simulate", "--config", file("scenario.yaml").path, "--devices-dir", TestEnvironment.devicesDirectory,
        ] + arguments)
        self.process = process
        return process
    }

    /// `key=value` fields of the ready line.
    private func fields(of line: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: line.split(separator: " ").dropFirst().compactMap { field in
            let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        })
    }

    func testServesTheScenarioInScaledTimeAfterAReadyLineAndStopsOnSIGTERM() async throws {
        let process = try simulate([
            "--time-scale", "600", "--write-expected-outages", file("outages.csv").path,
            "--write-gateway-config", file("gateway.yaml").path, "--database", file("gw.db").path,
        ])
        let ready = fields(of: try process.waitForLine(startingWith: "ready ", timeout: 30))
        XCTAssertEqual(ready["epoch_ms"], String(ScenarioFixture.epoch * 1000))
        XCTAssertEqual(ready["time_scale"], "600.0")
        let ports = try XCTUnwrap(ready["ports"]).split(separator: ",").compactMap { Int($0) }
        XCTAssertEqual(ports.count, 4)
        let gateway = try String(contentsOf: file("gateway.yaml"), encoding: .utf8)
        XCTAssertTrue(gateway.contains("tcp: 127.0.0.1:\(ports[1])"), gateway)
        XCTAssertTrue(try String(contentsOf: file("outages.csv"), encoding: .utf8).contains("TA02-M002,2026-04-15T00:05:00Z,2026-04-15T00:15:00Z,ONE"))

        // TA01's area outage runs from 10 to 30 simulated minutes: 1 to 3 s of wall time at 600x.
        let profiles = ProfileLibrary(directories: [TestEnvironment.devicesDirectory])
        let terminalProfile = try profiles.load(BusLayout.terminalUnitProfile)
        let terminal = ModbusConnection(endpoint: .tcp(host: "127.0.0.1", port: ports[0]), options: ConnectionOptions(responseTimeout: .milliseconds(500)))
        connection = terminal
        var sawZeroVoltage = false, restoredLog: [OutageLogEntry]?
        let deadline = Date().addingTimeInterval(15)
        while Date() < deadline, restoredLog == nil {
            let reply = await terminal.read(profile: terminalProfile, unit: 1)
            if reply.value("voltage_a") == 0, reply.value("voltage_c") == 0, reply.outageLog?.first?.end == nil, reply.value("outage_count") == 1 {
                sawZeroVoltage = true
            }
            if let log = reply.outageLog, log.first?.end != nil { restoredLog = log }
            try await Task.sleep(for: .milliseconds(50))
        }
        XCTAssertTrue(sawZeroVoltage, "the TTU answered with zero voltage and an open record during the outage")
        XCTAssertEqual(restoredLog, [OutageLogEntry(start: ScenarioFixture.epoch + 600, end: ScenarioFixture.epoch + 1_800)])

        process.terminate()
        XCTAssertEqual(try process.waitForExit(timeout: 5), 0)
        XCTAssertTrue(process.standardOutput.contains("event AREA (area_outage area TA01) starts"), process.standardOutput)
    }

    func testWriteOnlyWritesEveryFileForGivenPortsAndExits() throws {
        let process = try simulate([
            "--write-only", "--ports-from", "15300", "--write-gateway-config", file("gateway.yaml").path,
            "--database", "gw.db", "--write-topology", file("topology.csv").path, "--write-expected-outages", file("outages.csv").path,
        ])
        XCTAssertEqual(try process.waitForExit(timeout: 30), 0, process.standardError)
        let gateway = try String(contentsOf: file("gateway.yaml"), encoding: .utf8)
        XCTAssertEqual((15_300...15_303).map { gateway.contains("tcp: 127.0.0.1:\($0)") }, [true, true, true, true])
        XCTAssertTrue(gateway.contains("topology: '\(file("topology.csv").path)'"), gateway)
        XCTAssertEqual(try String(contentsOf: file("topology.csv"), encoding: .utf8).split(separator: "\n").count, 13)
        XCTAssertEqual(try String(contentsOf: file("outages.csv"), encoding: .utf8).split(separator: "\n").count, 9)
        XCTAssertFalse(process.standardOutput.contains("ready"))
    }

    func testBadScenarioFailsWithFileAndLine() throws {
        try "seed: 1\nduration: 1h\nareas:\n  - {id: A, meters: 0}\n".write(to: file("scenario.yaml"), atomically: true, encoding: .utf8)
        let process = try simulate([])
        XCTAssertNotEqual(try process.waitForExit(timeout: 30), 0)
        XCTAssertTrue(process.standardError.contains("\(file("scenario.yaml").path):4: "), process.standardError)
    }
}
