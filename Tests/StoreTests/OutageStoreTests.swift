import GridWatchCore
import XCTest

@testable import Store

final class OutageStoreTests: XCTestCase {
    private func makeStore(forwarding: Bool = false) throws -> Store {
        try Store(StoreConfiguration(path: TemporaryDatabase(self).path, forwarding: forwarding))
    }

    private func logged(_ meter: String, start: Int64, end: Int64?, logStart: Int64? = nil) -> OutageWrite {
        OutageWrite(
            record: OutageRecord(meterID: meter, start: start, end: end, source: .meterLog),
            area: "TA01", line: "L7", logStart: logStart ?? start)
    }

    func testReReadingAMeterLogNeverDuplicatesARecord_andClosesTheOpenOne() async throws {
        let store = try makeStore()
        let first = try await store.saveOutages([logged("M1", start: 1_000, end: nil)])
        let again = try await store.saveOutages([logged("M1", start: 1_000, end: 1_400)])
        XCTAssertEqual(first, again)
        let all = try await store.outages(OutageQuery())
        XCTAssertEqual(all.count, 1)
        XCTAssertEqual(all.first?.record.end, 1_400)
        let open = try await store.outages(OutageQuery(openOnly: true))
        XCTAssertEqual(open, [])
    }

    func testAConfirmedRecordReplacesTheProvisionalOne_keepingItsAnnotationAndViolationLinks() async throws {
        let store = try makeStore(forwarding: true)
        let provisional = try await store.saveOutages([
            OutageWrite(record: OutageRecord(meterID: "M1", start: 990, end: nil, eventID: "E1", source: .inferred, confidence: 0.6),
                        area: "TA01", line: "L7"),
        ])[0]
        try await store.saveEvents([InterruptionEventRecord(id: "E1", area: "TA01", line: "L7", start: 990, end: nil, meters: 1)])
        try await store.annotateEvent(id: "E1", EventAnnotation(outageClass: .faultExternal, cause: ReservedCause.externalDamage))
        let violation = try await store.openOrUpdateViolation(ViolationFinding(
            ruleID: "frequent-60d", level: "frequent", entity: "meter", entityID: "M1", count: 4,
            windowFrom: 0, windowTo: 5_000, outageIDs: [provisional]))

        var confirmed = logged("M1", start: 1_000, end: 1_400)
        confirmed.supersedes = [provisional]
        let confirmedID = try await store.saveOutages([confirmed])[0]

        let all = try await store.outages(OutageQuery())
        XCTAssertEqual(all.map(\.id), [confirmedID])
        XCTAssertEqual(all[0].record.source, .meterLog)
        XCTAssertEqual(all[0].record.outageClass, .faultExternal, "annotation moved to the confirmed record")
        XCTAssertEqual(all[0].record.cause, ReservedCause.externalDamage)
        let violations = try await store.violations()
        XCTAssertEqual(violations.first { $0.id == violation.id }?.finding.outageIDs, [confirmedID])
        let forwards = try await store.pendingForwards(limit: 100)
        XCTAssertTrue(forwards.contains { $0.kind == .outage && $0.localID == String(provisional) && $0.operation == .delete })
        XCTAssertTrue(forwards.contains { $0.kind == .outage && $0.localID == String(confirmedID) && $0.operation == .upsert })
    }

    func testAnAnnotatedRecordKeepsItsClassWhenTheLogIsReadAgain() async throws {
        let store = try makeStore()
        var write = logged("M1", start: 1_000, end: 1_400)
        write.record.eventID = "E1"
        try await store.saveOutages([write])
        try await store.saveEvents([InterruptionEventRecord(id: "E1", area: "TA01", line: "L7", start: 1_000, end: 1_400, meters: 1)])
        try await store.annotateEvent(id: "E1", EventAnnotation(outageClass: .planned, workOrder: "WO-7", author: "engineer"))
        try await store.saveOutages([logged("M1", start: 1_000, end: 1_500)])

        let stored = try await store.outages(OutageQuery(meterID: "M1"))
        XCTAssertEqual(stored.map(\.record.outageClass), [.planned])
        XCTAssertEqual(stored.map(\.record.workOrder), ["WO-7"])
        XCTAssertEqual(stored.map(\.record.end), [1_500])
        let history = try await store.eventAnnotations(id: "E1")
        XCTAssertEqual(history.map(\.annotation.author), ["engineer"])
    }

