import Foundation
import GRDB
import GridWatchTesting
import XCTest

/// A temporary folder with a gateway configuration, the processes a test started, and the checks
/// every fault-injection run ends with.
final class DaemonFixture {
    let folder: URL
    private(set) var processes: [ChildProcess] = []

    init(_ name: String) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        processes.forEach { $0.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    var database: String { folder.appendingPathComponent("gridwatch.db").path }
    var configuration: String { folder.appendingPathComponent("gateway.yaml").path }

    /// Starts `gridwatch` with `arguments` and keeps it for the clean-up.
    func start(_ arguments: [String]) throws -> ChildProcess {
        let process = try ChildProcess.gridwatch(arguments)
        processes.append(process)
        return process
    }

    /// A simulator serving the reference meter at `units` on `port`.
    func simulateMeters(port: Int, units: String) throws {
        let process = try start([
            "simulate", "--devices-dir", TestEnvironment.devicesDirectory, "--profile", "gridwatch-lv-meter",
            "--tcp", "127.0.0.1:\(port)", "--units", units,
        ])
        _ = try process.waitForLine(startingWith: "serving", timeout: 10)
    }

    /// Writes the gateway configuration: `buses` is the YAML of its `buses:` list, `extra` more top-level keys.
    func writeConfiguration(buses: String, extra: String = "") throws {
        try """
            database: \(database)
            devices_dir: \(TestEnvironment.devicesDirectory)
            store: {batch_interval: 200ms}
            supervision: {offline_after: 500ms, offline_after_failed_cycles: 2, backoff_initial: 200ms, backoff_max: 1s}
            \(extra)
            buses:
            \(buses)
            """.write(toFile: configuration, atomically: true, encoding: .utf8)
    }

    /// Checks what every fault run must end with: each of `injected`'s kinds happened; `meters` are
    /// online, polled since `calmMillis` (when faults stopped) and never stored a value the simulator
    /// did not serve (its voltages are 228.5-231.5 V).
    func assertSurvived<Fault: RawRepresentable & CaseIterable & Hashable>(
        _ injected: [Fault: Int], meters: [String], calmMillis: Int64, file: StaticString = #filePath, line: UInt = #line
    ) throws where Fault.RawValue == String {
        print("fault injection: \(injected.values.reduce(0, +)) \(Fault.self) faults injected and survived (\(Fault.allCases.map { "\($0.rawValue) \(injected[$0] ?? 0)" }.joined(separator: ", ")))")
        for fault in Fault.allCases {
            XCTAssertGreaterThan(injected[fault] ?? 0, 0, "\(fault.rawValue) was injected", file: file, line: line)
        }
        let status = try deviceStatus()
        for meter in meters {
            XCTAssertEqual(status[meter], "online", "\(status)", file: file, line: line)
            XCTAssertGreaterThan(try goodReadings(device: meter, sinceMillis: calmMillis).count, 3, "\(meter) polled again once faults stop", file: file, line: line)
            let wrong = try goodReadings(device: meter).filter { !(225...235).contains($0) }
            XCTAssertEqual(wrong, [], "\(meter): damaged replies are rejected, never stored as values", file: file, line: line)
        }
    }

    /// SIGTERM: the daemon exits 0 well within systemd's 30 s stop timeout, the database intact.
    func assertStopsGracefully(_ daemon: ChildProcess, file: StaticString = #filePath, line: UInt = #line) throws {
        kill(daemon.processIdentifier, SIGTERM)
        let stopping = Date()
        XCTAssertEqual(try daemon.waitForExit(timeout: 30), 0, daemon.standardError.suffix(2000).description, file: file, line: line)
        XCTAssertLessThan(Date().timeIntervalSince(stopping), 5, "well within systemd's 30 s stop timeout", file: file, line: line)
        XCTAssertEqual(try integrityCheck(), ["ok"], file: file, line: line)
    }

    /// `PRAGMA integrity_check` of the database.
    func integrityCheck() throws -> [String] {
        try DatabaseQueue(path: database).read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
    }

    /// Good readings of `point` of `device` stored since `sinceMillis`.
    func goodReadings(device: String, point: String = "voltage_a", sinceMillis: Int64 = 0) throws -> [Double] {
        try DatabaseQueue(path: database).read { db in
            try Double.fetchAll(db, sql: """
                SELECT r.value FROM \(allReadings) r JOIN series s ON s.id = r.series_id
                WHERE s.device_id = ? AND s.point = ? AND r.quality = 0 AND r.time_ms >= ? AND r.value IS NOT NULL
                """, arguments: [device, point, sinceMillis])
        }
    }

    /// The `status` of every device, as `gridwatch devices` shows it.
    func deviceStatus() throws -> [String: String] {
        let run = try ChildProcess.run("gridwatch", ["devices", "--config", configuration, "--format", "json"])
        XCTAssertEqual(run.status, 0, run.error)
        let array = try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: array.map { ($0["id"] as! String, $0["status"] as? String ?? "") })
    }
}

/// Every raw reading, in whichever table the writer keeps it for now (`readings_recent` first, then
/// moved to `readings` in one transaction), as a subquery.
let allReadings = """
    (SELECT series_id, time_ms, value, quality FROM readings
     UNION ALL SELECT series_id, time_ms, value, quality FROM readings_recent)
    """

/// Now in Unix milliseconds.
func nowMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
