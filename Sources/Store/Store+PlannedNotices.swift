import GRDB
import GridWatchCore

/// An announced planned outage for one area or line.
public struct PlannedNotice: Sendable, Hashable, Codable {
    public var noticeID: String
    /// `.area` or `.line`.
    public var scopeLevel: HierarchyLevel
    public var scopeID: String
    /// Announced window, Unix seconds.
    public var start: Int64
    public var end: Int64
    public var description: String?

    public init(noticeID: String, scopeLevel: HierarchyLevel, scopeID: String, start: Int64, end: Int64, description: String? = nil) {
        self.noticeID = noticeID
        self.scopeLevel = scopeLevel
        self.scopeID = scopeID
        self.start = start
        self.end = end
        self.description = description
    }
}

extension Store {
    /// Imports planned-outage notices (a notice re-imported with the same id and scope replaces the old),
    /// queuing each for forwarding when forwarding is on.
    public func importPlannedNotices(_ notices: [PlannedNotice], at now: Int64 = Store.nowMillis()) async throws {
        for notice in notices where notice.scopeLevel != .area && notice.scopeLevel != .line {
            throw StoreError(.invalidArgument, "planned notice '\(notice.noticeID)': scope must be area or line, not \(notice.scopeLevel.rawValue)")
        }
        let forwarding = configuration.forwarding
        try await writeRecords { db in
            for n in notices {
                let id = try Int64.fetchOne(
                    db, sql: """
                        INSERT INTO planned_notices(notice_id, scope_level, scope_id, start_s, end_s, description, imported_ms)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT(notice_id, scope_level, scope_id) DO UPDATE SET start_s = excluded.start_s,
                            end_s = excluded.end_s, description = excluded.description, imported_ms = excluded.imported_ms
                        RETURNING id
                        """,
                    arguments: [n.noticeID, n.scopeLevel.rawValue, n.scopeID, n.start, n.end, n.description, now])!
                if forwarding { try Self.queueForward(.plannedNotice, id: String(id), db: db) }
            }
        }
    }

    /// Notices whose announced window overlaps [from, to) (Unix seconds), oldest first.
    public func plannedNotices(from: Int64, to: Int64) async throws -> [PlannedNotice] {
        try await pool.read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT notice_id, scope_level, scope_id, start_s, end_s, description FROM planned_notices
                    WHERE start_s < ? AND end_s > ? ORDER BY start_s, notice_id
                    """,
                arguments: [to, from]
            ).map {
                PlannedNotice(noticeID: $0[0], scopeLevel: HierarchyLevel(rawValue: $0[1]) ?? .area, scopeID: $0[2],
                              start: $0[3], end: $0[4], description: $0[5])
            }
        }
    }
}
