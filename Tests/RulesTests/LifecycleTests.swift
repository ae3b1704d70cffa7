import Foundation
import Rules
import XCTest

/// "Dynamic zeroing": violations open, stay open, close by themselves and reopen as new ones as time moves.
final class LifecycleTests: XCTestCase {
    private let twoIn30Days = Rule(id: "30d", level: .warning, window: .trailing(days: 30, mode: .calendar), count: .atLeast(2))

    private func apply(_ scenario: RuleScenario, _ rules: [Rule], at local: String, to ledger: inout ViolationLedger) throws -> [String] {
        let evaluation = try scenario.engine(rules).evaluate(at: RuleScenario.time(local), clock: RuleScenario.clock)
        return ledger.apply(evaluation).map { "\($0.kind.rawValue) \($0.violation.id) \($0.violation.key.entityID)" }
    }

    /// Outages 1 Jan and 10 Jan. 5 Jan: 1 in the window, nothing. 10 Jan 12:00: 2, opens #1. 20 Jan: still
    /// holds, stays #1. 5 Feb: the window starts 7 Jan, 1 left: #1 closes. Outage 6 Feb, 7 Feb: 10 Jan and
    /// 6 Feb: a new violation #2 opens; #1 stays closed in the history.
    func testTrailingViolationOpensClosesAndReopensAsANewOne() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-01-01 08:00")
        scenario.outage("m1", "2025-01-10 08:00")
        var ledger = ViolationLedger()
        XCTAssertEqual(try apply(scenario, [twoIn30Days], at: "2025-01-05 00:00", to: &ledger), [])
        XCTAssertEqual(try apply(scenario, [twoIn30Days], at: "2025-01-10 12:00", to: &ledger), ["opened 1 m1"])
        XCTAssertEqual(try apply(scenario, [twoIn30Days], at: "2025-01-20 00:00", to: &ledger), [])
        XCTAssertEqual(ledger.open.map(\.id), [1])
        XCTAssertEqual(ledger.open.first?.lastHeldAt, RuleScenario.time("2025-01-20 00:00"))
        XCTAssertEqual(try apply(scenario, [twoIn30Days], at: "2025-02-05 00:00", to: &ledger), ["closed 1 m1"])
        scenario.outage("m1", "2025-02-06 08:00")
        XCTAssertEqual(try apply(scenario, [twoIn30Days], at: "2025-02-07 00:00", to: &ledger), ["opened 2 m1"])
        XCTAssertEqual(ledger.violations.map { "\($0.id) \($0.isOpen)" }, ["1 false", "2 true"])
        XCTAssertEqual(ledger.violation(id: 1)?.closedAt, RuleScenario.time("2025-02-05 00:00"))
        XCTAssertEqual(ledger.violation(id: 1)?.outages.count, 2, "a closed violation keeps the records that caused it")
    }

    /// A calendar-year rule closes when the year ends: on 1 January the count starts again.
    func testCalendarYearViolationClosesWhenTheYearEnds() throws {
        var scenario = RuleScenario(meterCount: 1)
        for day in 1...6 { scenario.outage("m1", "2025-03-0\(day) 08:00") }
        let annual = Rule(id: "annual", window: .calendarYear, count: .greaterThan(5))
        var ledger = ViolationLedger()
        XCTAssertEqual(try apply(scenario, [annual], at: "2025-12-31 23:59", to: &ledger), ["opened 1 m1"])
        XCTAssertEqual(try apply(scenario, [annual], at: "2026-01-01 00:00", to: &ledger), ["closed 1 m1"])
    }

    /// A violation keeps every record counted while it was open, also those that later left the window.
    func testOpenViolationCollectsTheRecordsOfEachEvaluation() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-01-01 08:00")
        scenario.outage("m1", "2025-01-20 08:00")
        scenario.outage("m1", "2025-02-10 08:00")
        var ledger = ViolationLedger()
        _ = try apply(scenario, [twoIn30Days], at: "2025-01-20 12:00", to: &ledger)
        _ = try apply(scenario, [twoIn30Days], at: "2025-02-10 12:00", to: &ledger)
        XCTAssertEqual(ledger.open.first?.outages.map(\.start),
                       ["2025-01-01 08:00", "2025-01-20 08:00", "2025-02-10 08:00"].map(RuleScenario.time))
        XCTAssertEqual(ledger.open.first?.count, 2)
    }

    func testAcknowledgeOpenViolationWithNoteAndRefuseClosedOrUnknown() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-01-01 08:00")
        scenario.outage("m1", "2025-01-10 08:00")
        var ledger = ViolationLedger()
        _ = try apply(scenario, [twoIn30Days], at: "2025-01-10 12:00", to: &ledger)
        try ledger.acknowledge(id: 1, at: RuleScenario.time("2025-01-11 09:00"), by: "ops", note: "replace the drop-out fuse")
        XCTAssertEqual(ledger.violation(id: 1)?.acknowledgement?.by, "ops")
        XCTAssertEqual(ledger.violation(id: 1)?.remediationNote, "replace the drop-out fuse")
        _ = try apply(scenario, [twoIn30Days], at: "2025-03-01 00:00", to: &ledger)
        XCTAssertThrowsError(try ledger.acknowledge(id: 1, at: 0)) { XCTAssertEqual(($0 as? LedgerError)?.code, .notOpen) }
        XCTAssertThrowsError(try ledger.acknowledge(id: 7, at: 0)) { XCTAssertEqual(($0 as? LedgerError)?.code, .unknownViolation) }
        XCTAssertEqual(ledger.violation(id: 1)?.remediationNote, "replace the drop-out fuse", "the note outlives closing")
        try ledger.setRemediationNote(id: 1, "fuse replaced 2025-01-15")
        XCTAssertEqual(ledger.violation(id: 1)?.remediationNote, "fuse replaced 2025-01-15")
        XCTAssertNil(ledger.openViolation(for: ViolationKey(rule: "30d", entity: .meter, entityID: "m1")))
    }

    /// A partial evaluation (one meter) closes only what it covered.
    func testPartialEvaluationClosesOnlyCoveredViolations() throws {
        var scenario = RuleScenario(meterCount: 2)
        for meter in ["m1", "m2"] {
            scenario.outage(meter, "2025-01-01 08:00")
            scenario.outage(meter, "2025-01-10 08:00")
        }
        var ledger = ViolationLedger()
        _ = try apply(scenario, [twoIn30Days], at: "2025-01-10 12:00", to: &ledger)
        let engine = try scenario.engine([twoIn30Days])
        let onlyM1 = EntitySelection(meters: [0], areas: [], lines: [])
        let evaluation = engine.evaluate(at: RuleScenario.time("2025-03-01 00:00"), clock: RuleScenario.clock, selection: onlyM1)
        let closed = ledger.apply(evaluation, covering: onlyM1.entities(in: engine.topology))
        XCTAssertEqual(closed.map { "\($0.kind.rawValue) \($0.violation.key.entityID)" }, ["closed m1"])
        XCTAssertEqual(ledger.open.map(\.key.entityID), ["m2"])
    }

    func testLedgerRoundTripsThroughJSONKeepingOpenViolations() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-01-01 08:00")
        scenario.outage("m1", "2025-01-10 08:00")
        var ledger = ViolationLedger()
        _ = try apply(scenario, [twoIn30Days], at: "2025-01-10 12:00", to: &ledger)
        var decoded = try JSONDecoder().decode(ViolationLedger.self, from: JSONEncoder().encode(ledger))
        XCTAssertEqual(try apply(scenario, [twoIn30Days], at: "2025-03-01 00:00", to: &decoded), ["closed 1 m1"])
    }

    func testWebhookOutboxRecordsForOpeningAndClosing() throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-01-01 08:00")
        scenario.outage("m1", "2025-01-10 08:00")
        var ledger = ViolationLedger()
        let engine = try scenario.engine([twoIn30Days])
        var transitions = ledger.apply(engine.evaluate(at: RuleScenario.time("2025-01-10 12:00"), clock: RuleScenario.clock))
        transitions += ledger.apply(engine.evaluate(at: RuleScenario.time("2025-03-01 00:00"), clock: RuleScenario.clock))
        let records = try WebhookOutboxRecord.records(for: transitions, clock: RuleScenario.clock)
        XCTAssertEqual(records.map(\.id), ["1-opened", "1-closed"])
        XCTAssertEqual(records.map(\.event), ["violation.opened", "violation.closed"])
        let payload = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(records[1].payload.utf8)) as? [String: Any])
        let violation = try XCTUnwrap(payload["violation"] as? [String: Any])
        XCTAssertEqual(violation["entity_id"] as? String, "m1")
        XCTAssertEqual(violation["closed_at"] as? String, "2025-03-01T00:00:00+08:00")
        XCTAssertEqual(violation["meters"] as? [String], ["m1"])
        var record = records[0]
        record.recordFailure(at: 100)
        XCTAssertEqual(record.nextAttemptAt, 130)
        record.recordFailure(at: 200)
        XCTAssertEqual(record.nextAttemptAt, 260)
        XCTAssertEqual(WebhookOutboxRecord.backOff(afterAttempts: 20), 3_600)
        record.recordDelivery(at: 300)
        XCTAssertEqual(record.deliveredAt, 300)
        XCTAssertEqual(record.attempts, 3)
    }
}
