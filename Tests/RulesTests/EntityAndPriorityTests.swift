import GridWatchCore
import Reliability
import Rules
import XCTest

/// Area and line rules count interruption events once; `count_members`; exclusive priority.
final class EntityAndPriorityTests: XCTestCase {
    /// m1 and m2 (area A1) off together, then m3 (A1) alone, then m4 (A2, same line) alone:
    /// A1 has 2 events (3 records), A2 has 1, L1 has 3 events.
    func testAreaAndLineCountEachInterruptionEventOnce() throws {
        var scenario = RuleScenario(meters: [("m1", "A1", "L1"), ("m2", "A1", "L1"), ("m3", "A1", "L1"), ("m4", "A2", "L1")])
        scenario.outage("m1", "2025-03-01 08:00")
        scenario.outage("m2", "2025-03-01 08:00:40")
        scenario.outage("m3", "2025-03-05 08:00")
        scenario.outage("m4", "2025-03-07 08:00")
        let area = Rule(id: "area", entity: .area, window: .calendarYear, count: .atLeast(1))
        let line = Rule(id: "line", entity: .line, window: .calendarYear, count: .atLeast(1))
        let violations = try scenario.evaluate([area, line], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.map { "\($0.rule) \($0.entityID) \($0.count)" }, ["area A1 2", "area A2 1", "line L1 3"])
        XCTAssertEqual(violations[0].counted, ["m1@2025-03-01 08:00", "m2@2025-03-01 08:00", "m3@2025-03-05 08:00"])
    }

    /// An event whose records are all excluded does not count for the area; one counted record is enough.
    func testAreaEventCountsWhenAnyOfItsRecordsIsCounted() throws {
        var scenario = RuleScenario(meterCount: 2)
        scenario.outage("m1", "2025-03-01 08:00", minutes: 2)
        scenario.outage("m2", "2025-03-01 08:00", minutes: 30)
        scenario.outage("m1", "2025-04-01 08:00", minutes: 2)
        let area = Rule(id: "area", entity: .area, window: .calendarYear, count: .atLeast(1), filter: OutageFilter(minDurationSeconds: 300))
        let violations = try scenario.evaluate([area], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.map(\.count), [1])
        XCTAssertEqual(violations.first?.counted, ["m2@2025-03-01 08:00"])
    }

    /// L1 has two frequent meters (m1, m2): a problem line; L2 has one (m3): not.
    func testLineWithTwoFrequentMembersIsAProblemLine() throws {
        var scenario = RuleScenario(meters: [("m1", "A1", "L1"), ("m2", "A2", "L1"), ("m3", "A3", "L2"), ("m4", "A3", "L2")])
        for day in 1...4 {
            scenario.outage("m1", "2025-03-0\(day) 08:00")
            scenario.outage("m2", "2025-04-0\(day) 08:00")
            scenario.outage("m3", "2025-05-0\(day) 08:00")
        }
        let frequent = Rule(id: "60d", window: .rolling(days: 60, mode: .calendar), count: .greaterThan(3))
        let problemLine = Rule(id: "line", entity: .line, countMembers: MemberCount(level: .frequent, condition: .atLeast(2)))
        let violations = try scenario.evaluate([frequent, problemLine], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.map { "\($0.rule) \($0.entityID) \($0.count)" }, ["60d m1 4", "60d m2 4", "60d m3 4", "line L1 2"])
        XCTAssertEqual(violations[3].outages.count, 8)
    }

    /// m1: 6 outages in March: the warning (4 to 10 a year), annual (> 5) and 60d (> 3) all hold; m2: 4 in
    /// June: the warning and 60d. Independent: all five. Exclusive: frequent rules first, in file order,
    /// although the warning is listed first: m1 under annual, m2 under 60d.
    func testExclusivePriorityReportsAMeterUnderTheFirstFrequentRule() throws {
        var scenario = RuleScenario(meterCount: 2)
        for day in 1...6 { scenario.outage("m1", "2025-03-0\(day) 08:00") }
        for day in 1...4 { scenario.outage("m2", "2025-06-0\(day) 08:00") }
        let warning = Rule(id: "warn", level: .warning, window: .calendarYear, count: .between(4, 10))
        let annual = Rule(id: "annual", window: .calendarYear, count: .greaterThan(5))
        let sixty = Rule(id: "60d", window: .rolling(days: 60, mode: .calendar), count: .greaterThan(3))
        let independent = try scenario.evaluate([warning, annual, sixty], at: "2025-12-31 00:00")
        XCTAssertEqual(independent.map { "\($0.rule) \($0.entityID)" }, ["warn m1", "warn m2", "annual m1", "60d m1", "60d m2"])
        let exclusive = try scenario.evaluate([warning, annual, sixty], at: "2025-12-31 00:00", exclusive: true)
        XCTAssertEqual(exclusive.map { "\($0.rule) \($0.entityID)" }, ["annual m1", "60d m2"])
    }

