import DeviceProfiles

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
