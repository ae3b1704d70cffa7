/// A meter's clock as a straight line fitted through its offset measurements (offset and drift rate),
/// so that event-log times stamped before the last measurement are corrected by the offset the clock
/// had *then*, not now.
///
/// A drifting meter (minutes a day are common) read a while after an outage would otherwise have its
/// outage shifted by all the drift since. The line is a least-squares fit over every measurement since
/// the baseline began (Welford's online update: constant memory, no cancellation over years), so the
/// ±1 s quantisation and the reply delay of single readings average out. A drift is applied only when
/// the fitted slope stands out of its own noise (more than three standard errors); otherwise the mean
/// offset is used, so the noise of a steady clock never stretches or shrinks a logged duration. A
/// measurement off the line by more than `resetSeconds` (the clock was set) starts a new baseline.
public struct MeterClockDrift: Sendable, Hashable {
    private var count = 0.0
    private var meanTime = 0.0
    private var meanOffset = 0.0
    /// Σ (t − mean t)², Σ (t − mean t)(offset − mean offset), Σ (offset − mean offset)².
    private var timeSpread = 0.0
    private var coSpread = 0.0
    private var offsetSpread = 0.0
    private var firstTime: Int64 = 0
    public private(set) var latest: MeterClockOffset?
    /// Shortest baseline (gateway seconds) before a drift rate is trusted.
    public var minimumBaselineSeconds: Int64 = 1_800
    public var resetSeconds: Int64 = 30

    public init() {}

    /// Seconds the meter gains per gateway second; 0 until the baseline is long enough and the drift
    /// stands out of the measurements' noise.
    public var rate: Double {
        guard let latest, latest.measuredAt - firstTime >= minimumBaselineSeconds, count >= 3 else { return 0 }
        let slope = fittedSlope
        let residualVariance = max(0, offsetSpread - slope * coSpread) / (count - 2)
        let standardError = (residualVariance / timeSpread).squareRoot()
        return abs(slope) > 3 * standardError ? slope : 0
    }

    /// The slope of the fit however short the baseline: good enough to tell a set clock from drift.
    private var fittedSlope: Double { timeSpread > 0 ? coSpread / timeSpread : 0 }

    /// The fitted offset at gateway time `time`; `nil` before any measurement.
    public func offset(at time: Int64) -> Double? {
        guard latest != nil else { return nil }
        return meanOffset + rate * (Double(time) - meanTime)
    }

    /// Folds in one reading of the meter's clock.
    public mutating func record(_ offset: MeterClockOffset) {
        let predicted = meanOffset + fittedSlope * (Double(offset.measuredAt) - meanTime)
        if latest != nil, abs(Double(offset.seconds) - predicted) > Double(resetSeconds) {
            self = MeterClockDrift(minimumBaselineSeconds: minimumBaselineSeconds, resetSeconds: resetSeconds)
        }
        if latest == nil { firstTime = offset.measuredAt }
        latest = offset
        count += 1
        let time = Double(offset.measuredAt), value = Double(offset.seconds)
        let timeDelta = time - meanTime, offsetDelta = value - meanOffset
        meanTime += timeDelta / count
        meanOffset += offsetDelta / count
        timeSpread += timeDelta * (time - meanTime)
        coSpread += timeDelta * (value - meanOffset)
        offsetSpread += offsetDelta * (value - meanOffset)
    }

    /// A time of the meter's event log on the gateway's clock; `nil` before any measurement.
    public func gatewayTime(ofMeterTime meterTime: Int64) -> Int64? {
        guard latest != nil else { return nil }
        // meterTime = t + offset(t), offset(t) = meanOffset + rate × (t − meanTime); solve for t.
        // A fitted rate near -1 (a stopped clock) is a broken clock, not drift: use the offset alone.
        let rate = abs(rate) < 0.5 ? rate : 0
        let t = (Double(meterTime) - meanOffset + rate * meanTime) / (1 + rate)
        return Int64(t.rounded())
    }

    private init(minimumBaselineSeconds: Int64, resetSeconds: Int64) {
        self.minimumBaselineSeconds = minimumBaselineSeconds
        self.resetSeconds = resetSeconds
    }
}
