import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GridWatchCore
import GridWatchTesting
import Store
import XCTest

/// The daemon's rule stage end to end: violations from stored outage records, their notices POSTed to
/// a real HTTP receiver (retried after a failure), acknowledged from the CLI while the daemon runs,
/// and rules reloaded on SIGHUP (an invalid rule file rejected with its line, a valid one applied).
final class RuleStageTests: XCTestCase {
    private let rule = """
        rules:
          - id: twice-in-10-days
            level: warning
            entity: meter
            window: {kind: trailing, days: 10, mode: exact}
            count: {ge: COUNT}
            filter: {min_duration_seconds: 300}
        """

    func testTheDaemonKeepsViolations_deliversTheirNotices_andReloadsItsRulesOnSIGHUP() async throws {
        let fixture = try DaemonFixture("rules")
        let receiver = try PythonPeer(script: "webhook_receiver.py", arguments: ["--fail-first", "1"])
        defer { receiver.terminate() }
        let receiverPort = try XCTUnwrap(receiver.process.standardOutput.split(separator: "\n").first?.split(separator: " ").last)
        let rules = fixture.folder.appendingPathComponent("rules.yaml").path
        try rule.replacingOccurrences(of: "COUNT", with: "2").write(toFile: rules, atomically: true, encoding: .utf8)

        // An hour-long outage of M1 three days ago is already in the database; the simulated meters' logs
        // add one of about 30 min a day ago to M1 and M2 (and one of 240 s, too short to count).
        let now = Int64(Date().timeIntervalSince1970)
        let store = try Store(StoreConfiguration(path: fixture.database))
        _ = try await store.saveOutages([
            OutageWrite(record: OutageRecord(meterID: "M1", start: now - 3 * 86_400, end: now - 3 * 86_400 + 3_600), area: "TA01", line: "L1"),
        ])

        let modbusPort = TestEnvironment.freePort(), httpPort = TestEnvironment.freePort()
        try fixture.simulateMeters(port: modbusPort, units: "1,2")
        try fixture.writeConfiguration(
            buses: """
                  - id: feeder-1
                    tcp: 127.0.0.1:\(modbusPort)
                    devices:
                      - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 1s, area: TA01, line: L1}
                      - {id: M2, unit: 2, profile: gridwatch-lv-meter, interval: 1s, area: TA01, line: L1}
                """,
            extra: """
                http: {listen: "127.0.0.1:\(httpPort)"}
                rules:
                  file: rules.yaml
                  check_interval: 1s
                  webhook: {url: "http://127.0.0.1:\(receiverPort)/violations", retry_initial: 300ms, retry_max: 1s}
                """)
        let daemon = try fixture.start(["run", "--config", fixture.configuration, "--log-format", "json"])

        let opened = try waitForCall(receiver, event: "violation.opened", timeout: 20)
        let calls = receiverCalls(receiver)
        XCTAssertEqual(calls.first?["status"] as? Int, 503, "the first call failed")
        XCTAssertEqual(calls.first?["delivery"] as? String, opened["delivery"] as? String, "and was retried as the same delivery")
        XCTAssertEqual(opened["content_type"] as? String, "application/json")
        let notice = try XCTUnwrap((opened["body"] as? [String: Any])?["violation"] as? [String: Any])
        XCTAssertEqual(notice["rule"] as? String, "twice-in-10-days")
        XCTAssertEqual(notice["entity_id"] as? String, "M1")
        XCTAssertEqual(notice["count"] as? Int, 2)
        XCTAssertEqual(notice["meters"] as? [String], ["M1"])

        // The CLI reads and acknowledges while the daemon runs.
        var listed = try violations(fixture, "--all")
        XCTAssertEqual(listed.count, 1)
        let id = try XCTUnwrap(listed.first?["id"] as? Int)
        XCTAssertEqual(id, notice["id"] as? Int)
        XCTAssertEqual((listed.first?["outage_ids"] as? [Int])?.count, 2)
        let ack = try fixture.start(["violations", "ack", String(id), "--config", fixture.configuration, "--note", "fuse replaced", "--by", "crew 7"])
        XCTAssertEqual(try ack.waitForExit(timeout: 30), 0, ack.standardError)
        listed = try violations(fixture, "--open")
        XCTAssertEqual(listed.first?["remediation_note"] as? String, "fuse replaced")
        XCTAssertEqual(listed.first?["acknowledged_by"] as? String, "crew 7")

        let metrics = try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(httpPort)/metrics")!).0
        let exposition = String(decoding: metrics, as: UTF8.self)
        XCTAssertTrue(exposition.contains("gridwatch_rules_evaluation_duration_seconds_count"), exposition)
        XCTAssertTrue(exposition.contains("gridwatch_open_violations 1"), exposition)
        XCTAssertTrue(exposition.contains(#"gridwatch_webhook_calls_total{result="failed"} 1"#), exposition)

        // A rule file with a mistake is rejected at its line; the running rules stay.
        try rule.replacingOccurrences(of: "COUNT", with: "many").write(toFile: rules, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        try waitUntil(timeout: 10) { daemon.standardError.contains("configuration not reloaded") }
        XCTAssertTrue(daemon.standardError.contains("rules.yaml:6"), daemon.standardError.suffix(2000).description)
        try await Task.sleep(for: .seconds(2))
        let stillOpen = try await Store(StoreConfiguration(path: fixture.database), access: .readOnly).violations(openOnly: true)
        XCTAssertEqual(stillOpen.map(\.id), [Int64(id)], "the old rules keep running")

        // A valid one that no longer holds for M1: the violation closes and its notice is delivered.
        try rule.replacingOccurrences(of: "COUNT", with: "3").write(toFile: rules, atomically: true, encoding: .utf8)
        kill(daemon.processIdentifier, SIGHUP)
        let closed = try waitForCall(receiver, event: "violation.closed", timeout: 20)
        XCTAssertEqual(((closed["body"] as? [String: Any])?["violation"] as? [String: Any])?["id"] as? Int, id)
        listed = try violations(fixture, "--all")
        XCTAssertEqual(listed.map { $0["open"] as? Bool }, [false], "closing keeps the history")
        XCTAssertEqual(listed.first?["remediation_note"] as? String, "fuse replaced")

        kill(daemon.processIdentifier, SIGTERM)
        XCTAssertEqual(try daemon.waitForExit(timeout: 30), 0, daemon.standardError.suffix(2000).description)

        // The publishable table from the gateway's database and its own rule file: area TA01 and line L1,
        // 2 meters, 5 records this year (M1: the stored one and two logged; M2: two logged).
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        let report = try fixture.start(["report", "frequent-outages", "--config", fixture.configuration, "--year", String(year)])
        XCTAssertEqual(try report.waitForExit(timeout: 30), 0, report.standardError)
        let rows = report.standardOutput.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(rows.first?.prefix(5), ["level", "id", "line", "meters", "outages"])
        XCTAssertEqual(rows.dropFirst().map { Array($0.prefix(5)) }.sorted { $0[0] < $1[0] },
                       [["area", "TA01", "L1", "2", "5"], ["line", "L1", "L1", "2", "5"]], report.standardOutput)
    }

    private func receiverCalls(_ receiver: PythonPeer) -> [[String: Any]] {
        receiver.process.standardOutput.split(separator: "\n").dropFirst().compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// The first call of `event` the receiver answered with success.
    private func waitForCall(_ receiver: PythonPeer, event: String, timeout: TimeInterval) throws -> [String: Any] {
        var found: [String: Any]?
        try waitUntil(timeout: timeout) {
            found = receiverCalls(receiver).first { call in
                call["status"] as? Int == 204 && (call["body"] as? [String: Any])?["event"] as? String == event
            }
            return found != nil
        }
        return found!
    }

    private func violations(_ fixture: DaemonFixture, _ scope: String) throws -> [[String: Any]] {
        let list = try fixture.start(["violations", "--config", fixture.configuration, scope, "--format", "json"])
        XCTAssertEqual(try list.waitForExit(timeout: 30), 0, list.standardError)
        let object = try JSONSerialization.jsonObject(with: Data(list.standardOutput.utf8)) as? [String: Any]
        return try XCTUnwrap(object?["violations"] as? [[String: Any]], list.standardOutput)
    }

    private func waitUntil(timeout: TimeInterval, _ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.2)
        }
        XCTFail("condition not met within \(timeout) s")
        throw TestSupportError("timed out")
    }
}
