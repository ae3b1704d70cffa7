import DeviceProfiles

/// What a simulated meter shows at one instant. Times are Unix seconds; the log and `meterClock` are
/// on the meter's own clock, which drifts when the scenario says so.
public struct MeterState: Sendable, Hashable {
    /// Supply present at the meter.
    public var powered: Bool
    /// Answering Modbus requests: powered and no communication fault.
    public var answering: Bool
    /// Volts, amperes, watts, hertz; all zero while unpowered.
    public var voltage: Double
    public var current: Double
    public var activePower: Double
    public var powerFactor: Double
    public var frequency: Double
    /// Import register, kWh: grows only while powered.
    public var energyImport: Double
    /// The meter's clock, whole seconds.
    public var meterClock: Int64
    /// Outages logged so far (restored ones only: a meter logs an outage when power returns).
    public var outageCount: Int
    /// Logged outages, newest first, on the meter's clock.
    public var outageLog: [OutageLogEntry]

    /// Values by point name of the `gridwatch-lv-meter` profile.
    public var pointValues: [String: Double?] {
        [
            "voltage_a": voltage, "current_a": current, "active_power_total": activePower,
            "frequency": frequency, "power_factor": powerFactor, "energy_import_total": energyImport,
            "meter_clock": Double(meterClock), "outage_count": Double(outageCount),
        ]
    }
}

/// What an area's battery-backed terminal unit (TTU) shows: it answers throughout an outage,
/// reporting zero voltage on every phase, and logs the outage as soon as it starts (end 0 until
/// supply returns).
public struct TerminalUnitState: Sendable, Hashable {
    /// Supply present at the transformer.
    public var supplied: Bool
    /// Phases A, B, C: volts and amperes.
    public var voltages: [Double]
    public var currents: [Double]
    /// Sum over the area's meters, watts.
    public var activePower: Double
    /// The TTU's clock (it keeps true time), whole seconds.
    public var meterClock: Int64
    /// Supply losses seen so far, including one in progress.
    public var outageCount: Int
    /// Newest first; an outage in progress has `end == nil`.
    public var outageLog: [OutageLogEntry]

    /// Values by point name of the `gridwatch-ttu` profile.
    public var pointValues: [String: Double?] {
        [
            "voltage_a": voltages[0], "voltage_b": voltages[1], "voltage_c": voltages[2],
            "current_a": currents[0], "current_b": currents[1], "current_c": currents[2],
            "active_power_total": activePower, "meter_clock": Double(meterClock), "outage_count": Double(outageCount),
        ]
    }
}

/// An outage a correct aggregator must find: one meter, true start and end (Unix seconds, the
/// gateway's time, not the meter's clock), and the scenario event that caused it.
public struct ScriptedOutage: Sendable, Hashable {
    public var meterID: String
    public var area: String
    public var line: String
    public var start: Int64
    public var end: Int64
    public var eventID: String

    public init(meterID: String, area: String, line: String, start: Int64, end: Int64, eventID: String) {
        self.meterID = meterID
        self.area = area
        self.line = line
        self.start = start
        self.end = end
        self.eventID = eventID
    }

    public var durationSeconds: Int64 { end - start }
}
