import Foundation
import GRDB
import GridWatchTesting
import XCTest

/// SIGHUP on a running daemon, logging JSON lines: a valid new configuration adds a device without a
/// gap in the others' readings; an invalid one is logged with its file:line reason and changes nothing.
final class ReloadTests: XCTestCase {
    private func devices(_ ids: [Int], interval: String = "200ms") -> String {
        ids.map { "      - {id: M\($0), unit: \($0), profile: gridwatch-lv-meter, interval: \(interval)}" }.joined(separator: "\n")
    }

    func testSIGHUPAppliesAValidConfigurationAndKeepsTheRunningOneWhenTheNewOneIsInvalid() throws {
        let fixture = try DaemonFixture("reload")
        let port = TestEnvironment.freePort()
        try fixture.simulateMeters(port: port, units: "1,2")
        let bus = "  - id: feeder-1\n    tcp: 127.0.0.1:\(port)\n    timeout_ms: 300\n    devices:\n"
        try fixture.writeConfiguration(buses: bus + devices([1]))
        let daemon = try fixture.start(["run", "--config", fixture.configuration, "--log-format", "json"])
        let started = nowMillis()
        Thread.sleep(forTimeInterval: 2)
        XCTAssertTrue(try fixture.goodReadings(device: "M2").isEmpty, "M2 is not configured yet")

        try fixture.writeConfiguration(buses: bus + devices([1, 2]))
        kill(daemon.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 2.5)
        XCTAssertTrue(daemon.isRunning, daemon.standardError.suffix(2000).description)
        XCTAssertGreaterThan(try fixture.goodReadings(device: "M2").count, 3, "the reloaded configuration polls M2")
        let times = try readingTimes(fixture.database, device: "M1", since: started)
        let longestGap = zip(times, times.dropFirst()).map { $1 - $0 }.max() ?? .max
        XCTAssertLessThan(longestGap, 1_500, "M1 kept being polled across the reload (\(times.count) readings)")

        // `interval: fast` is not a duration: rejected with its line, M1 and M2 keep being polled.
        try fixture.writeConfiguration(buses: bus + devices([1, 2], interval: "fast"))
        kill(daemon.processIdentifier, SIGHUP)
        Thread.sleep(forTimeInterval: 1)
        let rejected = nowMillis()
        Thread.sleep(forTimeInterval: 1.5)
        XCTAssertGreaterThan(try fixture.goodReadings(device: "M2", sinceMillis: rejected).count, 2, "the old configuration keeps running")

        kill(daemon.processIdentifier, SIGTERM)
        XCTAssertEqual(try daemon.waitForExit(timeout: 30), 0, daemon.standardError.suffix(2000).description)
        let lines = daemon.standardError.split(separator: "\n")
        let events = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        XCTAssertEqual(events.count, lines.count, "every log line is one JSON object: \(lines.prefix(5))")
        XCTAssertTrue(events.allSatisfy { $0["level"] is String && $0["label"] is String && $0["message"] is String })
        XCTAssertEqual(events.filter { $0["message"] as? String == "configuration reloaded" }.count, 1)
        let refusal = events.first { $0["message"] as? String == "configuration not reloaded, the running one stays" }
        let reason = (refusal?["metadata"] as? [String: Any])?["error"] as? String ?? ""
        XCTAssertTrue(reason.contains("gateway.yaml:") && reason.contains("fast"), "the reason names file:line: \(reason)")
    }

    private func readingTimes(_ database: String, device: String, since: Int64) throws -> [Int64] {
        try DatabaseQueue(path: database).read { db in
            try Int64.fetchAll(db, sql: """
                SELECT r.time_ms FROM \(allReadings) r JOIN series s ON s.id = r.series_id
                WHERE s.device_id = ? AND s.point = 'voltage_a' AND r.quality = 0 AND r.time_ms >= ? ORDER BY r.time_ms
                """, arguments: [device, since])
        }
    }
}
