import GRDB

/// One column value of a forwarded record, as SQLite holds it.
public enum ForwardValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
}

/// The current version of a queued record: its rows in `ForwardKind.columns` order. No rows means the
/// record no longer exists locally (superseded, deleted), so the central copy is removed.
public struct ForwardRecord: Sendable, Hashable {
    public var kind: ForwardKind
    public var localID: String
    public var rows: [[ForwardValue]]
}

extension ForwardKind {
    /// The columns forwarded for this kind, in the order of `ForwardRecord.rows`.
    public var columns: [String] {
        switch self {
        case .outage:
            ["id", "meter_id", "area", "line", "start_s", "end_s", "class", "cause", "cause_code", "work_order", "event_id",
             "reclose_operations", "source", "confidence", "log_start_s", "annotated_ms", "updated_ms"]
        case .event:
            ["id", "area", "line", "start_s", "end_s", "meters", "class", "cause", "cause_code", "work_order",
             "planned_notice_id", "annotated_ms", "updated_ms"]
        case .dailyFigures: ["day", "level", "scope_id", "name", "value"]
        case .deviceHealth:
            ["device_id", "time_ms", "status", "last_success_ms", "last_error_ms", "last_error", "last_error_code",
             "consecutive_failures", "success_ratio_hour", "success_ratio_day", "latency_p50_ms", "latency_p99_ms",
             "timeouts", "exceptions", "crc_errors", "offline_transitions"]
        case .violation:
            ["id", "rule_id", "level", "entity", "entity_id", "count", "window_from_s", "window_to_s", "opened_ms",
             "closed_ms", "acknowledged_ms", "remediation_note", "updated_ms"]
        case .plannedNotice: ["notice_id", "scope_level", "scope_id", "start_s", "end_s", "description", "imported_ms"]
        }
    }

    /// The local table and the condition selecting one record by its local id's parts.
    fileprivate var source: (table: String, condition: String) {
        switch self {
        case .outage: ("outages", "id = ?")
        case .event: ("interruption_events", "id = ?")
        case .dailyFigures: ("daily_figures", "level = ? AND scope_id = ? AND day = ?")
        case .deviceHealth: ("device_health_history", "device_id = ? AND time_ms = ?")
        case .violation: ("violations", "id = ?")
        case .plannedNotice: ("planned_notices", "id = ?")
        }
    }

    /// Splits a local id into the values of `source.condition` (see `ForwardKind` for the formats).
    fileprivate func keyArguments(_ localID: String) -> StatementArguments? {
        switch self {
        case .outage, .violation, .plannedNotice:
            return Int64(localID).map { [$0] }
        case .event:
            return [localID]
        case .dailyFigures:
            guard let first = localID.firstIndex(of: "/"), let last = localID.lastIndex(of: "/"), first < last else { return nil }
            return [String(localID[..<first]), String(localID[localID.index(after: first)..<last]),
                    String(localID[localID.index(after: last)...])]
        case .deviceHealth:
            guard let at = localID.lastIndex(of: "@"), let time = Int64(localID[localID.index(after: at)...]) else { return nil }
            return [String(localID[..<at]), time]
        }
    }
}

extension Store {
    /// The current version of every distinct record `items` name, in one read transaction, in the
    /// order of each record's last queued item. Each kind's query is prepared once a batch.
    public func forwardRecords(for items: [ForwardItem]) async throws -> [ForwardRecord] {
        var lastPosition: [ForwardKey: Int] = [:]
        for (position, item) in items.enumerated() { lastPosition[ForwardKey(kind: item.kind, localID: item.localID)] = position }
        let keys = lastPosition.sorted { $0.value < $1.value }.map(\.key)
        return try await pool.read { db in
            try keys.map { key in
                guard let arguments = key.kind.keyArguments(key.localID) else {
                    return ForwardRecord(kind: key.kind, localID: key.localID, rows: [])
                }
                let (table, condition) = key.kind.source
                let sql = "SELECT \(key.kind.columns.joined(separator: ", ")) FROM \(table) WHERE \(condition)"
                let rows = try Row.fetchAll(db.cachedStatement(sql: sql), arguments: arguments).map { row in
                    Array(row.databaseValues.map(ForwardValue.init))
                }
                return ForwardRecord(kind: key.kind, localID: key.localID, rows: rows)
            }
        }
    }
}

private struct ForwardKey: Hashable {
    var kind: ForwardKind
    var localID: String
}

extension ForwardValue {
    fileprivate init(_ value: DatabaseValue) {
        switch value.storage {
        case .null, .blob: self = .null
        case .int64(let v): self = .integer(v)
        case .double(let v): self = .real(v)
        case .string(let v): self = .text(v)
        }
    }
}
