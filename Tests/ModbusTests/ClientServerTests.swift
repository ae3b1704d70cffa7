import DeviceProfiles
import GridWatchTesting
import Modbus
import XCTest

/// GridWatch's client against GridWatch's libmodbus server over loopback TCP.
final class ClientServerTests: XCTestCase {
    private var server: ModbusServer!
    private var port = 0
    private let meter = try! ProfileLibrary(directories: [TestEnvironment.devicesDirectory]).load("gridwatch-lv-meter")
    private let meterValues: [String: Double?] = [
        "voltage_a": 231.4, "current_a": -1.25, "active_power_total": -289, "frequency": 49.98,
        "power_factor": 0.987, "energy_import_total": 12345.67, "meter_clock": 1_795_000_000, "outage_count": 2,
    ]

    override func setUpWithError() throws {
        server = try ModbusServer(units: [1, 2])
        server.write(meterValues, profile: meter, unit: 1)
        port = try server.start(.tcp(host: "127.0.0.1", port: 0))
    }

    override func tearDown() {
        server.stop()
    }

    private func connection(timeout: Duration = .milliseconds(1000)) -> ModbusConnection {
        ModbusConnection(endpoint: .tcp(host: "127.0.0.1", port: port), options: ConnectionOptions(responseTimeout: timeout))
    }

    func testReferenceMeter_readsEveryPointAndTheOutageLogInOneRequest() async throws {
        let log = [OutageLogEntry(start: 1_794_990_000, end: nil), OutageLogEntry(start: 1_794_900_000, end: 1_794_903_600)]
        server.writeOutageLog(log, profile: meter, unit: 1)
        let result = await connection().read(profile: meter, unit: 1)
        XCTAssertTrue(result.answered)
        XCTAssertEqual(result.requests, 1)
        for (name, value) in meterValues {
            XCTAssertEqual(result.value(name), value, name)
        }
        XCTAssertTrue(result.points.allSatisfy { $0.quality == .good })
        XCTAssertEqual(result.outageLog, log)
    }

    func testPollingLoopIsolatedToTheConnection_readsEveryUnitInTurn() async {
        server.write(meterValues, profile: meter, unit: 2)
        let meter = self.meter
        let voltages = await connection().withIsolation { link in
            (0..<4).map { round in link.read(profile: meter, unit: round % 2 + 1).value("voltage_a") }
        }
        XCTAssertEqual(voltages, [231.4, 231.4, 231.4, 231.4])
    }

    func testTaskOnTheConnectionsQueue_readsLikeAnyOtherCaller() async {
        let link = connection()
        let meter = self.meter
        let voltage = await Task(executorPreference: link.taskExecutor) {
            await link.read(profile: meter, unit: 1).value("voltage_a")
        }.value
        XCTAssertEqual(voltage, 231.4)
    }

    func testOutageLog_keepsOnlyTheRecordsTheCountSaysAreInUse() async {
        let stale = OutageLogEntry(start: 1_700_000_000, end: 1_700_000_060)
        server.writeOutageLog([OutageLogEntry(start: 1_794_990_000, end: nil), stale, stale], profile: meter, unit: 1)
        server.write(["outage_count": 1], profile: meter, unit: 1)
        let events = await connection().read(profile: meter, unit: 1, group: "events")
        XCTAssertEqual(events.outageLog, [OutageLogEntry(start: 1_794_990_000, end: nil)])
        let fast = await connection().read(profile: meter, unit: 1, group: "fast")
        XCTAssertNil(fast.outageLog, "the fast group neither reads the log nor its count")
        XCTAssertEqual(fast.requests, 1)
    }

    func testPollGroup_readsOnlyItsPoints() async {
        let result = await connection().read(profile: meter, unit: 1, group: "fast")
        XCTAssertEqual(result.points.map(\.name), ["voltage_a", "current_a", "active_power_total", "frequency", "power_factor"])
        XCTAssertNil(result.outageLog)
        let events = await connection().read(profile: meter, unit: 1, group: "events")
        XCTAssertEqual(events.points.map(\.name), ["outage_count"])
        XCTAssertEqual(events.outageLog, [])
    }

    func testSilentUnit_timesOutWithinTheBound_andTheCycleFails() async {
        server.setSilent(true, unit: 1)
        let started = ContinuousClock.now
        let result = await connection(timeout: .milliseconds(200)).read(profile: meter, unit: 1)
        let elapsed = ContinuousClock.now - started
        XCTAssertFalse(result.answered)
        XCTAssertEqual(result.failure?.code, .timeout)
        XCTAssertEqual(result.failure?.context.unit, 1)
        XCTAssertTrue(result.points.allSatisfy { $0.value == nil && $0.quality == .timeout })
        XCTAssertLessThan(elapsed, .milliseconds(900), "one timeout, not one per request")
    }

    func testSilentUnit_answersAgainWhenPoweredBack() async {
        let link = connection(timeout: .milliseconds(200))
        server.setSilent(true, unit: 1)
        let silent = await link.read(profile: meter, unit: 1)
        server.setSilent(false, unit: 1)
        let back = await link.read(profile: meter, unit: 1)
        XCTAssertFalse(silent.answered)
        XCTAssertTrue(back.answered)
        XCTAssertEqual(back.value("voltage_a"), 231.4)
    }

