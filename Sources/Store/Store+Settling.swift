import GRDB

extension Store {
    /// Moves every reading of `readings_recent` into the series-ordered `readings` table, a range of
    /// series per transaction (the maintenance job does it before condensing; the reading writer does
    /// it on its own as readings accumulate).
    /// - Returns: the readings moved.
    @discardableResult
    public func settleRecentReadings() async throws -> Int {
        var moved = 0
        for range in try await settlePlan() {
            moved += try await settleRecentReadings(seriesIn: range)
        }
        return moved
    }

    /// Splits the series ids into ranges holding about `chunkRows` recent readings each (assuming
    /// readings spread evenly over series); the last range is open-ended, for series created later.
    func settlePlan(chunkRows: Int = 20_000) async throws -> [Range<Int64>] {
        let (count, maxSeries) = try await pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM readings_recent") ?? 0,
                try Int64.fetchOne(db, sql: "SELECT max(id) FROM series") ?? 0
            )
        }
        guard count > 0 else { return [] }
        let chunks = Int64(max(1, (count + chunkRows - 1) / chunkRows))
        let width = max(1, (maxSeries + chunks) / chunks)
        var ranges: [Range<Int64>] = []
        var lower: Int64 = .min
        var upper = width
        while upper <= maxSeries {
            ranges.append(lower..<upper)
            lower = upper
            upper += width
        }
        ranges.append(lower..<Int64.max)
        return ranges
    }

    /// Moves the recent readings of series ids in `range` into `readings`, in one transaction.
    /// Readings older than the condensing watermarks (late: a backlog written after a full disk, a
    /// clock step) move the watermarks back so that the next maintenance pass condenses them too.
    func settleRecentReadings(seriesIn range: Range<Int64>) async throws -> Int {
        try await pool.write { db in
            try Self.rewindWatermarks(forLateReadingsOfSeriesIn: range, db: db)
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO readings(series_id, time_ms, value, quality)
                    SELECT series_id, time_ms, value, quality FROM readings_recent
                    WHERE series_id >= ? AND series_id < ? ORDER BY series_id, time_ms
                    """,
                arguments: [range.lowerBound, range.upperBound])
            let moved = db.changesCount
            try db.execute(
                sql: "DELETE FROM readings_recent WHERE series_id >= ? AND series_id < ?",
                arguments: [range.lowerBound, range.upperBound])
            return moved
        }
    }

    private static func rewindWatermarks(forLateReadingsOfSeriesIn range: Range<Int64>, db: Database) throws {
        guard let minuteMark = try Int64.fetchOne(
            db, sql: "SELECT value FROM store_state WHERE key = ?", arguments: [AggregateTier.minute.watermarkKey]),
            let late = try Int64.fetchOne(
                db, sql: "SELECT min(time_ms) FROM readings_recent WHERE time_ms < ? AND series_id >= ? AND series_id < ?",
                arguments: [minuteMark, range.lowerBound, range.upperBound])
        else { return }
        // Condensing again from raw readings is only right while the raw readings of that time are kept.
        let oldestRaw = try AggregateTier.earliest(in: "readings", column: "time_ms", atOrAfter: .min, db: db) ?? late
        guard late >= oldestRaw - oldestRaw % AggregateTier.minute.widthMillis else { return }
        for tier in AggregateTier.allCases {
            try db.execute(
                sql: "UPDATE store_state SET value = min(value, ?) WHERE key = ?",
                arguments: [late - late % tier.widthMillis, tier.watermarkKey])
        }
    }
}
