/// How a gateway forwards to the central database (`forward:` in the gateway configuration).
public struct ForwardConfiguration: Sendable, Hashable {
    /// File holding the PostgreSQL URL; `nil`: the `GRIDWATCH_POSTGRES_URL` environment variable.
    public var postgresURLFile: String?
    /// Outbox items delivered per transaction (bench-fleet, one gateway: 42-50 K records/s with 5,000,
    /// 35 K with 1,000, whose per-transaction costs weigh more).
    public var batchSize: Int
    /// The first wait after a failed delivery; each further failure doubles it up to `maxBackoff`.
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// How often an empty outbox is looked at again.
    public var pollInterval: Duration
    /// A delivery (or the connection it waits for) taking longer fails and is retried after the back-off.
    public var deliveryTimeout: Duration
    /// The outbox is trimmed to this many items (oldest device-health snapshots first, outages never).
    public var maxOutboxItems: Int

    public init(
        postgresURLFile: String? = nil, batchSize: Int = 5_000, initialBackoff: Duration = .milliseconds(500),
        maxBackoff: Duration = .seconds(60), pollInterval: Duration = .seconds(1), deliveryTimeout: Duration = .seconds(30),
        maxOutboxItems: Int = 1_000_000
    ) {
        self.postgresURLFile = postgresURLFile
        self.batchSize = batchSize
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.pollInterval = pollInterval
        self.deliveryTimeout = deliveryTimeout
        self.maxOutboxItems = maxOutboxItems
    }

    /// The wait after `failures` consecutive failed deliveries (1 for the first).
    public func backoff(afterFailures failures: Int) -> Duration {
        var delay = initialBackoff
        for _ in 1..<max(1, failures) where delay < maxBackoff { delay *= 2 }
        return min(delay, maxBackoff)
    }
}
