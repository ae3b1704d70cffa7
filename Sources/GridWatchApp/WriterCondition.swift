import Store

/// Whether the reading writer can write (it cannot when the disk is full), told from its running
/// statistics: what changed since the last look, for the log, and a phrase for systemd's STATUS line.
struct WriterCondition: Sendable {
    /// A change worth one log line.
    enum Change: Sendable, Equatable {
        /// Commits fail: readings are kept in memory.
        case failing(error: String, pending: Int)
        /// Commits succeed again after failing.
        case recovered(pending: Int)
        /// The memory buffer overflowed: `count` more of the oldest readings were dropped.
        case dropped(count: Int, total: Int)
    }

    private(set) var failing = false
    private(set) var latest: WriterStatistics?

    /// Takes the writer's statistics; returns what changed since the previous ones.
    mutating func update(_ statistics: WriterStatistics) -> [Change] {
        var changes: [Change] = []
        let failedBefore = latest?.failedBatches ?? 0, committedBefore = latest?.committedBatches ?? 0
        if statistics.failedBatches > failedBefore, !failing {
            failing = true
            changes.append(.failing(error: statistics.lastError ?? "unknown", pending: statistics.pendingReadings))
        } else if failing, statistics.failedBatches == failedBefore, statistics.committedBatches > committedBefore {
            failing = false
            changes.append(.recovered(pending: statistics.pendingReadings))
        }
        let droppedBefore = latest?.droppedReadings ?? 0
        if statistics.droppedReadings > droppedBefore {
            changes.append(.dropped(count: statistics.droppedReadings - droppedBefore, total: statistics.droppedReadings))
        }
        latest = statistics
        return changes
    }

    /// `nil` while the writer writes; otherwise what systemd's STATUS line should add.
    var status: String? {
        guard failing, let latest else { return nil }
        return "database not writable (disk full?): \(latest.pendingReadings) readings pending in memory, \(latest.droppedReadings) dropped"
    }
}
