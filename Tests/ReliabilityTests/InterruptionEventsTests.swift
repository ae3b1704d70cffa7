import XCTest
import GridWatchCore
@testable import Reliability

final class InterruptionEventsTests: XCTestCase {
    func testStartsWithinTheToleranceOfTheFirstStartFormOneEventPerArea() {
        // Area 0: starts 100, 130, 160 (60 s after 100: joins), 161 (61 s: new event). Area 1: 100 alone.
        let events = InterruptionEvents.group(areas: [0, 0, 0, 0, 1], starts: [130, 100, 160, 161, 100])
        XCTAssertEqual(events, [0, 0, 0, 1, 2])
    }

    func testEventsDoNotChainBeyondTheTolerance() {
        let events = InterruptionEvents.group(areas: [0, 0, 0], starts: [0, 50, 100], toleranceSeconds: 60)
        XCTAssertEqual(events, [0, 0, 1], "100 is 50 s after 50 but 100 s after the event's first start")
    }

    func testMissingEventIdsAreFilledAndGivenIdsKept() throws {
        let topology = Topology(placements: [MeterPlacement(meterID: "M1", area: "A"), MeterPlacement(meterID: "M2", area: "A")])
        var table = try OutageTable(records: [
            OutageRecord(meterID: "M1", start: 1_000, end: 2_000), OutageRecord(meterID: "M2", start: 1_030, end: 2_000),
            OutageRecord(meterID: "M2", start: 1_010, end: 1_500, eventID: "WO-7"),
        ], topology: topology)
        InterruptionEvents.assignMissing(in: &table, topology: topology)
        XCTAssertEqual(table.events[0], "A@1970-01-01T00:16:40Z")
        XCTAssertEqual(table.events[1], "A@1970-01-01T00:16:40Z")
        XCTAssertEqual(table.events[2], "WO-7")
    }
}
