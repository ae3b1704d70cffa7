import Foundation
import GridWatchTesting
import XCTest

/// Runs the built `gridwatch` binary on small CSV files and reads its output.
final class CommandLineTests: XCTestCase {
    private var files: TemporaryFiles!
    private var topology = "", outages = ""

    override func setUpWithError() throws {
        files = try TemporaryFiles()
        topology = try files.write("topology.csv", """
            meter_id,area,line,county,region,customers,kva
            M1,A1,L1,C1,R1,1,10
            M2,A1,L1,C1,R1,1,10
            M3,A2,L1,C1,R1,2,20
            """)
        // M1 and M2: event E1, restored after 10 and 20 min. M3 (2 customers): open since 12:00.
        // M1: 180 s (short, momentary) on 2025-01-02.
        outages = try files.write("outages.csv", """
            meter_id,start,end,event_id,class,cause
            M1,2025-01-01T09:00:00+08:00,2025-01-01T09:10:00+08:00,E1,fault_internal,"tree, fell"
            M2,2025-01-01T09:00:00+08:00,2025-01-01T09:20:00+08:00,E1,fault_internal,
            M3,2025-01-01T12:00:00+08:00,,,planned,
            M1,2025-01-02T08:00:00+08:00,2025-01-02T08:03:00+08:00,,,
            """)
    }

    private func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    func testIndicesJSONHasTheIssuesKeysAndHandComputedValues() throws {
        let history = try files.write("DAILY.csv", "date,saidi_minutes\n2024-06-01,1\n2024-06-02,2\n2024-06-03,4\n")
        let result = try ChildProcess.run("gridwatch", ["indices", "--topology", topology, "--outages", outages,
                                                        "--from", "2025-01-01T00:00:00+08:00", "--to", "2025-01-03T00:00:00+08:00",
                                                        "--by", "area,system", "--med-history", history, "--cemi", "1,2",
                                                        "--as-of", "2025-01-01T13:00:00+08:00", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.error)
        let report = try XCTUnwrap(json(result.output) as? [String: Any])
        XCTAssertEqual(report["from"] as? String, "2025-01-01T00:00:00+08:00")
        XCTAssertEqual(report["hours"] as? Double, 48)
        let groups = try XCTUnwrap(report["groups"] as? [[String: Any]])
        XCTAssertEqual(groups.map { "\($0["by"]!):\($0["id"]!)" }, ["area:A1", "area:A2", "system:system"])
        let system = groups[2]
        XCTAssertEqual(system["customers"] as? Double, 4)
        let ieee = try XCTUnwrap(system["ieee1366"] as? [String: Any])
        XCTAssertEqual(Set(ieee.keys), ["CI", "CMI_minutes", "SAIFI", "SAIDI_minutes", "CAIDI_minutes", "CTAIDI_minutes", "CAIFI",
                                        "ASAI", "ASIFI", "ASIDI_minutes", "MAIFI", "MAIFIe", "CEMI", "CEMSMI", "CELID_s", "CELID_t"])
        // CI = 1 + 1 + 2 (M3 serves 2 customers) = 4; CMI = 10 + 20 + 2 × 60 (open for 1 h so far) = 150.
        XCTAssertEqual(ieee["CI"] as? Double, 4)
        XCTAssertEqual(ieee["CMI_minutes"] as? Double, 150)
        XCTAssertEqual(ieee["SAIDI_minutes"] as? Double, 37.5)
        XCTAssertEqual(ieee["MAIFI"] as? Double, 0.25, "the 180 s outage is momentary")
        XCTAssertEqual((ieee["CEMI"] as? [String: Double])?.keys.sorted(), ["1", "2"])
        let dlt = try XCTUnwrap(system["dlt836"] as? [String: Any])
        XCTAssertEqual(Set(dlt.keys), ["customer_hours", "AIHC1_hours", "AIHC2_hours", "AIHC3_hours", "RS1_percent", "RS2_percent",
                                       "RS3_percent", "AITC1", "AITC2", "AITC3", "fault_hours_per_user", "fault_count_per_user",
                                       "prearranged_hours_per_user", "prearranged_count_per_user", "fault_mean_duration_hours",
                                       "prearranged_mean_duration_hours", "fault_mean_duration_hours_weighted",
                                       "prearranged_mean_duration_hours_weighted", "mean_users_per_outage", "short_outages_per_user"])
        XCTAssertEqual(dlt["customer_hours"] as? Double, 2.5)          // (10 + 20 + 120) / 60
        XCTAssertEqual(dlt["short_outages_per_user"] as? Double, 0.25)  // the 180 s outage / 4 users
        XCTAssertNotNil(system["ieee1366_excluding_med"] as? [String: Any])
        let med = try XCTUnwrap(report["med"] as? [String: Any])
        XCTAssertEqual(Set(med.keys).isSuperset(of: ["alpha", "beta", "threshold_minutes", "days"]), true)
        // ln 1, ln 2, ln 4: α = ln 2, sample β = ln 2 → T = exp(3.5 ln 2) ≈ 11.31 min; day 1's SAIDI 150/4 = 37.5 > T.
        XCTAssertEqual(med["days"] as? [String], ["2025-01-01"])
        XCTAssertEqual(try XCTUnwrap(med["threshold_minutes"] as? Double), pow(2, 3.5), accuracy: 1e-9)
    }

    func testOutagesListsRecordsInTheIssuesShapeWithFromInclusiveAndToExclusive() throws {
        let result = try ChildProcess.run("gridwatch", ["outages", "--topology", topology, "--outages", outages, "--from", "2025-01-01T09:00:00+08:00",
                                                        "--to", "2025-01-02T08:00:00+08:00", "--as-of", "2025-01-01T13:00:00+08:00", "--format", "json"])
        XCTAssertEqual(result.status, 0, result.error)
        let records = try XCTUnwrap(json(result.output) as? [[String: Any]])
        XCTAssertEqual(records.map { $0["meter_id"] as? String }, ["M1", "M2", "M3"], "09:00 included, 2025-01-02T08:00 excluded")
        XCTAssertEqual(Set(records[0].keys), ["meter_id", "area", "start", "end", "duration_seconds", "class", "cause", "event_id",
                                              "source", "confidence"])
        XCTAssertEqual(records[0]["cause"] as? String, "tree, fell")
        XCTAssertEqual(records[0]["duration_seconds"] as? Int, 600)
        XCTAssertTrue(records[2]["end"] is NSNull, "open record")
        XCTAssertEqual(records[2]["duration_seconds"] as? Int, 3_600)
        XCTAssertEqual(records[2]["event_id"] as? String, "A2@2025-01-01T12:00:00+08:00")
        let oneMeter = try ChildProcess.run("gridwatch", ["outages", "--topology", topology, "--outages", outages, "--meter", "M2", "--format", "json"])
        XCTAssertEqual((try json(oneMeter.output) as? [[String: Any]])?.count, 1)
    }

    func testABadFileFailsWithFileLineAndWhatWasExpected() throws {
        let broken = try files.write("broken.csv", "meter_id,start,end\nM1,2025-01-01T09:00:00+08:00,\nM1,yesterday,\n")
        let result = try ChildProcess.run("gridwatch", ["indices", "--topology", topology, "--outages", broken,
                                                        "--from", "2025-01-01T00:00:00+08:00", "--to", "2025-01-02T00:00:00+08:00"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.error.contains("\(broken):3: start \"yesterday\" is not valid, expected an ISO-8601 time with offset"),
                      result.error)
    }
}
