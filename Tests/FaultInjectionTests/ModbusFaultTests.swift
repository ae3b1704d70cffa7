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

        print("fault injection: \(proxy.forwardedReplies) replies passed, \(hung.accepted) connections to the hung server")
        XCTAssertGreaterThan(hung.accepted, 0, "the daemon connected to the server that never reads")
        XCTAssertNotEqual(try fixture.deviceStatus()["M9"], "online")
        try fixture.assertSurvived(proxy.injectedFaults, meters: ["M1", "M2"], calmMillis: calm)
        try fixture.assertStopsGracefully(daemon)
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

        try fixture.assertSurvived(line.injectedFaults, meters: ["M1", "M2"], calmMillis: calm)
        try fixture.assertStopsGracefully(daemon)
    }
}