    /// long_outage: longer than 8 h; exactly 8 h is not; an open outage counts once it passes 8 h.
    func testLongOutage() throws {
        var scenario = RuleScenario(meterCount: 3)
        scenario.outage("m1", "2025-03-01 08:00", minutes: 8 * 60)
        scenario.outage("m2", "2025-03-01 08:00", minutes: 8 * 60 + 1.0 / 60)
        scenario.records.append(.init(meterID: "m3", start: RuleScenario.time("2025-03-01 08:00"), end: nil))
        let rule = Rule(id: "long", kind: .longOutage(seconds: 8 * 3_600), window: .calendarYear, count: .atLeast(1))
        XCTAssertEqual(try scenario.evaluate([rule], at: "2025-03-01 16:00").map(\.entityID), ["m2"])
        XCTAssertEqual(try scenario.evaluate([rule], at: "2025-03-01 16:00:01").map(\.entityID), ["m2", "m3"])
    }

    /// customer_hours: 3 meters × 2 h = 6 customer-hours > 5; 2 meters × 2 h = 4 is not.
    func testCustomerHoursOfAnEvent() throws {
        var scenario = RuleScenario(meters: [("m1", "A1", "L1"), ("m2", "A1", "L1"), ("m3", "A1", "L1"), ("m4", "A2", "L1"), ("m5", "A2", "L1")])
        for meter in ["m1", "m2", "m3"] { scenario.outage(meter, "2025-03-01 08:00", minutes: 120) }
        for meter in ["m4", "m5"] { scenario.outage(meter, "2025-03-02 08:00", minutes: 120) }
        let rule = Rule(id: "ch", entity: .area, kind: .customerHours(above: 5), window: .calendarYear, count: .atLeast(1))
        let violations = try scenario.evaluate([rule], at: "2025-12-31 00:00")
        XCTAssertEqual(violations.map { "\($0.entityID) \($0.count) \($0.outages.count)" }, ["A1 1 3"])
    }

    func testDataQualityFindsOverlappingAndFutureRecords() throws {
        var scenario = RuleScenario(meterCount: 2)
        scenario.outage("m1", "2025-03-01 08:00", minutes: 60)
        scenario.outage("m1", "2025-03-01 08:30", minutes: 10)
        scenario.outage("m1", "2025-03-02 08:00", minutes: 10)
        scenario.outage("m2", "2025-03-10 08:00", minutes: 10)
        let rule = Rule(id: "dq", level: .warning, kind: .dataQuality(checks: [.overlapping, .future], silentSeconds: nil),
                        window: .calendarYear, count: .atLeast(1))
        let violations = try scenario.evaluate([rule], at: "2025-03-05 00:00")
        XCTAssertEqual(violations.map { "\($0.entityID) \($0.count)" }, ["m1 2", "m2 1"])
        XCTAssertEqual(violations[0].counted, ["m1@2025-03-01 08:00", "m1@2025-03-01 08:30"])
        XCTAssertEqual(violations[1].findings?.first?.hasPrefix("future"), true)
    }

