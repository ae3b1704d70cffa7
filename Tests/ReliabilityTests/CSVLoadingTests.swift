import XCTest
import GridWatchCore
@testable import Reliability

final class CSVLoadingTests: XCTestCase {
    private var files: TemporaryFiles!

    override func setUpWithError() throws { files = try TemporaryFiles() }

    private let topologyText = """
        meter_id,area,line,county,region,customers,kva,in_service_from,in_service_to
        M1,A1,L1,C1,R1,,5,,
        M2,A1,L1,C1,R1,3,,2025-01-01,
        M3,"A,2",L1,C1,R1,1,2.5,,2025-06-01T00:00:00+08:00
        """

    func testTopologyColumnsAreFoundByNameAndEmptyOptionalFieldsTakeDefaults() throws {
        let path = try files.write("topology.csv", "region,meter_id,county,line,area\nR1,M9,C1,L1,A1\n")
        let topology = try Topology.load(path: path)
        XCTAssertEqual(topology.placement(at: 0), MeterPlacement(meterID: "M9", area: "A1", line: "L1", county: "C1", region: "R1"))
    }

    func testTopologyReadsCustomersKVAServiceDatesAndQuotedNames() throws {
        let topology = try Topology.load(path: try files.write("topology.csv", topologyText), dateUTCOffsetSeconds: 28_800)
        XCTAssertEqual(topology.meterCount, 3)
        XCTAssertEqual(topology.customers, [1, 3, 1])
        XCTAssertEqual(topology.kva, [5, 0, 2.5])
        // 2025-01-01 read as local midnight at +08:00 = 2024-12-31T16:00:00Z.
        XCTAssertEqual(topology.inServiceFrom[1], ISO8601Time.parse("2025-01-01T00:00:00+08:00")!.unixSeconds)
        XCTAssertEqual(topology.inServiceTo[2], ISO8601Time.parse("2025-06-01T00:00:00+08:00")!.unixSeconds)
        XCTAssertEqual(topology.inServiceFrom[0], .min)
        XCTAssertEqual(topology.areas.names, ["A1", "A,2"])
        XCTAssertEqual(topology.meterIndex(of: "M3"), 2)
        XCTAssertNil(topology.meterIndex(of: "M4"))
    }

