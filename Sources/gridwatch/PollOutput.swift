import DeviceProfiles
import Foundation
import Modbus

/// How `poll` and `demo` print a device read.
enum PollOutput {
    /// `{"unit": 1, "time": "...", "points": {"voltage_a": {"value": 230.1, "unit": "V"}, ...},
    /// "outage_log": [{"start": "...", "end": null}]}`, keys in profile order.
    static func json(_ result: DeviceReadResult) -> String {
        let points = result.points.map { point in
            var fields = ["\"value\": \(point.value.map(number) ?? "null")"]
            if let unit = point.unit { fields.append("\"unit\": \(string(unit))") }
            if let error = point.error {
                fields.append("\"quality\": \(string(point.quality.rawValue))")
                fields.append("\"error\": \(string(error))")
            }
            return "\(string(point.name)): {\(fields.joined(separator: ", "))}"
        }
        var members = [
            "\"unit\": \(result.unit)",
            "\"time\": \(string(iso8601(milliseconds: result.timeMillis)))",
            "\"points\": {\(points.joined(separator: ", "))}",
        ]
        if let log = result.outageLog {
            let records = log.map { entry in
                "{\"start\": \(string(iso8601(seconds: entry.start))), \"end\": \(entry.end.map { string(iso8601(seconds: $0)) } ?? "null")}"
            }
            members.append("\"outage_log\": [\(records.joined(separator: ", "))]")
        } else if let error = result.outageLogError {
            members.append("\"outage_log_error\": \(string(error.description))")
        }
        return "{\(members.joined(separator: ", "))}"
    }

    /// Aligned columns: point, value, unit, and the error of points without a value.
    static func table(_ result: DeviceReadResult, profile: DeviceProfile) -> String {
        let width = max(5, result.points.map(\.name.count).max() ?? 0)
        var lines = ["\(profile.manufacturer) \(profile.model) unit \(result.unit) at \(iso8601(milliseconds: result.timeMillis)) (\(result.requests) requests, \(milliseconds(result.latency)) ms)"]
        for point in result.points {
            let name = point.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let value = point.value.map(number) ?? "-"
            lines.append("  \(name)  \(value.leftPadded(to: 14))  \(point.unit ?? "")\(point.error.map { "  (\($0))" } ?? "")")
        }
        if let log = result.outageLog {
            lines.append(log.isEmpty ? "  outage log: empty" : "  outage log (newest first):")
            for entry in log {
                lines.append("    \(iso8601(seconds: entry.start)) -> \(entry.end.map(iso8601(seconds:)) ?? "not restored")")
            }
        } else if let error = result.outageLogError {
            lines.append("  outage log: \(error)")
        }
        return lines.joined(separator: "\n")
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func string(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case _ where scalar.value < 0x20: escaped += String(format: "\\u%04x", scalar.value)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }

    static func iso8601(seconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }

    static func iso8601(milliseconds: Int64) -> String {
        Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000)
            .formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    static func milliseconds(_ duration: Duration) -> String {
        String(format: "%.1f", Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15)
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
