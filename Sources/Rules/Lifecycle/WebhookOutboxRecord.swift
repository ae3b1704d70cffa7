import Foundation

/// A webhook call waiting in the outbox: made on every opening and closing, POSTed as JSON, retried
/// with back-off until delivered. The store persists these; delivery is the daemon's.
public struct WebhookOutboxRecord: Sendable, Hashable, Codable {
    /// `<violation id>-opened` or `<violation id>-closed`: unique, so a replayed transition is not queued twice.
    public var id: String
    /// `violation.opened` or `violation.closed`.
    public var event: String
    /// Unix seconds.
    public var createdAt: Int64
    /// The JSON body.
    public var payload: String
    public var attempts = 0
    public var nextAttemptAt: Int64
    public var deliveredAt: Int64?

    /// First retry after 30 s, doubling up to one hour.
    public static func backOff(afterAttempts attempts: Int) -> Int64 {
        min(3_600, 30 << min(attempts - 1, 7))
    }

    /// A failed delivery attempt at `now`: schedules the next one.
    public mutating func recordFailure(at now: Int64) {
        attempts += 1
        nextAttemptAt = now + Self.backOff(afterAttempts: attempts)
    }

    public mutating func recordDelivery(at now: Int64) {
        attempts += 1
        deliveredAt = now
    }

    /// The outbox records of transitions, times in the payload at `clock`'s offset.
    public static func records(for transitions: [LifecycleTransition], clock: LocalClock) throws -> [WebhookOutboxRecord] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try transitions.map { transition in
            let violation = transition.violation
            let body = Payload(
                event: "violation." + transition.kind.rawValue, at: clock.format(transition.at),
                violation: .init(
                    id: violation.id, rule: violation.key.rule, level: violation.level.rawValue, entity: violation.key.entity.rawValue,
                    entity_id: violation.key.entityID, count: violation.count, opened_at: clock.format(violation.openedAt),
                    closed_at: violation.closedAt.map(clock.format),
                    window: .init(from: clock.format(violation.from), to: clock.format(violation.to)),
                    meters: Array(Set(violation.outages.map(\.meterID))).sorted()))
            return WebhookOutboxRecord(
                id: "\(violation.id)-\(transition.kind.rawValue)", event: body.event, createdAt: transition.at,
                payload: String(decoding: try encoder.encode(body), as: UTF8.self), nextAttemptAt: transition.at)
        }
    }

    private struct Payload: Encodable {
        struct Window: Encodable { let from, to: String }
        struct Body: Encodable {
            let id: Int
            let rule, level, entity, entity_id: String
            let count: Int
            let opened_at: String
            let closed_at: String?
            let window: Window
            /// The meters (customers) concerned, for the customer app's notices.
            let meters: [String]
        }
        let event, at: String
        let violation: Body
    }
}
