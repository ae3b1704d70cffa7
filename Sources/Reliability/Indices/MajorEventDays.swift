import GridWatchCore

/// The IEEE 1366 "2.5 beta" Major Event Day threshold (spec §2).
public struct MajorEventDayThreshold: Sendable, Hashable {
    /// Mean of ln(daily SAIDI) over the history days with SAIDI > 0.
    public let alpha: Double
    /// Standard deviation of those logarithms.
    public let beta: Double
    /// T_MED = exp(α + 2.5 β), in minutes.
    public let thresholdMinutes: Double
    /// History days used (SAIDI > 0, inside the window).
    public let dayCount: Int

    /// The threshold from the `years` years of history before `periodStart` (all of it if less), days
    /// with SAIDI = 0 left out; `nil` when fewer than two days (one for `population`) remain.
    public init?(history: DailySAIDIHistory, periodStart: CivilDate, years: Int = 5,
                 standardDeviation: StandardDeviationKind = .sample) {
        let windowStart = CivilDate(year: periodStart.year - years, month: periodStart.month,
                                    day: min(periodStart.day, CivilDate.daysInMonth(year: periodStart.year - years, month: periodStart.month)))
        let logs = history.days
            .filter { $0.date >= windowStart && $0.date < periodStart && $0.saidiMinutes > 0 }
            .map { naturalLog($0.saidiMinutes) }
        let n = Double(logs.count)
        let denominator = standardDeviation == .sample ? n - 1 : n
        guard denominator > 0 else { return nil }
        let alpha = logs.reduce(0, +) / n
        let beta = (logs.reduce(0) { $0 + ($1 - alpha) * ($1 - alpha) } / denominator).squareRoot()
        self.alpha = alpha
        self.beta = beta
        thresholdMinutes = exponential(alpha + 2.5 * beta)
        dayCount = logs.count
    }

    /// A day is a Major Event Day when its SAIDI is strictly greater than the threshold.
    public func isMajorEventDay(saidiMinutes: Double) -> Bool { saidiMinutes > thresholdMinutes }
}

/// The reporting period's daily system SAIDI and which of its days are Major Event Days.
public struct MajorEventDays: Sendable {
    public let threshold: MajorEventDayThreshold?
    /// Local day (days since 1970-01-01) of `dailySAIDIMinutes[0]`.
    public let firstDay: Int64
    /// Daily SAIDI: CMI of sustained interruptions starting that day / customers served that day.
    public let dailySAIDIMinutes: [Double]
    /// Flags by day index (from `firstDay`).
    public let isMajorEventDay: [Bool]

    public var days: [CivilDate] {
        isMajorEventDay.indices.filter { isMajorEventDay[$0] }.map { CivilDate(daysSinceEpoch: firstDay + Int64($0)) }
    }
}

#if canImport(Glibc)
import Glibc
private func naturalLog(_ x: Double) -> Double { Glibc.log(x) }
private func exponential(_ x: Double) -> Double { Glibc.exp(x) }
#elseif canImport(Darwin)
import Darwin
private func naturalLog(_ x: Double) -> Double { Darwin.log(x) }
private func exponential(_ x: Double) -> Double { Darwin.exp(x) }
#endif
