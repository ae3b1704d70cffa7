/// When the reading writer moves readings from the time-ordered to the series-ordered table, and
/// which ranges of series are left in the current round.
struct SettlingSchedule {
    /// Settle once this many readings were committed since the last round...
    let rows: Int
    /// ...or once the oldest of them waited this long.
    let interval: Duration
    private var unsettledRows = 0
    private var unsettledSince: ContinuousClock.Instant?
    /// Series ranges still to move in the current round.
    var remaining: [Range<Int64>] = []

    init(rows: Int, interval: Duration) {
        self.rows = rows
        self.interval = interval
    }

    /// Whether a new round should start now.
    var isDue: Bool {
        unsettledRows >= rows || unsettledSince.map { ContinuousClock.now - $0 >= interval } ?? false
    }

    mutating func committed(_ count: Int) {
        unsettledRows += count
        if unsettledSince == nil { unsettledSince = .now }
    }

    /// Starts a round over `plan`: everything committed so far is in it.
    mutating func start(_ plan: [Range<Int64>]) {
        unsettledRows = 0
        unsettledSince = nil
        remaining = plan
    }

    /// Gives up the round after an error; a new one is due after `interval`.
    mutating func abandon() {
        remaining = []
        unsettledSince = .now
    }
}
