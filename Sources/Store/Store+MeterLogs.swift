import GRDB

/// One record of a meter's outage event log, as the meter's clock gave it.
public struct MeterLogRecord: Sendable, Hashable, Codable {
    public var meterID: String
    /// Start and end in the meter's clock, Unix seconds; `loggedEnd == nil` while the record is open
    /// (the meter logged end 0).
    public var loggedStart: Int64
    public var loggedEnd: Int64?
    /// Meter clock minus gateway time at the reply that carried this record.
    public var clockOffsetMillis: Int64
    /// When the gateway read it.
    public var readMillis: Int64

    public init(meterID: String, loggedStart: Int64, loggedEnd: Int64?, clockOffsetMillis: Int64, readMillis: Int64) {
        self.meterID = meterID
        self.loggedStart = loggedStart
        self.loggedEnd = loggedEnd
        self.clockOffsetMillis = clockOffsetMillis
        self.readMillis = readMillis
    }
}

/// What the gateway last knew of a meter's event log.
public struct MeterLogState: Sendable, Hashable, Codable {
    public var meterID: String
    /// The meter's `outage_count` at the last read; `nil` before the log was first read (then every
    /// record in the log is to be imported).
    public var outageCount: Int?
    /// Meter clock minus gateway time, as last measured.
    public var clockOffsetMillis: Int64?
    public var readMillis: Int64
}

extension Store {
    /// Stores one read of a meter's log: its records (by meter and logged start: re-reading never
    /// duplicates), the `outage_count` and the clock offset, in one transaction.
    /// - Returns: the records that were new or whose end changed (what the aggregator must process).
    @discardableResult
    public func saveMeterLog(
        meterID: String, outageCount: Int?, clockOffsetMillis: Int64?, records: [MeterLogRecord],
        at now: Int64 = Store.nowMillis()
    ) async throws -> [MeterLogRecord] {
        try await pool.write { db in
            var changed: [MeterLogRecord] = []
            for record in records {
                try db.execute(
                    sql: """
                        INSERT INTO meter_log_records(meter_id, logged_start_s, logged_end_s, clock_offset_ms, read_ms)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT(meter_id, logged_start_s) DO UPDATE SET logged_end_s = excluded.logged_end_s,
                            clock_offset_ms = excluded.clock_offset_ms, read_ms = excluded.read_ms
                        WHERE logged_end_s IS NOT excluded.logged_end_s
                        """,
                    arguments: [record.meterID, record.loggedStart, record.loggedEnd, record.clockOffsetMillis, record.readMillis])
                if db.changesCount > 0 { changed.append(record) }
            }
            try db.execute(
                sql: """
                    INSERT INTO meter_log_state(meter_id, outage_count, clock_offset_ms, read_ms) VALUES (?, ?, ?, ?)
                    ON CONFLICT(meter_id) DO UPDATE SET outage_count = coalesce(excluded.outage_count, outage_count),
                        clock_offset_ms = coalesce(excluded.clock_offset_ms, clock_offset_ms), read_ms = excluded.read_ms
                    """,
                arguments: [meterID, outageCount, clockOffsetMillis, now])
            return changed
        }
    }

    /// The last known log state of a meter; `nil` if its log was never read.
    public func meterLogState(meterID: String) async throws -> MeterLogState? {
        try await pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT meter_id, outage_count, clock_offset_ms, read_ms FROM meter_log_state WHERE meter_id = ?",
                arguments: [meterID]
            ).map { MeterLogState(meterID: $0[0], outageCount: $0[1], clockOffsetMillis: $0[2], readMillis: $0[3]) }
        }
    }

    /// A meter's stored log records, oldest first; `openOnly` gives those still without an end.
    public func meterLogRecords(meterID: String, openOnly: Bool = false) async throws -> [MeterLogRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT meter_id, logged_start_s, logged_end_s, clock_offset_ms, read_ms FROM meter_log_records
                    WHERE meter_id = ? \(openOnly ? "AND logged_end_s IS NULL" : "") ORDER BY logged_start_s
                    """,
                arguments: [meterID]
            ).map {
                MeterLogRecord(meterID: $0[0], loggedStart: $0[1], loggedEnd: $0[2], clockOffsetMillis: $0[3], readMillis: $0[4])
            }
        }
    }
}

extension Store {
    /// Every meter's clock offset (meter clock minus gateway time) as last measured with its log, in
    /// whole seconds, by meter id.
    public func meterClockOffsets() async throws -> [String: Int64] {
        try await pool.read { db in
            var offsets: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT meter_id, clock_offset_ms FROM meter_log_state WHERE clock_offset_ms IS NOT NULL")
            while let row = try rows.next() {
                let millis: Int64 = row[1]
                offsets[row[0]] = millis / 1000
            }
            return offsets
        }
    }
}