    func testOutagesReadOpenRecordsClassesAndOptionalColumns() throws {
        let topology = try Topology.load(path: try files.write("topology.csv", topologyText))
        let path = try files.write("outages.csv", #"""
            meter_id,start,end,event_id,class,cause,cause_code,reclose_operations
            M1,2025-03-01T08:00:00+08:00,2025-03-01T08:05:01+08:00,E1,planned,"storm, ""big""",C7,2
            M2,2025-03-02T08:00:00+08:00,,,,,,

            M3,2025-03-03T08:00:00+08:00,2025-03-03T09:00:00+08:00,E2,fault_external,force_majeure,,
            """#)
        let table = try OutageTable.load(path: path, topology: topology)
        XCTAssertEqual(table.count, 3, "the blank line is skipped")
        XCTAssertEqual(table.utcOffsetSeconds, 28_800)
        let first = table.record(at: 0, topology: topology)
        XCTAssertEqual(first.meterID, "M1")
        XCTAssertEqual(first.end! - first.start, 301)
        XCTAssertEqual(first.outageClass, .planned)
        XCTAssertEqual(first.cause, "storm, \"big\"")
        XCTAssertEqual(first.causeCode, "C7")
        XCTAssertEqual(first.recloseOperations, 2)
        XCTAssertEqual(first.source, .imported)
        let open = table.record(at: 1, topology: topology)
        XCTAssertNil(open.end)
        XCTAssertNil(open.eventID)
        XCTAssertEqual(open.outageClass, .faultInternal)
        XCTAssertEqual(table.durationSeconds(at: 1, asOf: open.start + 90), 90)
        XCTAssertEqual(table.record(at: 2, topology: topology).outageClass, .faultExternal)
    }

    func testQuotedLineBreaksCRLFAndSmallBlocksKeepRecordsAndLineNumbers() throws {
        let text = "meter_id,start,end,cause\r\nM1,2025-03-01T08:00:00Z,2025-03-01T09:00:00Z,\"line one\nline two\"\r\n"
            + "M1,2025-03-02T08:00:00Z,bad,\r\n"
        let path = try files.write("outages.csv", text)
        let reader = try CSVByteReader(path: path, blockSize: 8)
        _ = try reader.readHeader()
        XCTAssertTrue(try reader.nextRecord())
        XCTAssertEqual(reader.line, 2)
        XCTAssertEqual(reader.string(3), "line one\nline two")
        XCTAssertTrue(try reader.nextRecord())
        XCTAssertEqual(reader.line, 4, "the quoted line break counts as a line")
        XCTAssertEqual(reader.string(2), "bad")
        XCTAssertFalse(try reader.nextRecord())
    }

    func testErrorsNameFileLineWhatIsWrongAndWhatWasExpected() throws {
        let topology = try Topology.load(path: try files.write("topology.csv", topologyText))
        let cases: [(String, CSVFileError.Code, Int, String)] = [
            ("meter_id,start\nM1,2025-03-01T08:00:00Z\n", .missingColumn, 1, "expected a column named end"),
            ("meter_id,start,end\nM1,2025-03-01T08:00:00Z,\nM1,2025-03-01T08:00:00,\n", .badValue, 3, "expected an ISO-8601 time with offset"),
            ("meter_id,start,end\nM7,2025-03-01T08:00:00Z,\n", .unknownMeter, 2, "is not in the topology"),
            // An unknown long id on line 3 is reported before the bad time on line 4.
            ("meter_id,start,end\nM1,2025-03-01T08:00:00Z,\nMETER-0000000000000000042,2025-03-01T08:00:00Z,\nM1,x,\n",
             .unknownMeter, 3, "meter_id \"METER-0000000000000000042\" is not in the topology"),
            ("meter_id,start,end,class\nM1,2025-03-01T08:00:00Z,,storm\n", .badValue, 2, "expected one of fault_internal"),
            ("meter_id,start,end\nM1,2025-03-01T08:00:00Z,2025-03-01T07:00:00Z\n", .badValue, 2, "expected end ≥ start"),
            ("meter_id,start,end,cause\nM1,2025-03-01T08:00:00Z,,\"open\n", .badQuoting, 2, "expected a closing \""),
            ("meter_id,start,end,reclose_operations\nM1,2025-03-01T08:00:00Z,,-1\n", .badValue, 2, "expected a whole number"),
        ]
        for (text, code, line, expected) in cases {
            let path = try files.write("outages.csv", text)
            XCTAssertThrowsError(try OutageTable.load(path: path, topology: topology)) { error in
                let error = error as! CSVFileError
                XCTAssertEqual(error.code, code, text)
                XCTAssertEqual(error.line, line, text)
                XCTAssertTrue(error.description.hasPrefix("\(path):\(line): "), error.description)
                XCTAssertTrue(error.description.contains(expected), error.description)
            }
        }
    }

    func testTopologyRejectsDuplicateMetersAndMissingFiles() throws {
        let path = try files.write("topology.csv", "meter_id,area,line,county,region\nM1,A,L,C,R\nM1,A,L,C,R\n")
        XCTAssertThrowsError(try Topology.load(path: path)) { error in
            XCTAssertEqual((error as! CSVFileError).code, .duplicateMeter)
            XCTAssertEqual((error as! CSVFileError).line, 3)
        }
        XCTAssertThrowsError(try Topology.load(path: files.directory.path + "/absent.csv")) { error in
            XCTAssertEqual((error as! CSVFileError).code, .unreadable)
        }
    }

    func testDailyHistoryReadsDatesAndRejectsNegativeSAIDI() throws {
        let history = try DailySAIDIHistory.load(path: try files.write("DAILY.csv", "date,saidi_minutes\n2024-01-01,0\n2024-01-02,3.5\n"))
        XCTAssertEqual(history.days, [.init(date: CivilDate(year: 2024, month: 1, day: 1), saidiMinutes: 0),
                                      .init(date: CivilDate(year: 2024, month: 1, day: 2), saidiMinutes: 3.5)])
        let bad = try files.write("DAILY.csv", "date,saidi_minutes\n2024-01-01,-2\n")
        XCTAssertThrowsError(try DailySAIDIHistory.load(path: bad)) { error in
            XCTAssertEqual((error as! CSVFileError).description, "\(bad):2: saidi_minutes \"-2\" is not valid, expected a number ≥ 0")
        }
    }

    func testRecordsByMeterListEachMetersRowsInStartOrder() throws {
        let topology = Topology(placements: [MeterPlacement(meterID: "M1", area: "A"), MeterPlacement(meterID: "M2", area: "A")])
        let table = try OutageTable(records: [
            OutageRecord(meterID: "M2", start: 50, end: 60), OutageRecord(meterID: "M1", start: 30, end: 40),
            OutageRecord(meterID: "M2", start: 10, end: nil), OutageRecord(meterID: "M1", start: 20, end: 25),
        ], topology: topology)
        let byMeter = RecordsByMeter(table: table, meterCount: 2)
        XCTAssertEqual(Array(byMeter.rows(ofMeter: 0)), [3, 1])
        XCTAssertEqual(Array(byMeter.rows(ofMeter: 1)), [2, 0])
    }
}

final class FieldParsingTests: XCTestCase {
    func testPlainDecimalsReadExactlyAsDoubleDoes() {
        var generator = SystemRandomNumberGenerator()
        var texts = ["0", "-0.5", "12.2", "220", "0.1", "999999999999999", "1.00000000000001", "4.35"]
        for _ in 0..<2_000 {
            let digits = Int.random(in: 1...15, using: &generator)
            let mantissa = String(UInt64.random(in: 0..<UInt64(pow(10.0, Double(digits))), using: &generator))
            let point = Int.random(in: 0...mantissa.count, using: &generator)
            texts.append(String(mantissa.prefix(point)) + (point < mantissa.count ? "." + mantissa.dropFirst(point) : ""))
        }
        for text in texts where !text.isEmpty && text != "." {
            let parsed = Array(text.utf8).withUnsafeBytes { FieldParser.plainDecimal($0) }
            XCTAssertEqual(parsed, Double(text), text)
        }
        // 20 digits overflowed the mantissa before the digit count was checked (found by LoaderFuzzTests).
        for text in ["1e5", "1.2.3", "-", "inf", "1234567890123456", "1.000000000000001", "99999999999999999999999999"] {
            XCTAssertNil(Array(text.utf8).withUnsafeBytes { FieldParser.plainDecimal($0) }, text)
        }
    }
}

final class ParallelLoadingTests: XCTestCase {
    private let topology = Topology(placements: (1...9).map { MeterPlacement(meterID: "M\($0)", area: "A\($0 % 3)") })

    private func outagesText(rows: Int, quotedBreakAt: Int? = nil) -> String {
        var text = "meter_id,start,end,event_id,cause\n"
        for row in 0..<rows {
            let cause = row == quotedBreakAt ? "\"two\nlines, \"\"quoted\"\"\"" : (row % 4 == 0 ? "c\(row % 7)" : "")
            text += "M\(row % 9 + 1),2025-01-01T00:\(String(format: "%02d", row % 60)):00Z,,E\(row % 13),\(cause)\n"
        }
        return text
    }

    private func assertSameTables(_ a: OutageTable, _ b: OutageTable, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.count, b.count, file: file, line: line)
        for row in 0..<a.count {
            XCTAssertEqual(a.record(at: row, topology: topology), b.record(at: row, topology: topology), "row \(row)", file: file, line: line)
        }
    }

    func testPartsParsedOnSeveralThreadsGiveTheSameTableAsOneThread() throws {
        let files = try TemporaryFiles()
        let path = try files.write("outages.csv", outagesText(rows: 3_000))
        let single = try OutageTable.load(path: path, topology: topology, threads: 1)
        assertSameTables(try OutageTable.load(path: path, topology: topology, threads: 3), single)
        XCTAssertEqual(single.events.table.count, 13)
    }

    func testACutInsideAQuotedLineBreakFallsBackToOnePiece() throws {
        // 20 rows of about 50 bytes: with 2 parts the cut lands near row 10; the quoted break spans it.
        for breakRow in 8...12 {
            let files = try TemporaryFiles()
            let path = try files.write("outages.csv", outagesText(rows: 20, quotedBreakAt: breakRow))
            let single = try OutageTable.load(path: path, topology: topology, threads: 1)
            assertSameTables(try OutageTable.load(path: path, topology: topology, threads: 2), single)
            XCTAssertEqual(single.causes[breakRow], "two\nlines, \"quoted\"")
        }
    }

    func testAnErrorInALaterPartNamesItsLineInTheWholeFile() throws {
        var text = outagesText(rows: 3_000)
        text += "M1,not a time,,E1,\n"
        let files = try TemporaryFiles()
        let path = try files.write("outages.csv", text)
        XCTAssertThrowsError(try OutageTable.load(path: path, topology: topology, threads: 4)) { error in
            XCTAssertEqual((error as! CSVFileError).line, 3_002)
        }
    }
}
