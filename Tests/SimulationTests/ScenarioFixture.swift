import Foundation
import Simulation

/// A small substation whose every event can be checked by hand: two areas of six meters, epoch
/// 2026-04-15T00:00:00Z (Unix 1776211200).
enum ScenarioFixture {
    static let epoch: Int64 = 1_776_211_200

    static let yaml = """
        seed: 7
        time_scale: 60
        epoch: 2026-04-15T00:00:00Z
        duration: 2h
        areas:
          - {id: TA01, line: L1, county: C1, region: R1, meters: 6}
          - {id: TA02, line: L1, county: C1, region: R1, meters: 6, nominal_voltage: 230}
        events:
          - {id: AREA, kind: area_outage, area: TA01, at: 10min, duration: 20min, restore_spread: 90s}
          - {id: ONE, kind: meter_outage, meter: TA02-M002, at: 5min, duration: 10min}
          - {id: BLIP, kind: momentary_outage, meter: TA02-M003, at: 40min, duration: 90s}
          - {id: COMM, kind: comm_failure, meter: TA02-M004, at: 10min, duration: 30min}
          - {id: DRIFT, kind: clock_drift, meter: TA01-M005, at: 0s, seconds_per_hour: 120}
          - {id: LOW, kind: low_voltage, area: TA02, at: 60min, duration: 10min, voltage: 190}
        """

    static func scenario(seed: UInt64? = nil) throws -> Scenario {
        var scenario = try Scenario.parse(yaml, file: "fixture.yaml")
        if let seed { scenario.seed = seed }
        return scenario
    }

    static func timeline(seed: UInt64? = nil) throws -> SubstationTimeline {
        let scenario = try scenario(seed: seed)
        return SubstationTimeline(scenario: scenario, epoch: scenario.epoch ?? epoch)
    }

    /// Simulated time `minutes` after the epoch.
    static func at(minutes: Double) -> Double { Double(epoch) + minutes * 60 }
}
