/// Which clock a time was read from (spec §6.5: meter clocks drift; record where a time came from).
public enum TimeClock: String, Sendable, Hashable, CaseIterable {
    /// The meter's clock, corrected by its measured offset.
    case meterCorrected = "meter_corrected"
    /// The meter's clock as read: no offset was measured.
    case meterUncorrected = "meter_uncorrected"
    /// The gateway's clock (terminal-unit reports, inference from silence).
    case gateway
}

/// A meter's clock offset: meter clock minus gateway time, measured when the meter's clock is read.
public struct MeterClockOffset: Sendable, Hashable {
    /// Meter clock − gateway time, seconds.
    public let seconds: Int64
    /// Gateway time of the reply the offset was measured on.
    public let measuredAt: Int64

    /// The offset from one reading of the meter's clock: `meterClock` as the meter reported it and
    /// `gatewayTime` the gateway's time when the reply arrived.
    public init(meterClock: Int64, gatewayTime: Int64) {
        seconds = meterClock - gatewayTime
        measuredAt = gatewayTime
    }

    /// A time of the meter's event log on the gateway's clock.
    @inline(__always)
    public func gatewayTime(ofMeterTime meterTime: Int64) -> Int64 { meterTime - seconds }
}
