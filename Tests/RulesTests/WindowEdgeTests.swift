import Rules
import XCTest

/// Window edges, hand-computed. Local time is +08:00 throughout.
final class WindowEdgeTests: XCTestCase {
    private func sixtyDays(_ mode: WindowMode) -> Rule {
        Rule(id: "60d", window: .rolling(days: 60, mode: mode), count: .greaterThan(3))
    }

    private func scenario(_ starts: [String]) -> RuleScenario {
        var scenario = RuleScenario(meterCount: 1)
        for start in starts { scenario.outage("m1", start) }
        return scenario
    }

    /// 1 Jan 10:00 → 2 Mar 10:00 is exactly 60 × 24 h (Jan 31 + Feb 28 days + 1): outside both windows.
    func testOutageExactly60DaysAfterAnotherIsOutsideBothModes() throws {
        let outages = scenario(["2025-01-01 10:00", "2025-01-20 10:00", "2025-02-10 10:00", "2025-03-02 10:00"])
        XCTAssertEqual(try outages.evaluate([sixtyDays(.calendar)], at: "2025-06-30 00:00"), [])
        XCTAssertEqual(try outages.evaluate([sixtyDays(.exact)], at: "2025-06-30 00:00"), [])
    }

    /// 1 Mar 23:59 is local day 59 after 1 Jan and 59 d 13 h 59 min after 1 Jan 10:00: inside both.
    func testOutageOnTheLastDayOfTheWindowCountsInBothModes() throws {
        let outages = scenario(["2025-01-01 10:00", "2025-01-20 10:00", "2025-02-10 10:00", "2025-03-01 23:59"])
        for mode in [WindowMode.calendar, .exact] {
            let violations = try outages.evaluate([sixtyDays(mode)], at: "2025-06-30 00:00")
            XCTAssertEqual(violations.map(\.count), [4], "\(mode)")
        }
    }

    /// 1 Jan 23:00 and 2 Mar 01:00: local days 0 and 60 (calendar: outside), but 59 d 2 h apart (exact: inside).
    func testCalendarAndExactModesDisagreeNearTheEdge() throws {
        let outages = scenario(["2025-01-01 23:00", "2025-01-20 10:00", "2025-02-10 10:00", "2025-03-02 01:00"])
        XCTAssertEqual(try outages.evaluate([sixtyDays(.calendar)], at: "2025-06-30 00:00"), [])
        let exact = try outages.evaluate([sixtyDays(.exact)], at: "2025-06-30 00:00")
        XCTAssertEqual(exact.map(\.count), [4])
        XCTAssertEqual(exact.first?.from, RuleScenario.time("2025-01-01 23:00"))
        XCTAssertEqual(exact.first?.to, RuleScenario.time("2025-03-02 23:00"))
    }

    /// 31 Jan → 31 Mar is 59 days across February (28 + 31): the dates [31 Jan, 31 Mar] are one window.
    func testFiftyNineDaysAcrossAMonthBoundaryIsOneWindow() throws {
        let outages = scenario(["2025-01-31 08:00", "2025-02-15 08:00", "2025-03-10 08:00", "2025-03-31 20:00"])
        let violations = try outages.evaluate([sixtyDays(.calendar)], at: "2025-06-30 00:00")
        XCTAssertEqual(violations.map(\.count), [4])
        XCTAssertEqual(violations.first?.from, RuleScenario.time("2025-01-31 00:00"))
        XCTAssertEqual(violations.first?.to, RuleScenario.time("2025-04-01 00:00"))
        XCTAssertEqual(violations.first?.counted, ["m1@2025-01-31 08:00", "m1@2025-02-15 08:00", "m1@2025-03-10 08:00", "m1@2025-03-31 20:00"])
        // 31 Jan → 1 Apr is 60 days: no longer one window.
        let later = scenario(["2025-01-31 08:00", "2025-02-15 08:00", "2025-03-10 08:00", "2025-04-01 00:30"])
        XCTAssertEqual(try later.evaluate([sixtyDays(.calendar)], at: "2025-06-30 00:00"), [])
    }

    /// Rolling windows stay inside the calendar year of the evaluation time and stop at it.
    func testRollingWindowStaysInsideTheYearAndBeforeTheEvaluationTime() throws {
        let outages = scenario(["2024-12-20 08:00", "2024-12-28 08:00", "2025-01-03 08:00", "2025-01-10 08:00", "2025-01-20 08:00"])
        XCTAssertEqual(try outages.evaluate([sixtyDays(.calendar)], at: "2025-02-01 00:00"), [])
        XCTAssertEqual(try outages.evaluate([sixtyDays(.calendar)], at: "2024-12-31 00:00"), [])
        var more = outages
        more.outage("m1", "2025-01-25 08:00")
        XCTAssertEqual(try more.evaluate([sixtyDays(.calendar)], at: "2025-01-25 07:59"), [])
        XCTAssertEqual(try more.evaluate([sixtyDays(.calendar)], at: "2025-01-25 08:00").map(\.count), [4])
    }

    /// Trailing 50 days at 30 Jun 12:00: calendar from 12 May 00:00; exact from 11 May 12:00 (exclusive).
    func testTrailingWindowCalendarAndExact() throws {
        let rule = { (mode: WindowMode) in Rule(id: "50d", level: .warning, window: .trailing(days: 50, mode: mode), count: .equal(3)) }
        let outages = scenario(["2025-05-11 23:59", "2025-05-12 00:00", "2025-06-01 08:00", "2025-06-30 11:00", "2025-06-30 13:00"])
        let calendar = try outages.evaluate([rule(.calendar)], at: "2025-06-30 12:00")
        XCTAssertEqual(calendar.first?.counted, ["m1@2025-05-12 00:00", "m1@2025-06-01 08:00", "m1@2025-06-30 11:00"])
        XCTAssertEqual(calendar.first?.from, RuleScenario.time("2025-05-12 00:00"))
        XCTAssertEqual(try outages.evaluate([rule(.exact)], at: "2025-06-30 12:00"), [], "4 in the exact window, not exactly 3")
        let edge = scenario(["2025-05-11 12:00", "2025-06-01 08:00", "2025-06-30 11:00", "2025-06-30 11:30"])
        XCTAssertEqual(try edge.evaluate([rule(.exact)], at: "2025-06-30 12:00").map(\.count), [3], "a start exactly 50 × 24 h before is outside")
    }

    /// The calendar year runs from local 1 January: 31 Dec 23:30 +08:00 belongs to the old year.
    func testCalendarYearStartsAtLocalMidnight() throws {
        let outages = scenario(["2024-12-31 23:30", "2025-01-01 00:00", "2025-01-02 00:00"])
        let rule = Rule(id: "year", window: .calendarYear, count: .atLeast(2))
        let violations = try outages.evaluate([rule], at: "2025-01-05 00:00")
        XCTAssertEqual(violations.first?.counted, ["m1@2025-01-01 00:00", "m1@2025-01-02 00:00"])
        XCTAssertEqual(violations.first?.from, RuleScenario.time("2025-01-01 00:00"))
    }

    func testCountConditions() {
        XCTAssertTrue(CountCondition.greaterThan(5).holds(6))
        XCTAssertFalse(CountCondition.greaterThan(5).holds(5))
        XCTAssertTrue(CountCondition.atLeast(5).holds(5))
        XCTAssertFalse(CountCondition.equal(3).holds(4))
        XCTAssertEqual([3, 4, 5, 6].map(CountCondition.between(4, 5).holds), [false, true, true, false])
    }
}
