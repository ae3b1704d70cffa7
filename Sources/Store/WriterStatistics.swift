/// One committed batch.
public struct CommitReport: Sendable, Hashable {
    /// Every reading enqueued with a sequence number at or below this is committed.
    public var committedThrough: UInt64
    /// Readings in this batch.
    public var readings: Int
    /// Time from the start of the transaction to its commit.
    public var transactionDuration: Duration
}

/// Running totals of a `ReadingWriter`, for health and metrics.
public struct WriterStatistics: Sendable, Hashable {
    public var committedThrough: UInt64 = 0
    public var committedReadings: Int = 0
    public var committedBatches: Int = 0
    public var failedBatches: Int = 0
    /// Readings dropped because more than `maxPendingReadings` were waiting.
    public var droppedReadings: Int = 0
    /// Readings moved from the time-ordered to the series-ordered table.
    public var settledReadings: Int = 0
    public var pendingReadings: Int = 0
    public var lastTransactionDuration: Duration?
    public var lastError: String?

    mutating func record(_ report: CommitReport) {
        committedThrough = report.committedThrough
        committedReadings += report.readings
        committedBatches += 1
        lastTransactionDuration = report.transactionDuration
    }
}
