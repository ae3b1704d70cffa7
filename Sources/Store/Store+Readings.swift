import GRDB
import GridWatchCore

/// One stored reading of a series.
public struct StoredReading: Sendable, Hashable, Codable {
    public var timeMillis: Int64
    public var value: Double?
    public var quality: ReadingQuality
}

/// The newest reading of one point of a device.
public struct LatestValue: Sendable, Hashable, Codable {
    public var point: String
    public var timeMillis: Int64
    public var value: Double?
    public var quality: ReadingQuality
}

extension Store {
    /// The raw readings of one point of one device in [from, to), oldest first, at most `limit`.
    public func readings(
        deviceID: String, point: String, fromMillis from: Int64, toMillis to: Int64, limit: Int = .max
    ) async throws -> [StoredReading] {
        guard from <= to else { throw StoreError(.invalidArgument, "reversed range: from \(from) > to \(to)") }
        return try await pool.read { db in
            guard let series = try Self.seriesID(deviceID: deviceID, point: point, db: db) else { return [] }
            return try Row.fetchAll(
                db, sql: "SELECT time_ms, value, quality FROM (\(Self.rawRangeSQL)) ORDER BY time_ms LIMIT ?",
                arguments: [series, from, to, limit]
            ).map { StoredReading(timeMillis: $0[0], value: $0[1], quality: ReadingQuality(storeCode: $0[2]) ?? .stale) }
        }
    }

    /// The newest raw reading of every point of a device, by point name.
    public func latestValues(deviceID: String) async throws -> [LatestValue] {
        try await pool.read { db in
            // One scan of the (small) recent table for all the device's series, then an index seek
            // into `readings` for the series without a recent reading.
            let recent = try Row.fetchAll(
                db, sql: """
                    SELECT s.point, max(r.time_ms), r.value, r.quality FROM readings_recent r
                    JOIN series s ON s.id = r.series_id AND s.device_id = ? GROUP BY r.series_id
                    """,
                arguments: [deviceID])
            let settled = try Row.fetchAll(
                db, sql: """
                    SELECT s.point, r.time_ms, r.value, r.quality FROM series s
                    JOIN readings r ON r.series_id = s.id
                        AND r.time_ms = (SELECT max(time_ms) FROM readings WHERE series_id = s.id)
                    WHERE s.device_id = ?
                    """,
                arguments: [deviceID])
            var latest: [String: LatestValue] = [:]
            for row in settled + recent {
                let value = LatestValue(point: row[0], timeMillis: row[1], value: row[2], quality: ReadingQuality(storeCode: row[3]) ?? .stale)
                if (latest[value.point]?.timeMillis ?? .min) <= value.timeMillis { latest[value.point] = value }
            }
            return latest.values.sorted { $0.point < $1.point }
        }
    }

    /// The point names a device has readings or aggregates for.
    public func points(deviceID: String) async throws -> [String] {
        try await pool.read { db in
            try String.fetchAll(db, sql: "SELECT point FROM series WHERE device_id = ? ORDER BY point", arguments: [deviceID])
        }
    }

    /// Number of raw readings stored (all series), for reports and tests.
    public func rawReadingCount() async throws -> Int {
        try await pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT count(*) FROM readings) + (SELECT count(*) FROM readings_recent)") ?? 0
        }
    }

    /// Raw rows `time_ms, value, quality` of series ?1 in [?2, ?3), from both reading tables.
    static let rawRangeSQL = """
        SELECT time_ms, value, quality FROM readings WHERE series_id = ?1 AND time_ms >= ?2 AND time_ms < ?3
        UNION ALL
        SELECT time_ms, value, quality FROM readings_recent WHERE time_ms >= ?2 AND time_ms < ?3 AND series_id = ?1
        """

    static func seriesID(deviceID: String, point: String, db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM series WHERE device_id = ? AND point = ?", arguments: [deviceID, point])
    }
}
