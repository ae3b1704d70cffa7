import Foundation
import GridWatchTesting
import XCTest

/// Runs the built `gridwatch` binary on CSV fixtures and reads its JSON.
final class RulesCommandLineTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try write("topology.csv", """
            meter_id,area,line,county,region,nominal_voltage
            m1,A1,L1,C1,R1,220
            m2,A1,L1,C1,R1,220
            m3,A2,L2,C1,R1,380
            """)
        // m1: 4 outages within [10 Jan, 10 Mar] (frequent-60d), plus a force-majeure one and a 4-minute one.
        try write("outages.csv", """
            meter_id,start,end,class,cause,work_order
            m1,2025-01-10T08:00:00+08:00,2025-01-10T09:00:00+08:00,fault_internal,,
            m1,2025-01-20T08:00:00+08:00,2025-01-20T09:00:00+08:00,fault_internal,,
            m1,2025-02-10T08:00:00+08:00,2025-02-10T09:00:00+08:00,planned,,WO-7
            m1,2025-02-12T08:00:00+08:00,2025-02-12T09:00:00+08:00,fault_internal,force_majeure,
            m1,2025-03-01T08:00:00+08:00,2025-03-01T08:04:00+08:00,fault_internal,,
            m1,2025-03-10T08:00:00+08:00,,fault_internal,,
            m2,2025-01-10T08:00:30+08:00,2025-01-10T10:00:00+08:00,fault_internal,,
            """)
        try write("med.txt", "# Major Event Days\n2025-01-20\n")
        try write("voltage.csv", """
            meter_id,time,voltage
            m1,2025-03-01T00:00:10+08:00,235.4
            m1,2025-03-01T00:01:10+08:00,236.0
            m3,2025-03-01T00:00:10+08:00,400
            """)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    private func write(_ name: String, _ text: String) throws {
        try (text + "\n").write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func testRulesCheckPrintsTheIssuesJSONWithTheCountedRecords() throws {
        let rules = TestEnvironment.packageRoot.appendingPathComponent("config/rules.yaml").path
        let result = try ChildProcess.run("gridwatch", ["rules", "check", "--topology", path("topology.csv"), "--outages", path("outages.csv"),
                                                        "--rules", rules, "--at", "2025-03-31T00:00:00+08:00", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.error)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        XCTAssertEqual(document["at"] as? String, "2025-03-31T00:00:00+08:00")
        let violations = try XCTUnwrap(document["violations"] as? [[String: Any]])
        let sixty = try XCTUnwrap(violations.first { $0["rule"] as? String == "frequent-60d" })
        XCTAssertEqual(sixty["level"] as? String, "frequent")
        XCTAssertEqual(sixty["entity"] as? String, "meter")
        XCTAssertEqual(sixty["id"] as? String, "m1")
        XCTAssertEqual(sixty["count"] as? Int, 4)
        XCTAssertEqual(sixty["window"] as? [String: String], ["from": "2025-01-10T00:00:00+08:00", "to": "2025-03-11T00:00:00+08:00"])
        let outages = try XCTUnwrap(sixty["outages"] as? [[String: Any]])
        XCTAssertEqual(outages.map { $0["start"] as? String }, [
            "2025-01-10T08:00:00+08:00", "2025-01-20T08:00:00+08:00", "2025-02-10T08:00:00+08:00", "2025-03-10T08:00:00+08:00",
        ])
        XCTAssertEqual(outages.first?["meter_id"] as? String, "m1")
        XCTAssertEqual(outages.first?["event_id"] as? String, "A1@2025-01-10T08:00:00+08:00")
        XCTAssertEqual(outages.first?["end"] as? String, "2025-01-10T09:00:00+08:00")
        XCTAssertTrue(outages.last?["end"] is NSNull, "an open outage has end null")
        XCTAssertEqual(Set(outages.first?.keys.map { $0 } ?? []), ["meter_id", "start", "end", "event_id"])
    }

    /// With the MED file, 20 Jan no longer counts for the practice warnings: m1 drops from 4 to 3 a year.
    func testMedDaysFileExcludesOutagesForRulesThatAskForIt() throws {
        try write("rules.yaml", """
            rules:
              - id: practice
                level: warning
                window: {kind: calendar_year}
                count: {ge: 1}
                filter: {min_duration_seconds: 300, exclude_med_days: true, exclude_causes: [force_majeure]}
            """)
        let arguments = ["rules", "check", "--topology", path("topology.csv"), "--outages", path("outages.csv"),
                         "--rules", path("rules.yaml"), "--at", "2025-03-31T00:00:00+08:00", "--format", "csv"]
        let without = try ChildProcess.run("gridwatch", arguments)
        let with = try ChildProcess.run("gridwatch", arguments + ["--med-days", path("med.txt")])
        XCTAssertEqual(with.status, 0, with.error)
        XCTAssertEqual(without.output.split(separator: "\n").filter { $0.contains(",m1,") }.count, 4)
        XCTAssertEqual(with.output.split(separator: "\n").filter { $0.contains(",m1,") }.count, 3)
        XCTAssertFalse(with.output.contains("2025-01-20T08:00:00+08:00"))
    }

    func testBadRuleFileFailsWithFileAndLine() throws {
        try write("bad.yaml", "rules:\n  - id: a\n    count: {gt: 1}\n    windw: {kind: calendar_year}\n")
        let result = try ChildProcess.run("gridwatch", ["rules", "check", "--topology", path("topology.csv"), "--outages", path("outages.csv"),
                                                        "--rules", path("bad.yaml"), "--at", "2025-03-31T00:00:00+08:00"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.error.contains(path("bad.yaml") + ":4: unknown key \"windw\""), result.error)
    }

    /// m1: minute 0 at 235.4 (qualified), minute 1 at 236.0 (over): 50 %; m3 (380 V) 400 V: 100 %.
    func testVoltageCommandPrintsTheIssuesJSON() throws {
        let result = try ChildProcess.run("gridwatch", ["voltage", "--topology", path("topology.csv"), "--voltage", path("voltage.csv"),
                                                        "--from", "2025-03-01T00:00:00+08:00", "--to", "2025-03-02T00:00:00+08:00", "--by", "system", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.error)
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let groups = try XCTUnwrap(document["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.count, 1)
        XCTAssertEqual(groups[0]["by"] as? String, "system")
        XCTAssertEqual(groups[0]["id"] as? String, "system")
        XCTAssertEqual(groups[0]["monitored_minutes"] as? Int, 3)
        XCTAssertEqual(groups[0]["over_upper_minutes"] as? Int, 1)
        XCTAssertEqual(groups[0]["under_lower_minutes"] as? Int, 0)
        XCTAssertEqual(groups[0]["rate_percent"] as? Double, 75)
    }

    func testFrequentOutageReportListsLinesAndAreas() throws {
        let rules = TestEnvironment.packageRoot.appendingPathComponent("config/rules.yaml").path
        let result = try ChildProcess.run("gridwatch", ["report", "frequent-outages", "--topology", path("topology.csv"), "--outages", path("outages.csv"),
                                                        "--rules", rules, "--year", "2025", "--at", "2025-03-31T00:00:00+08:00", "--format", "csv"])
        XCTAssertEqual(result.status, 0, result.error)
        let lines = result.output.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "level,id,line,meters,outages,frequent_meters,warned_meters,open_problems,cleared_problems,notes")
        XCTAssertTrue(lines.contains { $0.hasPrefix("area,A1,L1,2,7,1,") }, lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("line,L2,L2,1,0,0,0,0,0,") }, lines.joined(separator: "\n"))
    }

    /// `rules check --ledger` opens m1's frequent-60d violation on 31 Mar and closes it on 1 Jan 2026;
    /// `violations ack` stores the note; `violations --all` lists the closed one with its note.
    func testLedgerKeepsViolationsAcrossChecksAndAcknowledgements() throws {
        try write("rules.yaml", """
            rules:
              - id: frequent-60d
                window: {kind: rolling, days: 60, mode: calendar}
                count: {gt: 3}
                filter: {exclude_causes: [force_majeure], min_duration_seconds: 300}
            """)
        let check = ["rules", "check", "--topology", path("topology.csv"), "--outages", path("outages.csv"),
                     "--rules", path("rules.yaml"), "--ledger", path("ledger.json"), "--format", "csv", "--at"]
        let first = try ChildProcess.run("gridwatch", check + ["2025-03-31T00:00:00+08:00"])
        XCTAssertEqual(first.status, 0, first.error)
        XCTAssertTrue(first.error.contains("ledger: 1 opened, 0 closed, 1 open"), first.error)
        let ack = try ChildProcess.run("gridwatch", ["violations", "ack", "1", "--ledger", path("ledger.json"), "--note", "new recloser on L1", "--by", "ops"])
        XCTAssertEqual(ack.status, 0, ack.error)
        let second = try ChildProcess.run("gridwatch", check + ["2026-01-01T00:00:00+08:00"])
        XCTAssertTrue(second.error.contains("ledger: 0 opened, 1 closed, 0 open"), second.error)
        let open = try ChildProcess.run("gridwatch", ["violations", "--ledger", path("ledger.json"), "--format", "csv"])
        XCTAssertEqual(open.output.split(separator: "\n").count, 1, "only the header: nothing is open")
        let all = try ChildProcess.run("gridwatch", ["violations", "--ledger", path("ledger.json"), "--all", "--format", "json", "--utc-offset", "+08:00"])
        let document = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(all.output.utf8)) as? [String: Any])
        let violations = try XCTUnwrap(document["violations"] as? [[String: Any]])
        XCTAssertEqual(violations.count, 1)
        XCTAssertEqual(violations[0]["status"] as? String, "closed")
        XCTAssertEqual(violations[0]["closed_at"] as? String, "2026-01-01T00:00:00+08:00")
        XCTAssertEqual(violations[0]["remediation_note"] as? String, "new recloser on L1")
        let table = try ChildProcess.run("gridwatch", ["violations", "--ledger", path("ledger.json"), "--all", "--format", "csv", "--utc-offset", "+08:00"])
        XCTAssertEqual(table.output.split(separator: "\n").last.map(String.init),
                       "1,frequent-60d,frequent,meter,m1,closed,4,2025-03-31T00:00:00+08:00,2026-01-01T00:00:00+08:00,ops,new recloser on L1")
        let late = try ChildProcess.run("gridwatch", ["violations", "ack", "1", "--ledger", path("ledger.json")])
        XCTAssertNotEqual(late.status, 0)
        XCTAssertTrue(late.error.contains("violation 1 is closed"), late.error)
    }

    /// Notice WO-7 announced 08:30-12:00 on 10 Feb for A1: m1's planned outage of WO-7 started at 08:00.
    func testPlannedNoticesFileFeedsThePlannedOverrunRule() throws {
        try write("planned.csv", "work_order,start,end,area,line\nWO-7,2025-02-10T08:30:00+08:00,2025-02-10T12:00:00+08:00,A1,")
        let rules = TestEnvironment.packageRoot.appendingPathComponent("config/rules.yaml").path
        let arguments = ["rules", "check", "--topology", path("topology.csv"), "--outages", path("outages.csv"), "--rules", rules,
                         "--at", "2025-03-31T00:00:00+08:00", "--format", "csv", "--planned"]
        let result = try ChildProcess.run("gridwatch", arguments + [path("planned.csv")])
        XCTAssertEqual(result.status, 0, result.error)
        let lines = result.output.split(separator: "\n").filter { $0.hasPrefix("planned-overrun,") }
        XCTAssertEqual(lines.count, 1, result.output)
        XCTAssertTrue(lines.first?.contains(",m1,2025-02-10T08:00:00+08:00,") == true, result.output)
        try write("bad-planned.csv", "work_order,start,end,area\nWO-7,2025-02-10T08:30:00+08:00,2025-02-10T12:00:00+08:00,A9")
        let bad = try ChildProcess.run("gridwatch", arguments + [path("bad-planned.csv")])
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.error.contains(path("bad-planned.csv") + ":2: area \"A9\" / line \"\" is not a scope"), bad.error)
    }
}
