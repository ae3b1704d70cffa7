import Foundation

/// The `ready key=value …` line of `gridwatch simulate --config`: `epoch_ms`, `wall_start_ms`,
/// `time_scale`, `duration_s` and the rest by name.
public struct ReadyLine: Sendable {
    private var values: [String: String] = [:]

    public init(_ line: String) throws {
        for pair in line.split(separator: " ").dropFirst() {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        for key in ["epoch_ms", "wall_start_ms", "time_scale", "duration_s"] where values[key] == nil {
            throw TestSupportError("no \(key) in the ready line: \(line)")
        }
    }

    public subscript(key: String) -> String { values[key]! }

    /// The daemon's arguments joining the simulator's accelerated clock (`gridwatch run ... + these`).
    public var clockArguments: [String] {
        ["--simulation-epoch-ms", self["epoch_ms"], "--simulation-wall-start-ms", self["wall_start_ms"],
         "--simulation-time-scale", self["time_scale"]]
    }

    /// When the scenario, and `tailSeconds` of simulated time after it, have passed (real time).
    public func end(tailSeconds: Double) -> Date {
        Date(timeIntervalSince1970: Double(Int64(self["wall_start_ms"])!) / 1000)
            .addingTimeInterval((Double(self["duration_s"])! + tailSeconds) / Double(self["time_scale"])!)
    }
}