    func testUpdatingByIDChangesThatRecord_andAnUnknownIDIsRefused() async throws {
        let store = try makeStore()
        let id = try await store.saveOutages([
            OutageWrite(record: OutageRecord(meterID: "M1", start: 100, end: nil, source: .terminalUnit, confidence: 0.8), area: "TA01", line: nil),
        ])[0]
        try await store.saveOutages([
            OutageWrite(id: id, record: OutageRecord(meterID: "M1", start: 100, end: 400, source: .terminalUnit, confidence: 0.8), area: "TA01", line: nil),
        ])
        let stored = try await store.outage(id: id)
        XCTAssertEqual(stored.record.end, 400)
        do {
            try await store.saveOutages([OutageWrite(id: id + 1, record: stored.record, area: nil, line: nil)])
            XCTFail("updated a record that does not exist")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .unknownRecord)
        }
    }

    func testQueriesFilterByMeterAreaLineAndTime_fromInclusiveToExclusive() async throws {
        let store = try makeStore()
        try await store.saveOutages([
            logged("M1", start: 100, end: 200),
            logged("M1", start: 300, end: nil),
            OutageWrite(record: OutageRecord(meterID: "M2", start: 100, end: 150), area: "TA02", line: "L8"),
        ])
        let m1 = try await store.outages(OutageQuery(meterID: "M1")).map(\.record.start)
        XCTAssertEqual(m1, [100, 300])
        let area2 = try await store.outages(OutageQuery(area: "TA02")).map(\.record.meterID)
        XCTAssertEqual(area2, ["M2"])
        let line7 = try await store.outages(OutageQuery(line: "L7", from: 100, to: 300)).map(\.record.start)
        XCTAssertEqual(line7, [100], "to is exclusive")
        let overlapping = try await store.outages(OutageQuery(meterID: "M1", from: 150, to: 1_000, timeMatch: .overlapping))
        XCTAssertEqual(overlapping.map(\.record.start), [100, 300])
        let open = try await store.outages(OutageQuery(openOnly: true)).map(\.record.start)
        XCTAssertEqual(open, [300])
        let page = try await store.outages(OutageQuery(limit: 1, offset: 1)).map(\.record.meterID)
        XCTAssertEqual(page, ["M2"])
        do {
            _ = try await store.outages(OutageQuery(from: 10, to: 5))
            XCTFail("a reversed range was accepted")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .invalidArgument)
        }
    }

    func testMeterLogReadsReportOnlyNewOrChangedRecords_andKeepTheCount() async throws {
        let store = try makeStore()
        let none = try await store.meterLogState(meterID: "M1")
        XCTAssertNil(none, "no count stored before the first read")
        let record = MeterLogRecord(meterID: "M1", loggedStart: 1_000, loggedEnd: nil, clockOffsetMillis: 2_500, readMillis: 5)
        let first = try await store.saveMeterLog(meterID: "M1", outageCount: 1, clockOffsetMillis: 2_500, records: [record])
        XCTAssertEqual(first, [record])
        let unchanged = try await store.saveMeterLog(meterID: "M1", outageCount: 1, clockOffsetMillis: 2_400, records: [record])
        XCTAssertEqual(unchanged, [])
        var closed = record
        closed.loggedEnd = 1_300
        let changed = try await store.saveMeterLog(meterID: "M1", outageCount: 1, clockOffsetMillis: nil, records: [closed])
        XCTAssertEqual(changed, [closed])
        let state = try await store.meterLogState(meterID: "M1")
        XCTAssertEqual(state?.outageCount, 1)
        XCTAssertEqual(state?.clockOffsetMillis, 2_400)
        let open = try await store.meterLogRecords(meterID: "M1", openOnly: true)
        XCTAssertEqual(open, [])
    }
}
