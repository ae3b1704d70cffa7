import Foundation
import GRDB

extension Store {
    /// One maintenance pass (the daemon runs it every few minutes): settles the recent readings,
    /// condenses raw readings older than
    /// `lateness` into per-minute aggregates and those into per-15-minute aggregates, deletes what has
    /// outlived its retention (raw readings only once condensed), keeps the database under
    /// `maxDatabaseBytes`, and gives free pages back to the file system. Work is split into short
    /// transactions so that reading commits are never held up for long.
    @discardableResult
    public func maintain(at now: Int64 = Store.nowMillis(), lateness: Duration = .seconds(120)) async throws -> MaintenanceReport {
        try await settleRecentReadings()
        let minuteMark = try await condense(.minute, upTo: now - lateness.wholeMilliseconds)
        let quarterMark = try await condense(.quarterHour, upTo: minuteMark ?? 0)
        var report = MaintenanceReport(minuteWatermark: minuteMark, quarterHourWatermark: quarterMark, diskUsage: try await diskUsage())
        let config = configuration
        if let minuteMark {
            report.deletedRawReadings = try await deleteOlder(
                "readings", column: "time_ms", than: min(now - config.rawRetention.wholeMilliseconds, minuteMark))
        }
        if let quarterMark {
            report.deletedMinuteAggregates = try await deleteOlder(
                "readings_1m", column: "bucket_ms", than: min(now - config.minuteRetention.wholeMilliseconds, quarterMark))
        }
        if let retention = config.quarterHourRetention {
            report.deletedQuarterHourAggregates = try await deleteOlder(
                "readings_15m", column: "bucket_ms", than: now - retention.wholeMilliseconds)
        }
        if let limit = config.maxDatabaseBytes {
            report.deletedForSizeLimit = try await enforceSizeLimit(limit, minuteMark: minuteMark, quarterMark: quarterMark)
        }
        report.releasedPages = try await releaseFreePages()
        report.diskUsage = try await diskUsage()
        return report
    }

    /// The daemon's maintenance service: runs `maintain()` every `interval` until the task is
    /// cancelled. Each pass's report, or its error, goes to `onPass`; a failed pass is retried at the
    /// next interval.
    public func runMaintenance(
        every interval: Duration = .seconds(60),
        onPass: @Sendable (Result<MaintenanceReport, any Error>) -> Void = { _ in }
    ) async {
        while !Task.isCancelled {
            do {
                onPass(.success(try await maintain()))
            } catch is CancellationError {
                return
            } catch {
                onPass(.failure(error))
            }
            do { try await Task.sleep(for: interval) } catch { return }
        }
    }

    /// Pages, free pages and WAL size of the database.
    public func diskUsage() async throws -> DiskUsage {
        let path = configuration.path
        return try await pool.read { db in
            let walSize = ((try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? NSNumber)?.int64Value ?? 0
            return DiskUsage(
                pageSize: try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                pageCount: try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                freelistCount: try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0,
                walBytes: walSize)
        }
    }

    /// Condenses the tier up to `limit` (rounded down to its bucket width), one slice per transaction.
    /// - Returns: the tier's watermark, `nil` while there is nothing to condense yet.
    private func condense(_ tier: AggregateTier, upTo limit: Int64) async throws -> Int64? {
        let target = limit - limit % tier.widthMillis
        while true {
            let step = try await pool.write { db -> (mark: Int64?, done: Bool) in
                let stored = try Int64.fetchOne(db, sql: "SELECT value FROM store_state WHERE key = ?", arguments: [tier.watermarkKey])
                let from = stored ?? Int64.min
                guard from < target else { return (stored, true) }
                let (source, column) = tier.source
                guard let next = try AggregateTier.earliest(in: source, column: column, atOrAfter: from, db: db), next < target else {
                    if stored == nil { return (nil, true) }
                    try Self.setState(tier.watermarkKey, target, db: db)
                    return (target, true)
                }
                let sliceStart = next - next % tier.widthMillis
                let sliceEnd = min(target, sliceStart + tier.sliceMillis)
                try db.execute(sql: tier.condenseSQL, arguments: [sliceStart, sliceEnd])
                try Self.setState(tier.watermarkKey, sliceEnd, db: db)
                return (sliceEnd, sliceEnd >= target)
            }
            if step.done { return step.mark }
        }
    }

    /// Deletes rows of `table` older than `cutoff`, an hour of data per transaction.
    private func deleteOlder(_ table: String, column: String, than cutoff: Int64) async throws -> Int {
        var deleted = 0
        while case let count = try await deleteOldestHour(table, column: column, before: cutoff), count > 0 {
            deleted += count
        }
        return deleted
    }

    /// Deletes the oldest condensed raw readings, then the oldest per-minute aggregates already in the
    /// 15-minute tier, an hour at a time, until the used pages fit in `limit`.
    private func enforceSizeLimit(_ limit: Int64, minuteMark: Int64?, quarterMark: Int64?) async throws -> Int {
        var deleted = 0
        for (table, column, mark) in [("readings", "time_ms", minuteMark), ("readings_1m", "bucket_ms", quarterMark)] {
            guard let mark else { continue }
            while try await diskUsage().usedBytes > limit,
                  case let count = try await deleteOldestHour(table, column: column, before: mark), count > 0 {
                deleted += count
            }
        }
        return deleted
    }

    /// Deletes the first hour of `table`'s rows older than `cutoff`, in one transaction.
    /// - Returns: rows deleted; 0 when none is older than `cutoff`.
    private func deleteOldestHour(_ table: String, column: String, before cutoff: Int64) async throws -> Int {
        try await pool.write { db in
            guard let oldest = try AggregateTier.earliest(in: table, column: column, atOrAfter: .min, db: db),
                  oldest < cutoff else { return 0 }
            try db.execute(
                sql: "DELETE FROM \(table) WHERE series_id IN (SELECT id FROM series) AND \(column) < ?",
                arguments: [min(cutoff, oldest + 3_600_000)])
            return db.changesCount
        }
    }

    /// Gives free pages back to the file system, keeping a reserve (5 % of the file, at least 16
    /// pages) for the next writes.
    private func releaseFreePages() async throws -> Int64 {
        try await pool.writeWithoutTransaction { db in
            let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let reserve = max(16, (try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0) / 20)
            guard free > reserve else { return 0 }
            try db.execute(sql: "PRAGMA incremental_vacuum(\(free - reserve))")
            return free - (try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0)
        }
    }

    private static func setState(_ key: String, _ value: Int64, db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO store_state(key, value) VALUES (?, ?)", arguments: [key, value])
    }
}
