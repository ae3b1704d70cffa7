import GridWatchCore

/// The rule stage of the daemon: owns the engine and the ledger, re-checks everything when asked (a
/// timer moving trailing windows, a new year) and checks only what a new outage touches when one
/// arrives. Each call returns the webhook outbox records of the violations it opened or closed.
public actor RuleMonitor {
    public private(set) var engine: RuleEngine
    public private(set) var ledger: ViolationLedger
    public let clock: LocalClock

    public init(engine: RuleEngine, ledger: ViolationLedger = ViolationLedger(), clock: LocalClock) {
        self.engine = engine
        self.ledger = ledger
        self.clock = clock
    }

    /// Every rule over every entity at `at`.
    public func recheck(at: Int64) throws -> [WebhookOutboxRecord] {
        let transitions = ledger.apply(engine.evaluate(at: at, clock: clock))
        return try WebhookOutboxRecord.records(for: transitions, clock: clock)
    }

    /// Adds a new outage record and re-checks the entities it touches at `at`.
    public func record(_ outage: OutageRecord, at: Int64) throws -> [WebhookOutboxRecord] {
        let selection = try engine.insert(outage)
        let evaluation = engine.evaluate(at: at, clock: clock, selection: selection)
        let transitions = ledger.apply(evaluation, covering: selection.entities(in: engine.topology))
        return try WebhookOutboxRecord.records(for: transitions, clock: clock)
    }

    /// Acknowledges an open violation with an optional remediation note.
    public func acknowledge(id: Int, at: Int64, by: String? = nil, note: String? = nil) throws(LedgerError) {
        try ledger.acknowledge(id: id, at: at, by: by, note: note)
    }
}
