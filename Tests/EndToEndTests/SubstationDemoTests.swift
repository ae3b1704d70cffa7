import Foundation
import GridWatchTesting
import XCTest

/// The README's main job end to end: the simulated substation's scenario, polled over Modbus TCP by
/// the daemon, must come out as exactly the outages it scripted (a communication fault as none), and
/// the stored records must give the indices the scenario implies.
final class SubstationDemoTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-demo-test-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testScenarioProducesExactlyTheScriptedOutagesAndTheirIndices() throws {
        // One simulated hour (and a 3 min tail) at 60x: about 65 s of wall time.
        let run = try ChildProcess.run("gridwatch", [
            "demo", "--scenario", TestEnvironment.packageRoot.appendingPathComponent("config/simulated-substation.yaml").path,
            "--devices-dir", TestEnvironment.devicesDirectory, "--work-dir", folder.path, "--time-scale", "60",
        ], timeout: 120)
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertTrue(run.output.contains("devices polled        334 on 8 buses"), run.output)
        XCTAssertTrue(run.output.contains("scripted by the scenario   187"), run.output)
        XCTAssertTrue(run.output.contains("found and matching         187 (duration within 2 s, start within 6 s)"), run.output)
        XCTAssertTrue(run.output.contains("found but not scripted     0"), run.output)

        let config = folder.appendingPathComponent("gateway.yaml").path
        // TA01-M042's radio fails for 20 minutes while it has supply: no outage.
        let silent = try ChildProcess.run("gridwatch", ["outages", "--config", config, "--meter", "TA01-M042", "--format", "json"])
        XCTAssertEqual(silent.status, 0, silent.error)
        XCTAssertEqual(silent.output.trimmingCharacters(in: .whitespacesAndNewlines), "[]")

        // Sustained interruptions: TA01-M017 (14 min), all 120 meters of TA02 (18 min and their steps),
        // TA04-M007 (9 min); the area blip of TA03 (100 s) and TA03-M005 (45 s) are momentary and short.
        let period = run.output.components(separatedBy: "\n").first { $0.hasPrefix("Reliability, ") }!
            .components(separatedBy: " ")
        let indices = try ChildProcess.run("gridwatch", [
            "indices", "--config", config, "--from", period[1], "--to", period[3], "--by", "system", "--format", "json",
        ])
        XCTAssertEqual(indices.status, 0, indices.error)
        let json = try JSONSerialization.jsonObject(with: Data(indices.output.utf8)) as! [String: Any]
        let system = (json["groups"] as! [[String: Any]])[0]
        let ieee = system["ieee1366"] as! [String: Any], dlt = system["dlt836"] as! [String: Any]
        XCTAssertEqual(system["customers"] as? Double, 330)
        XCTAssertEqual(ieee["CI"] as? Double, 122)
        XCTAssertEqual(ieee["SAIFI"] as! Double, 122.0 / 330, accuracy: 1e-12)
        XCTAssertEqual(dlt["AITC1"] as! Double, 122.0 / 330, accuracy: 1e-12)
        // 64 TA03 meters and TA03-M005: 65 short outages.
        XCTAssertEqual(dlt["short_outages_per_user"] as! Double, 65.0 / 330, accuracy: 1e-12)

        // The shipped rules over the gateway's database: no outage record overlaps another (nothing
        // counted twice), and no meter of a one-hour scenario is a frequent-outage meter.
        let rules = try ChildProcess.run("gridwatch", [
            "rules", "check", "--config", config, "--rules", TestEnvironment.packageRoot.appendingPathComponent("config/rules.yaml").path,
            "--at", period[3], "--format", "json",
        ])
        XCTAssertEqual(rules.status, 0, rules.error)
        let violations = (try JSONSerialization.jsonObject(with: Data(rules.output.utf8)) as! [String: Any])["violations"] as! [[String: Any]]
        let findings = violations.flatMap { $0["findings"] as? [String] ?? [] }
        XCTAssertFalse(findings.contains { $0.hasPrefix("overlapping") }, "\(findings)")
        XCTAssertFalse(violations.contains { $0["level"] as? String == "frequent" }, "\(violations)")

        // Voltage quality from the stored per-minute means: TA01's 8-minute sag to 188 V (below 198 V, -10 %
        // of 220 V) makes under-limit minutes there and nowhere else; silent meters add no minutes.
        let voltage = try ChildProcess.run("gridwatch", [
            "voltage", "--config", config, "--from", period[1], "--to", period[3], "--by", "area", "--format", "json",
        ])
        XCTAssertEqual(voltage.status, 0, voltage.error)
        let groups = (try JSONSerialization.jsonObject(with: Data(voltage.output.utf8)) as! [String: Any])["groups"] as! [[String: Any]]
        let byArea = Dictionary(uniqueKeysWithValues: groups.map { ($0["id"] as! String, $0) })
        XCTAssertEqual(byArea.keys.sorted(), ["TA01", "TA02", "TA03", "TA04"])
        XCTAssertGreaterThan(byArea["TA01"]?["under_lower_minutes"] as? Int ?? 0, 0, voltage.output)
        XCTAssertLessThan(byArea["TA01"]?["rate_percent"] as? Double ?? 100, 100, voltage.output)
        for area in ["TA02", "TA03", "TA04"] {
            XCTAssertEqual(byArea[area]?["under_lower_minutes"] as? Int, 0, voltage.output)
            XCTAssertEqual(byArea[area]?["over_upper_minutes"] as? Int, 0, voltage.output)
            XCTAssertGreaterThan(byArea[area]?["monitored_minutes"] as? Int ?? 0, 0, voltage.output)
        }
    }
}
