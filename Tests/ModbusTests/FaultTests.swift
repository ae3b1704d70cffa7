import DeviceProfiles
import GridWatchTesting
import Modbus
import XCTest

/// Failures against independent peers: nothing listening, a mute server, pymodbus exceptions and a
/// pymodbus device that answers only some addresses.
final class FaultTests: XCTestCase {
    private var peer: PythonPeer?

    override func tearDown() {
        peer?.terminate()
    }

    private func connect(_ port: Int, timeout: Duration = .milliseconds(1000)) -> ModbusConnection {
        ModbusConnection(endpoint: .tcp(host: "127.0.0.1", port: port), options: ConnectionOptions(responseTimeout: timeout))
    }

    func testNothingListening_failsAtOnceWithConnectionRefused() async {
        let port = TestEnvironment.freePort()
        let started = ContinuousClock.now
        do {
            _ = try await connect(port).read(unit: 1, function: .holdingRegisters, address: 0, count: 1)
            XCTFail("read succeeded with nothing listening")
        } catch let error as ModbusError {
            XCTAssertEqual(error.code, .connectionRefused)
            XCTAssertEqual(error.context.endpoint, "tcp://127.0.0.1:\(port)")
            XCTAssertEqual(error.context.address, 0)
        } catch {
            XCTFail("\(error)")
        }
        XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(500))
    }

    func testServerThatAcceptsAndNeverAnswers_timesOutWithinTheConfiguredBound() async throws {
        let port = TestEnvironment.freePort()
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["silent", "--port", "\(port)"])
        let started = ContinuousClock.now
        do {
            _ = try await connect(port, timeout: .milliseconds(300)).read(unit: 1, function: .holdingRegisters, address: 0, count: 2)
            XCTFail("a mute server answered")
        } catch ModbusError.Code.timeout {
            let elapsed = ContinuousClock.now - started
            XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(280))
            XCTAssertLessThan(elapsed, .milliseconds(1000))
        }
    }

    func testReplyThatStopsHalfway_timesOutAfterTheByteTimeout() async throws {
        let port = TestEnvironment.freePort()
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["half", "--port", "\(port)"])
        let link = ModbusConnection(
            endpoint: .tcp(host: "127.0.0.1", port: port),
            options: ConnectionOptions(responseTimeout: .seconds(2), byteTimeout: .milliseconds(150))
        )
        let started = ContinuousClock.now
        do {
            _ = try await link.read(unit: 1, function: .holdingRegisters, address: 0, count: 1)
            XCTFail("a half reply was accepted")
        } catch ModbusError.Code.timeout {
            XCTAssertLessThan(ContinuousClock.now - started, .milliseconds(1500), "the byte timeout, not the response timeout")
        }
    }

    func testRTUReplyWithABadCRC_isACRCError() async throws {
        let pty = try PtyPair()
        defer { pty.close() }
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["badcrc", "--device", pty.second])
        let bus = ModbusConnection(endpoint: .rtu(SerialLine(device: pty.first)), options: ConnectionOptions(responseTimeout: .milliseconds(500)))
        let profile = try DeviceProfile.parse("points:\n  - {name: voltage_a, address: 0, type: uint16}\n", name: "one", file: "one.yaml")
        let result = await bus.read(profile: profile, unit: 4)
        XCTAssertEqual(result.points.first?.quality, .crcError)
        XCTAssertTrue(result.points.first?.error?.hasPrefix("CRC error, rtu:\(pty.first)@9600/8N1, unit 4, FC3, address 0, count 1") ?? false, "\(result.points)")
    }

    func testExceptionReply_isMatchableByName() async throws {
        let port = TestEnvironment.freePort()
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["tcp", "--port", "\(port)", "--holding", "0=1,1=2", "--sparse"])
        let link = connect(port)
        do {
            _ = try await link.read(unit: 1, function: .holdingRegisters, address: 0, count: 5)
            XCTFail("read beyond the map succeeded")
        } catch let error as ModbusError {
            XCTAssertEqual(error.code, .illegalDataAddress)
            XCTAssertEqual(error.code.exceptionCode?.description, "ILLEGAL DATA ADDRESS")
            XCTAssertTrue(error.description.contains("unit 1, FC3, address 0, count 5"), error.description)
        }
        // pymodbus answers an unknown unit id with exception 4 rather than silence.
        do {
            _ = try await link.read(unit: 9, function: .holdingRegisters, address: 0, count: 1)
            XCTFail("unknown unit answered")
        } catch let error as ModbusError {
            XCTAssertEqual(error.code, .serverDeviceFailure)
        }
        let good = try await link.read(unit: 1, function: .holdingRegisters, address: 0, count: 2)
        XCTAssertEqual(good, [1, 2], "the link stays usable after exceptions")
    }

    func testDeviceAnsweringOnlySomeAddresses_givesTheOthersAndMarksTheRestUnsupported() async throws {
        let port = TestEnvironment.freePort()
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["tcp", "--port", "\(port)", "--holding", "0=2301,1=5,2=0,3=120,6=7,7=8", "--sparse"])
        let profile = try DeviceProfile.parse("""
            function: holding
            points:
              - {name: voltage_a, address: 0, type: uint16, scale: 0.1}
              - {name: current_a, address: 1, type: uint16}
              - {name: active_power_total, address: 2, type: uint32}
              - {name: frequency, address: 4, type: uint16}
              - {name: power_factor, address: 5, type: uint16}
              - {name: outage_count, address: 7, type: uint16}
            """, name: "partial", file: "partial.yaml")
        let result = await connect(port).read(profile: profile, unit: 1)
        XCTAssertTrue(result.answered)
        XCTAssertEqual(result.value("voltage_a"), 230.1)
        XCTAssertEqual(result.value("current_a"), 5)
        XCTAssertEqual(result.value("active_power_total"), 120)
        XCTAssertEqual(result.value("outage_count"), 8)
        XCTAssertEqual(result.points.filter { $0.quality == .unsupported }.map(\.name), ["frequency", "power_factor"])
    }

    func testRefusalBetweenAnsweredReads_failsOnlyItsOwnPoint() async throws {
        let port = TestEnvironment.freePort()
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["tcp", "--port", "\(port)", "--holding", "0=2301,1=5,100=7", "--sparse"])
        let profile = try DeviceProfile.parse("""
            function: holding
            points:
              - {name: voltage_a, address: 0, type: uint16, scale: 0.1}
              - {name: current_a, address: 1, type: uint16}
              - {name: frequency, address: 50, type: uint16}
              - {name: outage_count, address: 100, type: uint16}
            """, name: "gaps", file: "gaps.yaml")
        let link = connect(port)
        for round in 0..<2 {
            let result = await link.read(profile: profile, unit: 1)
            XCTAssertEqual(result.requests, round == 0 ? 3 : 2, "the refused point is asked for once only")
            XCTAssertEqual(result.value("voltage_a"), 230.1)
            XCTAssertEqual(result.value("current_a"), 5)
            XCTAssertEqual(result.value("outage_count"), 7)
            XCTAssertEqual(result.points.filter { $0.quality != .good }.map(\.name), ["frequency"])
        }
    }
}
