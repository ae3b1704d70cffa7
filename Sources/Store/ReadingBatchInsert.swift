import GRDB
import GRDBSQLite
import GridWatchCore

/// Inserts one batch of readings inside the writer's transaction, binding values straight onto GRDB's
/// prepared statement handle (as fast as a C loop; GRDB's `StatementArguments` costs about half the rate).
/// A reading waiting in the writer for its batch.
struct PendingReading: Sendable {
    /// The series id, when the writer knew the series at enqueue time (else 0).
    var seriesID: Int64
    /// The series to look up or create in the transaction, when the writer did not know it.
    var unknownSeries: SeriesKey?
    var timeMillis: Int64
    var value: Double?
    var quality: ReadingQuality
}

enum ReadingBatchInsert {
    static let insertSQL = "INSERT OR REPLACE INTO readings_recent(series_id, time_ms, value, quality) VALUES (?, ?, ?, ?)"

    /// Inserts `batch`, creating the series (and bare device rows) it names for the first time.
    /// - Returns: the series created, to merge into the caller's cache.
    static func insert(_ batch: ArraySlice<PendingReading>, knownSeries: [SeriesKey: Int64], db: Database) throws -> [SeriesKey: Int64] {
        var created: [SeriesKey: Int64] = [:]
        let statement = try db.cachedStatement(sql: insertSQL)
        let handle = statement.sqliteStatement
        for reading in batch {
            var seriesID = reading.seriesID
            if let key = reading.unknownSeries {
                if let id = knownSeries[key] ?? created[key] {
                    seriesID = id
                } else {
                    seriesID = try createSeries(key, db: db)
                    created[key] = seriesID
                }
            }
            sqlite3_bind_int64(handle, 1, seriesID)
            sqlite3_bind_int64(handle, 2, reading.timeMillis)
            if let value = reading.value, value.isFinite {
                sqlite3_bind_double(handle, 3, value)
            } else {
                sqlite3_bind_null(handle, 3)
            }
            sqlite3_bind_int(handle, 4, reading.quality.storeCode)
            let code = sqlite3_step(handle)
            sqlite3_reset(handle)
            guard code == SQLITE_DONE else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: insertSQL)
            }
        }
        return created
    }

    /// Every series already in the database.
    static func loadSeries(_ db: Database) throws -> [SeriesKey: Int64] {
        var series: [SeriesKey: Int64] = [:]
        let rows = try Row.fetchCursor(db, sql: "SELECT id, device_id, point FROM series")
        while let row = try rows.next() {
            series[SeriesKey(deviceID: row[1], point: row[2])] = row[0]
        }
        return series
    }

    private static func createSeries(_ key: SeriesKey, db: Database) throws -> Int64 {
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO devices(id, updated_ms) VALUES (?, ?)")
            .execute(arguments: [key.deviceID, Store.nowMillis()])
        try db.cachedStatement(sql: "INSERT OR IGNORE INTO series(device_id, point) VALUES (?, ?)")
            .execute(arguments: [key.deviceID, key.point])
        return try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM series WHERE device_id = ? AND point = ?"),
            arguments: [key.deviceID, key.point])!
    }
}
