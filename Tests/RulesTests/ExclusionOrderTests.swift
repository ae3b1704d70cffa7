import GridWatchCore
import Rules
import XCTest

/// Exclusions in the documented order (spec §4): the work-order single-user exclusion over the whole
/// work order as recorded, then record-level exclusions, then merging from the last counted start.
final class ExclusionOrderTests: XCTestCase {
    private func everyOutage(_ filter: OutageFilter) -> Rule {
        Rule(id: "all", window: .calendarYear, count: .atLeast(1), filter: filter)
    }

    /// W1 touches m1 and m2 as recorded (m2's record is too short to count): it still touches 2 users,
    /// so m1's record counts. W2 touches only m1: excluded.
    func testSingleUserWorkOrderIsJudgedOnTheWholeWorkOrderBeforeOtherExclusions() throws {
        var scenario = RuleScenario(meterCount: 2)
        scenario.outage("m1", "2025-03-01 08:00", minutes: 60, workOrder: "W1")
        scenario.outage("m2", "2025-03-01 08:00", minutes: 2, workOrder: "W1")
        scenario.outage("m1", "2025-04-01 08:00", minutes: 60, workOrder: "W2")
        let rule = everyOutage(OutageFilter(minDurationSeconds: 300, minUsersPerEvent: 2))
        let violations = try scenario.evaluate([rule], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.map(\.entityID), ["m1"])
        XCTAssertEqual(violations.first?.counted, ["m1@2025-03-01 08:00"])
    }

    /// Without a work order the interruption event is the group: m1 and m2 off together is 2 users.
    func testRecordWithoutWorkOrderIsJudgedByItsEvent() throws {
        var scenario = RuleScenario(meterCount: 2)
        scenario.outage("m1", "2025-03-01 08:00")
        scenario.outage("m2", "2025-03-01 08:00:30")
        scenario.outage("m1", "2025-04-01 08:00")
        let violations = try scenario.evaluate([everyOutage(OutageFilter(minUsersPerEvent: 2))], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.map(\.counted), [["m1@2025-03-01 08:00"], ["m2@2025-03-01 08:00"]])
    }

    /// Merge 6 h: 00:00 counts; 04:00 is 4 h after it (not counted); 08:00 is 8 h after the last counted
    /// 00:00 (counted, though only 4 h after 04:00); 13:00 is 5 h after 08:00 (not counted); 14:30 is
    /// 6.5 h after 08:00 (counted); 20:30 is exactly 6 h after 14:30, not less (counted).
    func testMergingChainRunsFromTheLastCountedStart() throws {
        var scenario = RuleScenario(meterCount: 1)
        for start in ["00:00", "04:00", "08:00", "13:00", "14:30", "20:30"] { scenario.outage("m1", "2025-03-01 " + start, minutes: 10) }
        let violations = try scenario.evaluate([everyOutage(OutageFilter(mergeWithinSeconds: 6 * 3_600))], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.first?.counted, ["m1@2025-03-01 00:00", "m1@2025-03-01 08:00", "m1@2025-03-01 14:30", "m1@2025-03-01 20:30"])
    }

    /// Merging comes last: an excluded record (force majeure at 00:00, a 2-minute one at 05:00) does not
    /// start or continue a chain; 08:00 is 5 h after the counted 03:00, so it is merged.
    func testExcludedRecordsDoNotAnchorTheMergingChain() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-03-01 00:00", cause: ReservedCause.forceMajeure)
        scenario.outage("m1", "2025-03-01 03:00")
        scenario.outage("m1", "2025-03-01 05:00", minutes: 2)
        scenario.outage("m1", "2025-03-01 08:00")
        let filter = OutageFilter(excludeCauses: [ReservedCause.forceMajeure], minDurationSeconds: 300, mergeWithinSeconds: 6 * 3_600)
        let violations = try scenario.evaluate([everyOutage(filter)], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.first?.counted, ["m1@2025-03-01 03:00"])
    }

    /// Exactly 300 s counts with `min_duration_seconds: 300`; 299 s does not. An open outage counts its
    /// duration up to the evaluation time.
    func testMinimumDurationIncludesTheLimitAndOpenOutagesRunToTheEvaluationTime() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-03-01 08:00", minutes: 5)
        scenario.outage("m1", "2025-03-02 08:00", minutes: 299.0 / 60)
        scenario.records.append(OutageRecord(meterID: "m1", start: RuleScenario.time("2025-03-03 08:00"), end: nil))
        let rule = everyOutage(OutageFilter(minDurationSeconds: 300))
        XCTAssertEqual(try scenario.evaluate([rule], at: "2025-03-03 08:04").first?.counted, ["m1@2025-03-01 08:00"])
        XCTAssertEqual(try scenario.evaluate([rule], at: "2025-03-03 08:05").first?.counted, ["m1@2025-03-01 08:00", "m1@2025-03-03 08:00"])
    }

    /// Major Event Days are local dates: 1 Jul 23:30 +08:00 (15:30 UTC) is on the MED 2025-07-01;
    /// 2 Jul 00:30 +08:00 (still 1 Jul in UTC) is not.
    func testMajorEventDaysAreLocalDates() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-07-01 23:30")
        scenario.outage("m1", "2025-07-02 00:30")
        scenario.medDays = [CivilDate(year: 2025, month: 7, day: 1)]
        let violations = try scenario.evaluate([everyOutage(OutageFilter(excludeMEDDays: true))], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.first?.counted, ["m1@2025-07-02 00:30"])
    }

    func testClassesCausesAndCauseCodePrefixes() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-03-01 08:00", class: .planned)
        scenario.outage("m1", "2025-03-02 08:00", class: .faultInternal)
        scenario.outage("m1", "2025-03-03 08:00", class: .planned, cause: ReservedCause.externalDamage)
        scenario.outage("m1", "2025-03-04 08:00", class: .temporary, causeCode: "EXT-07")
        scenario.outage("m1", "2025-03-05 08:00", class: .temporary, causeCode: "INT-01")
        let filter = OutageFilter(classes: [.planned, .temporary], excludeCauses: [ReservedCause.externalDamage],
                                  excludeCauseCodePrefixes: ["EXT"])
        let violations = try scenario.evaluate([everyOutage(filter)], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.first?.counted, ["m1@2025-03-01 08:00", "m1@2025-03-05 08:00"])
    }
}
