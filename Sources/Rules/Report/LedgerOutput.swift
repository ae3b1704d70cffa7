import Foundation

/// `gridwatch violations` output: the tracked violations as JSON, CSV or a text table.
public enum LedgerOutput {
    private struct Item: Encodable {
        let id: Int
        let rule, level, entity, entity_id, status: String
        let count, max_count: Int
        let opened_at: String
        let closed_at: String?
        let window: [String: String]
        let outages: Int
        let acknowledged_at, acknowledged_by, remediation_note: String?
    }

    private static func item(_ violation: TrackedViolation, clock: LocalClock) -> Item {
        Item(id: violation.id, rule: violation.key.rule, level: violation.level.rawValue, entity: violation.key.entity.rawValue,
             entity_id: violation.key.entityID, status: violation.isOpen ? "open" : "closed", count: violation.count,
             max_count: violation.maxCount, opened_at: clock.format(violation.openedAt), closed_at: violation.closedAt.map(clock.format),
             window: ["from": clock.format(violation.from), "to": clock.format(violation.to)], outages: violation.outages.count,
             acknowledged_at: violation.acknowledgement.map { clock.format($0.at) }, acknowledged_by: violation.acknowledgement?.by,
             remediation_note: violation.remediationNote)
    }

    public static func json(_ violations: [TrackedViolation], clock: LocalClock) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(["violations": violations.map { item($0, clock: clock) }]), as: UTF8.self)
    }

    /// The columns of the table and CSV forms, for violations kept elsewhere (a gateway's database).
    public static let header = ["id", "rule", "level", "entity", "entity_id", "status", "count", "opened_at", "closed_at",
                                 "acknowledged_by", "remediation_note"]

    private static func cells(_ violation: TrackedViolation, clock: LocalClock) -> [String] {
        let item = item(violation, clock: clock)
        return [String(item.id), item.rule, item.level, item.entity, item.entity_id, item.status, String(item.count), item.opened_at,
                item.closed_at ?? "", item.acknowledged_by ?? (item.acknowledged_at == nil ? "" : "yes"), item.remediation_note ?? ""]
    }

    public static func csv(_ violations: [TrackedViolation], clock: LocalClock) -> String {
        csv(rows: violations.map { cells($0, clock: clock) })
    }

    public static func table(_ violations: [TrackedViolation], clock: LocalClock) -> String {
        table(rows: violations.map { cells($0, clock: clock) })
    }

    /// CSV of rows whose cells follow `header`.
    public static func csv(rows: [[String]]) -> String {
        ([header.joined(separator: ",")] + rows.map { $0.map(CSVText.field).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    /// A text table of rows whose cells follow `header`.
    public static func table(rows: [[String]]) -> String {
        TextTable.render(header: header, rows: rows)
    }
}