    func testGateway_unitsBehindOneEndpoint_aDeadOneDoesNotStopTheOthers() async throws {
        try server.addUnit(3)
        server.write(meterValues, profile: meter, unit: 3)
        server.setSilent(true, unit: 2)
        let gateway = connection(timeout: .milliseconds(200))
        var answered: [Int: Bool] = [:]
        for _ in 0..<3 {
            for unit in 1...3 {
                let result = await gateway.read(profile: meter, unit: unit)
                answered[unit] = result.answered
                if unit != 2 { XCTAssertEqual(result.value("voltage_a"), 231.4, "unit \(unit)") }
            }
        }
        XCTAssertEqual(answered, [1: true, 2: false, 3: true])
    }

    func testRefusedAddress_splitsTheRead_marksOnlyThatPointUnsupported_andIsNotAskedAgain() async {
        server.refuse(unit: 1, function: .holdingRegisters, addresses: 4..<5)
        let link = connection()
        let first = await link.read(profile: meter, unit: 1)
        XCTAssertTrue(first.answered)
        XCTAssertNil(first.value("frequency"))
        XCTAssertEqual(first.points.first { $0.name == "frequency" }?.quality, .unsupported)
        XCTAssertEqual(first.value("voltage_a"), 231.4)
        XCTAssertEqual(first.value("energy_import_total"), 12345.67)
        XCTAssertEqual(first.outageLog, [])
        let unsupported = await link.unsupportedPoints(unit: 1, profile: meter.name)
        XCTAssertEqual(unsupported, ["frequency"])

        let second = await link.read(profile: meter, unit: 1)
        XCTAssertEqual(second.requests, 2, "the plan skips the refused point")
        XCTAssertEqual(second.points.first { $0.name == "frequency" }?.quality, .unsupported)
        XCTAssertEqual(second.value("power_factor"), 0.987)
    }

    func testForgettingRefusedPoints_asksForThemAgain() async {
        server.refuse(unit: 1, function: .holdingRegisters, addresses: 4..<5)
        let link = connection()
        let first = await link.read(profile: meter, unit: 1)
        let skipping = await link.read(profile: meter, unit: 1)
        XCTAssertLessThan(skipping.requests, first.requests)

        await link.forgetUnsupportedPoints(unit: 1, profile: meter.name)
        let unsupported = await link.unsupportedPoints(unit: 1, profile: meter.name)
        XCTAssertEqual(unsupported, [])
        let again = await link.read(profile: meter, unit: 1)
        XCTAssertEqual(again.requests, first.requests, "the refused point is asked for again, and split off again")
        XCTAssertEqual(again.points.first { $0.name == "frequency" }?.quality, .unsupported)
    }

    func testRawReads_ofEveryTable() async throws {
        server.setRegisters([1, 0, 1], unit: 2, function: .coils, address: 10)
        server.setRegisters([1, 1], unit: 2, function: .discreteInputs, address: 0)
        server.setRegisters([0xBEEF], unit: 2, function: .inputRegisters, address: 65535)
        let link = connection()
        let coils = try await link.read(unit: 2, function: .coils, address: 10, count: 3)
        let inputs = try await link.read(unit: 2, function: .discreteInputs, address: 0, count: 3)
        let last = try await link.read(unit: 2, function: .inputRegisters, address: 65535, count: 1)
        XCTAssertEqual(coils, [1, 0, 1])
        XCTAssertEqual(inputs, [1, 1, 0])
        XCTAssertEqual(last, [0xBEEF])
    }

    func testOutOfRangeRequest_isRefusedBeforeSending() async throws {
        let link = connection()
        do {
            _ = try await link.read(unit: 1, function: .holdingRegisters, address: 0, count: 126)
            XCTFail("126 registers were requested")
        } catch ModbusError.Code.invalidArgument {}
        let served = server.requestsServed
        let words = try await link.read(unit: 1, function: .holdingRegisters, address: 0, count: 125)
        XCTAssertEqual(words.count, 125)
        XCTAssertEqual(server.requestsServed, served + 1)
    }

    func testReconnects_afterTheServerRestarts() async throws {
        let link = connection(timeout: .milliseconds(300))
        let before = await link.read(profile: meter, unit: 1)
        XCTAssertTrue(before.answered)
        server.stop()
        let down = await link.read(profile: meter, unit: 1)
        XCTAssertFalse(down.answered)
        XCTAssertEqual(down.failure?.code.isLinkFailure, true, "\(String(describing: down.failure))")
        server = try ModbusServer(units: [1])
        server.write(meterValues, profile: meter, unit: 1)
        try server.start(.tcp(host: "127.0.0.1", port: port))
        let after = await link.read(profile: meter, unit: 1)
        XCTAssertTrue(after.answered)
        XCTAssertEqual(after.value("voltage_a"), 231.4)
    }

    func testSunSpecScaleFactors_roundTripThroughServerAndClient() async throws {
        let sunspec = try ProfileLibrary(directories: [TestEnvironment.devicesDirectory]).load("sunspec-meter-203")
        let values: [String: Double?] = [
            "sunspec_model_id": 203, "current_sf": -2, "current_a": 12.34, "voltage_sf": -1, "voltage_a": 231.2,
            "power_sf": 1, "active_power_total": 7350, "energy_sf": 0, "energy_import_total": 4321.5, "voltage_b": nil,
        ]
        server.write(values, profile: sunspec, unit: 2)
        let result = await connection().read(profile: sunspec, unit: 2)
        XCTAssertEqual(result.value("current_a"), 12.34)
        XCTAssertEqual(result.value("voltage_a"), 231.2)
        XCTAssertEqual(result.value("active_power_total"), 7350)
        XCTAssertEqual(result.value("energy_import_total"), 4321.5)
        XCTAssertEqual(result.points.first { $0.name == "voltage_b" }?.quality, .unsupported, "0x8000 means not implemented")
    }
}
