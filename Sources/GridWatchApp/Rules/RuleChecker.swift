import Foundation
import GridWatchCore
import Reliability
import Rules
import Store

/// The rule stage of the daemon: evaluates the configured rules over the stored outage records and
/// keeps the store's violations in step, queueing a webhook notice with every opening and closing in
/// the same transaction. A gateway's records are few enough for a full evaluation on every check, so
/// a record corrected or merged by the aggregator is always judged as it now stands.
actor RuleChecker {
    private(set) var configuration: GatewayConfiguration
    let store: Store
    /// Voltage rules' minutes are read from the store at most this often (they change by the minute).
    var voltageRefresh: Duration = .seconds(300)
    private var voltageMinutes: (computed: ContinuousClock.Instant, byRule: [String: [VoltageMinutes]])?
    /// The first check that found each meter configured: a meter that never answered is silent since.
    private var configuredSince: [String: Int64] = [:]

    init(configuration: GatewayConfiguration, store: Store) {
        self.configuration = configuration
        self.store = store
    }

    /// What one check did.
    struct Outcome: Sendable {
        var opened = 0
        var updated = 0
        var closed = 0
        /// Open violations after the check.
        var open = 0
        /// Loading the records and evaluating the rules, without writing the changes.
        var evaluationDuration = Duration.zero
    }

    /// Takes a reloaded configuration (rules, topology); the next check uses it.
    func reconfigure(_ configuration: GatewayConfiguration) {
        self.configuration = configuration
        voltageMinutes = nil
    }

    /// Evaluates every rule at `at` (Unix seconds) and applies the changes; `nil` without rules.
    func check(at: Int64) async throws -> Outcome? {
        guard let rules = configuration.rules else { return nil }
        var outcome = Outcome()
        let started = ContinuousClock.now
        var table = try await configuration.storedOutageTable(in: store)
        InterruptionEvents.assignMissing(in: &table.outages, topology: table.topology)
        let engine = RuleEngine(ruleSet: rules.ruleSet, topology: table.topology, outages: table.outages,
                                plannedNotices: table.plannedNotices, clockOffsets: try await store.meterClockOffsets(),
                                lastAnswered: try await lastAnswered(at: at),
                                voltageMinutes: try await voltageMinutes(rules, topology: table.topology, at: at))
        let evaluation = engine.evaluate(at: at, clock: rules.clock)
        let index = OutageIndex(table)
        let open = try await store.violations(openOnly: true)
        outcome.evaluationDuration = ContinuousClock.now - started

        let changes = ViolationChanges(evaluation: evaluation, open: open, outageID: index.id(of:))
        let nowMillis = at * 1000
        for opening in changes.openings {
            let violation = opening.violation, clock = rules.clock
            try await store.openOrUpdateViolation(opening.finding, webhookPayload: { id in
                try ViolationNotice(event: .opened, at: at, violation: violation, id: id, openedAt: at).json(clock: clock)
            }, at: nowMillis)
        }
        for finding in changes.updates { try await store.openOrUpdateViolation(finding, at: nowMillis) }
        for record in changes.closings {
            let finding = record.finding
            let notice = ViolationNotice(
                event: .closed, at: at, violationID: record.id, rule: finding.ruleID, level: finding.level, entity: finding.entity,
                entityID: finding.entityID, count: finding.count, openedAt: record.openedMillis / 1000, closedAt: at,
                window: finding.windowFrom...max(finding.windowFrom, finding.windowTo), meters: finding.outageIDs.compactMap(index.meter(of:)))
            try await store.closeViolation(id: record.id, webhookPayload: try notice.json(clock: rules.clock), at: nowMillis)
        }
        outcome.opened = changes.openings.count
        outcome.updated = changes.updates.count
        outcome.closed = changes.closings.count
        outcome.open = open.count + outcome.opened - outcome.closed
        return outcome
    }
}

extension RuleChecker {
    /// Each `voltage_quality` rule's minutes per meter over its window at `at`, kept for `voltageRefresh`.
    private func voltageMinutes(_ rules: RulesConfiguration, topology: Topology, at: Int64) async throws -> [String: [VoltageMinutes]] {
        if let cached = voltageMinutes, cached.computed.duration(to: .now) < voltageRefresh { return cached.byRule }
        var byRule: [String: [VoltageMinutes]] = [:]
        for rule in rules.ruleSet.rules {
            guard case .voltageQuality = rule.kind else { continue }
            byRule[rule.id] = try await configuration.voltageMinutesUsingDailyFigures(
                in: store, topology: topology, from: rule.windowStart(at: at, clock: rules.clock), to: at + 1,
                dayOffsetSeconds: TimeZone.current.secondsFromGMT())  // the daily figures' days
        }
        voltageMinutes = (.now, byRule)
        return byRule
    }

    /// When each polled meter last answered, from the stored device health; a meter that never did
    /// counts from when this daemon first found it configured (so a restart never makes one silent).
    private func lastAnswered(at: Int64) async throws -> [String: Int64?] {
        var lastSuccess: [String: Int64] = [:]
        for overview in try await store.devices() {
            if let millis = overview.health?.lastSuccessMillis { lastSuccess[overview.device.id] = millis / 1000 }
        }
        var answered: [String: Int64?] = [:]
        for meter in configuration.devices where meter.role == .meter {
            let since = configuredSince[meter.id] ?? at
            configuredSince[meter.id] = since
            answered[meter.id] = lastSuccess[meter.id] ?? since
        }
        return answered
    }
}

/// Store ids of the rows of a stored outage table, by meter and start, and the meter of each id.
private struct OutageIndex {
    private var ids: [String: [Int64: Int64]] = [:]
    private var meters: [Int64: String] = [:]

    init(_ table: StoredOutageTable) {
        let names = table.topology.grouping(.meter).names
        for (row, id) in table.rowIDs.enumerated() {
            let meter = names[Int(table.outages.meter[row])]
            ids[meter, default: [:]][table.outages.start[row]] = id
            meters[id] = meter
        }
    }

    func id(of reference: OutageReference) -> Int64? { ids[reference.meterID]?[reference.start] }

    func meter(of id: Int64) -> String? { meters[id] }
}
