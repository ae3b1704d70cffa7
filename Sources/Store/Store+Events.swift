import GRDB
import GridWatchCore

extension Store {
    /// Inserts or updates interruption events. An annotated event keeps its class, cause, cause code
    /// and work order.
    public func saveEvents(_ events: [InterruptionEventRecord], at now: Int64 = Store.nowMillis()) async throws {
        let forwarding = configuration.forwarding
        try await writeRecords { db in
            for e in events {
                try db.execute(
                    sql: """
                        INSERT INTO interruption_events(id, area, line, start_s, end_s, meters, class, cause, cause_code,
                            work_order, planned_notice_id, updated_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(id) DO UPDATE SET area = excluded.area, line = excluded.line,
                            start_s = excluded.start_s, end_s = excluded.end_s, meters = excluded.meters,
                            planned_notice_id = excluded.planned_notice_id, updated_ms = excluded.updated_ms,
                            class = CASE WHEN annotated_ms IS NULL THEN excluded.class ELSE class END,
                            cause = CASE WHEN annotated_ms IS NULL THEN excluded.cause ELSE cause END,
                            cause_code = CASE WHEN annotated_ms IS NULL THEN excluded.cause_code ELSE cause_code END,
                            work_order = CASE WHEN annotated_ms IS NULL THEN excluded.work_order ELSE work_order END
                        """,
                    arguments: [
                        e.id, e.area, e.line, e.start, e.end, e.meters, e.outageClass.rawValue, e.cause, e.causeCode,
                        e.workOrder, e.plannedNoticeID, now,
                    ])
                if forwarding { try Self.queueForward(.event, id: e.id, db: db) }
            }
        }
    }

    /// One event with its outage records; throws `.unknownRecord` if there is none with this id.
    public func event(id: String) async throws -> (event: InterruptionEventRecord, outages: [StoredOutage]) {
        let found = try await pool.read { db -> (InterruptionEventRecord, [StoredOutage])? in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT \(Self.eventColumns) FROM interruption_events WHERE id = ?", arguments: [id])
            else { return nil }
            let outages = try Row.fetchAll(
                db, sql: "SELECT \(Self.outageColumns) FROM outages WHERE event_id = ? ORDER BY start_s, id", arguments: [id])
            return (Self.event(row), outages.map(Self.storedOutage))
        }
        guard let found else { throw StoreError(.unknownRecord, "no interruption event '\(id)'") }
        return found
    }

    /// Events that started in [from, to) (Unix seconds), optionally of one area, oldest first.
    public func events(from: Int64, to: Int64, area: String? = nil) async throws -> [InterruptionEventRecord] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT \(Self.eventColumns) FROM interruption_events
                    WHERE start_s >= ? AND start_s < ? AND (? IS NULL OR area = ?) ORDER BY start_s, id
                    """,
                arguments: [from, to, area, area]
            ).map(Self.event)
        }
    }

    /// Classifies an event and every outage record of it, in one transaction, and keeps the annotation
    /// in the event's history. Throws `.unknownRecord` for an unknown event.
    public func annotateEvent(id: String, _ annotation: EventAnnotation, at now: Int64 = Store.nowMillis()) async throws {
        let forwarding = configuration.forwarding
        try await writeRecords { db in
            let assignments = "class = coalesce(?, class), cause = coalesce(?, cause), cause_code = coalesce(?, cause_code), work_order = coalesce(?, work_order), annotated_ms = ?, updated_ms = ?"
            let values: StatementArguments = [
                annotation.outageClass?.rawValue, annotation.cause, annotation.causeCode, annotation.workOrder, now, now,
            ]
            try db.execute(sql: "UPDATE interruption_events SET \(assignments) WHERE id = ?", arguments: values + [id])
            guard db.changesCount == 1 else { throw StoreError(.unknownRecord, "no interruption event '\(id)'") }
            let outageIDs = try Int64.fetchAll(db, sql: "SELECT id FROM outages WHERE event_id = ?", arguments: [id])
            try db.execute(sql: "UPDATE outages SET \(assignments) WHERE event_id = ?", arguments: values + [id])
            try db.execute(
                sql: "INSERT INTO event_annotations(event_id, time_ms, class, cause, cause_code, work_order, author) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [id, now, annotation.outageClass?.rawValue, annotation.cause, annotation.causeCode, annotation.workOrder, annotation.author])
            if forwarding {
                try Self.queueForward(.event, id: id, db: db)
                for outageID in outageIDs { try Self.queueForward(.outage, id: String(outageID), db: db) }
            }
        }
    }

    /// An event's annotation history, oldest first, with the time of each.
    public func eventAnnotations(id: String) async throws -> [(timeMillis: Int64, annotation: EventAnnotation)] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT time_ms, class, cause, cause_code, work_order, author FROM event_annotations WHERE event_id = ? ORDER BY time_ms, id",
                arguments: [id]
            ).map { row in
                let outageClass: String? = row[1]
                return (row[0], EventAnnotation(
                    outageClass: outageClass.flatMap(OutageClass.init(rawValue:)), cause: row[2], causeCode: row[3],
                    workOrder: row[4], author: row[5]))
            }
        }
    }

    private static let eventColumns =
        "id, area, line, start_s, end_s, meters, class, cause, cause_code, work_order, planned_notice_id, annotated_ms"

    private static func event(_ row: Row) -> InterruptionEventRecord {
        InterruptionEventRecord(
            id: row[0], area: row[1], line: row[2], start: row[3], end: row[4], meters: row[5],
            outageClass: OutageClass(rawValue: row[6]) ?? .faultInternal, cause: row[7], causeCode: row[8],
            workOrder: row[9], plannedNoticeID: row[10], annotatedMillis: row[11])
    }
}
