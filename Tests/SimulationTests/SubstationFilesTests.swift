import GridWatchApp
import GridWatchTesting
import DeviceProfiles
import Simulation
import XCTest

final class SubstationFilesTests: XCTestCase {
    private let epoch = ScenarioFixture.epoch

    func testExpectedOutagesAreWrittenInReliabilityFormatWithUTCTimes() throws {
        let csv = SubstationFiles.outagesCSV(try ScenarioFixture.timeline().scriptedOutages())
        let lines = csv.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "meter_id,start,end,event_id")
        XCTAssertEqual(lines.count, 1 + 6 + 2)
        XCTAssertTrue(lines.contains("TA02-M002,2026-04-15T00:05:00Z,2026-04-15T00:15:00Z,ONE"), csv)
        XCTAssertTrue(lines.contains("TA02-M003,2026-04-15T00:40:00Z,2026-04-15T00:41:30Z,BLIP"), csv)
        XCTAssertFalse(csv.contains("TA02-M004"), "a communication fault is no outage")
    }

    func testTopologyListsEveryMeterWithItsHierarchy() throws {
        let lines = SubstationFiles.topologyCSV(try ScenarioFixture.timeline()).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "meter_id,area,line,county,region,customers,nominal_voltage")
        XCTAssertEqual(lines.count, 13)
        XCTAssertEqual(lines[1], "TA01-M001,TA01,L1,C1,R1,1,220")
        XCTAssertEqual(lines[12], "TA02-M006,TA02,L1,C1,R1,1,230")
    }

    func testGeneratedGatewayConfigurationLoadsWithOneBusPerPortAndEveryDevice() throws {
        let timeline = try ScenarioFixture.timeline()
        let layout = BusLayout(timeline: timeline)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-gateway-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gateway.yaml").path
        var settings = SubstationFiles.GatewaySettings(database: folder.appendingPathComponent("gw.db").path, topology: "topology.csv")
        settings.devicesDirectory = TestEnvironment.devicesDirectory
        let ports = [15_020, 15_021, 15_022, 15_023]
        try SubstationFiles.gatewayConfiguration(layout, endpoints: ports.map { .tcp(host: "127.0.0.1", port: $0) }, timeline: timeline, settings: settings)
            .write(toFile: path, atomically: true, encoding: .utf8)

        let configuration = try GatewayConfiguration.load(contentsOf: path, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
        XCTAssertEqual(configuration.buses.map(\.id), ["TA01-ttu", "TA01-meters", "TA02-ttu", "TA02-meters"])
        XCTAssertEqual(configuration.buses.map(\.endpoint), ports.map { .tcp(host: "127.0.0.1", port: $0) })
        XCTAssertEqual(configuration.devices.count, 12 + 2)
        XCTAssertEqual(configuration.topology, folder.appendingPathComponent("topology.csv").path)
        let meter = try XCTUnwrap(configuration.devices.first { $0.id == "TA02-M003" })
        XCTAssertEqual(meter.unit, 3)
        XCTAssertEqual(meter.profile.name, "gridwatch-lv-meter")
        XCTAssertEqual(meter.area, "TA02")
        XCTAssertEqual(meter.line, "L1")
        XCTAssertEqual(meter.groupIntervals, ["fast": .seconds(1), "slow": .seconds(2), "events": .seconds(2)])
        let terminal = try XCTUnwrap(configuration.devices.first { $0.id == "TA01-TTU" })
        XCTAssertEqual(terminal.profile.name, "gridwatch-ttu")
        XCTAssertEqual(configuration.buses[0].options.responseTimeout, .milliseconds(250))
        XCTAssertEqual(configuration.buses[1].options.responseTimeout, .milliseconds(100))
    }

    func testLargeAreaIsSplitIntoBusesOfAtMost246Meters() throws {
        let scenario = Scenario(seed: 1, timeScale: 60, epoch: epoch, durationSeconds: 600, areas: [
            Scenario.Area(id: "BIG", line: "L", meterCount: 500),
        ], events: [])
        let layout = BusLayout(timeline: SubstationTimeline(scenario: scenario, epoch: epoch))
        XCTAssertEqual(layout.buses.map(\.id), ["BIG-ttu", "BIG-meters", "BIG-meters-2", "BIG-meters-3"])
        XCTAssertEqual(layout.buses.map(\.devices.count), [1, 246, 246, 8])
        XCTAssertEqual(layout.buses[2].devices.first?.id, "BIG-M247")
        XCTAssertEqual(layout.buses[2].devices.first?.unit, 1)
    }
}
