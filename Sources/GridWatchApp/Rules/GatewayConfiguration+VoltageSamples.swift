import GridWatchCore
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

/// The names of a meter's daily voltage figures.
enum VoltageFigure {
    static let monitored = "voltage_monitored_minutes"
    static let over = "voltage_over_minutes"
    static let under = "voltage_under_minutes"

    static func values(_ minutes: VoltageMinutes) -> [String: Double] {
        [monitored: Double(minutes.monitored), over: Double(minutes.overUpper), under: Double(minutes.underLower)]
    }

    static func minutes(_ values: [String: Double]) -> VoltageMinutes {
        VoltageMinutes(monitored: Int(values[monitored] ?? 0), overUpper: Int(values[over] ?? 0), underLower: Int(values[under] ?? 0))
    }
}

extension GatewayConfiguration {
    /// Each meter's monitored, over-limit and under-limit minutes (GB/T 12325) in [from, to), by meter
    /// number: computed from the stored per-minute voltages.
    func storedVoltageMinutes(in store: Store, topology: Topology, from: Int64, to: Int64) async throws -> [VoltageMinutes] {
        let samples = try await storedVoltageSamples(in: store, topology: topology, from: from, to: to)
        return (0..<topology.meterCount).map { meter in
            VoltageQuality.minutes(of: meter, samples: samples, limits: VoltageLimits(nominal: topology.nominalVoltage[meter]), from: from, to: to)
        }
    }

    /// The same over a long window: whole local days (at `dayOffsetSeconds`) from the meters' stored
    /// daily voltage figures, computing only the partial days at the ends and any day without figures.
    func voltageMinutesUsingDailyFigures(in store: Store, topology: Topology, from: Int64, to: Int64,
                                         dayOffsetSeconds: Int) async throws -> [VoltageMinutes] {
        let clock = LocalClock(utcOffsetSeconds: dayOffsetSeconds)
        var firstDay = clock.day(of: from)
        if clock.midnight(of: firstDay) < from { firstDay += 1 }
        let endDay = clock.day(of: to)
        guard firstDay < endDay else { return try await storedVoltageMinutes(in: store, topology: topology, from: from, to: to) }
        var total = [VoltageMinutes](repeating: VoltageMinutes(), count: topology.meterCount)
        func add(_ minutes: [VoltageMinutes]) {
            for (meter, own) in minutes.enumerated() {
                total[meter].monitored += own.monitored
                total[meter].overUpper += own.overUpper
                total[meter].underLower += own.underLower
            }
        }
        if from < clock.midnight(of: firstDay) { add(try await storedVoltageMinutes(in: store, topology: topology, from: from, to: clock.midnight(of: firstDay))) }
        let figures = try await store.dailyFigures(
            level: .meter, fromDay: CivilDate(daysSinceEpoch: firstDay).description, toDay: CivilDate(daysSinceEpoch: endDay).description)
        let byDay = Dictionary(grouping: figures.filter { $0.values[VoltageFigure.monitored] != nil }, by: \.day)
        for day in firstDay..<endDay {
            guard let stored = byDay[CivilDate(daysSinceEpoch: day).description] else {
                add(try await storedVoltageMinutes(in: store, topology: topology, from: clock.midnight(of: day), to: clock.midnight(of: day + 1)))
                continue
            }
            var minutes = [VoltageMinutes](repeating: VoltageMinutes(), count: topology.meterCount)
            for figure in stored {
                if let meter = topology.meterIndex(of: figure.scopeID) { minutes[meter] = VoltageFigure.minutes(figure.values) }
            }
            add(minutes)
        }
        if clock.midnight(of: endDay) < to { add(try await storedVoltageMinutes(in: store, topology: topology, from: clock.midnight(of: endDay), to: to)) }
        return total
    }
}
