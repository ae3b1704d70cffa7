import Foundation

/// The JSON body of the webhook call made when a violation opens or closes, so that the utility's
/// customer app can tell the customers concerned about outages and restoration. The daemon and
/// `rules check --ledger` send the same shape:
/// `{"event": "violation.opened", "at", "violation": {"id", "rule", "level", "entity", "entity_id",
/// "count", "opened_at", "closed_at", "window": {"from", "to"}, "meters"}}`.
public struct ViolationNotice: Sendable, Hashable {
    public enum Event: String, Sendable, Hashable, Codable { case opened, closed }

    public var event: Event
    /// Unix seconds of the opening or closing.
    public var at: Int64
    public var violationID: Int64
    public var rule: String
    public var level: String
    public var entity: String
    public var entityID: String
    public var count: Int
    /// Unix seconds.
    public var openedAt: Int64
    public var closedAt: Int64?
    public var window: ClosedRange<Int64>
    /// The meters (customers) whose counted outages made the violation.
    public var meters: [String]

    public init(event: Event, at: Int64, violationID: Int64, rule: String, level: String, entity: String, entityID: String,
                count: Int, openedAt: Int64, closedAt: Int64?, window: ClosedRange<Int64>, meters: some Sequence<String>) {
        self.event = event
        self.at = at
        self.violationID = violationID
        self.rule = rule
        self.level = level
        self.entity = entity
        self.entityID = entityID
        self.count = count
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.window = window
        self.meters = Array(Set(meters)).sorted()
    }

    /// The notice of a violation found by an evaluation, given the id it is kept under.
    public init(event: Event, at: Int64, violation: Violation, id: Int64, openedAt: Int64, closedAt: Int64? = nil) {
        self.init(event: event, at: at, violationID: id, rule: violation.rule, level: violation.level.rawValue,
                  entity: violation.entity.rawValue, entityID: violation.entityID, count: violation.count, openedAt: openedAt,
                  closedAt: closedAt, window: violation.from...max(violation.from, violation.to),
                  meters: violation.outages.map(\.meterID))
    }

    /// The webhook name of the event: `violation.opened` or `violation.closed`.
    public var eventName: String { "violation." + event.rawValue }

    /// The JSON body, times at `clock`'s offset.
    public func json(clock: LocalClock) throws -> String {
        let body = Payload(
            event: eventName, at: clock.format(at),
            violation: .init(
                id: violationID, rule: rule, level: level, entity: entity, entity_id: entityID, count: count,
                opened_at: clock.format(openedAt), closed_at: closedAt.map(clock.format),
                window: .init(from: clock.format(window.lowerBound), to: clock.format(window.upperBound)), meters: meters))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(body), as: UTF8.self)
    }

    private struct Payload: Encodable {
        struct Window: Encodable { let from, to: String }
        struct Body: Encodable {
            let id: Int64
            let rule, level, entity, entity_id: String
            let count: Int
            let opened_at: String
            let closed_at: String?
            let window: Window
            let meters: [String]
        }
        let event, at: String
        let violation: Body
    }
}
