import DeviceProfiles
import Foundation

extension SubstationTimeline {
    /// The meter's state at `time` (Unix seconds, simulated); `nil` for an unknown meter.
    public func state(ofMeter id: String, atSimTime time: Double) -> MeterState? {
        meterIndex(of: id).map { state(ofMeterAt: $0, atSimTime: time) }
    }

    /// The state of `meters[index]` at `time`.
    public func state(ofMeterAt index: Int, atSimTime time: Double) -> MeterState {
        let meter = meters[index]
        let load = instantaneousLoad(index, at: time)
        let restored = supplyLosses[index].filter { Double($0.end) <= time }
        let clock = { (instant: Double) in Int64((instant + self.clockOffset(index, at: instant)).rounded(.down)) }
        return MeterState(
            powered: load != nil,
            answering: load != nil && !commFailures[index].contains { $0.contains(time) },
            voltage: load?.voltage ?? 0,
            current: load?.current ?? 0,
            activePower: load?.power ?? 0,
            powerFactor: load == nil ? 0 : meter.powerFactor,
            frequency: load == nil ? 0 : frequency(area: meter.area, at: time),
            energyImport: meter.initialEnergy + meanPower(meter) * poweredSeconds(index, until: time) / 3_600_000,
            meterClock: clock(time),
            outageCount: restored.count,
            outageLog: restored.reversed().map { OutageLogEntry(start: clock(Double($0.start)), end: clock(Double($0.end))) }
        )
    }

    /// The state of `areaID`'s terminal unit at `time`; `nil` for an unknown area.
    public func state(ofTerminalUnit areaID: String, atSimTime time: Double) -> TerminalUnitState? {
        guard let area = scenario.areas.first(where: { $0.id == areaID }), let range = metersByArea[areaID] else { return nil }
        let losses = areaSupplyLosses[areaID] ?? []
        let supplied = !losses.contains { $0.contains(time) }
        var currents = [0.0, 0.0, 0.0], power = 0.0
        for index in range {
            guard let load = instantaneousLoad(index, at: time) else { continue }
            currents[meters[index].phase] += load.current
            power += load.power
        }
        let level = areaLowVoltages[areaID]?.first { $0.contains(time) }?.level ?? area.nominalVoltage
        let voltages = (0..<3).map { phase in
            supplied ? level * (1 + 0.004 * sin(time / 47 + Double(phase))) : 0
        }
        let started = losses.filter { Double($0.start) <= time }
        return TerminalUnitState(
            supplied: supplied, voltages: voltages, currents: currents, activePower: power,
            meterClock: Int64(time.rounded(.down)), outageCount: started.count,
            outageLog: started.reversed().map { OutageLogEntry(start: $0.start, end: Double($0.end) <= time ? $0.end : nil) }
        )
    }

    /// The ground truth: every meter's outages (true times), ordered by start and meter.
    public func scriptedOutages() -> [ScriptedOutage] {
        meters.flatMap { meter in
            supplyLosses[meter.index].map {
                ScriptedOutage(meterID: meter.id, area: meter.area.id, line: meter.area.line, start: $0.start, end: $0.end, eventID: $0.eventID)
            }
        }
        .sorted { ($0.start, $0.meterID) < ($1.start, $1.meterID) }
    }

    /// Meter clock minus true time at `time`, seconds: the steps and drifts of the meter's clock so far.
    public func clockOffset(ofMeterAt index: Int, atSimTime time: Double) -> Double { clockOffset(index, at: time) }

    // MARK: - Pieces

    private func clockOffset(_ index: Int, at time: Double) -> Double {
        drifts[index].reduce(0) { total, drift in
            time < Double(drift.start) ? total : total + drift.offset + drift.secondsPerHour * (time - Double(drift.start)) / 3_600
        }
    }

    /// Voltage, current and power of a powered meter; `nil` while it has no supply.
    private func instantaneousLoad(_ index: Int, at time: Double) -> (voltage: Double, current: Double, power: Double)? {
        guard !supplyLosses[index].contains(where: { $0.contains(time) }) else { return nil }
        let meter = meters[index]
        let cycle = sin(2 * Double.pi * (time - Double(epoch)) / 1_800 + meter.loadPhase)
        let ripple = sin(time / 53 + meter.loadPhase)
        let voltage: Double
        if let low = lowVoltages[index].first(where: { $0.contains(time) }) {
            voltage = low.level * (1 - 0.01 * abs(ripple))
        } else {
            voltage = meter.area.nominalVoltage * (1 + meter.voltageOffset + 0.005 * ripple)
        }
        let current = meter.baseCurrent * (0.85 + 0.15 * cycle)
        return (voltage, current, voltage * current * meter.powerFactor)
    }

    private func frequency(area: Scenario.Area, at time: Double) -> Double {
        50 + 0.02 * sin(time / 41 + Double(area.id.utf8.reduce(0) { $0 &+ Int($1) } % 7))
    }

    /// Average watts the meter draws while powered: what its energy register counts.
    private func meanPower(_ meter: SimulatedMeter) -> Double {
        meter.area.nominalVoltage * (1 + meter.voltageOffset) * meter.baseCurrent * 0.85 * meter.powerFactor
    }

    /// Seconds with supply from the scenario's start to `time` (negative before the start).
    private func poweredSeconds(_ index: Int, until time: Double) -> Double {
        let elapsed = time - Double(epoch)
        guard elapsed > 0 else { return elapsed }
        let lost = supplyLosses[index].reduce(0.0) { total, span in
            total + max(0, min(time, Double(span.end)) - max(Double(epoch), Double(span.start)))
        }
        return elapsed - lost
    }
}
