import GRDB
import GridWatchCore

/// The single writer of readings: collects readings in memory and commits them in batches.
///
/// Commits append to the time-ordered `readings_recent`; between commits, the writer moves them a
/// range of series at a time into the series-ordered `readings` ("settling": once `settleRows` have
/// accumulated or the oldest waited `settleInterval`), so commits stay cheap and range reads contiguous.
///
/// `enqueue` never waits for the disk. `run()` (a long-running service) commits the pending readings
/// at least every `batchInterval`, and at once whenever `batchSize` are pending; each commit is one
/// transaction executed on GRDB's serial writer queue, so no SQLite call ever blocks Swift's
/// cooperative pool. Readings get increasing sequence numbers; `committedThrough` is the durable
/// high-water mark: every reading with a sequence number at or below it is in the database.
/// When the database cannot be written (disk full) the readings stay pending, up to
/// `maxPendingReadings`, beyond which the oldest are dropped and counted in `droppedReadings`
/// (their sequence numbers are then covered by `committedThrough` without being stored).
public actor ReadingWriter {
    private let store: Store
    private let runID: Int64?
    private let onCommit: (@Sendable (CommitReport) -> Void)?
    private let batchInterval: Duration
    private let batchSize: Int
    private let maxPending: Int
    private let wake = WakeSignal()

    private var pending: [PendingReading] = []
    /// Sequence number of `pending.first`.
    private var pendingFirstSequence: UInt64 = 1
    /// Enqueue time of the oldest pending reading.
    private var oldestPendingSince: ContinuousClock.Instant?
    /// Series ids by (device, point); `nil` until the first commit loaded them from the database.
    private var knownSeries: [SeriesKey: Int64]?
    /// How many of the first pending readings the current transaction is writing (0 when idle).
    private var inFlight = 0
    private var isCommitting: Bool { inFlight > 0 }
    private var retryNotBefore: ContinuousClock.Instant?
    private var commitWaiters: [CheckedContinuation<Void, Never>] = []
    private var stats = WriterStatistics()
    private var settling: SettlingSchedule

    /// - Parameters:
    ///   - runID: the daemon run (`Store.beginRun`) whose liveness each batch records, so that a
    ///     later start can tell when this run stopped.
    ///   - onCommit: called after every committed batch (on the writer's executor; keep it short).
    public init(store: Store, runID: Int64? = nil, onCommit: (@Sendable (CommitReport) -> Void)? = nil) {
        self.store = store
        self.runID = runID
        self.onCommit = onCommit
        batchInterval = store.configuration.batchInterval
        batchSize = max(1, store.configuration.batchSize)
        maxPending = max(batchSize, store.configuration.maxPendingReadings)
        settling = SettlingSchedule(rows: store.configuration.settleRows, interval: store.configuration.settleInterval)
    }

    /// Queues readings for the next batch and returns the sequence number of the last one
    /// (compare it with `CommitReport.committedThrough`).
    @discardableResult
    public func enqueue(_ readings: [Reading]) -> UInt64 {
        if pending.count == inFlight { oldestPendingSince = .now }
        let waiting = pending.count - inFlight
        // Series are resolved here, beside the SQLite thread rather than inside the transaction.
        for reading in readings {
            let key = SeriesKey(deviceID: reading.deviceID, point: reading.point)
            let id = knownSeries?[key]
            pending.append(PendingReading(
                seriesID: id ?? 0, unknownSeries: id == nil ? key : nil, timeMillis: reading.timeMillis,
                value: reading.value, quality: reading.quality))
        }
        dropOverflow()
        if waiting < batchSize, pending.count - inFlight >= batchSize { wake.signal() }
        return lastSequence
    }

    /// Keeps at most `maxPending` readings, dropping the oldest; never the batch being committed.
    private func dropOverflow() {
        guard !isCommitting, pending.count > maxPending else { return }
        let dropped = pending.count - maxPending
        pending.removeFirst(dropped)
        pendingFirstSequence += UInt64(dropped)
        stats.droppedReadings += dropped
    }

    /// Statistics for health and metrics.
    public var statistics: WriterStatistics {
        var current = stats
        current.pendingReadings = pending.count
        return current
    }

    /// Commits everything enqueued before this call, then returns. Throws when a batch fails.
    public func flush() async throws {
        let target = lastSequence
        while stats.committedThrough < target {
            if isCommitting {
                await withCheckedContinuation { commitWaiters.append($0) }
            } else {
                try await commitBatch()
            }
        }
    }

    /// Commits batches, and settles between them, until the task is cancelled; then commits what is
    /// left. Failed batches are retried after `batchInterval`; the last error is in `statistics`.
    public func run() async throws {
        while !Task.isCancelled {
            // At most one settling step per commit, so that neither starves the other under load.
            let committed = isDue()
            if committed { try? await commitBatch() }
            if await settleStep() || committed { continue }
            await wake.wait(upTo: timeUntilDue())
        }
        // GRDB refuses work from a cancelled task: commit the rest from a task that is not cancelled.
        try await Task { try await self.flush() }.value
    }

    /// Moves one range of series from `readings_recent` to `readings` when settling is due.
    /// - Returns: whether it did any work.
    private func settleStep() async -> Bool {
        do {
            if settling.remaining.isEmpty {
                guard settling.isDue else { return false }
                settling.start(try await store.settlePlan())
                if settling.remaining.isEmpty { return false }
            }
            let range = settling.remaining.removeFirst()
            stats.settledReadings += try await store.settleRecentReadings(seriesIn: range)
        } catch {
            stats.lastError = "\(error)"
            settling.abandon()
        }
        return true
    }

    private var lastSequence: UInt64 { pendingFirstSequence + UInt64(pending.count) - 1 }

    private func isDue() -> Bool {
        guard !pending.isEmpty, !isCommitting else { return false }
        let now = ContinuousClock.now
        if let retryNotBefore, now < retryNotBefore { return false }
        if pending.count >= batchSize { return true }
        guard let oldestPendingSince else { return true }
        return now >= oldestPendingSince + batchInterval
    }

    /// How long the loop may sleep before a commit or settling step can be due (enqueue wakes it
    /// early when a batch fills up).
    private func timeUntilDue() -> Duration {
        let now = ContinuousClock.now
        var due = now + batchInterval
        // While `flush()` commits, the loop waits for that commit to end (it signals).
        if let oldestPendingSince, !isCommitting { due = min(due, oldestPendingSince + batchInterval) }
        if let retryNotBefore { due = max(due, retryNotBefore) }
        return max(.zero, due - now)
    }

    /// Commits up to `batchSize` of the oldest pending readings in one transaction.
    private func commitBatch() async throws {
        guard !pending.isEmpty else { return }
        let count = min(batchSize, pending.count)
        let backlogSince = pending.count > count ? oldestPendingSince : nil
        inFlight = count
        defer {
            inFlight = 0
            dropOverflow()
            let waiters = commitWaiters
            commitWaiters = []
            waiters.forEach { $0.resume() }
            wake.signal()
        }
        let batch = pending[0..<count]
        let firstSequence = pendingFirstSequence
        let known = knownSeries
        let runID = runID
        let started = ContinuousClock.now
        do {
            let created = try await store.pool.write { db in
                var series = try known ?? ReadingBatchInsert.loadSeries(db)
                let created = try ReadingBatchInsert.insert(batch, knownSeries: series, db: db)
                series.merge(created) { old, _ in old }
                if let runID { try Store.recordAlive(runID: runID, db: db) }
                return known == nil ? series : created
            }
            if knownSeries == nil { knownSeries = created } else { knownSeries!.merge(created) { old, _ in old } }
        } catch {
            stats.failedBatches += 1
            stats.lastError = "\(error)"
            retryNotBefore = .now + batchInterval
            throw error
        }
        retryNotBefore = nil
        settling.committed(count)
        pending.removeFirst(count)
        pendingFirstSequence = firstSequence + UInt64(count)
        if pending.isEmpty {
            oldestPendingSince = nil
        } else if let backlogSince {
            // More than one batch was waiting: the rest is as old as this batch was.
            oldestPendingSince = backlogSince
        }
        let report = CommitReport(
            committedThrough: firstSequence + UInt64(count) - 1, readings: count,
            transactionDuration: .now - started)
        stats.record(report)
        onCommit?(report)
    }
}
