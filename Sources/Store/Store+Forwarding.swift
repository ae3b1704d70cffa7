import GRDB

/// What a `forward_outbox` row names.
public enum ForwardKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `local_id` is the outage's `id`.
    case outage
    /// `local_id` is the interruption event's `id`.
    case event
    /// `local_id` is `level/scope_id/day`.
    case dailyFigures = "daily_figures"
    /// `local_id` is `device_id@time_ms` of a health snapshot.
    case deviceHealth = "device_health"
    /// `local_id` is the violation's `id`.
    case violation
    /// `local_id` is the planned-outage notice's row `id`.
    case plannedNotice = "planned_notice"
}

/// One queued record to forward to the central database.
public struct ForwardItem: Sendable, Hashable {
    public enum Operation: String, Sendable, Hashable { case upsert, delete }
    /// Position in the outbox; items are delivered in this order.
    public var sequence: Int64
    public var kind: ForwardKind
    /// The record's local id; with the gateway id it is the record's stable central id.
    public var localID: String
    public var operation: Operation
    public var createdMillis: Int64
}

extension Store {
    /// The oldest `limit` queued items after `sequence` (all when 0), in order. The forwarder reads each
    /// record's current version.
    public func pendingForwards(after sequence: Int64 = 0, limit: Int) async throws -> [ForwardItem] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, kind, local_id, op, created_ms FROM forward_outbox WHERE seq > ? ORDER BY seq LIMIT ?",
                arguments: [sequence, limit]
            ).compactMap { row in
                guard let kind = ForwardKind(rawValue: row[1]), let op = ForwardItem.Operation(rawValue: row[3]) else { return nil }
                return ForwardItem(sequence: row[0], kind: kind, localID: row[2], operation: op, createdMillis: row[4])
            }
        }
    }

    /// Removes the items the central database confirmed (every item up to and including `sequence`).
    public func confirmForwarded(through sequence: Int64) async throws {
        try await pool.write { db in
            try db.execute(sql: "DELETE FROM forward_outbox WHERE seq <= ?", arguments: [sequence])
        }
    }

    /// Bounds the outbox: while it holds more than `maxItems`, the oldest items of `droppable` kinds
    /// (never outages) are removed. Returns how many were dropped.
    @discardableResult
    public func trimForwardOutbox(maxItems: Int, droppable: Set<ForwardKind> = [.deviceHealth]) async throws -> Int {
        let kinds = droppable.subtracting([.outage]).map(\.rawValue)
        return try await pool.write { db in
            let total = try Int.fetchOne(db, sql: "SELECT count(*) FROM forward_outbox") ?? 0
            guard total > maxItems, !kinds.isEmpty else { return 0 }
            try db.execute(
                sql: """
                    DELETE FROM forward_outbox WHERE seq IN (
                        SELECT seq FROM forward_outbox WHERE kind IN (\(kinds.map { _ in "?" }.joined(separator: ",")))
                        ORDER BY seq LIMIT ?)
                    """,
                arguments: StatementArguments(kinds) + [total - maxItems])
            return db.changesCount
        }
    }

    /// Queues every stored record of `kinds` for forwarding, in one transaction: for a gateway that starts
    /// forwarding with a history, or a central database rebuilt from nothing. The central side upserts, so
    /// a record it already holds is only replaced by itself. Returns how many items were queued.
    @discardableResult
    public func queueStoredRecordsForForwarding(_ kinds: [ForwardKind] = ForwardKind.allCases) async throws -> Int {
        try await pool.write { db in
            var queued = 0
            for kind in kinds {
                try db.execute(
                    sql: "INSERT INTO forward_outbox(kind, op, created_ms, local_id) SELECT ?, 'upsert', ?, \(kind.storedLocalIDs)",
                    arguments: [kind.rawValue, Store.nowMillis()])
                queued += db.changesCount
            }
            return queued
        }
    }

    /// Queues a record for forwarding, inside the caller's transaction.
    static func queueForward(_ kind: ForwardKind, id: String, operation: ForwardItem.Operation = .upsert, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO forward_outbox(kind, local_id, op, created_ms) VALUES (?, ?, ?, ?)",
            arguments: [kind.rawValue, id, operation.rawValue, Store.nowMillis()])
    }
}

extension ForwardKind {
    /// The local id of every stored record of this kind, as SQL (`expression FROM table ...`), oldest first.
    fileprivate var storedLocalIDs: String {
        switch self {
        case .outage: "CAST(id AS TEXT) FROM outages ORDER BY id"
        case .event: "id FROM interruption_events ORDER BY start_s, id"
        case .dailyFigures: "level || '/' || scope_id || '/' || day FROM daily_figures GROUP BY day, level, scope_id ORDER BY day, level, scope_id"
        case .deviceHealth: "device_id || '@' || time_ms FROM device_health_history ORDER BY time_ms, device_id"
        case .violation: "CAST(id AS TEXT) FROM violations ORDER BY id"
        case .plannedNotice: "CAST(id AS TEXT) FROM planned_notices ORDER BY id"
        }
    }
}
