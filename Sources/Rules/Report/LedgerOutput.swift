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

    /// The columns of the table and CSV forms.
    public static let header = ["id", "rule", "level", "entity", "entity_id", "status", "count", "opened_at", "closed_at",
                                 "acknowledged_by", "remediation_note"]

    /// One violation under `header`, wherever it is kept (a ledger file, a gateway's database).
    public struct Row: Sendable {
        public var id: Int
        public var rule, level, entity, entityID: String
        public var isOpen: Bool
        public var count: Int
        public var openedAt: String
        public var closedAt: String?
        /// Who acknowledged; `""` when the acknowledgement names nobody.
        public var acknowledgedBy: String?
        public var remediationNote: String?

        public init(id: Int, rule: String, level: String, entity: String, entityID: String, isOpen: Bool, count: Int,
                    openedAt: String, closedAt: String?, acknowledgedBy: String?, remediationNote: String?) {
            (self.id, self.rule, self.level, self.entity, self.entityID) = (id, rule, level, entity, entityID)
            (self.isOpen, self.count, self.openedAt, self.closedAt) = (isOpen, count, openedAt, closedAt)
            (self.acknowledgedBy, self.remediationNote) = (acknowledgedBy, remediationNote)
        }

        /// The cells: an acknowledgement without a name shows as `yes`.
        var cells: [String] {
            [String(id), rule, level, entity, entityID, isOpen ? "open" : "closed", String(count), openedAt, closedAt ?? "",
             acknowledgedBy.map { $0.isEmpty ? "yes" : $0 } ?? "", remediationNote ?? ""]
        }
    }

    private static func row(_ violation: TrackedViolation, clock: LocalClock) -> Row {
        let item = item(violation, clock: clock)
        return Row(id: item.id, rule: item.rule, level: item.level, entity: item.entity, entityID: item.entity_id,
                   isOpen: violation.isOpen, count: item.count, openedAt: item.opened_at, closedAt: item.closed_at,
                   acknowledgedBy: item.acknowledged_by ?? (item.acknowledged_at == nil ? nil : ""),
                   remediationNote: item.remediation_note)
    }

    public static func csv(_ violations: [TrackedViolation], clock: LocalClock) -> String {
        csv(rows: violations.map { row($0, clock: clock) })
    }

    public static func table(_ violations: [TrackedViolation], clock: LocalClock) -> String {
        table(rows: violations.map { row($0, clock: clock) })
    }

    /// The rows as CSV under `header`.
    public static func csv(rows: [Row]) -> String {
        ([header.joined(separator: ",")] + rows.map { $0.cells.map(CSVText.field).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    /// The rows as a text table under `header`.
    public static func table(rows: [Row]) -> String {
        TextTable.render(header: header, rows: rows.map(\.cells))
    }
}
