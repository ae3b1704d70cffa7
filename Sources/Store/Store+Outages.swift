import GRDB
import GridWatchCore

extension Store {
    /// Writes outage records in one transaction (see `OutageWrite` for insert/update/upsert rules),
    /// queuing each for forwarding when forwarding is on.
    /// - Returns: the stored id of each write, in order.
    @discardableResult
    public func saveOutages(_ writes: [OutageWrite], at now: Int64 = Store.nowMillis()) async throws -> [Int64] {
        let forwarding = configuration.forwarding
        return try await writeRecords { db in
            try writes.map { write in
                let id = try Self.save(write, now: now, db: db)
                if forwarding { try Self.queueForward(.outage, id: String(id), db: db) }
                for superseded in write.supersedes where superseded != id {
                    try Self.supersede(superseded, by: id, db: db)
                    if forwarding { try Self.queueForward(.outage, id: String(superseded), operation: .delete, db: db) }
                }
                return id
            }
        }
    }

    /// Outage records matching `query`, ordered by start then id.
    public func outages(_ query: OutageQuery) async throws -> [StoredOutage] {
        if let from = query.from, let to = query.to, from > to {
            throw StoreError(.invalidArgument, "reversed range: from \(from) > to \(to)")
        }
        var conditions: [String] = []
        var arguments: StatementArguments = []
        func add(_ sql: String, _ values: (any DatabaseValueConvertible)?...) {
            conditions.append(sql)
            arguments += StatementArguments(values)
        }
        if let meter = query.meterID { add("meter_id = ?", meter) }
        if let area = query.area { add("area = ?", area) }
        if let line = query.line { add("line = ?", line) }
        if let event = query.eventID { add("event_id = ?", event) }
        if query.openOnly { conditions.append("end_s IS NULL") }
        switch query.timeMatch {
        case .startingWithin:
            if let from = query.from { add("start_s >= ?", from) }
            if let to = query.to { add("start_s < ?", to) }
        case .overlapping:
            if let from = query.from { add("(end_s IS NULL OR end_s > ?)", from) }
            if let to = query.to { add("start_s < ?", to) }
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        arguments += [query.limit ?? -1, query.offset]
        let sql = "SELECT \(Self.outageColumns) FROM outages \(whereClause) ORDER BY start_s, id LIMIT ? OFFSET ?"
        let boundArguments = arguments
        return try await pool.read { db in
            // A cursor: rows are decoded one at a time, never all held as rows beside the records.
            try Array(Row.fetchCursor(db, sql: sql, arguments: boundArguments).map(Self.storedOutage))
        }
    }

    /// One outage record; throws `.unknownRecord` when there is none with this id.
    public func outage(id: Int64) async throws -> StoredOutage {
        let outage = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.outageColumns) FROM outages WHERE id = ?", arguments: [id])
                .map(Self.storedOutage)
        }
        guard let outage else { throw StoreError(.unknownRecord, "no outage with id \(id)") }
        return outage
    }

    static let outageColumns = """
        id, meter_id, area, line, start_s, end_s, class, cause, cause_code, work_order, event_id, \
        reclose_operations, source, confidence, log_start_s, annotated_ms, updated_ms
        """

    static func storedOutage(_ row: Row) -> StoredOutage {
        let record = OutageRecord(
            meterID: row[1], start: row[4], end: row[5], eventID: row[10],
            outageClass: OutageClass(rawValue: row[6]) ?? .faultInternal, cause: row[7], causeCode: row[8],
            workOrder: row[9], recloseOperations: row[11], source: OutageSource(rawValue: row[12]) ?? .imported,
            confidence: row[13])
        return StoredOutage(
            id: row[0], record: record, area: row[2], line: row[3], logStart: row[14], annotatedMillis: row[15],
            updatedMillis: row[16])
    }

    /// Timing and source always follow the write; the classification only while nobody annotated it.
    private static let updateAssignments = """
        meter_id = excluded.meter_id, area = excluded.area, line = excluded.line, start_s = excluded.start_s,
        end_s = excluded.end_s, event_id = coalesce(excluded.event_id, outages.event_id),
        reclose_operations = excluded.reclose_operations, source = excluded.source,
        confidence = excluded.confidence, log_start_s = coalesce(excluded.log_start_s, outages.log_start_s),
        updated_ms = excluded.updated_ms,
        class = CASE WHEN outages.annotated_ms IS NULL THEN excluded.class ELSE outages.class END,
        cause = CASE WHEN outages.annotated_ms IS NULL THEN excluded.cause ELSE outages.cause END,
        cause_code = CASE WHEN outages.annotated_ms IS NULL THEN excluded.cause_code ELSE outages.cause_code END,
        work_order = CASE WHEN outages.annotated_ms IS NULL THEN excluded.work_order ELSE outages.work_order END
        """

    private static func save(_ write: OutageWrite, now: Int64, db: Database) throws -> Int64 {
        if let id = write.id, try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM outages WHERE id = ?)", arguments: [id])! {
            throw StoreError(.unknownRecord, "no outage with id \(id) to update")
        }
        let r = write.record
        let values: StatementArguments = [
            write.id, r.meterID, write.area, write.line, r.start, r.end, r.outageClass.rawValue, r.cause, r.causeCode,
            r.workOrder, r.eventID, r.recloseOperations, r.source.rawValue, r.confidence, write.logStart, now,
        ]
        let insert = """
            INSERT INTO outages(id, meter_id, area, line, start_s, end_s, class, cause, cause_code, work_order,
                event_id, reclose_operations, source, confidence, log_start_s, updated_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        let conflictTarget = write.id != nil ? "(id)" : write.logStart != nil ? "(meter_id, log_start_s)" : nil
        guard let conflictTarget else {
            try db.execute(sql: insert, arguments: values)
            return db.lastInsertedRowID
        }
        return try Int64.fetchOne(
            db, sql: "\(insert) ON CONFLICT\(conflictTarget) DO UPDATE SET \(updateAssignments) RETURNING id",
            arguments: values)!
    }

    /// Deletes a provisional record, moving its annotation (when the keeper has none) and its
    /// violation links to `keeper`.
    private static func supersede(_ id: Int64, by keeper: Int64, db: Database) throws {
        try db.execute(
            sql: """
                UPDATE outages SET (class, cause, cause_code, work_order, annotated_ms) =
                    (SELECT class, cause, cause_code, work_order, annotated_ms FROM outages WHERE id = ?)
                WHERE id = ? AND annotated_ms IS NULL AND (SELECT annotated_ms FROM outages WHERE id = ?) IS NOT NULL
                """,
            arguments: [id, keeper, id])
        try db.execute(
            sql: "UPDATE OR IGNORE violation_outages SET outage_id = ? WHERE outage_id = ?", arguments: [keeper, id])
        try db.execute(sql: "DELETE FROM outages WHERE id = ?", arguments: [id])
    }
}
