import API
import Foundation
import GridWatchCore
import Reliability
import XCTest

final class ReliabilityReportTests: XCTestCase {
    /// Three meters in two areas: A1 (m1, m2) has one two-meter outage of an hour in January and one of
    /// m1 of 30 minutes in February; A2 (m3) one of 10 minutes in February.
    private func report() throws -> (ReliabilityReport, Topology, OutageTable) {
        let topology = Topology(placements: APIFixture.placements)
        let january: Int64 = 1_767_196_800 + 10 * 86_400 // 2026-01-11T00:00:00+08:00 is 2026-01-10T16:00Z
        let february = january + 31 * 86_400
        let records = [
            OutageRecord(meterID: "m1", start: january, end: january + 3600), OutageRecord(meterID: "m2", start: january, end: january + 3600),
            OutageRecord(meterID: "m1", start: february, end: february + 1800), OutageRecord(meterID: "m3", start: february, end: february + 600),
        ]
        let outages = try OutageTable(records: records, topology: topology)
        let options = IndexOptions(from: 1_767_196_800, to: 1_772_294_400, utcOffsetSeconds: 8 * 3600, asOf: 1_772_294_400)
        let indices = ReliabilityIndexEngine(topology: topology, outages: outages).report(levels: [.area], options: options)
        return (ReliabilityReport(indices: indices, topology: topology, outages: outages), topology, outages)
    }

    func testRowsMonthsAndWorstAreasComeFromTheIndices() throws {
        let (report, _, _) = try report()
        XCTAssertEqual(report.rows.map(\.id), ["A1", "A2"])
        XCTAssertEqual(report.rows.map(\.outages), [3, 1])
        XCTAssertEqual(report.rows[0].saidiMinutes ?? 0, 75, accuracy: 1e-9, "(60 + 60 + 30) / 2 customers")
        XCTAssertEqual(report.rows[0].saifi ?? 0, 1.5, accuracy: 1e-9)
        XCTAssertEqual(report.outagesPerMonth.map(\.month), ["2026-01", "2026-02"])
        XCTAssertEqual(report.outagesPerMonth.map(\.outages), [2, 2])
        XCTAssertEqual(report.worst.map(\.id), ["A1", "A2"])
    }

    func testCSVCarriesTheSameNumbersAsTheChartsOneLineEach() throws {
        let (report, _, _) = try report()
        let lines = report.csv().split(separator: "\n")
        XCTAssertEqual(lines.first, "kind,id,customers,SAIFI,SAIDI_minutes,CAIDI_minutes,ASAI,outages")
        XCTAssertEqual(lines.count, 1 + 2 + 2)
        XCTAssertTrue(lines[1].hasPrefix("area,A1,2.0,1.5,75.0,50.0,"), String(lines[1]))
        XCTAssertEqual(lines[3], "month,2026-01,,,,,,2")
    }

    func testHTMLIsSelfContainedWithInlineSVGCharts() throws {
        let (report, topology, outages) = try report()
        let html = report.html(title: "Supply reliability <test>")
        XCTAssertEqual(html.components(separatedBy: "<svg ").count - 1, 4, "SAIDI, SAIFI, outages per month, worst areas")
        XCTAssertTrue(html.contains("Supply reliability &lt;test&gt;"))
        XCTAssertFalse(html.contains("src="), "nothing loaded from elsewhere")
        XCTAssertFalse(html.contains("href="))
        let json = report.json(topology: topology, outages: outages).text
        XCTAssertTrue(json.hasPrefix(#"{"indices":{"from":"2026-01-01T00:00:00+08:00""#), json)
        XCTAssertTrue(json.contains(#""outages_per_month":[{"month":"2026-01","outages":2}"#), json)
    }
}
