import GRDB

/// One bucket of a series at a coarser step than the raw readings.
public struct AggregatedReading: Sendable, Hashable, Codable {
    /// Start of the bucket, Unix milliseconds.
    public var timeMillis: Int64
    /// Readings in the bucket, with or without a value.
    public var samples: Int
    /// Readings with a value.
    public var count: Int
    public var min: Double?
    public var mean: Double?
    public var max: Double?
    /// The bucket's last value (the reading of an energy register at its end).
    public var last: Double?
}

extension Store {
    /// One point of one device in [from, to) in buckets of `step` (whole minutes), oldest first;
    /// buckets without readings are left out. Bucket edges count from `from` rounded down to the
    /// minute. Old data comes from the 15-minute tier when the step and `from` allow it, then the
    /// per-minute tier, and the newest (not yet condensed) from raw readings, so a series spans
    /// retention boundaries seamlessly (within what each tier keeps).
    public func aggregatedReadings(
        deviceID: String, point: String, fromMillis: Int64, toMillis to: Int64, step: Duration
    ) async throws -> [AggregatedReading] {
        let stepMillis = step.wholeMilliseconds
        guard stepMillis > 0, stepMillis % 60_000 == 0 else {
            throw StoreError(.invalidArgument, "step must be a whole number of minutes, not \(step)")
        }
        guard fromMillis <= to else { throw StoreError(.invalidArgument, "reversed range: from \(fromMillis) > to \(to)") }
        let from = fromMillis - ((fromMillis % 60_000) + 60_000) % 60_000
        return try await pool.read { db in
            guard let series = try Self.seriesID(deviceID: deviceID, point: point, db: db) else { return [] }
            func watermark(_ tier: AggregateTier) throws -> Int64 {
                try Int64.fetchOne(db, sql: "SELECT value FROM store_state WHERE key = ?", arguments: [tier.watermarkKey]) ?? from
            }
            let quarterUsable = stepMillis % 900_000 == 0 && from % 900_000 == 0
            let quarterEnd = quarterUsable ? min(to, max(from, try watermark(.quarterHour))) : from
            let minuteEnd = min(to, max(quarterEnd, try watermark(.minute)))
            var folder = BucketFolder(origin: from, step: stepMillis)
            for (tier, start, end) in [(AggregateTier.quarterHour, from, quarterEnd), (.minute, quarterEnd, minuteEnd)] where start < end {
                let rows = try Row.fetchCursor(
                    db, sql: """
                        SELECT bucket_ms, samples, count, sum, min, max, last FROM \(tier.table)
                        WHERE series_id = ? AND bucket_ms >= ? AND bucket_ms < ? ORDER BY bucket_ms
                        """,
                    arguments: [series, start, end])
                while let row = try rows.next() {
                    folder.add(time: row[0], samples: row[1], count: row[2], sum: row[3], min: row[4], max: row[5], last: row[6])
                }
            }
            let raw = try Row.fetchCursor(
                db, sql: "SELECT time_ms, value FROM (\(Self.rawRangeSQL)) ORDER BY time_ms", arguments: [series, minuteEnd, to])
            while let row = try raw.next() {
                let value: Double? = row[1]
                folder.add(time: row[0], samples: 1, count: value == nil ? 0 : 1, sum: value, min: value, max: value, last: value)
            }
            return folder.buckets
        }
    }
}

/// Folds tier rows and raw readings, in time order, into buckets of one step.
private struct BucketFolder {
    let origin: Int64
    let step: Int64
    private(set) var buckets: [AggregatedReading] = []
    private var sum = 0.0

    init(origin: Int64, step: Int64) {
        self.origin = origin
        self.step = step
    }

    mutating func add(time: Int64, samples: Int, count: Int, sum rowSum: Double?, min rowMin: Double?, max rowMax: Double?, last: Double?) {
        let start = origin + (time - origin) / step * step
        if buckets.last?.timeMillis != start {
            buckets.append(AggregatedReading(timeMillis: start, samples: 0, count: 0))
            sum = 0
        }
        var bucket = buckets.removeLast()
        bucket.samples += samples
        bucket.count += count
        sum += rowSum ?? 0
        if let rowMin { bucket.min = Swift.min(bucket.min ?? rowMin, rowMin) }
        if let rowMax { bucket.max = Swift.max(bucket.max ?? rowMax, rowMax) }
        if let last { bucket.last = last }
        bucket.mean = bucket.count > 0 ? sum / Double(bucket.count) : nil
        buckets.append(bucket)
    }
}
