import XCTest
import GridWatchCore
@testable import Reliability

final class IEEE1366IndexTests: XCTestCase {
    /// Four meters, kVA 10, 10, 20, 0, one customer each, a one-day period (N_H = 24 h).
    /// Event E1 at 01:00 hits M1, M2, M3, restored in steps after 10, 20 and 30 min; M1 is out again
    /// at 05:00 for 6 min. M4 is never interrupted.
    private func stepRestorationFixture() -> IndexFixture {
        var fixture = IndexFixture(meters: 4, kva: [10, 10, 20, 0])
        fixture.outage("M1", at: 3_600, seconds: 600, event: "E1")
        fixture.outage("M2", at: 3_600, seconds: 1_200, event: "E1")
        fixture.outage("M3", at: 3_600, seconds: 1_800, event: "E1")
        fixture.outage("M1", at: 18_000, seconds: 360, event: "E2")
        return fixture
    }

    func testFrequencyAndDurationIndicesUseEachMetersOwnRestorationStep() throws {
        var fixture = stepRestorationFixture()
        fixture.options.celidSingleMinutes = 20
        fixture.options.celidTotalMinutes = 16
        fixture.options.cemiThresholds = [1, 2]
        let ieee = try fixture.system().ieee1366
        // CI = 3 (E1) + 1 (E2) = 4; CMI = 10 + 20 + 30 (steps, not 3 × 30 or 3 × 10) + 6 = 66 customer-minutes.
        XCTAssertEqual(ieee.ci, 4)
        XCTAssertEqual(ieee.cmiMinutes, 66, accuracy: 1e-12)
        XCTAssertEqual(ieee.saifi!, 1.0, accuracy: 1e-12)            // 4 / 4
        XCTAssertEqual(ieee.saidiMinutes!, 16.5, accuracy: 1e-12)    // 66 / 4
        XCTAssertEqual(ieee.caidiMinutes!, 16.5, accuracy: 1e-12)    // 66 / 4 interruptions
        // CN = 3 distinct customers (M1, M2, M3).
        XCTAssertEqual(ieee.caifi!, 4.0 / 3, accuracy: 1e-12)        // 4 / 3
        XCTAssertEqual(ieee.ctaidiMinutes!, 22, accuracy: 1e-12)     // 66 / 3
        // ASAI = (4 × 24 − 66/60) / (4 × 24) = 94.9 / 96.
        XCTAssertEqual(ieee.asai!, 94.9 / 96, accuracy: 1e-12)
        // L_T = 40 kVA; Σ L_i = 10 + 10 + 20 + 10 = 50; Σ r_i L_i = 10·10 + 20·10 + 30·20 + 6·10 = 960.
        XCTAssertEqual(ieee.asifi!, 1.25, accuracy: 1e-12)
        XCTAssertEqual(ieee.asidiMinutes!, 24, accuracy: 1e-12)
        // CEMI_1: only M1 has more than 1 sustained interruption → 1/4; CEMI_2: nobody.
        XCTAssertEqual(ieee.cemi.map(\.n), [1, 2])
        XCTAssertEqual(ieee.cemi.map(\.value), [0.25, 0])
        // CELID-s (≥ 20 min once): M2 (20, equality counts), M3 (30) → 2/4. CELID-t (≥ 16 min in all):
        // M1 10 + 6 = 16, M2 20, M3 30 → 3/4.
        XCTAssertEqual(ieee.celidSingle!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(ieee.celidTotal!, 0.75, accuracy: 1e-12)
        XCTAssertEqual(ieee.maifi!, 0, accuracy: 1e-12)
    }

    func testExactlyThreeHundredSecondsIsMomentaryAndThreeHundredOneIsSustained() throws {
        var fixture = IndexFixture(meters: 3)
        fixture.outage("M1", at: 100, seconds: 299)
        fixture.outage("M2", at: 100, seconds: 300)
        fixture.outage("M3", at: 100, seconds: 301)
        let ieee = try fixture.system().ieee1366
        XCTAssertEqual(ieee.ci, 1, "only 301 s is sustained")
        XCTAssertEqual(ieee.cmiMinutes, 301.0 / 60, accuracy: 1e-12)
        XCTAssertEqual(ieee.maifi!, 2.0 / 3, accuracy: 1e-12, "299 s and 300 s are one momentary interruption each")
        XCTAssertEqual(ieee.maifiE!, 2.0 / 3, accuracy: 1e-12)
    }

    func testMomentaryEventsGroupOperationsWithinFiveMinutesAndSkipLockouts() throws {
        var fixture = IndexFixture(meters: 2)
        fixture.options.cemiThresholds = [1]
        // M1: momentaries at 1000, 1060, 1200 (all within 300 s of 1000): 3 operations, 1 event.
        fixture.outage("M1", at: 1_000, seconds: 5)
        fixture.outage("M1", at: 1_060, seconds: 5)
        fixture.outage("M1", at: 1_200, seconds: 5)
        // M1: momentary at 5000 followed by a sustained interruption at 5100 (lockout): 1 operation, no event.
        fixture.outage("M1", at: 5_000, seconds: 5)
        fixture.outage("M1", at: 5_100, seconds: 3_600)
        // M2: a sustained interruption after 2 reclose operations: 2 operations, no event.
        fixture.outage("M2", at: 9_000, seconds: 1_200, reclose: 2)
        let ieee = try fixture.system().ieee1366
        XCTAssertEqual(ieee.maifi!, (3 + 1 + 2) / 2.0, accuracy: 1e-12)   // 6 operations / 2 customers
        XCTAssertEqual(ieee.maifiE!, 1 / 2.0, accuracy: 1e-12)            // M1's first event only
        // CEMSMI_1: M1 has 1 sustained + 1 momentary event = 2 > 1; M2 has 1 → 1/2. CEMI_1: nobody has > 1 sustained.
        XCTAssertEqual(ieee.cemsmi.map(\.value), [0.5])
        XCTAssertEqual(ieee.cemi.map(\.value), [0])
    }

    func testOpenOutageCountsInFrequencyAndItsDurationSoFar() throws {
        var fixture = IndexFixture(meters: 2)
        fixture.options.asOf = IndexFixture.periodStart + 3 * 3_600
        fixture.outage("M1", at: 3_600, seconds: nil)          // open since 01:00, report at 03:00 → 120 min so far
        let report = try fixture.report()
        let ieee = report.groups[0].ieee1366
        XCTAssertEqual(ieee.ci, 1)
        XCTAssertEqual(ieee.cmiMinutes, 120, accuracy: 1e-12)
        XCTAssertEqual(ieee.saidiMinutes!, 60, accuracy: 1e-12)   // 120 / 2
        XCTAssertEqual(report.openRows, [0])
    }

    func testInterruptionsOutsideThePeriodAreLeftOutAndOneSpanningItsEndKeepsItsWholeDuration() throws {
        var fixture = IndexFixture(meters: 1)
        fixture.outage("M1", at: -600, seconds: 3_600)                         // started before the period
        fixture.outage("M1", at: IndexFixture.day - 600, seconds: 7_200)       // starts 23:50, lasts 2 h
        fixture.outage("M1", at: IndexFixture.day, seconds: 3_600)             // starts at the (exclusive) end
        let ieee = try fixture.system().ieee1366
        XCTAssertEqual(ieee.ci, 1)
        XCTAssertEqual(ieee.cmiMinutes, 120, accuracy: 1e-12)
    }

    func testRatiosWithoutDenominatorAreNil() throws {
        let ieee = try IndexFixture(meters: 2).system().ieee1366
        XCTAssertNil(ieee.caidiMinutes, "CAIDI = CMI / CI with CI = 0")
        XCTAssertNil(ieee.asifi, "no kVA known")
        XCTAssertEqual(ieee.saifi, 0)
    }
}
