import Foundation

/// Values a healthy device of a profile could show at a given moment: what `gridwatch simulate` and
/// `gridwatch demo` serve. Deterministic for a given unit and time.
public enum PlausibleValues {
    /// A value for every point of `profile`, by name.
    public static func values(for profile: DeviceProfile, unit: Int, at time: Date) -> [String: Double?] {
        let seconds = time.timeIntervalSince1970
        let wobble = sin(seconds / 60 + Double(unit))
        let phases = profile.point(named: "voltage_b") == nil ? 1.0 : 3.0
        var values: [String: Double?] = [:]
        for point in profile.points {
            values[point.name] = value(named: point.name, unit: unit, seconds: seconds, wobble: wobble, phases: phases)
        }
        return values
    }

    /// Two restored outages of the last days, newest first.
    public static func outageLog(unit: Int, at time: Date) -> [OutageLogEntry] {
        let now = Int64(time.timeIntervalSince1970)
        let day: Int64 = 86_400
        return [
            OutageLogEntry(start: now - day - 3_600, end: now - day - 3_600 + 1_820 + Int64(unit)),
            OutageLogEntry(start: now - 5 * day, end: now - 5 * day + 240),
        ]
    }

    private static func value(named name: String, unit: Int, seconds: Double, wobble: Double, phases: Double) -> Double {
        let current = 8 + Double(unit % 5) + wobble
        switch name {
        case "voltage_a", "voltage_b", "voltage_c": return (2300 + wobble * 15).rounded() / 10
        case "voltage_ab", "voltage_bc", "voltage_ca": return (3984 + wobble * 26).rounded() / 10
        case "current_a", "current_b", "current_c", "current_total": return (current * 10).rounded() / 10
        case "current_n": return 0.4
        case "active_power_a", "active_power_b", "active_power_c": return (230 * current * 0.95).rounded()
        case "active_power_total": return (phases * 230 * current * 0.95).rounded()
        case "reactive_power_total": return (phases * 230 * current * 0.31).rounded()
        case "apparent_power_total": return (phases * 230 * current).rounded()
        case "power_factor": return 0.95
        case "frequency": return 50 + (wobble * 3).rounded() / 100
        case "energy_import_total": return ((seconds / 3_600 * 2.2).truncatingRemainder(dividingBy: 900_000) * 100).rounded() / 100
        case "energy_export_total": return 12.5
        case "meter_clock": return seconds.rounded(.down)
        case "outage_count": return 2
        case "sunspec_model_id": return 203
        case "current_sf", "frequency_sf": return -2
        case "voltage_sf": return -1
        case "power_factor_sf": return 0
        default: return 0
        }
    }
}
