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
            try Row.fetchAll(
                db, sql: """
                    SELECT r.time_ms, r.value, r.quality FROM series s
                    JOIN readings r ON r.series_id = s.id AND r.time_ms >= ? AND r.time_ms < ?
                    WHERE s.device_id = ? AND s.point = ? ORDER BY r.time_ms LIMIT ?
                    """,
                arguments: [from, to, deviceID, point, limit]
            ).map { StoredReading(timeMillis: $0[0], value: $0[1], quality: ReadingQuality(storeCode: $0[2]) ?? .stale) }
        }
    }

    /// The newest raw reading of every point of a device, by point name.
    public func latestValues(deviceID: String) async throws -> [LatestValue] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT s.point, r.time_ms, r.value, r.quality FROM series s
                    JOIN readings r ON r.series_id = s.id
                        AND r.time_ms = (SELECT max(time_ms) FROM readings WHERE series_id = s.id)
                    WHERE s.device_id = ? ORDER BY s.point
                    """,
                arguments: [deviceID]
            ).map { LatestValue(point: $0[0], timeMillis: $0[1], value: $0[2], quality: ReadingQuality(storeCode: $0[3]) ?? .stale) }
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
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM readings") ?? 0 }
    }
}
