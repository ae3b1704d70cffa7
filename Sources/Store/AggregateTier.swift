import GRDB

/// The condensed tiers of readings: per-minute aggregates built from raw readings, per-15-minute
/// aggregates built from per-minute ones. Both tables have the same columns, so one SQL shape builds
/// either from the tier below.
enum AggregateTier: CaseIterable {
    case minute, quarterHour

    var table: String { self == .minute ? "readings_1m" : "readings_15m" }
    var widthMillis: Int64 { self == .minute ? 60_000 : 900_000 }
    /// The `store_state` key of the watermark: every bucket before it is condensed.
    var watermarkKey: String { self == .minute ? "condensed_1m_through_ms" : "condensed_15m_through_ms" }
    /// How much source time one maintenance transaction condenses.
    var sliceMillis: Int64 { self == .minute ? 3_600_000 : 6 * 3_600_000 }

    /// The source table and its time column.
    var source: (table: String, time: String) { self == .minute ? ("readings", "time_ms") : ("readings_1m", "bucket_ms") }

    /// (Re)builds this tier's buckets whose source rows lie in [?1, ?2): bucket sums and counts combine
    /// exactly; `last` is the last non-null value (for energy registers). Recomputing is idempotent.
    var condenseSQL: String {
        let (src, time) = source
        let width = widthMillis
        let rows = self == .minute
            ? "count(*) AS samples, count(r.value) AS count, sum(r.value) AS sum, min(r.value) AS min, max(r.value) AS max"
            : "sum(r.samples) AS samples, sum(r.count) AS count, sum(r.sum) AS sum, min(r.min) AS min, max(r.max) AS max"
        let lastColumn = self == .minute ? "value" : "last"
        return """
            INSERT OR REPLACE INTO \(table)(series_id, bucket_ms, samples, count, sum, min, max, last)
            SELECT g.series_id, g.bucket, g.samples, g.count, g.sum, g.min, g.max,
                (SELECT l.\(lastColumn) FROM \(src) l
                 WHERE l.series_id = g.series_id AND l.\(time) >= g.bucket AND l.\(time) < g.bucket + \(width)
                   AND l.\(lastColumn) IS NOT NULL
                 ORDER BY l.\(time) DESC LIMIT 1)
            FROM (
                SELECT r.series_id, r.\(time) - (r.\(time) % \(width)) AS bucket, \(rows)
                FROM series s JOIN \(src) r ON r.series_id = s.id AND r.\(time) >= ?1 AND r.\(time) < ?2
                GROUP BY r.series_id, bucket
            ) g
            """
    }

    /// The earliest source time at or after `time`, over every series (each an index seek).
    static func earliest(in table: String, column: String, atOrAfter time: Int64, db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db, sql: "SELECT min((SELECT min(\(column)) FROM \(table) WHERE series_id = s.id AND \(column) >= ?)) FROM series s",
            arguments: [time])
    }
}
