import Fleet
import Foundation
import GridWatchCore
import GridWatchTesting
import Store
import XCTest

/// Planned-outage notices imported on a gateway reach the central database, where `rules check
/// --central` judges overruns as `rules check --config` does on the gateway.
final class FleetPlannedNoticeTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-planned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Notice WO-7 announces 08:30-12:00 on 10 Feb 2025 for the gateway's area. M0's planned outage of
    /// WO-7 starts at 08:00 (early); M1's outage, 09:00-13:00, falls under the notice (so it is planned)
    /// and ends late. Re-announced until 13:30, the notice replaces its central copy: M1 is on time.
    func testANoticeIsForwardedAndRulesCheckCentralFindsItsOverrunsAsTheGatewayDoes() async throws {
        let central = try await CentralTestDatabase.create()
        let gateway = try GatewayFixture.make("plan", meters: 2, directory: directory)
        let day: Int64 = 1_739_145_600  // 2025-02-10T00:00:00Z
        let (m0, m1) = (gateway.placements[0], gateway.placements[1])
        try await gateway.store.saveOutages([
            OutageWrite(record: OutageRecord(meterID: m0.meterID, start: day + 8 * 3_600, end: day + 11 * 3_600,
                                             outageClass: .planned, workOrder: "WO-7", source: .meterLog), area: m0.area, line: m0.line),
            OutageWrite(record: OutageRecord(meterID: m1.meterID, start: day + 9 * 3_600, end: day + 13 * 3_600, source: .meterLog),
                        area: m1.area, line: m1.line),
        ])
        let urlFile = directory.appendingPathComponent("central.url")
        try central.urlText.write(to: urlFile, atomically: true, encoding: .utf8)
        let config = directory.appendingPathComponent("gateway.yaml").path
        try """
            gateway_id: plan
            database: \(gateway.path)
            forward: {postgres_url_file: \(urlFile.path)}
            buses:
              - id: bus1
                tcp: 127.0.0.1:1502
                devices:
                  - {id: \(m0.meterID), unit: 1, profile: gridwatch-lv-meter, area: \(m0.area), line: \(m0.line)}
                  - {id: \(m1.meterID), unit: 2, profile: gridwatch-lv-meter, area: \(m1.area), line: \(m1.line)}
            """.write(toFile: config, atomically: true, encoding: .utf8)

        try announce(until: "12:00", config: config)
        let gatewayCheck = try rulesCheck(["--config", config])
        let centralCheck = try rulesCheck(["--central", "--postgres-url-file", urlFile.path])
        XCTAssertEqual(centralCheck, gatewayCheck, "rules check --central differs from --config")
        XCTAssertEqual(overrunMeters(centralCheck), [m0.meterID, m1.meterID], centralCheck)
        // indices and outages too: M1's outage is prearranged (planned) on both sides.
        let period = ["--from", "2025-02-01T00:00:00Z", "--to", "2025-03-01T00:00:00Z", "--as-of", "2025-03-01T00:00:00Z", "--format", "csv"]
        for command in [["indices", "--by", "area"], ["outages"]] {
            let own = try gridwatch(command + period + ["--config", config])
            XCTAssertEqual(try gridwatch(command + period + ["--central", "--postgres-url-file", urlFile.path]), own,
                           "\(command[0]) --central differs from --config")
            XCTAssertTrue(command[0] != "outages" || own.contains(",planned,"), own)
        }

        try announce(until: "13:30", config: config)
        try await central.withClient { client in
            let notices = try await client.query("SELECT notice_id, end_s FROM fleet_planned_notices WHERE gateway_id = 'plan'")
                .collect().map { try $0.decode((String, Int64).self) }
            XCTAssertEqual(notices.map(\.0), ["WO-7"], "a re-imported notice replaces its central copy")
            XCTAssertEqual(notices.map(\.1), [day + 13 * 3_600 + 1_800])
            try await CentralComparison.assertCentralEqualsGateway("plan", databasePath: gateway.path, client: client)
        }
        XCTAssertEqual(overrunMeters(try rulesCheck(["--central", "--postgres-url-file", urlFile.path])), [m0.meterID])
        try await central.drop()
    }

    /// Imports notice WO-7 (08:30 to `end` on 10 Feb 2025, the gateway's area) and forwards the outbox.
    private func announce(until end: String, config: String) throws {
        let file = directory.appendingPathComponent("planned.csv").path
        try """
            notice_id,scope,scope_id,start,end,cause
            WO-7,area,plan-area,2025-02-10T08:30:00Z,2025-02-10T\(end):00Z,feeder maintenance
            """.write(toFile: file, atomically: true, encoding: .utf8)
        for arguments in [["planned", "import", file, "--config", config], ["central", "forward", "--config", config]] {
            let result = try ChildProcess.run("gridwatch", arguments, timeout: 60)
            XCTAssertEqual(result.status, 0, "\(arguments.joined(separator: " ")): \(result.error)")
        }
    }

    /// `rules check` with the shipped rules at the end of March 2025, as CSV.
    private func rulesCheck(_ source: [String]) throws -> String {
        let rules = TestEnvironment.packageRoot.appendingPathComponent("config/rules.yaml").path
        return try gridwatch(["rules", "check"] + source + ["--rules", rules, "--at", "2025-03-31T00:00:00Z", "--format", "csv"])
    }

    /// The standard output of a `gridwatch` command that must succeed.
    private func gridwatch(_ arguments: [String]) throws -> String {
        let result = try ChildProcess.run("gridwatch", arguments, timeout: 60)
        XCTAssertEqual(result.status, 0, "\(arguments.joined(separator: " ")): \(result.error)")
        return result.output
    }

    /// The meters of the `planned-overrun` violations, sorted.
    private func overrunMeters(_ csv: String) -> [String] {
        csv.split(separator: "\n").filter { $0.hasPrefix("planned-overrun,") }
            .compactMap { line in line.split(separator: ",").map(String.init).first { $0.hasPrefix("plan-M") } }.sorted()
    }
}
