import Reliability
import Rules
import Store

extension GatewayConfiguration {
    /// The per-minute mean voltages (phases A, B and C) of every meter the configuration places, read
    /// from the store for [from, to) (Unix seconds): the samples GB/T 12325 judges. Minutes without a
    /// reading are absent, so they are left out of the rate.
    public func storedVoltageSamples(in store: Store, topology: Topology, from: Int64, to: Int64) async throws -> VoltageSamples {
        var samples = VoltageSamples()
        for meter in 0..<topology.meterCount {
            for (phase, point) in [(UInt8(1), "voltage_a"), (2, "voltage_b"), (3, "voltage_c")] {
                let minutes = try await store.aggregatedReadings(
                    deviceID: topology.meterID(at: meter), point: point, fromMillis: from * 1000, toMillis: to * 1000, step: .seconds(60))
                for minute in minutes {
                    guard let mean = minute.mean else { continue }
                    samples.append(meter: Int32(meter), time: minute.timeMillis / 1000, voltage: mean, phase: phase)
                }
            }
        }
        samples.index(meterCount: topology.meterCount)
        return samples
    }
}
