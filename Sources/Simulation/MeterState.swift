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
