import GridWatchCore

/// Local dates and year starts at one fixed UTC offset (the offset of the evaluation time).
public struct LocalClock: Sendable, Hashable {
    public let utcOffsetSeconds: Int

    public init(utcOffsetSeconds: Int) { self.utcOffsetSeconds = utcOffsetSeconds }

    /// Local day (days since 1970-01-01) of an instant.
    @inline(__always)
    public func day(of unixSeconds: Int64) -> Int64 {
        ISO8601Time.localDay(unixSeconds: unixSeconds, utcOffsetSeconds: utcOffsetSeconds)
    }

    /// The instant of local midnight starting `day`.
    @inline(__always)
    public func midnight(of day: Int64) -> Int64 { day * 86_400 - Int64(utcOffsetSeconds) }

    /// Local midnight of 1 January of the year containing `unixSeconds`.
    public func yearStart(containing unixSeconds: Int64) -> Int64 {
        let year = CivilDate(daysSinceEpoch: day(of: unixSeconds)).year
        return midnight(of: CivilDate(year: year, month: 1, day: 1).daysSinceEpoch)
    }

    /// ISO-8601 text at this offset.
    public func format(_ unixSeconds: Int64) -> String {
        ISO8601Time.format(unixSeconds: unixSeconds, utcOffsetSeconds: utcOffsetSeconds)
    }
}