    /// m1's record of 1 March has no end, yet m1 logged another outage on 2 March: unpaired. m2's open
    /// record is its latest: an outage still in progress, not a data-quality finding.
    func testDataQualityFindsUnpairedRecords() throws {
        var scenario = RuleScenario(meterCount: 2)
        scenario.records.append(OutageRecord(meterID: "m1", start: RuleScenario.time("2025-03-01 08:00"), end: nil))
        scenario.outage("m1", "2025-03-02 08:00", minutes: 10)
        scenario.outage("m2", "2025-03-01 08:00", minutes: 10)
        scenario.records.append(OutageRecord(meterID: "m2", start: RuleScenario.time("2025-03-04 08:00"), end: nil))
        let rule = Rule(id: "dq", level: .warning, kind: .dataQuality(checks: [.unpaired], silentSeconds: nil),
                        window: .calendarYear, count: .atLeast(1))
        let violations = try scenario.evaluate([rule], at: "2025-03-05 00:00")
        XCTAssertEqual(violations.map { "\($0.entityID) \($0.count)" }, ["m1 1"])
        XCTAssertEqual(violations[0].counted, ["m1@2025-03-01 08:00"])
        XCTAssertEqual(violations[0].findings?.first?.hasPrefix("unpaired"), true)
    }

    /// m1's clock runs 420 s ahead of the gateway's, m2's 30 s behind, m3's was never measured: with a
    /// 60 s limit only m1 is a finding (either direction counts; 60 s itself is within).
    func testDataQualityFindsAClockOffsetPastItsLimit() throws {
        let scenario = RuleScenario(meterCount: 4)
        let topology = Topology(placements: scenario.placements)
        let rule = Rule(id: "dq", level: .warning, kind: .dataQuality(checks: [], silentSeconds: nil, maxClockOffsetSeconds: 60),
                        window: .calendarYear, count: .atLeast(1))
        let engine = RuleEngine(ruleSet: RuleSet(rules: [rule]), topology: topology, outages: try OutageTable(records: [], topology: topology),
                                clockOffsets: ["m1": 420, "m2": -30, "m4": -60])
        let violations = engine.evaluate(at: RuleScenario.time("2025-03-05 00:00"), clock: RuleScenario.clock).violations
        XCTAssertEqual(violations.map(\.entityID), ["m1"])
        XCTAssertEqual(violations.first?.findings, ["clock_offset: the meter's clock is 420 s off the gateway's (more than 60 s)"])
    }

    /// Notice N1 announced 08:00-12:00 for area A1. m1 08:00-11:00 keeps to it; m2 starts 07:50 (early);
    /// m1 again 08:00-12:30 (late; with 30 minutes' tolerance it is not); m3 in A2 (outside the scope);
    /// m4's record without a work order is no notice's.
    func testPlannedOverrunEarlyLateAndOutOfScope() throws {
        var scenario = RuleScenario(meters: [("m1", "A1", "L1"), ("m2", "A1", "L1"), ("m3", "A2", "L1"), ("m4", "A1", "L1")])
        scenario.outage("m1", "2025-03-01 08:00", minutes: 180, class: .planned, workOrder: "N1")
        scenario.outage("m2", "2025-03-01 07:50", minutes: 60, class: .planned, workOrder: "N1")
        scenario.outage("m1", "2025-03-02 08:00", minutes: 270, class: .planned, workOrder: "N1")
        scenario.outage("m3", "2025-03-01 08:00", minutes: 60, class: .planned, workOrder: "N1")
        scenario.outage("m4", "2025-03-01 06:00", minutes: 60, class: .planned)
        let topology = Topology(placements: scenario.placements)
        let notice = PlannedNotice(scope: .area("A1"), start: RuleScenario.time("2025-03-01 08:00"),
                                   end: RuleScenario.time("2025-03-02 12:00"), workOrder: "N1")
        var table = try OutageTable(records: scenario.records, topology: topology)
        InterruptionEvents.assignMissing(in: &table, topology: topology)
        func overruns(tolerance: Int64) -> [String] {
            let rule = Rule(id: "overrun", level: .warning, kind: .plannedOverrun(toleranceSeconds: tolerance), window: .calendarYear, count: .atLeast(1))
            let engine = RuleEngine(ruleSet: RuleSet(rules: [rule]), topology: topology, outages: table,
                                    plannedNotices: [notice])
            return engine.evaluate(at: RuleScenario.time("2025-12-31 00:00"), clock: RuleScenario.clock).violations.flatMap { $0.counted }
        }
        XCTAssertEqual(overruns(tolerance: 0), ["m1@2025-03-02 08:00", "m2@2025-03-01 07:50", "m3@2025-03-01 08:00"])
        XCTAssertEqual(overruns(tolerance: 30 * 60), ["m3@2025-03-01 08:00"])
    }
}
