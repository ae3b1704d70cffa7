/// How the store opens its database and how its writer batches. Every field has a default.
public struct StoreConfiguration: Sendable, Hashable {
    /// Path of the SQLite database file.
    public var path: String
    /// Readings are committed at least this often while any are pending (default 1 s): the most a
    /// `kill -9` can lose.
    public var batchInterval: Duration
    /// A batch is committed as soon as this many readings are pending.
    public var batchSize: Int
    /// The writer moves committed readings from the time-ordered table it appends to into the
    /// series-ordered table once this many have accumulated, or once the oldest waited
    /// `settleInterval` (see `StoreSchema.devicesAndReadings` for why).
    public var settleRows: Int
    public var settleInterval: Duration
    /// Readings held in memory while the database cannot be written (disk full); beyond it the oldest
    /// pending readings are dropped and counted.
    public var maxPendingReadings: Int
    /// Raw readings are kept this long, then only their aggregates (default 35 days).
    public var rawRetention: Duration
    /// Per-minute aggregates are kept this long (default 400 days).
    public var minuteRetention: Duration
    /// Per-15-minute aggregates are kept this long; `nil` keeps them for ever (default 10 years).
    public var quarterHourRetention: Duration?
    /// Upper bound for the database's used pages; the maintenance job deletes the oldest raw readings,
    /// then the oldest per-minute aggregates, to stay under it. `nil`: no bound but retention.
    public var maxDatabaseBytes: Int64?
    /// When true, every outage, event, daily figure, health snapshot, violation and planned-outage
    /// notice written is also queued in `forward_outbox`, in the same transaction (issue 8).
    public var forwarding: Bool

    public init(
        path: String,
        batchInterval: Duration = .seconds(1),
        batchSize: Int = 10_000,
        maxPendingReadings: Int = 1_000_000,
        settleRows: Int = 200_000,
        settleInterval: Duration = .seconds(300),
        rawRetention: Duration = .seconds(35 * 86_400),
        minuteRetention: Duration = .seconds(400 * 86_400),
        quarterHourRetention: Duration? = .seconds(3_653 * 86_400),
        maxDatabaseBytes: Int64? = nil,
        forwarding: Bool = false
    ) {
        self.path = path
        self.batchInterval = batchInterval
        self.batchSize = batchSize
        self.maxPendingReadings = maxPendingReadings
        self.settleRows = settleRows
        self.settleInterval = settleInterval
        self.rawRetention = rawRetention
        self.minuteRetention = minuteRetention
        self.quarterHourRetention = quarterHourRetention
        self.maxDatabaseBytes = maxDatabaseBytes
        self.forwarding = forwarding
    }
}

extension Duration {
    /// The duration in whole milliseconds.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
