import XCTest
import GridWatchCore
@testable import Reliability

final class DLT836IndexTests: XCTestCase {
    func testIndicesByClassFromAHandComputedCase() throws {
        // Four users, a 10-day period: T = 240 h.
        var fixture = IndexFixture(meters: 4)
        fixture.options.to = IndexFixture.periodStart + 10 * IndexFixture.day
        fixture.outage("M1", at: 3_600, seconds: 7_200, event: "E1", class: .faultInternal)       // 2 h
        fixture.outage("M2", at: 3_600, seconds: 3_600, event: "E1", class: .faultInternal)       // 1 h, same event
        fixture.outage("M3", at: 90_000, seconds: 10_800, event: "E2", class: .faultExternal)     // 3 h
        fixture.outage("M4", at: 200_000, seconds: 14_400, event: "E3", class: .supplyShortage)   // 4 h
        fixture.outage("M1", at: 300_000, seconds: 3_600, event: "E4", class: .planned)           // 1 h
        fixture.outage("M2", at: 400_000, seconds: 100, event: "E5", class: .planned)             // short
        let dlt = try fixture.system().dlt836
        // customer hours = 2 + 1 + 3 + 4 + 1 = 11 over 5 non-short outages; users_total = 4.
        XCTAssertEqual(dlt.customerHours, 11, accuracy: 1e-12)
        XCTAssertEqual(dlt.aihc1Hours!, 2.75, accuracy: 1e-12)                 // 11 / 4
        XCTAssertEqual(dlt.aihc2Hours!, 2.0, accuracy: 1e-12)                  // 2.75 − 3/4 (external)
        XCTAssertEqual(dlt.aihc3Hours!, 1.75, accuracy: 1e-12)                 // 2.75 − 4/4 (supply shortage)
        XCTAssertEqual(dlt.rs1Percent!, (1 - 2.75 / 240) * 100, accuracy: 1e-9)
        XCTAssertEqual(dlt.rs2Percent!, (1 - 2.0 / 240) * 100, accuracy: 1e-9)
        XCTAssertEqual(dlt.rs3Percent!, (1 - 1.75 / 240) * 100, accuracy: 1e-9)
        XCTAssertEqual(dlt.aitc1!, 1.25, accuracy: 1e-12)                      // 5 / 4
        XCTAssertEqual(dlt.aitc2!, 1.0, accuracy: 1e-12)                       // (5 − 1) / 4
        XCTAssertEqual(dlt.aitc3!, 1.0, accuracy: 1e-12)                       // (5 − 1) / 4
        XCTAssertEqual(dlt.faultHoursPerUser!, 1.5, accuracy: 1e-12)           // (2 + 1 + 3) / 4
        XCTAssertEqual(dlt.faultCountPerUser!, 0.75, accuracy: 1e-12)          // 3 / 4
        XCTAssertEqual(dlt.prearrangedHoursPerUser!, 1.25, accuracy: 1e-12)    // (4 + 1) / 4
        XCTAssertEqual(dlt.prearrangedCountPerUser!, 0.5, accuracy: 1e-12)     // 2 / 4
        // Event-based: E1 lasts 2 h (01:00 to M1's restoration at 03:00), E2 3 h → 5 / 2 events.
        XCTAssertEqual(dlt.faultMeanDurationHours!, 2.5, accuracy: 1e-12)
        XCTAssertEqual(dlt.faultMeanDurationHoursWeighted!, 2.0, accuracy: 1e-12)  // 6 customer-hours / 3 users
        XCTAssertEqual(dlt.prearrangedMeanDurationHours!, 2.5, accuracy: 1e-12)    // (4 + 1) / 2 events
        XCTAssertEqual(dlt.prearrangedMeanDurationHoursWeighted!, 2.5, accuracy: 1e-12)
        XCTAssertEqual(dlt.meanUsersPerOutage!, 1.25, accuracy: 1e-12)         // 5 users / 4 events (E5 is short)
        XCTAssertEqual(dlt.shortOutagesPerUser!, 0.25, accuracy: 1e-12)        // 1 / 4
    }

    func testAtMost180SecondsIsShortAnd181Counts() throws {
        var fixture = IndexFixture(meters: 3)
        fixture.outage("M1", at: 100, seconds: 179)
        fixture.outage("M2", at: 100, seconds: 180)
        fixture.outage("M3", at: 100, seconds: 181)
        let dlt = try fixture.system().dlt836
        XCTAssertEqual(dlt.shortOutagesPerUser!, 2.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(dlt.aitc1!, 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(dlt.customerHours, 181.0 / 3_600, accuracy: 1e-15)
        XCTAssertEqual(dlt.meanUsersPerOutage!, 1, accuracy: 1e-12, "the three outages group into one event of one counted user")
    }

    func testOutagesWithoutEventIdAreGroupedByAreaAndStart() throws {
        var fixture = IndexFixture(meters: 3)
        fixture.outage("M1", at: 1_000, seconds: 3_600)
        fixture.outage("M2", at: 1_059, seconds: 1_800)
        fixture.outage("M3", at: 1_061, seconds: 1_800)
        let dlt = try fixture.system().dlt836
        XCTAssertEqual(dlt.meanUsersPerOutage!, 1.5, accuracy: 1e-12)         // 3 users, events {M1, M2} and {M3}
        // Event durations: 1000 → 4600 (1 h) and 1061 → 2861 (0.5 h).
        XCTAssertEqual(dlt.faultMeanDurationHours!, 0.75, accuracy: 1e-12)
    }
}
