import XCTest
import GridWatchCore
@testable import Reliability

/// The shortcuts for values that repeat from row to row give exactly what the full parsers give.
final class RepeatedFieldTests: XCTestCase {
    func testTimesSharingTheDateAndOffsetOfThePreviousTimeParseAsTheFullParserDoes() {
        let texts = [
            "2025-03-01T08:30:00+08:00", "2025-03-01T23:59:59+08:00", "2025-03-01T00:00:00+08:00",
            "2025-03-01T24:00:00+08:00", "2025-03-01T08:60:00+08:00", "2025-03-01T08:30:60+08:00",
            "2025-03-01T0a:30:00+08:00", "2025-03-01T08-30:00+08:00", "2025-03-01T08:30:00+08:00",
            "2025-03-01T08:30:00-08:00", "2025-03-01T08:30:00-08:00", "2025-03-01 08:30:00-08:00",
            "2025-03-02T08:30:00-08:00", "2025-03-02T08:30:00Z", "2025-03-02T09:30:00Z", "2025-03-02T09:30:00z",
            "2025-03-02T09:30:00.5Z", "2025-03-02T09:30:00.5Z", "2025-03-02T09:30:00,123Z", "2025-03-02T09:30:00,123Z",
            "2024-02-29T12:00:00+05:30", "2024-02-29T13:00:00+05:30", "2025-02-29T13:00:00+05:30",
            "2025-03-02T09:30+0800", "2025-03-02T09:31+0800", "2025-03-02T09:30:00+08", "2025-03-02T09:30:00+08",
        ]
        var layout = RecentTimeLayout()
        for text in texts + texts.reversed() {
            let fast = Array(text.utf8).withUnsafeBytes { layout.parse($0) }
            XCTAssertEqual(fast, ISO8601Time.parse(text), text)
        }
    }

    func testFieldsOfEveryLengthAroundAWordAreSplitAtTheirDelimiters() throws {
        var text = "a,b,c\n"
        var expected: [[String]] = []
        for length in 0..<20 {
            let fields = [String(repeating: "x", count: length), String(repeating: "y", count: 19 - length), "z\(length)"]
            expected.append(fields)
            text += fields.joined(separator: ",") + (length % 2 == 0 ? "\n" : "\r\n")
        }
        let files = try TemporaryFiles()
        let reader = try CSVByteReader(path: try files.write("fields.csv", text))
        _ = try reader.readHeader()
        for fields in expected {
            XCTAssertTrue(try reader.nextRecord())
            XCTAssertEqual((0..<3).map(reader.string), fields)
        }
        XCTAssertFalse(try reader.nextRecord())
    }

    func testMeterIDsAddedInBatchesStillFindTheFirstDuplicateBeforeALaterError() throws {
        let files = try TemporaryFiles()
        func text(id: String, faulty: Bool) -> String {
            var text = "meter_id,area,line,county,region,kva\n"
            for row in 0..<600 {
                text += "\(id)\(faulty && row == 10 ? 3 : row),A\(row / 50),L,C,R,\(faulty && row == 300 ? "-1" : "5")\n"
            }
            return text
        }
        for id in ["M", "METER-LONGER-THAN-SIXTEEN-BYTES-"] {
            XCTAssertThrowsError(try Topology.load(path: try files.write("topology.csv", text(id: id, faulty: true)))) { error in
                XCTAssertEqual((error as! CSVFileError).code, .duplicateMeter, id)
                XCTAssertEqual((error as! CSVFileError).line, 12, id)
                XCTAssertTrue((error as! CSVFileError).description.contains("meter_id \"\(id)3\" is listed twice"), id)
            }
            let topology = try Topology.load(path: try files.write("topology.csv", text(id: id, faulty: false)))
            XCTAssertEqual(topology.meterCount, 600)
            XCTAssertEqual(topology.meterIndex(of: "\(id)599"), 599)
            XCTAssertEqual(topology.meterIndex(of: "\(id)3"), 3)
            XCTAssertEqual(topology.areas.names[Int(topology.areas.groupOfMeter[599])], "A11")
        }
    }

    func testRowsInStartOrderAndRowsOutOfOrderBothListEachMeterInStartOrder() throws {
        let topology = Topology(placements: [MeterPlacement(meterID: "M1", area: "A"), MeterPlacement(meterID: "M2", area: "A")])
        let inOrder = try OutageTable(records: [
            OutageRecord(meterID: "M2", start: 10, end: 60), OutageRecord(meterID: "M1", start: 10, end: 40),
            OutageRecord(meterID: "M2", start: 10, end: nil), OutageRecord(meterID: "M1", start: 20, end: 25),
        ], topology: topology)
        let byMeter = RecordsByMeter(table: inOrder, meterCount: 2)
        XCTAssertEqual(Array(byMeter.rows(ofMeter: 0)), [1, 3])
        XCTAssertEqual(Array(byMeter.rows(ofMeter: 1)), [0, 2], "equal starts keep file order")
    }
}
