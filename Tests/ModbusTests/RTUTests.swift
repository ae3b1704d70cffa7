import DeviceProfiles
import GridWatchTesting
import Modbus
import XCTest

/// Modbus RTU over a socat pty pair: pymodbus and GridWatch's own server as slaves.
final class RTUTests: XCTestCase {
    private var pty: PtyPair?
    private var peer: PythonPeer?
    private var server: ModbusServer?

    override func tearDown() {
        server?.stop()
        peer?.terminate()
        pty?.close()
    }

    private func line(_ device: String, baud: Int = 9600) -> SerialLine { SerialLine(device: device, baud: baud) }

    func testInterFrameGap_is3Point5CharactersOf11Bits_andFixedAbove19200() {
        XCTAssertEqual(line("x", baud: 9600).interFrameGap, .nanoseconds(4_010_417))
        XCTAssertEqual(line("x", baud: 19200).interFrameGap, .nanoseconds(2_005_209))
        XCTAssertEqual(line("x", baud: 38400).interFrameGap, .microseconds(1750))
        XCTAssertEqual(line("x", baud: 115_200).interFrameGap, .microseconds(1750))
    }

    func testThreeUnitsOnOneBus_pymodbus_allReadInTurnManyTimesWithoutATimeout() async throws {
        let pty = try PtyPair()
        self.pty = pty
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["rtu", "--device", pty.second, "--baud", "9600", "--units", "1,2,3", "--pattern"])
        let bus = ModbusConnection(endpoint: .rtu(line(pty.first)), options: ConnectionOptions(responseTimeout: .milliseconds(1000)))
        for round in 0..<25 {
            for unit in 1...3 {
                let words = try await bus.read(unit: unit, function: .holdingRegisters, address: round, count: 10)
                XCTAssertEqual(words, (round..<(round + 10)).map { UInt16(unit * 1000 + $0) }, "unit \(unit) round \(round)")
            }
        }
    }

    func testGridWatchServerOverRTU_servesItsUnits_andStaysSilentForOthers() async throws {
        let pty = try PtyPair()
        self.pty = pty
        let meter = try ProfileLibrary(directories: [TestEnvironment.devicesDirectory]).load("gridwatch-ttu")
        let server = try ModbusServer(units: [1, 2])
        self.server = server
        server.write(["voltage_a": 229.9, "active_power_total": 51_000], profile: meter, unit: 2)
        try server.start(.rtu(line(pty.second)))
        let bus = ModbusConnection(endpoint: .rtu(line(pty.first)), options: ConnectionOptions(responseTimeout: .milliseconds(300)))
        let ttu = await bus.read(profile: meter, unit: 2)
        XCTAssertEqual(ttu.value("voltage_a"), 229.9)
        XCTAssertEqual(ttu.value("active_power_total"), 51_000)
        let absent = await bus.read(profile: meter, unit: 7)
        XCTAssertFalse(absent.answered)
        XCTAssertEqual(absent.failure?.code, .timeout)
        let after = await bus.read(profile: meter, unit: 2)
        XCTAssertTrue(after.answered, "the bus recovers after a silent unit")
    }

    func testClientKeepsTheInterFrameGapBetweenRequests() async throws {
        let pty = try PtyPair()
        self.pty = pty
        let server = try ModbusServer(units: [1])
        self.server = server
        try server.start(.rtu(line(pty.second, baud: 1200)))
        let bus = ModbusConnection(endpoint: .rtu(line(pty.first, baud: 1200)))
        _ = try await bus.read(unit: 1, function: .holdingRegisters, address: 0, count: 1)
        let started = ContinuousClock.now
        for _ in 0..<10 {
            _ = try await bus.read(unit: 1, function: .holdingRegisters, address: 0, count: 1)
        }
        // A pty does not pace bytes, so the time is the gaps GridWatch keeps: 10 × 32 ms at 1200 baud.
        XCTAssertGreaterThanOrEqual(ContinuousClock.now - started, line("x", baud: 1200).interFrameGap * 10)
    }

    func testGridWatchServerOverRTU_answersOnlyAfterTheRequestWasFollowedByTheSilentInterval() async throws {
        let pty = try PtyPair()
        self.pty = pty
        let server = try ModbusServer(units: [1])
        self.server = server
        try server.start(.rtu(line(pty.second, baud: 1200)))
        let bus = ModbusConnection(endpoint: .rtu(line(pty.first, baud: 1200)))
        let gap = line("x", baud: 1200).interFrameGap
        _ = try await bus.read(unit: 1, function: .holdingRegisters, address: 0, count: 1)
        for _ in 0..<3 {
            // Past the client's own gap, so that the time of the read is the server's wait alone.
            try await Task.sleep(for: gap * 2)
            let sent = ContinuousClock.now
            _ = try await bus.read(unit: 1, function: .holdingRegisters, address: 0, count: 1)
            // A pty delivers the request at once: the reply may only start t3.5 (32 ms at 1200 baud) later.
            XCTAssertGreaterThanOrEqual(ContinuousClock.now - sent, gap)
        }
    }
}

/// RTU on a line paced at its baud rate, where the silent interval between frames matters.
final class PacedRTUTests: XCTestCase {
    private var relay: PacedSerialRelay?
    private var server: ModbusServer?

    override func tearDown() {
        server?.stop()
        relay?.close()
    }

    func testOnAPacedLine_theClientNeverStartsARequestInsideTheSilentInterval() async throws {
        let relay = try PacedSerialRelay(baud: 9600)
        self.relay = relay
        let server = try ModbusServer(units: [1, 2])
        self.server = server
        try server.start(.rtu(SerialLine(device: relay.serverEnd, baud: 9600)))
        let bus = ModbusConnection(endpoint: .rtu(SerialLine(device: relay.clientEnd, baud: 9600)))
        let started = ContinuousClock.now
        for round in 0..<16 {
            _ = try await bus.read(unit: round % 2 + 1, function: .holdingRegisters, address: 0, count: 10)
        }
        let elapsed = ContinuousClock.now - started
        XCTAssertEqual(relay.requestFrames, 16)
        XCTAssertEqual(relay.gapViolations, 0)
        // 8-byte request + 25-byte reply at 9600 8N1 is 34.4 ms on the wire, plus t3.5 after each frame.
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(16 * 34))
    }
}
