/// Drift-free periodic deadlines: the k-th poll is due at `anchor + k × interval`, whatever the
/// previous polls took. A poll that ends after later deadlines have passed reports them as missed
/// instead of silently skipping them.
public struct PollDeadline: Sendable {
    public let interval: Duration
    /// When the next poll is due.
    public private(set) var due: ContinuousClock.Instant
    /// Deadlines passed while a poll overran, since the schedule started.
    public private(set) var missedDeadlines: Int = 0

    public init(interval: Duration, firstDue: ContinuousClock.Instant) {
        precondition(interval > .zero, "a poll interval must be positive")
        self.interval = interval
        self.due = firstDue
    }

    /// Moves to the first deadline after `now`, and returns how many deadlines were missed
    /// (passed while the poll that ended at `now` was still running).
    @discardableResult
    public mutating func advance(completedAt now: ContinuousClock.Instant) -> Int {
        let next = due + interval
        guard now >= next else {
            due = next
            return 0
        }
        let behind = Int(((now - next) / interval).rounded(.down)) + 1
        due = next + interval * behind
        missedDeadlines += behind
        return behind
    }
}
