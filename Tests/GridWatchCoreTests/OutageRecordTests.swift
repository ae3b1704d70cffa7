import XCTest
import GridWatchCore

final class OutageRecordTests: XCTestCase {
    func testClosedRecordDurationIsEndMinusStart() {
        let record = OutageRecord(meterID: "M1", start: 1_000, end: 1_301)
        XCTAssertEqual(record.durationSeconds(asOf: 99_999), 301)
    }

    func testOpenRecordDurationRunsToTheEvaluationTime() {
        let record = OutageRecord(meterID: "M1", start: 1_000, end: nil)
        XCTAssertEqual(record.durationSeconds(asOf: 1_500), 500)
        XCTAssertEqual(record.durationSeconds(asOf: 900), 0, "an evaluation before the start sees no duration")
    }

    func testClassesSplitIntoFaultAndPrearranged() {
        XCTAssertEqual(OutageClass.allCases.filter(\.isFault), [.faultInternal, .faultExternal])
        XCTAssertEqual(OutageClass.allCases.filter(\.isPrearranged), [.planned, .temporary, .supplyShortage, .gridLimit])
        XCTAssertEqual(OutageClass.allCases.filter(\.isExternalInfluence), [.faultExternal])
    }
}
