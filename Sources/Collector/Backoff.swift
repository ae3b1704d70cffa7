/// Exponential back-off for re-probing an offline device: `initial`, doubling, capped at `maximum`.
public struct Backoff: Sendable, Hashable {
    public var initial: Duration
    public var maximum: Duration

    public init(initial: Duration = .milliseconds(500), maximum: Duration = .seconds(60)) {
        precondition(initial > .zero && maximum >= initial, "back-off needs 0 < initial <= maximum")
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before probe number `attempt` (0-based) of an offline device.
    public func delay(afterAttempt attempt: Int) -> Duration {
        var delay = initial
        for _ in 0..<max(0, attempt) where delay < maximum {
            delay *= 2
        }
        return min(delay, maximum)
    }
}
