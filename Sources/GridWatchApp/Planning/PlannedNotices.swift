import GridWatchCore
import Reliability
import Store

/// Planned-outage notices kept in the gateway's database, in the domain's terms.
public enum PlannedNotices {
    /// Stores `notices` (re-importing a notice id replaces it).
    public static func importNotices(_ notices: [Reliability.PlannedNotice], into store: Store) async throws {
        try await store.importPlannedNotices(notices.map { notice in
            let (level, id): (HierarchyLevel, String) = switch notice.scope {
            case .area(let area): (.area, area)
            case .line(let line): (.line, line)
            }
            return StoredPlannedNotice(noticeID: notice.workOrder ?? "", scopeLevel: level, scopeID: id,
                                       start: notice.start, end: notice.end, description: notice.cause)
        })
    }

    /// Every stored notice.
    public static func all(in store: Store) async throws -> [Reliability.PlannedNotice] {
        try await store.plannedNotices(from: .min, to: .max).map { stored in
            Reliability.PlannedNotice(
                scope: stored.scopeLevel == .line ? .line(stored.scopeID) : .area(stored.scopeID),
                start: stored.start, end: stored.end, workOrder: stored.noticeID, cause: stored.description)
        }
    }
}
