import XCTest
import GridWatchCore
@testable import Reliability

final class MajorEventDayTests: XCTestCase {
    /// History before 2025-01-01: SAIDI e⁰, e¹, e² minutes, a zero day (left out) and one huge day
    /// more than five years back (left out). ln values 0, 1, 2: α = 1; sample β = 1; population β = √(2/3).
    private let history = DailySAIDIHistory(days: [
        .init(date: CivilDate(year: 2024, month: 3, day: 1), saidiMinutes: 1),
        .init(date: CivilDate(year: 2024, month: 3, day: 2), saidiMinutes: exp(1)),
        .init(date: CivilDate(year: 2024, month: 3, day: 3), saidiMinutes: exp(2)),
        .init(date: CivilDate(year: 2024, month: 3, day: 4), saidiMinutes: 0),
        .init(date: CivilDate(year: 2019, month: 12, day: 31), saidiMinutes: 1e6),
        .init(date: CivilDate(year: 2025, month: 1, day: 1), saidiMinutes: 1e6),
    ])

    func testThresholdIsTwoAndAHalfBetaAboveTheMeanLogOfNonZeroDaysOfTheLastFiveYears() throws {
        let sample = try XCTUnwrap(MajorEventDayThreshold(history: history, periodStart: CivilDate(year: 2025, month: 1, day: 1)))
        XCTAssertEqual(sample.dayCount, 3)
        XCTAssertEqual(sample.alpha, 1, accuracy: 1e-12)
        XCTAssertEqual(sample.beta, 1, accuracy: 1e-12)
        XCTAssertEqual(sample.thresholdMinutes, exp(3.5), accuracy: 1e-9)     // ≈ 33.115
        let population = try XCTUnwrap(MajorEventDayThreshold(history: history, periodStart: CivilDate(year: 2025, month: 1, day: 1),
                                                              standardDeviation: .population))
        XCTAssertEqual(population.beta, (2.0 / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertFalse(sample.isMajorEventDay(saidiMinutes: sample.thresholdMinutes), "strictly greater than")
        XCTAssertTrue(sample.isMajorEventDay(saidiMinutes: sample.thresholdMinutes.nextUp))
    }

    func testDaysAboveTheThresholdAreMajorEventDaysAndInterruptionsAccrueToTheirStartDay() throws {
        // Two customers, three days from 2025-01-01. T_MED = e^3.5 ≈ 33.115 min.
        var fixture = IndexFixture(meters: 2)
        let day = IndexFixture.day
        fixture.options.to = IndexFixture.periodStart + 3 * day
        fixture.options.medHistory = history
        fixture.outage("M1", at: 3_600, seconds: 2_400)                    // day 1: 40 / 2 = 20 min, not a MED
        fixture.outage("M1", at: day + 3_600, seconds: 2_400)              // day 2: (40 + 40) / 2 = 40 min, MED
        fixture.outage("M2", at: day + 3_600, seconds: 2_400)
        fixture.outage("M1", at: 3 * day - 600, seconds: 4_200)            // day 3 at 23:50 for 70 min: 35 min, MED
        let report = try fixture.report()
        let med = try XCTUnwrap(report.majorEventDays)
        XCTAssertEqual(med.dailySAIDIMinutes, [20, 40, 35])
        XCTAssertEqual(med.days, [CivilDate(year: 2025, month: 1, day: 2), CivilDate(year: 2025, month: 1, day: 3)])
        let system = report.groups[0]
        // All days: CMI = 40 + 80 + 70 = 190 → SAIDI 95. Without MEDs: day 1 only → 40 / 2 = 20.
        XCTAssertEqual(system.ieee1366.saidiMinutes!, 95, accuracy: 1e-12)
        XCTAssertEqual(system.ieee1366ExcludingMED!.saidiMinutes!, 20, accuracy: 1e-12)
        XCTAssertEqual(system.ieee1366ExcludingMED!.ci, 1)
    }

    func testTooLittleHistoryGivesNoThresholdAndNoMajorEventDays() throws {
        let short = DailySAIDIHistory(days: [.init(date: CivilDate(year: 2024, month: 1, day: 1), saidiMinutes: 5)])
        XCTAssertNil(MajorEventDayThreshold(history: short, periodStart: CivilDate(year: 2025, month: 1, day: 1)))
        XCTAssertNotNil(MajorEventDayThreshold(history: short, periodStart: CivilDate(year: 2025, month: 1, day: 1), standardDeviation: .population))
    }
}
