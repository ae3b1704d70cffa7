/// A meter's clock as a line through its offset measurements: offset and drift rate, so that event-log
/// times stamped before the last measurement are corrected by the offset the clock had *then*, not now.
///
/// A drifting meter (5 min a day is common) read a while after an outage would otherwise have its
/// outage shifted by all the drift since. The rate is estimated over the whole baseline since the first
/// measurement, so the ±1 s quantisation of whole-second clocks fades as the baseline grows; a
/// measurement off the line by more than `resetSeconds` (the clock was set) starts a new baseline.
public struct MeterClockDrift: Sendable, Hashable {
    private var first: MeterClockOffset?
    private var last: MeterClockOffset?
    /// Shortest baseline (gateway seconds) before a drift rate is trusted.
    public var minimumBaselineSeconds: Int64 = 600
    public var resetSeconds: Int64 = 30

    public init() {}

    /// The most recent offset, `nil` before any measurement.
    public var latest: MeterClockOffset? { last }

    /// Seconds the meter gains per gateway second; 0 until the baseline is long enough.
    public var rate: Double {
        guard let first, let last, last.measuredAt - first.measuredAt >= minimumBaselineSeconds else { return 0 }
        return Double(last.seconds - first.seconds) / Double(last.measuredAt - first.measuredAt)
    }

    /// Folds in one reading of the meter's clock.
    public mutating func record(_ offset: MeterClockOffset) {
        if let last, abs(Double(offset.seconds) - predictedOffset(at: offset.measuredAt, from: last)) > Double(resetSeconds) {
            first = nil
        }
        if first == nil { first = offset }
        last = offset
    }

    /// A time of the meter's event log on the gateway's clock; `nil` before any measurement.
    public func gatewayTime(ofMeterTime meterTime: Int64) -> Int64? {
        guard let last else { return nil }
        // meterTime = t + offset(t), offset(t) = last.seconds + rate × (t − last.measuredAt); solve for t.
        let rate = rate
        let t = (Double(meterTime) - Double(last.seconds) + rate * Double(last.measuredAt)) / (1 + rate)
        return Int64(t.rounded())
    }

    private func predictedOffset(at time: Int64, from last: MeterClockOffset) -> Double {
        Double(last.seconds) + rate * Double(time - last.measuredAt)
    }
}
