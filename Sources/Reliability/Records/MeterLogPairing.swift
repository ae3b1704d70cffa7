/// One entry of a meter's power event log.
public struct PowerEvent: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case powerOff = "power_off", powerOn = "power_on" }

    public var kind: Kind
    /// Unix seconds on the clock named by `clock`.
    public var time: Int64
    public var clock: TimeClock

    public init(_ kind: Kind, at time: Int64, clock: TimeClock = .meterUncorrected) {
        self.kind = kind
        self.time = time
        self.clock = clock
    }

    /// The event on the gateway's clock: corrected by `offset` when one was measured.
    public func corrected(by offset: MeterClockOffset?) -> PowerEvent {
        guard clock == .meterUncorrected, let offset else { return self }
        return PowerEvent(kind, at: offset.gatewayTime(ofMeterTime: time), clock: .meterCorrected)
    }
}

/// A meter's outage from its log: power-off to the next power-on (`end == nil`: still open).
public struct LoggedOutage: Sendable, Hashable {
    public var start: Int64
    public var end: Int64?
    public var clock: TimeClock

    public init(start: Int64, end: Int64?, clock: TimeClock) {
        self.start = start
        self.end = end
        self.clock = clock
    }
}

/// Something wrong in a meter's log, reported to the operator and not counted as an outage.
public enum LogFinding: Sendable, Hashable {
    /// A power-on with no power-off before it: discarded.
    case powerOnWithoutPowerOff(at: Int64)
    /// A power-off while already off: the earlier one is kept.
    case repeatedPowerOff(at: Int64, keptStart: Int64)
}

/// Pairs a meter's power-off / power-on entries into outages (spec §6.1).
public enum MeterLogPairing {
    /// Each power-off pairs with the next power-on; a repeated power-off keeps the earliest; a power-on
    /// with no power-off is discarded as a finding; a trailing power-off is an open outage. Entries are
    /// taken in time order (entries with equal times keep their order).
    public static func pair(_ events: [PowerEvent]) -> (outages: [LoggedOutage], findings: [LogFinding]) {
        var outages: [LoggedOutage] = []
        var findings: [LogFinding] = []
        var openOff: PowerEvent?
        for event in events.enumerated().sorted(by: { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }).map(\.element) {
            switch (event.kind, openOff) {
            case (.powerOff, nil): openOff = event
            case (.powerOff, let off?): findings.append(.repeatedPowerOff(at: event.time, keptStart: off.time))
            case (.powerOn, nil): findings.append(.powerOnWithoutPowerOff(at: event.time))
            case (.powerOn, let off?):
                outages.append(LoggedOutage(start: off.time, end: event.time, clock: off.clock))
                openOff = nil
            }
        }
        if let openOff { outages.append(LoggedOutage(start: openOff.time, end: nil, clock: openOff.clock)) }
        return (outages, findings)
    }
}
