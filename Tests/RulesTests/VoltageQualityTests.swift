import GridWatchCore
import Reliability
import Rules
import XCTest

/// GB/T 12325 qualification, hand-computed.
final class VoltageQualityTests: XCTestCase {
    private let start = RuleScenario.time("2025-06-01 00:00")

    /// m1 (220 V, limits 198.0 / 235.4): minute 0 235.4 (on the limit: qualified), 1 235.5 (over),
    /// 2 197.9 (under), 3 198.0 (qualified), 4 mean of 230 and 245 = 237.5 (over), 5 no sample (not monitored).
    /// 5 monitored, 2 over, 1 under: (1 − 3/5) × 100 = 40 %.
    /// m2 (380 V, ±7 %: 353.4 / 406.6): minute 0 406.6 qualified, minute 1 406.7 over: 50 %.
    /// Area: minutes summed (7, 3, 1), rate the mean of the points' rates: 45 %.
    private func samples(topology: Topology) -> VoltageSamples {
        var samples = VoltageSamples()
        let m1 = Int32(topology.meterIndex(of: "m1")!), m2 = Int32(topology.meterIndex(of: "m2")!)
        for (minute, volts) in [(0, 235.4), (1, 235.5), (2, 197.9), (3, 198.0), (4, 230.0), (4, 245.0)] {
            samples.append(meter: m1, time: start + Int64(minute * 60 + 10), voltage: volts)
        }
        samples.append(meter: m2, time: start + 5, voltage: 406.6)
        samples.append(meter: m2, time: start + 65, voltage: 406.7)
        samples.index(meterCount: topology.meterCount)
        return samples
    }

    private let topology = Topology(placements: [
        MeterPlacement(meterID: "m1", area: "A1", line: "L1"),
        MeterPlacement(meterID: "m2", area: "A1", line: "L1", nominalVoltage: 380),
        MeterPlacement(meterID: "m3", area: "A2", line: "L1"),
    ])

    func testLimitsAreInclusiveAndTheGroupRateIsTheMeanOfItsPoints() {
        let samples = samples(topology: topology)
        let meters = VoltageQuality.groups(by: .meter, topology: topology, samples: samples, from: start, to: start + 3_600)
        XCTAssertEqual(meters.map(\.id), ["m1", "m2"], "m3 reports no voltage: not a monitoring point")
        XCTAssertEqual(meters[0].minutes, VoltageMinutes(monitored: 5, overUpper: 2, underLower: 1))
        XCTAssertEqual(meters[0].ratePercent, 40, accuracy: 1e-9)
        XCTAssertEqual(meters[1].minutes, VoltageMinutes(monitored: 2, overUpper: 1, underLower: 0))
        let areas = VoltageQuality.groups(by: .area, topology: topology, samples: samples, from: start, to: start + 3_600)
        XCTAssertEqual(areas.map(\.id), ["A1"])
        XCTAssertEqual(areas[0].minutes, VoltageMinutes(monitored: 7, overUpper: 3, underLower: 1))
        XCTAssertEqual(areas[0].ratePercent, 45, accuracy: 1e-9)
        let system = VoltageQuality.groups(by: .system, topology: topology, samples: samples, from: start, to: start + 3_600)
        XCTAssertEqual(system.map(\.id), ["system"])
    }

    func testLimitsForNominalVoltages() {
        XCTAssertEqual(VoltageLimits(nominal: 220).lower, 198.0)
        XCTAssertEqual(VoltageLimits(nominal: 220).upper, 235.4)
        XCTAssertEqual(VoltageLimits(nominal: 380).lower, 353.4)
        XCTAssertEqual(VoltageLimits(nominal: 380).upper, 406.6)
        XCTAssertEqual(VoltageLimits(nominal: 10_000).lower, 9_300)
        XCTAssertEqual(VoltageLimits(nominal: 10_000).upper, 10_700)
    }

    /// The window excludes samples outside it: from minute 2 on, m1 has 3 monitored minutes, 1 over, 1 under.
    func testVoltageQualityRuleOverItsWindow() throws {
        var scenario = RuleScenario(meters: [("m1", "A1", "L1"), ("m3", "A2", "L1")])
        scenario.placements.insert(MeterPlacement(meterID: "m2", area: "A1", line: "L1", nominalVoltage: 380), at: 1)
        scenario.voltage = samples(topology: topology)
        let rule = Rule(id: "vq", level: .warning, entity: .area, kind: .voltageQuality(belowPercent: 50),
                        window: .trailing(days: 1, mode: .calendar))
        let violations = try scenario.evaluate([rule], at: "2025-06-01 12:00")
        XCTAssertEqual(violations.map(\.entityID), ["A1"])
        XCTAssertEqual(violations.first?.ratePercent ?? 0, 45, accuracy: 1e-9)
        XCTAssertEqual(violations.first?.count, 4)
        let strict = Rule(id: "vq", level: .warning, entity: .area, kind: .voltageQuality(belowPercent: 45), window: .calendarYear)
        XCTAssertEqual(try scenario.evaluate([strict], at: "2025-06-01 12:00"), [], "45 % is not below 45 %")
    }
}
