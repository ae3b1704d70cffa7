import DeviceProfiles
import GridWatchCore
import GridWatchTesting
import Modbus
import Simulation
import XCTest

/// The substation served over real libmodbus TCP on loopback and read back with GridWatch's client.
final class SubstationServerTests: XCTestCase {
    private var server: SubstationServer?
    private var connections: [ModbusConnection] = []
    private let epoch = ScenarioFixture.epoch

    override func tearDown() async throws {
        for connection in connections { await connection.close() }
        server?.stop()
        server = nil
    }

    private func profiles() throws -> (meter: DeviceProfile, terminalUnit: DeviceProfile) {
        let library = ProfileLibrary(directories: [TestEnvironment.devicesDirectory])
        return (try library.load(BusLayout.meterProfile), try library.load(BusLayout.terminalUnitProfile))
    }

    private func startServer(atMinutes minutes: Double) throws -> SubstationServer {
        let (meter, terminalUnit) = try profiles()
        let server = try SubstationServer(
            timeline: try ScenarioFixture.timeline(), meterProfile: meter, terminalUnitProfile: terminalUnit,
            initialTime: ScenarioFixture.at(minutes: minutes)
        )
        self.server = server
        return server
    }

    /// A client for bus `busID`, with a short timeout so that silent units cost little.
    private func connection(to busID: String, of server: SubstationServer) throws -> ModbusConnection {
        let number = try XCTUnwrap(server.layout.buses.firstIndex { $0.id == busID })
        let connection = ModbusConnection(
            endpoint: .tcp(host: "127.0.0.1", port: server.ports[number]),
            options: ConnectionOptions(responseTimeout: .milliseconds(200))
        )
        connections.append(connection)
        return connection
    }

    func testLayoutPutsEachTerminalUnitOnItsOwnBusAndMetersFromUnitOne() throws {
        let server = try startServer(atMinutes: 0)
        XCTAssertEqual(server.layout.buses.map(\.id), ["TA01-ttu", "TA01-meters", "TA02-ttu", "TA02-meters"])
        XCTAssertEqual(Set(server.ports).count, 4)
        XCTAssertEqual(server.layout.buses[1].devices.map(\.unit), Array(1...6))
        XCTAssertEqual(server.layout.buses[1].devices.map(\.id).first, "TA01-M001")
        XCTAssertEqual(server.layout.buses[0].devices.map(\.id), ["TA01-TTU"])
    }

    func testMetersAreSilentDuringAreaOutageWhileTheTerminalUnitReportsZeroVoltage() async throws {
        let server = try startServer(atMinutes: 20)
        let (meterProfile, terminalProfile) = try profiles()
        let meters = try connection(to: "TA01-meters", of: server)
        for unit in [1, 4] {
            let reply = await meters.read(profile: meterProfile, unit: unit, group: "fast")
            XCTAssertFalse(reply.answered, "meter unit \(unit) has no supply")
        }
        let terminal = await (try connection(to: "TA01-ttu", of: server)).read(profile: terminalProfile, unit: 1)
        XCTAssertTrue(terminal.answered)
        XCTAssertEqual(["voltage_a", "voltage_b", "voltage_c"].map { terminal.value($0) }, [0, 0, 0])
        XCTAssertEqual(terminal.value("outage_count"), 1)
        XCTAssertEqual(terminal.outageLog, [OutageLogEntry(start: epoch + 600, end: nil)])
        let neighbour = await (try connection(to: "TA02-meters", of: server)).read(profile: meterProfile, unit: 1, group: "fast")
        XCTAssertTrue(neighbour.answered, "another area keeps its supply")
    }

    func testRestoredMeterServesItsOutageRecordAndCount() async throws {
        let server = try startServer(atMinutes: 20)
        let (meterProfile, terminalProfile) = try profiles()
        let outage = try XCTUnwrap(server.timeline.scriptedOutages().first { $0.meterID == "TA01-M002" })
        server.update(atSimTime: ScenarioFixture.at(minutes: 35))
        let reply = await (try connection(to: "TA01-meters", of: server)).read(profile: meterProfile, unit: 2, group: "events")
        XCTAssertTrue(reply.answered)
        XCTAssertEqual(reply.value("outage_count"), 1)
        XCTAssertEqual(reply.outageLog, [OutageLogEntry(start: outage.start, end: outage.end)])
        let fast = await (try connection(to: "TA01-meters", of: server)).read(profile: meterProfile, unit: 2, group: "fast")
        XCTAssertEqual(try XCTUnwrap(fast.value("voltage_a")), 220, accuracy: 8)
        let terminal = await (try connection(to: "TA01-ttu", of: server)).read(profile: terminalProfile, unit: 1)
        XCTAssertEqual(try XCTUnwrap(terminal.value("voltage_b")), 220, accuracy: 2)
        XCTAssertEqual(terminal.outageLog, [OutageLogEntry(start: epoch + 600, end: epoch + 1_800)])
    }

    func testCommunicationFailureSilencesOnlyThatMeter() async throws {
        let server = try startServer(atMinutes: 20)
        let meterProfile = try profiles().meter
        let bus = try connection(to: "TA02-meters", of: server)
        let failed = await bus.read(profile: meterProfile, unit: 4, group: "fast")
        let healthy = await bus.read(profile: meterProfile, unit: 5, group: "fast")
        XCTAssertFalse(failed.answered)
        XCTAssertTrue(healthy.answered)
        server.update(atSimTime: ScenarioFixture.at(minutes: 45))
        let back = await bus.read(profile: meterProfile, unit: 4, group: "events")
        XCTAssertTrue(back.answered)
        XCTAssertEqual(back.value("outage_count"), 0)
        XCTAssertEqual(back.outageLog, [])
    }

    func testServingFollowsTheScaledClock() async throws {
        let server = try startServer(atMinutes: 0)
        let clock = ScaledWallClock(epochMillis: epoch * 1000, scale: 600)
        let serving = Task { await server.serve(clock: clock, every: .milliseconds(50)) }
        defer { serving.cancel() }
        try await Task.sleep(for: .milliseconds(1_500))
        let terminal = await (try connection(to: "TA01-ttu", of: server)).read(profile: try profiles().terminalUnit, unit: 1, group: "slow")
        let meterClock = try XCTUnwrap(terminal.value("meter_clock"))
        let expected = Double(clock.nowMillis()) / 1000
        XCTAssertEqual(meterClock, expected, accuracy: 120, "the served clock runs 600x real time (\(Int64(meterClock) - epoch) s in)")
        XCTAssertGreaterThan(meterClock, Double(epoch + 600))
        serving.cancel()
        await serving.value
    }
}
