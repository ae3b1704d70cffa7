import DeviceProfiles

/// What a device says is untrusted: the screen keeps values and outage-log records a meter can truly
/// hold and names what it rejected, so that the aggregator flags it instead of crashing on a NaN clock
/// or storing an outage that ends before it starts.
struct DeviceInputScreen: Sendable {
    /// Why a value or record was rejected: the `input.rejected` metadata of the warning logged.
    enum Rejection: String, Sendable, Hashable {
        case clockNotFinite = "meter_clock_not_finite"
        case clockImplausible = "meter_clock_implausible"
        case countNotPlausible = "outage_count_not_plausible"
        case countWentBackwards = "outage_count_went_backwards"
        case endBeforeStart = "log_end_before_start"
        case inTheFuture = "log_time_in_the_future"
        case beforeEpoch = "log_time_before_2000"
        case duplicate = "log_duplicate_record"
    }

    /// 2000-01-01T00:00:00Z: no meter in service logged an outage before.
    static let earliest: Int64 = 946_684_800
    /// A meter clock may be this far off the gateway's (ten years) before its readings are ignored.
    static let clockSlackSeconds: Int64 = 315_360_000
    /// A log time may lie this far past the gateway's clock, corrected for the meter's offset (a day).
    static let futureSlackSeconds: Int64 = 86_400
    /// The most records a log counter can sensibly say are in use.
    static let largestCount = 65_535

    /// The meter's clock in Unix seconds, or why it is not one.
    static func meterClock(_ value: Double, gatewayTime: Int64) -> (clock: Int64?, rejected: Rejection?) {
        guard value.isFinite else { return (nil, .clockNotFinite) }
        guard abs(value - Double(gatewayTime)) <= Double(clockSlackSeconds) else { return (nil, .clockImplausible) }
        return (Int64(value), nil)
    }

    /// The log's record count, or why it is not one; `previous` is the count read last time. A count
    /// that went backwards (the log was cleared) is kept, but flagged.
    static func outageCount(_ value: Double, previous: Int?) -> (count: Int?, rejected: Rejection?) {
        guard value.isFinite, value >= 0, value <= Double(largestCount), value == value.rounded() else {
            return (nil, .countNotPlausible)
        }
        let count = Int(value)
        return (count, previous.map { count < $0 } == true ? .countWentBackwards : nil)
    }

    /// The records of a log worth importing (newest first, as read) and the rejected ones' reasons.
    /// `latestMeterTime` is the gateway's clock on the meter's clock (its measured offset added).
    static func logRecords(_ log: [OutageLogEntry], latestMeterTime: Int64) -> (kept: [OutageLogEntry], rejected: [Rejection]) {
        var kept: [OutageLogEntry] = [], rejected: [Rejection] = [], starts: Set<Int64> = []
        let latest = latestMeterTime + futureSlackSeconds
        for entry in log {
            if entry.start < earliest || (entry.end.map { $0 < earliest } ?? false) {
                rejected.append(.beforeEpoch)
            } else if entry.start > latest || (entry.end.map { $0 > latest } ?? false) {
                rejected.append(.inTheFuture)
            } else if let end = entry.end, end < entry.start {
                rejected.append(.endBeforeStart)
            } else if !starts.insert(entry.start).inserted {
                rejected.append(.duplicate)
            } else {
                kept.append(entry)
            }
        }
        return (kept, rejected)
    }
}
