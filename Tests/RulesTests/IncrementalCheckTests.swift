import GridWatchCore
import Rules
import XCTest

/// After one new outage, evaluating only the entities it touches agrees with a full re-check.
final class IncrementalCheckTests: XCTestCase {
    private let rules = [
        Rule(id: "60d", window: .rolling(days: 60, mode: .calendar), count: .greaterThan(2)),
        Rule(id: "practice", level: .warning, window: .calendarYear, count: .atLeast(2), filter: OutageFilter(minUsersPerEvent: 2)),
        Rule(id: "area", entity: .area, window: .calendarYear, count: .atLeast(2)),
        Rule(id: "line", entity: .line, countMembers: MemberCount(level: .frequent, condition: .atLeast(2))),
    ]

    private func scenario() -> RuleScenario {
        var scenario = RuleScenario(meters: [("m1", "A1", "L1"), ("m2", "A1", "L1"), ("m3", "A2", "L1"), ("m4", "A3", "L2")])
        scenario.outage("m1", "2025-03-01 08:00", workOrder: "W1")
        scenario.outage("m1", "2025-03-10 08:00", workOrder: "W2")
        scenario.outage("m2", "2025-03-02 08:00")
        scenario.outage("m2", "2025-03-03 08:00")
        scenario.outage("m2", "2025-03-04 08:00")
        scenario.outage("m3", "2025-03-05 08:00", workOrder: "W2")
        scenario.outage("m4", "2025-03-06 08:00")
        return scenario
    }

    /// m1's third outage makes it frequent (3 in 60 days) and L1 a problem line (m1 and m2 frequent); it
    /// belongs to work order W2 (m1 and m3: 2 users), so it also counts for the practice rule, whose count
    /// for m1 goes from 1 (W1 touches only m1) to 2.
    func testPartialEvaluationAfterOneNewOutageMatchesTheFullCheck() throws {
        var engine = try scenario().engine(rules)
        let at = RuleScenario.time("2025-04-01 00:00"), clock = RuleScenario.clock
        var ledger = ViolationLedger()
        _ = ledger.apply(engine.evaluate(at: at, clock: clock))
        let selection = try engine.insert(OutageRecord(meterID: "m1", start: RuleScenario.time("2025-03-20 08:00"),
                                                       end: RuleScenario.time("2025-03-20 09:00"), eventID: "E-new", workOrder: "W2"))
        XCTAssertEqual(selection.meters, [0])
        let partial = engine.evaluate(at: at, clock: clock, selection: selection)
        let transitions = ledger.apply(partial, covering: selection.entities(in: engine.topology))
        XCTAssertEqual(transitions.map { "\($0.kind.rawValue) \($0.violation.key)" }, ["opened 60d/meter/m1", "opened practice/meter/m1", "opened line/line/L1"])

        var full = scenario()
        full.outage("m1", "2025-03-20 08:00", event: "E-new", workOrder: "W2")
        let expected = try full.engine(rules).evaluate(at: at, clock: clock).violations
        XCTAssertEqual(Set(ledger.open.map(\.key)), Set(expected.map(\.key)))
        let practice = try XCTUnwrap(partial.violations.first { $0.rule == "practice" })
        XCTAssertEqual(practice.counted, ["m1@2025-03-10 08:00", "m1@2025-03-20 08:00"])
        XCTAssertEqual(partial.violations.filter { $0.entityID == "m1" || $0.entityID == "L1" || $0.entityID == "A1" },
                       expected.filter { $0.entityID == "m1" || $0.entityID == "L1" || $0.entityID == "A1" })
    }

    /// A new record that makes a one-user work order a two-user one changes the other meter's verdict too.
    func testNewRecordThatCompletesAWorkOrderSelectsItsOtherMeters() throws {
        var base = RuleScenario(meterCount: 2)
        base.outage("m1", "2025-03-01 08:00", workOrder: "W9")
        let rule = Rule(id: "practice", window: .calendarYear, count: .atLeast(1), filter: OutageFilter(minUsersPerEvent: 2))
        var engine = try base.engine([rule])
        let at = RuleScenario.time("2025-04-01 00:00")
        XCTAssertEqual(engine.evaluate(at: at, clock: RuleScenario.clock).violations, [])
        let selection = try engine.insert(OutageRecord(meterID: "m2", start: RuleScenario.time("2025-03-01 08:00"),
                                                       end: RuleScenario.time("2025-03-01 09:00"), workOrder: "W9"))
        XCTAssertEqual(selection.meters, [0, 1])
        XCTAssertEqual(engine.evaluate(at: at, clock: RuleScenario.clock, selection: selection).violations.map(\.entityID), ["m1", "m2"])
    }
}

/// The daemon's rule stage: a new outage opens a violation and queues its webhook; a later re-check closes it.
final class RuleMonitorTests: XCTestCase {
    func testNewOutageOpensAndRecheckClosesWithOutboxRecords() async throws {
        var scenario = RuleScenario(meterCount: 1)
        scenario.outage("m1", "2025-01-01 08:00")
        let rule = Rule(id: "30d", level: .warning, window: .trailing(days: 30, mode: .calendar), count: .atLeast(2))
        let monitor = RuleMonitor(engine: try scenario.engine([rule]), clock: RuleScenario.clock)
        let quiet = try await monitor.recheck(at: RuleScenario.time("2025-01-05 00:00"))
        XCTAssertEqual(quiet, [])
        let opened = try await monitor.record(OutageRecord(meterID: "m1", start: RuleScenario.time("2025-01-10 08:00"),
                                                           end: RuleScenario.time("2025-01-10 09:00")),
                                              at: RuleScenario.time("2025-01-10 09:00"))
        XCTAssertEqual(opened.map(\.id), ["1-opened"])
        try await monitor.acknowledge(id: 1, at: RuleScenario.time("2025-01-10 10:00"), note: "patrol the feeder")
        let closed = try await monitor.recheck(at: RuleScenario.time("2025-02-15 00:00"))
        XCTAssertEqual(closed.map(\.event), ["violation.closed"])
        let ledger = await monitor.ledger
        XCTAssertEqual(ledger.violation(id: 1)?.remediationNote, "patrol the feeder")
    }
}
