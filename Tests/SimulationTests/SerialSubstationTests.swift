import DeviceProfiles
import GridWatchApp
import GridWatchCore
import GridWatchTesting
import Modbus
import Simulation
import XCTest

/// An area served over Modbus RTU on a socat pty pair, read with GridWatch's RTU client.
final class SerialSubstationTests: XCTestCase {
    private var server: SubstationServer?
    private var connection: ModbusConnection?
    private let epoch = ScenarioFixture.epoch

    override func tearDown() async throws {
        await connection?.close()
        server?.stop()
        server = nil
    }

    private let yaml = """
        seed: 5
        duration: 1h
        areas:
          - {id: TA01, line: L1, meters: 3}
          - {id: RS01, line: L2, meters: 4, rtu: true}
        events:
          - {id: CUT, kind: area_outage, area: RS01, at: 10min, duration: 5min, restore_spread: 30s}
        """

    func testRTUAreaServesItsMetersOnAPtyPairAndItsTerminalUnitOverTCP() async throws {
        let scenario = try Scenario.parse(yaml, file: "rtu.yaml")
        XCTAssertTrue(scenario.areas[1].servedOverRTU)
        let library = ProfileLibrary(directories: [TestEnvironment.devicesDirectory])
        let meterProfile = try library.load(BusLayout.meterProfile)
        let server = try SubstationServer(
            timeline: SubstationTimeline(scenario: scenario, epoch: epoch), meterProfile: meterProfile,
            terminalUnitProfile: try library.load(BusLayout.terminalUnitProfile), initialTime: Double(epoch + 20 * 60)
        )
        self.server = server
        XCTAssertEqual(server.layout.buses.map(\.isSerial), [false, false, false, true])
        XCTAssertEqual(server.ports.count, 3)
        guard case .rtu(let line) = server.endpoints[3] else { return XCTFail("the RTU area's meters are on a serial line") }
        XCTAssertTrue(FileManager.default.fileExists(atPath: line.device))

        let client = ModbusConnection(endpoint: .rtu(line), options: ConnectionOptions(responseTimeout: .milliseconds(300)))
        connection = client
        let outage = try XCTUnwrap(server.timeline.scriptedOutages().first { $0.meterID == "RS01-M003" })
        let reply = await client.read(profile: meterProfile, unit: 3, group: "events")
        XCTAssertTrue(reply.answered, "\(reply.failure.map { "\($0)" } ?? "")")
        XCTAssertEqual(reply.outageLog, [OutageLogEntry(start: outage.start, end: outage.end)])
        server.update(atSimTime: Double(epoch + 12 * 60))
        let silent = await client.read(profile: meterProfile, unit: 3, group: "fast")
        XCTAssertFalse(silent.answered, "an unpowered meter on the RTU line is silent")

        var settings = SubstationFiles.GatewaySettings(database: "/tmp/unused.db")
        settings.devicesDirectory = TestEnvironment.devicesDirectory
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-rtu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gateway.yaml").path
        try SubstationFiles.gatewayConfiguration(server.layout, endpoints: server.endpoints, timeline: server.timeline, settings: settings)
            .write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.load(contentsOf: path, profileSearchPath: library)
        XCTAssertEqual(configuration.buses[3].endpoint, .rtu(line))
        XCTAssertEqual(configuration.buses[3].devices.map(\.id), ["RS01-M001", "RS01-M002", "RS01-M003", "RS01-M004"])

        server.stop()
        XCTAssertFalse(FileManager.default.fileExists(atPath: line.device), "stopping ends the pty pair")
    }
}
