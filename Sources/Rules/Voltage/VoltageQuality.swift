import GridWatchCore
import Reliability

/// Monitored, over-limit and under-limit minutes of a monitoring point or a group of points.
public struct VoltageMinutes: Sendable, Hashable, Codable {
    public var monitored = 0
    public var overUpper = 0
    public var underLower = 0

    public init(monitored: Int = 0, overUpper: Int = 0, underLower: Int = 0) {
        self.monitored = monitored
        self.overUpper = overUpper
        self.underLower = underLower
    }

    /// (1 − (over + under) / monitored) × 100; `nil` without monitored minutes.
    public var ratePercent: Double? {
        monitored == 0 ? nil : (1 - Double(overUpper + underLower) / Double(monitored)) * 100
    }
}

/// The qualification rate of one group (a meter, area, line, county, region or the system).
public struct VoltageGroupQuality: Sendable, Hashable {
    public var level: HierarchyLevel
    public var id: String
    /// Sums over the group's monitoring points.
    public var minutes: VoltageMinutes
    /// Mean of the points' rates (**decision**, spec §5).
    public var ratePercent: Double
    public var points: Int
}

/// GB/T 12325 voltage qualification (spec §5): each minute is judged by its mean RMS voltage per phase
/// (a minute is over when a phase's mean is above the upper limit, else under when one is below the
/// lower limit); minutes with no sample are not monitored.
public enum VoltageQuality {
    /// A meter's minutes over `[from, to)`.
    public static func minutes(of meter: Int, samples: VoltageSamples, limits: VoltageLimits, from: Int64, to: Int64) -> VoltageMinutes {
        var result = VoltageMinutes()
        var currentMinute = Int64.min
        var sums = [Double](repeating: 0, count: 4), counts = [Int](repeating: 0, count: 4)
        func closeMinute() {
            guard currentMinute != .min else { return }
            var over = false, under = false
            for phase in 0..<4 where counts[phase] > 0 {
                let mean = sums[phase] / Double(counts[phase])
                if limits.isAbove(mean) { over = true } else if limits.isBelow(mean) { under = true }
                sums[phase] = 0
                counts[phase] = 0
            }
            result.monitored += 1
            if over { result.overUpper += 1 } else if under { result.underLower += 1 }
        }
        for sample in samples.samples(ofMeter: meter) {
            let index = Int(sample), time = samples.time[index]
            guard time >= from, time < to else { continue }
            let minute = ISO8601Time.floorDivide(time, 60)
            if minute != currentMinute {
                closeMinute()
                currentMinute = minute
            }
            sums[Int(samples.phase[index])] += samples.voltage[index]
            counts[Int(samples.phase[index])] += 1
        }
        closeMinute()
        return result
    }

    /// The rate of each group of `level` that has at least one monitoring point, in group order.
    public static func groups(by level: HierarchyLevel, topology: Topology, samples: VoltageSamples,
                              from: Int64, to: Int64) -> [VoltageGroupQuality] {
        let grouping = topology.grouping(level)
        var minutes = [VoltageMinutes](repeating: VoltageMinutes(), count: grouping.count)
        var rateSums = [Double](repeating: 0, count: grouping.count)
        var points = [Int](repeating: 0, count: grouping.count)
        for meter in 0..<topology.meterCount {
            let own = Self.minutes(of: meter, samples: samples, limits: VoltageLimits(nominal: topology.nominalVoltage[meter]), from: from, to: to)
            guard let rate = own.ratePercent else { continue }
            let group = Int(grouping.groupOfMeter[meter])
            minutes[group].monitored += own.monitored
            minutes[group].overUpper += own.overUpper
            minutes[group].underLower += own.underLower
            rateSums[group] += rate
            points[group] += 1
        }
        return grouping.names.indices.compactMap { group in
            guard points[group] > 0 else { return nil }
            return VoltageGroupQuality(level: level, id: grouping.names[group], minutes: minutes[group],
                                       ratePercent: rateSums[group] / Double(points[group]), points: points[group])
        }
    }
}
