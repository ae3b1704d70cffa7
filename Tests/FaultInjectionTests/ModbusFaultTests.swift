import Foundation
import GridWatchTesting
import XCTest

/// The daemon against meters behind a proxy that garbles, delays, drops and misaddresses replies,
/// and beside a bus whose server accepts connections and never reads: it must never crash, never
/// store a wrong value, keep the healthy bus polled, recover when the faults stop, and stop on
/// SIGTERM within systemd's stop timeout with an intact database.
final class ModbusFaultTests: XCTestCase {
    func testDaemonSurvivesEveryInjectedFaultAndRecoversWhenTheyStop() throws {
        let fixture = try DaemonFixture("faults")
        let meterPort = TestEnvironment.freePort()
        try fixture.simulateMeters(port: meterPort, units: "1,2")
        let proxy = try FaultProxy(upstreamPort: meterPort, faultRate: 0.3, delay: 0.45, seed: 7)
        defer { proxy.stop() }
        let hung = try SilentServer()
        defer { hung.stop() }
        try fixture.writeConfiguration(buses: """
              - id: faulty
                tcp: 127.0.0.1:\(proxy.port)
                timeout_ms: 200
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 200ms}
                  - {id: M2, unit: 2, profile: gridwatch-lv-meter, interval: 200ms}
              - id: hung
                tcp: 127.0.0.1:\(hung.port)
                timeout_ms: 200
                devices:
                  - {id: M9, unit: 1, profile: gridwatch-lv-meter, interval: 200ms}
            """)
        let daemon = try fixture.start(["run", "--config", fixture.configuration])
        Thread.sleep(forTimeInterval: 8)
        XCTAssertTrue(daemon.isRunning, "the daemon survives the faults: \(daemon.standardError.suffix(2000))")
        proxy.setInjecting(false)
        let calm = nowMillis()
        Thread.sleep(forTimeInterval: 3)

        let injected = proxy.injectedFaults
        let total = injected.values.reduce(0, +)
        print("fault injection: \(total) faults injected and survived (\(ModbusFault.allCases.map { "\($0.rawValue) \(injected[$0] ?? 0)" }.joined(separator: ", "))), \(proxy.forwardedReplies) replies passed, \(hung.accepted) connections to the hung server")
        for fault in ModbusFault.allCases {
            XCTAssertGreaterThan(injected[fault] ?? 0, 0, "\(fault.rawValue) was injected")
        }
        XCTAssertGreaterThan(hung.accepted, 0, "the daemon connected to the server that never reads")
        let status = try fixture.deviceStatus()
        XCTAssertEqual(status["M1"], "online", "\(status)")
        XCTAssertEqual(status["M2"], "online", "\(status)")
        XCTAssertNotEqual(status["M9"], "online", "\(status)")
        for meter in ["M1", "M2"] {
            XCTAssertGreaterThan(try fixture.goodReadings(device: meter, sinceMillis: calm).count, 3, "\(meter) polled again once faults stop")
            // Garbled headers and foreign unit ids are rejected, never stored as values.
            let voltages = try fixture.goodReadings(device: meter)
            XCTAssertTrue(voltages.allSatisfy { (225...235).contains($0) }, "\(meter): \(voltages.filter { !(225...235).contains($0) })")
        }

        kill(daemon.processIdentifier, SIGTERM)
        let stopping = Date()
        XCTAssertEqual(try daemon.waitForExit(timeout: 30), 0, daemon.standardError.suffix(2000).description)
        XCTAssertLessThan(Date().timeIntervalSince(stopping), 5, "well within systemd's 30 s stop timeout")
        XCTAssertEqual(try fixture.integrityCheck(), ["ok"])
    }
}

/// The same over Modbus RTU: a serial line whose replies arrive with bad CRCs, garbled, truncated,
/// late or not at all.
final class SerialFaultTests: XCTestCase {
    func testDaemonSurvivesDamagedRTURepliesAndRecoversWhenTheLineIsClean() throws {
        let fixture = try DaemonFixture("serial-faults")
        let line = try SerialFaultRelay(faultRate: 0.3, delay: 0.45, seed: 11)
        defer { line.close() }
        let simulator = try fixture.start([
            "simulate", "--devices-dir", TestEnvironment.devicesDirectory, "--profile", "gridwatch-lv-meter",
            "--rtu", line.serverEnd, "--baud", "9600", "--units", "1,2",
        ])
        _ = try simulator.waitForLine(startingWith: "serving", timeout: 10)
        try fixture.writeConfiguration(buses: """
              - id: rs485
                rtu: {device: \(line.clientEnd), baud: 9600, parity: N}
                timeout_ms: 200
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 200ms}
                  - {id: M2, unit: 2, profile: gridwatch-lv-meter, interval: 200ms}
            """)
        let daemon = try fixture.start(["run", "--config", fixture.configuration])
        Thread.sleep(forTimeInterval: 6)
        XCTAssertTrue(daemon.isRunning, "the daemon survives the faults: \(daemon.standardError.suffix(2000))")
        line.setInjecting(false)
        let calm = nowMillis()
        Thread.sleep(forTimeInterval: 3)

        let injected = line.injectedFaults
        print("fault injection: \(injected.values.reduce(0, +)) RTU faults injected and survived (\(SerialFault.allCases.map { "\($0.rawValue) \(injected[$0] ?? 0)" }.joined(separator: ", ")))")
        for fault in SerialFault.allCases {
            XCTAssertGreaterThan(injected[fault] ?? 0, 0, "\(fault.rawValue) was injected")
        }
        let status = try fixture.deviceStatus()
        for meter in ["M1", "M2"] {
            XCTAssertEqual(status[meter], "online", "\(status)")
            XCTAssertGreaterThan(try fixture.goodReadings(device: meter, sinceMillis: calm).count, 3, "\(meter) polled again once the line is clean")
            let voltages = try fixture.goodReadings(device: meter)
            XCTAssertTrue(voltages.allSatisfy { (225...235).contains($0) }, "bad CRCs are never stored: \(voltages.filter { !(225...235).contains($0) })")
        }
        kill(daemon.processIdentifier, SIGTERM)
        XCTAssertEqual(try daemon.waitForExit(timeout: 30), 0, daemon.standardError.suffix(2000).description)
        XCTAssertEqual(try fixture.integrityCheck(), ["ok"])
    }
}
