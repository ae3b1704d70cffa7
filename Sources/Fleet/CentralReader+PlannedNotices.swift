import GridWatchCore
import PostgresNIO
import Reliability

extension CentralReader {
    /// Every gateway's planned-outage notices, as a gateway reads its own (`PlannedNotices.all(in:)`):
    /// the notice id is the work order, the description the cause; ordered by start and notice id.
    public func plannedNotices() async throws -> [PlannedNotice] {
        let rows = try await client.query("""
            SELECT notice_id, scope_level, scope_id, start_s, end_s, description FROM fleet_planned_notices
            ORDER BY start_s, notice_id COLLATE "C", scope_level, scope_id COLLATE "C", gateway_id COLLATE "C"
            """, logger: logger)
        var notices: [PlannedNotice] = []
        for try await (noticeID, level, scope, start, end, description)
            in rows.decode((String, String, String, Int64, Int64, String?).self) {
            notices.append(PlannedNotice(
                scope: level == HierarchyLevel.line.rawValue ? .line(scope) : .area(scope), start: start, end: end,
                workOrder: noticeID, cause: description))
        }
        return notices
    }

    /// The fleet's topology, outage table and planned notices as `indices`, `outages` and `rules check`
    /// take a gateway's with `--config` (`storedOutageTable(in:)`): records that a notice covers take its
    /// class and work order.
    public func outageTableWithNotices(from: Int64? = nil, to: Int64? = nil, fields: CentralOutageFields = .all)
        async throws -> (topology: Topology, outages: OutageTable, plannedNotices: [PlannedNotice]) {
        async let notices = plannedNotices()
        var (topology, table) = try await outageTable(from: from, to: to, fields: fields)
        let applied = try await notices
        PlannedNoticeMatching.apply(applied, to: &table, topology: topology)
        return (topology, table, applied)
    }
}
