import XCTest
import GridWatchCore
@testable import Reliability

final class RollUpAndCustomerBaseTests: XCTestCase {
    func testGroupsSumNumeratorsAndDenominatorsInsteadOfAveragingIndices() throws {
        // Area A: 2 meters, one 10-min interruption → SAIFI 0.5. Area B (same line): 3 meters, none → 0.
        // The mean of the area indices would be 0.25; the line's SAIFI is 1 / 5 = 0.2.
        var fixture = IndexFixture(meters: 2, area: "A")
        fixture.placements += (3...5).map { MeterPlacement(meterID: "M\($0)", area: "B", line: "L1", county: "C1", region: "R1") }
        fixture.outage("M1", at: 600, seconds: 600, event: "E1")
        let report = try fixture.report([.area, .line, .county, .region, .system])
        let saifi = Dictionary(uniqueKeysWithValues: report.groups.map { ("\($0.level.rawValue):\($0.id)", $0.ieee1366.saifi!) })
        XCTAssertEqual(saifi["area:A"]!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(saifi["area:B"]!, 0, accuracy: 1e-12)
        for key in ["line:L1", "county:C1", "region:R1", "system:system"] { XCTAssertEqual(saifi[key]!, 0.2, accuracy: 1e-12, key) }
        XCTAssertEqual(report.groups.filter { $0.level == .line }.map(\.customers), [5])
    }

    func testAnAreaSplitAcrossLinesRollsUpByMeter() throws {
        // Area A has M1 on L1 and M2 on L2: each line gets its own meter's interruption.
        var fixture = IndexFixture(meters: 2, area: "A")
        fixture.placements[1].line = "L2"
        fixture.outage("M2", at: 600, seconds: 600)
        let lines = try fixture.report([.line]).groups
        XCTAssertEqual(lines.map(\.id), ["L1", "L2"])
        XCTAssertEqual(lines.map(\.ieee1366.ci), [0, 1])
    }

    func testCustomerBaseModesCountMetersInServiceDifferently() throws {
        // 10-day period. M1 always in service; M2 from day 5 (half the period); M3 until day 2 (a fifth).
        var fixture = IndexFixture(meters: 3)
        let start = IndexFixture.periodStart, day = IndexFixture.day
        fixture.options.to = start + 10 * day
        fixture.placements[1].inServiceFrom = start + 5 * day
        fixture.placements[2].inServiceTo = start + 2 * day
        fixture.outage("M1", at: 600, seconds: 600)
        let expected: [(CustomerBase, Double)] = [(.dayWeighted, 1 + 0.5 + 0.2), (.periodEnd, 2), (.constant, 3)]
        for (base, customers) in expected {
            fixture.options.customerBase = base
            let system = try fixture.system()
            XCTAssertEqual(system.customers, customers, accuracy: 1e-12, base.rawValue)
            XCTAssertEqual(system.ieee1366.saifi!, 1 / customers, accuracy: 1e-12, base.rawValue)
        }
    }
}
