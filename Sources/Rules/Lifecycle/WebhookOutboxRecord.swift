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
        try transitions.map { transition in
            let violation = transition.violation
            let notice = ViolationNotice(
                event: transition.kind == .opened ? .opened : .closed, at: transition.at, violationID: Int64(violation.id),
                rule: violation.key.rule, level: violation.level.rawValue, entity: violation.key.entity.rawValue,
                entityID: violation.key.entityID, count: violation.count, openedAt: violation.openedAt, closedAt: violation.closedAt,
                window: violation.from...max(violation.from, violation.to), meters: violation.outages.map(\.meterID))
            return WebhookOutboxRecord(
                id: "\(violation.id)-\(transition.kind.rawValue)", event: notice.eventName, createdAt: transition.at,
                payload: try notice.json(clock: clock), nextAttemptAt: transition.at)
        }
    }
}
