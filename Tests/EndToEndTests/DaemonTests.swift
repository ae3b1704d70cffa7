import Foundation
import GRDB
import GridWatchTesting
import Store
import XCTest

/// `gridwatch run` as a gateway runs it: a real process polling `gridwatch simulate` over Modbus TCP,
/// inspected through the field engineers' commands while it runs.
final class DaemonTests: XCTestCase {
    private var folder: URL!
    private var processes: [ChildProcess] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-daemon-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        processes.forEach { $0.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    private var database: String { folder.appendingPathComponent("gridwatch.db").path }

    /// A simulator serving the reference meter at `units` on `port`.
    @discardableResult
    private func simulate(port: Int, units: String) throws -> ChildProcess {
        let process = try ChildProcess.gridwatch([
            "simulate", "--devices-dir", TestEnvironment.devicesDirectory, "--profile", "gridwatch-lv-meter",
            "--tcp", "127.0.0.1:\(port)", "--units", units,
        ])
        processes.append(process)
        _ = try process.waitForLine(startingWith: "serving", timeout: 10)
        return process
    }

    /// Three meters on one bus, polled every 200 ms; unit 3 is not served, so it never answers.
    private func writeConfiguration(port: Int) throws -> String {
        let path = folder.appendingPathComponent("gateway.yaml").path
        try """
            database: \(database)
            devices_dir: \(TestEnvironment.devicesDirectory)
            store: {batch_interval: 200ms}
            supervision: {offline_after: 500ms, offline_after_failed_cycles: 2, backoff_initial: 500ms, backoff_max: 2s}
            buses:
              - id: feeder-1
                tcp: 127.0.0.1:\(port)
                timeout_ms: 200
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 200ms, area: TA01}
                  - {id: M2, unit: 2, profile: gridwatch-lv-meter, interval: 200ms, area: TA01}
                  - {id: M3, unit: 3, profile: gridwatch-lv-meter, interval: 200ms, area: TA01}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @discardableResult
    private func startDaemon(_ config: String, environment: [String: String] = [:]) throws -> ChildProcess {
        let process = try ChildProcess(TestEnvironment.gridwatchBinary, ["run", "--config", config], environment: environment)
        processes.append(process)
        return process
    }

    private func devices(_ config: String) throws -> [String: [String: Any]] {
        let run = try ChildProcess.run("gridwatch", ["devices", "--config", config, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.error)
        let array = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: array.map { ($0["id"] as! String, $0) })
    }

    /// The device's stored status once it is one of `wanted` (polled for up to 8 s), else `nil`.
    private func status(of device: String, _ config: String, becoming wanted: Set<String>) throws -> String? {
        for _ in 0..<16 {
            if let status = try devices(config)[device]?["status"] as? String, wanted.contains(status) { return status }
            Thread.sleep(forTimeInterval: 0.5)
        }
        return nil
    }

    private func readingCount(_ config: String, device: String, from: Date, to: Date) throws -> Int {
        let format = ISO8601DateFormatter()
        let run = try ChildProcess.run("gridwatch", [
            "readings", "--config", config, "--device", device, "--point", "voltage_a",
            "--from", format.string(from: from), "--to", format.string(from: to), "--format", "json",
        ])
        XCTAssertEqual(run.status, 0, run.error)
        let rows = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]] ?? []
        return rows.filter { $0["quality"] as? String == "good" }.count
    }

    func testDeadUnitIsBackedOffWhileItsBusNeighboursKeepTheirRate() throws {
        let port = TestEnvironment.freePort()
        try simulate(port: port, units: "1,2")
        let config = try writeConfiguration(port: port)
        try startDaemon(config)
        let started = Date()
        Thread.sleep(forTimeInterval: 5)
        let devices = try devices(config)
        XCTAssertEqual(devices["M1"]?["status"] as? String, "online")
        XCTAssertEqual(devices["M3"]?["status"] as? String, "never_seen")
        // 5 s at 200 ms is 25 polls; whole seconds in the query and start-up leave at least 15.
        XCTAssertGreaterThanOrEqual(try readingCount(config, device: "M2", from: started.addingTimeInterval(-1), to: Date().addingTimeInterval(1)), 15)
        // Without back-off M3 would time out 25 times; with 0.5 s doubling to 2 s it is tried about 6.
        let timeouts = devices["M3"]?["timeouts"] as? Int ?? 0
        XCTAssertGreaterThan(timeouts, 1)
        XCTAssertLessThanOrEqual(timeouts, 10, "a dead unit is re-probed with back-off")
    }

    func testRestartedTCPServerIsReconnected() throws {
        let port = TestEnvironment.freePort()
        let first = try simulate(port: port, units: "1,2")
        let config = try writeConfiguration(port: port)
        try startDaemon(config)
        Thread.sleep(forTimeInterval: 2)
        first.terminate()
        // Offline after 500 ms and 2 failed cycles; health is stored every 2 s: 8 s is ample even under load.
        XCTAssertEqual(try status(of: "M1", config, becoming: ["offline"]), "offline")
        let restarted = Date()
        try simulate(port: port, units: "1,2")
        // Re-probed within the 2 s back-off cap.
        XCTAssertNotNil(try status(of: "M1", config, becoming: ["online", "degraded"]), "answering again")
        XCTAssertGreaterThan(try readingCount(config, device: "M1", from: restarted, to: Date().addingTimeInterval(1)), 3)
    }

    func testSigkillNeverCorruptsTheDatabaseAndTheDaemonResumes() async throws {
        func pause(_ seconds: Double) async throws { try await Task.sleep(for: .milliseconds(Int(seconds * 1000))) }
        let port = TestEnvironment.freePort()
        try simulate(port: port, units: "1,2")
        let config = try writeConfiguration(port: port)
        var counts: [Int] = []
        for round in 0..<3 {
            let daemon = try startDaemon(config)
            try await pause(1.0 + 0.37 * Double(round))
            kill(daemon.processIdentifier, SIGKILL)
            _ = try daemon.waitForExit(timeout: 5)
            let check = try await DatabaseQueue(path: database).read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            XCTAssertEqual(check, ["ok"], "round \(round)")
            let store = try Store(StoreConfiguration(path: database), access: .readOnly)
            counts.append(try await store.rawReadingCount())
            let gaps = try await store.gatewayGaps(fromMillis: 0, toMillis: .max)
            XCTAssertEqual(gaps.count, round, "each restart records the gap left by the kill before it")
        }
        XCTAssertEqual(counts, counts.sorted(), "readings only accumulate: \(counts)")
        XCTAssertGreaterThan(counts.last!, counts.first!)
    }

    func testRTUBusOnAPacedLineKeepsTheGapAndItsSilentUnitDoesNotStarveTheOthers() throws {
        let line = try PacedSerialRelay(baud: 9600)
        defer { line.close() }
        let simulator = try ChildProcess.gridwatch([
            "simulate", "--devices-dir", TestEnvironment.devicesDirectory, "--profile", "gridwatch-lv-meter",
            "--rtu", line.serverEnd, "--baud", "9600", "--units", "1,2",
        ])
        processes.append(simulator)
        _ = try simulator.waitForLine(startingWith: "serving", timeout: 10)
        let config = folder.appendingPathComponent("rtu.yaml").path
        // Units 1 and 2 answer; unit 3 is not served, so it never answers. The fast group (6 registers)
        // every 200 ms, the rest hourly; the timeout outlasts the longest reply (42 registers, 105 ms).
        let deviceLines = (1...3).map { "      - {id: R\($0), unit: \($0), profile: gridwatch-lv-meter, interval: 1h, intervals: {fast: 200ms}}" }
        try """
            database: \(database)
            devices_dir: \(TestEnvironment.devicesDirectory)
            store: {batch_interval: 200ms}
            supervision: {offline_after: 500ms, offline_after_failed_cycles: 2, backoff_initial: 500ms, backoff_max: 2s}
            buses:
              - id: rs485
                rtu: {device: \(line.clientEnd), baud: 9600, parity: N}
                timeout_ms: 200
                devices:
            \(deviceLines.joined(separator: "\n"))
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let started = Date()
        try startDaemon(config)
        Thread.sleep(forTimeInterval: 6)
        let devices = try devices(config)
        for answering in ["R1", "R2"] {
            let status = devices[answering]?["status"] as? String
            XCTAssertTrue(status == "online" || status == "degraded", "\(answering) answers, not \(status ?? "nil")")
        }
        XCTAssertEqual(devices["R3"]?["status"] as? String, "never_seen")
        let window = (started.addingTimeInterval(-1), Date().addingTimeInterval(1))
        // 6 s at 200 ms is 30 polls each; start-up and unit 3's back-off probes (200 ms each) leave at least 18.
        XCTAssertGreaterThanOrEqual(try readingCount(config, device: "R1", from: window.0, to: window.1), 18)
        XCTAssertGreaterThanOrEqual(try readingCount(config, device: "R2", from: window.0, to: window.1), 18)
        XCTAssertLessThanOrEqual(devices["R3"]?["timeouts"] as? Int ?? 0, 10, "the silent unit is re-probed with back-off")
        XCTAssertGreaterThan(line.requestFrames, 36)
        XCTAssertEqual(line.gapViolations, 0, "every request waits t3.5 after the previous frame")
    }

    func testDaemonStoresWhatAnIndependentPymodbusServerServes() throws {
        let port = TestEnvironment.freePort()
        let peer = try PythonPeer(script: "modbus_peer.py", arguments: [
            "tcp", "--port", "\(port)", "--units", "1", "--input-floats", "0=230.1,2=231.2,4=229.8,70=49.98",
        ])
        processes.append(peer.process)
        let config = folder.appendingPathComponent("sdm630.yaml").path
        try """
            database: \(database)
            devices_dir: \(TestEnvironment.devicesDirectory)
            store: {batch_interval: 200ms}
            buses:
              - id: pymodbus
                tcp: 127.0.0.1:\(port)
                devices:
                  - {id: SDM1, unit: 1, profile: eastron-sdm630, interval: 300ms, role: other}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try startDaemon(config)
        Thread.sleep(forTimeInterval: 2.5)
        let run = try ChildProcess.run("gridwatch", ["device", "SDM1", "--config", config, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.error)
        let json = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as! [String: Any]
        let values = Dictionary(uniqueKeysWithValues: (json["values"] as! [[String: Any]]).map { ($0["point"] as! String, $0) })
        // float32 on the wire, decoded to the shortest decimal that reads back as the same float32.
        for (point, expected) in [("voltage_a", 230.1), ("voltage_b", 231.2), ("voltage_c", 229.8), ("frequency", 49.98)] {
            XCTAssertEqual(values[point]?["value"] as? Double, expected, point)
            XCTAssertEqual(values[point]?["quality"] as? String, "good", point)
        }
        XCTAssertEqual((json["device"] as? [String: Any])?["status"] as? String, "online")
    }

    func testSystemdIsToldReadyAndTheWatchdogIsPingedWhilePolling() throws {
        let port = TestEnvironment.freePort()
        try simulate(port: port, units: "1,2")
        let socketPath = folder.appendingPathComponent("notify.sock").path
        let listener = try DatagramListener(path: socketPath)
        try startDaemon(try writeConfiguration(port: port), environment: ["NOTIFY_SOCKET": socketPath, "WATCHDOG_USEC": "400000"])
        let messages = listener.receive(for: 4)
        XCTAssertTrue(messages.first?.hasPrefix("READY=1") ?? false, "\(messages)")
        XCTAssertGreaterThanOrEqual(messages.filter { $0.hasPrefix("WATCHDOG=1") }.count, 3, "a ping every 200 ms while polling: \(messages)")
    }

    func testBadConfigurationExitsNonZeroWithFileAndLineAndCreatesNoDatabase() throws {
        let path = folder.appendingPathComponent("bad.yaml").path
        try """
            database: \(database)
            buses:
              - id: feeder-1
                tcp: 127.0.0.1:1502
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: fast}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let run = try ChildProcess.run("gridwatch", ["run", "--config", path], timeout: 10)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.error.contains("bad.yaml:6: 'interval' of device 'M1' is 'fast', expected a positive duration"), run.error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: database), "nothing touched")
    }
}
