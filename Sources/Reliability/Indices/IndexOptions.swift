/// How customers served (N_T, DL/T users_total) are counted over a period (spec §1).
public enum CustomerBase: String, Sendable, CaseIterable {
    /// Each meter weighted by the share of the period it was in service (the default).
    case dayWeighted = "day-weighted"
    /// Meters in service at the end of the period.
    case periodEnd = "period-end"
    /// Every meter of the topology, in-service dates ignored.
    case constant
}

/// Which standard deviation of the log daily SAIDI the Major Event Day threshold uses.
public enum StandardDeviationKind: String, Sendable, CaseIterable {
    /// n − 1 in the denominator (the default).
    case sample
    /// n in the denominator.
    case population
}

/// What to compute and the decisions behind it; every default is the spec's.
public struct IndexOptions: Sendable {
    /// Period start (inclusive) and end (exclusive), Unix seconds.
    public var from: Int64
    public var to: Int64
    /// Offset of local time: days (MED, daily SAIDI) are local days at this offset.
    public var utcOffsetSeconds: Int
    /// Open outages count their duration up to this instant.
    public var asOf: Int64
    /// IEEE: sustained means longer than this (exactly this is momentary).
    public var sustainedAboveSeconds: Int64 = 300
    /// IEEE: a momentary event groups operations within this time of its first.
    public var momentaryEventWindowSeconds: Int64 = 300
    /// DL/T 836: short outages last at most this long (excluded from the main indices).
    public var shortAtMostSeconds: Int64 = 180
    /// n values of CEMI_n and CEMSMI_n.
    public var cemiThresholds: [Int] = [1, 2, 3, 4, 5]
    /// CELID-s: at least one sustained interruption of at least this many minutes.
    public var celidSingleMinutes: Double = 180
    /// CELID-t: sustained interruptions totalling at least this many minutes.
    public var celidTotalMinutes: Double = 360
    public var customerBase: CustomerBase = .dayWeighted
    /// Daily SAIDI history for the MED threshold; `nil` computes no MEDs.
    public var medHistory: DailySAIDIHistory?
    public var medStandardDeviation: StandardDeviationKind = .sample
    /// Years of history before the period that the MED threshold uses.
    public var medHistoryYears = 5
    /// Tolerance for grouping outages without an event id into interruption events.
    public var eventToleranceSeconds: Int64 = InterruptionEvents.defaultToleranceSeconds

    public init(from: Int64, to: Int64, utcOffsetSeconds: Int = 0, asOf: Int64) {
        self.from = from
        self.to = to
        self.utcOffsetSeconds = utcOffsetSeconds
        self.asOf = asOf
    }

    /// Hours in the period (N_H, DL/T T): 8784 for a leap year.
    public var hours: Double { Double(to - from) / 3_600 }
}
