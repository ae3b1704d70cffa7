import DeviceProfiles
import Foundation
import GridWatchCore
import GridWatchTesting
import Logging
import Rules
import Store
import XCTest
import YAMLConfig
@testable import GridWatchApp

/// The daemon's rule stage over a real store file: violations open, update, keep the records that
/// caused them and close as a trailing window moves, each opening and closing queueing its notice.
final class RuleCheckerTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Two meters of area TA01 and a rule "2 or more outages of 300 s or longer in the last 10 × 24 h".
    private func configuration(rulesKey: String = "rules: {file: rules.yaml, utc_offset: \"+08:00\"}") throws -> GatewayConfiguration {
        _ = try write("rules.yaml", """
            rules:
              - id: twice-in-10-days
                level: warning
                entity: meter
                window: {kind: trailing, days: 10, mode: exact}
                count: {ge: 2}
                filter: {min_duration_seconds: 300}
            """)
        let path = try write("gateway.yaml", """
            database: gridwatch.db
            buses:
              - id: feeder-1
                tcp: 127.0.0.1:1502
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 15s, area: TA01, line: L1}
                  - {id: M2, unit: 2, profile: gridwatch-lv-meter, interval: 15s, area: TA01, line: L1}
            \(rulesKey)
            """)
        return try GatewayConfiguration.load(contentsOf: path, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
    }

    private let t0 = ISO8601Time.parse("2026-03-01T10:00:00+08:00")!.unixSeconds
    private let hour: Int64 = 3_600, day: Int64 = 86_400

    private func save(_ store: Store, meter: String, start: Int64, seconds: Int64) async throws -> Int64 {
        try await store.saveOutages([OutageWrite(record: OutageRecord(meterID: meter, start: start, end: start + seconds), area: "TA01", line: "L1")])[0]
    }

    private func check(_ checker: RuleChecker, at time: Int64) async throws -> RuleChecker.Outcome {
        let outcome = try await checker.check(at: time)
        return try XCTUnwrap(outcome, "a configuration with rules checks them")
    }

    func testViolationsOpenUpdateAndCloseAsTheTrailingWindowMoves_keepingTheirRecordsAndQueueingNotices() async throws {
        let configuration = try configuration()
        let store = try Store(configuration.store)
        let checker = RuleChecker(configuration: configuration, store: store)
        let a = try await save(store, meter: "M1", start: t0, seconds: hour)
        let b = try await save(store, meter: "M1", start: t0 + 3 * day, seconds: 1_800)
        _ = try await save(store, meter: "M1", start: t0 + 3 * day + 2 * hour, seconds: 120)  // under 300 s: not counted
        _ = try await save(store, meter: "M2", start: t0 + day, seconds: hour)                 // one outage: M2 never violates

        let opening = try await check(checker, at: t0 + 3 * day + 4 * hour)
        XCTAssertEqual([opening.opened, opening.updated, opening.closed, opening.open], [1, 0, 0, 1])
        var stored = try await store.violations()
        XCTAssertEqual(stored.count, 1)
        let id = stored[0].id
        XCTAssertEqual(stored[0].finding, ViolationFinding(
            ruleID: "twice-in-10-days", level: "warning", entity: "meter", entityID: "M1", count: 2,
            windowFrom: t0 + 3 * day + 4 * hour - 10 * day, windowTo: t0 + 3 * day + 4 * hour, outageIDs: [a, b]))

        let unchanged = try await check(checker, at: t0 + 3 * day + 4 * hour)
        XCTAssertEqual([unchanged.opened, unchanged.updated, unchanged.closed], [0, 0, 0], "the same evaluation changes nothing")

        let d = try await save(store, meter: "M1", start: t0 + 5 * day, seconds: hour)
        let third = try await check(checker, at: t0 + 5 * day + 2 * hour)
        XCTAssertEqual([third.opened, third.updated, third.closed], [0, 1, 0])
        stored = try await store.violations()
        XCTAssertEqual(stored.map(\.id), [id], "an update keeps the violation")
        XCTAssertEqual(stored[0].finding.count, 3)

        // Exactly 10 × 24 h after A's start, A is outside (exclusive): B and D still make 2.
        let edge = try await check(checker, at: t0 + 10 * day)
        XCTAssertEqual([edge.opened, edge.updated, edge.closed], [0, 1, 0])
        stored = try await store.violations()
        XCTAssertEqual(stored[0].finding.count, 2)
        XCTAssertTrue(stored[0].isOpen)

        // An hour after B's start is 10 days old, only D is left: the violation closes by itself.
        let closing = try await check(checker, at: t0 + 13 * day + hour)
        XCTAssertEqual([closing.opened, closing.updated, closing.closed, closing.open], [0, 0, 1, 0])
        stored = try await store.violations()
        XCTAssertEqual(stored.map(\.id), [id])
        XCTAssertEqual(stored[0].closedMillis, (t0 + 13 * day + hour) * 1000)
        XCTAssertEqual(stored[0].finding.outageIDs, [a, b, d], "a closed violation keeps every record that caused it")

        let notices = try await store.dueWebhooks(at: .max).map { delivery in
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data(delivery.payload.utf8)) as? [String: Any])
        }
        XCTAssertEqual(notices.map { $0["event"] as? String }, ["violation.opened", "violation.closed"])
        let bodies = notices.compactMap { $0["violation"] as? [String: Any] }
        XCTAssertEqual(bodies.map { $0["id"] as? Int }, [Int(id), Int(id)])
        XCTAssertEqual(bodies.map { $0["meters"] as? [String] }, [["M1"], ["M1"]])
        XCTAssertEqual(notices[0]["at"] as? String, "2026-03-04T14:00:00+08:00")
        XCTAssertEqual(bodies[1]["closed_at"] as? String, "2026-03-14T11:00:00+08:00")
    }

    /// Without voltage samples, silence is judged from the last answer: M1 answered 25 h before the
    /// check (over 24 h: silent), M3 an hour ago; M2 never did, and is silent only 24 h after the
    /// daemon first found it configured.
    func testSilentMetersAreFoundFromWhenTheyLastAnswered() async throws {
        _ = try write("quality.yaml", """
            rules:
              - {id: silent-a-day, level: warning, entity: meter, kind: data_quality, silent_hours: 24}
            """)
        var configuration = try configuration(rulesKey: "rules: {file: quality.yaml, utc_offset: \"+08:00\"}")
        configuration.buses[0].devices.append(configuration.buses[0].devices[1])
        configuration.buses[0].devices[2].id = "M3"
        let store = try Store(configuration.store)
        try await store.registerDevices(configuration.deviceRecords)
        let at = t0 + 2 * day
        try await store.saveHealth([
            DeviceHealth(deviceID: "M1", status: .offline, timeMillis: at * 1000, lastSuccessMillis: (at - 25 * hour) * 1000),
            DeviceHealth(deviceID: "M3", status: .online, timeMillis: at * 1000, lastSuccessMillis: (at - hour) * 1000),
        ])
        let checker = RuleChecker(configuration: configuration, store: store)
        _ = try await check(checker, at: at)
        var found = try await store.violations(openOnly: true).map(\.finding.entityID).sorted()
        XCTAssertEqual(found, ["M1"])
        _ = try await check(checker, at: at + 24 * hour)
        found = try await store.violations(openOnly: true).map(\.finding.entityID).sorted()
        XCTAssertEqual(found, ["M1", "M3"], "M3's answer is 25 h old; M2 was found configured exactly 24 h ago: not over")
        _ = try await check(checker, at: at + 24 * hour + 1)
        found = try await store.violations(openOnly: true).map(\.finding.entityID).sorted()
        XCTAssertEqual(found, ["M1", "M2", "M3"])
    }

    /// The daemon's voltage rule sums whole days from the meters' daily voltage figures and reads only
    /// the partial days at the window's ends from the stored per-minute voltages. M1: 10 minutes at
    /// 230 V on 1 March and 10 at 250 V (over 220 V + 7 %) on 2 March; M2: 20 minutes at 230 V on 1 March.
    func testVoltageRulesSumDailyFiguresAndTheStoredMinutesOfPartialDays() async throws {
        _ = try write("voltage.yaml", """
            rules:
              - {id: voltage-3d, level: warning, entity: meter, kind: voltage_quality, below_percent: 90,
                 window: {kind: trailing, days: 3, mode: exact}}
            """)
        let configuration = try configuration(rulesKey: "rules: {file: voltage.yaml, utc_offset: \"+08:00\"}")
        let store = try Store(configuration.store)
        let writer = ReadingWriter(store: store)
        for minute in Int64(0)..<20 {
            var readings = [Reading(timeMillis: (t0 + minute * 60) * 1000, deviceID: "M2", point: "voltage_a", value: 230, quality: .good)]
            if minute < 10 {
                readings.append(Reading(timeMillis: (t0 + minute * 60) * 1000, deviceID: "M1", point: "voltage_a", value: 230, quality: .good))
                readings.append(Reading(timeMillis: (t0 + day + minute * 60) * 1000, deviceID: "M1", point: "voltage_a", value: 250, quality: .good))
            }
            _ = await writer.enqueue(readings)
        }
        try await writer.flush()

        // The daily figures of the daemon's days (this machine's offset) hold exactly those minutes.
        let clock = FixedWallClock(millis: (t0 + day + hour) * 1000)
        let service = DailyFiguresService(configuration: configuration, store: store, wallClock: clock, logger: Logger(label: "test"),
                                          utcOffsetSeconds: 0)
        try await service.computeRecentVoltageDays()
        let figures = try await store.dailyFigures(level: .meter, fromDay: "2026-03-01", toDay: "2026-03-03")
        XCTAssertEqual(figures.map { "\($0.scopeID) \($0.day) \(VoltageFigure.minutes($0.values))" }, [
            "M1 2026-03-01 \(VoltageMinutes(monitored: 10))", "M1 2026-03-02 \(VoltageMinutes(monitored: 10, overUpper: 10))",
            "M2 2026-03-01 \(VoltageMinutes(monitored: 20))",
        ])

        // A stored day wins over the minutes: with M1's 1 March figure changed to 100 minutes, 50 over,
        // M1 has 110 minutes, 60 over (45 %); M2 100 %.
        try await store.saveDailyFigures([DailyFigures(day: "2026-03-01", level: .meter, scopeID: "M1",
                                                       values: VoltageFigure.values(VoltageMinutes(monitored: 100, overUpper: 50)))])
        // A meter figure without voltage values does not make 2 March a stored day: it is read from the minutes.
        try await store.saveDailyFigures([DailyFigures(day: "2026-03-02", level: .meter, scopeID: "M9", values: [:])])
        let table = try configuration.topologyTable()
        let minutes = try await configuration.voltageMinutesUsingDailyFigures(
            in: store, topology: table, from: t0 - day, to: t0 + 2 * day + 1, dayOffsetSeconds: 0)
        XCTAssertEqual(minutes, [VoltageMinutes(monitored: 110, overUpper: 60), VoltageMinutes(monitored: 20)])

        if TimeZone.current.secondsFromGMT() == 0 {
            _ = try await check(RuleChecker(configuration: configuration, store: store), at: t0 + 2 * day)
            let found = try await store.violations(openOnly: true)
            XCTAssertEqual(found.map { "\($0.finding.entityID) \($0.finding.count)" }, ["M1 60"])
        }
    }

    func testWithoutARulesKeyNothingIsChecked() async throws {
        let configuration = try configuration(rulesKey: "")
        let checker = RuleChecker(configuration: configuration, store: try Store(configuration.store))
        let outcome = try await checker.check(at: t0)
        XCTAssertNil(outcome)
    }

    func testTheRulesKeyIsValidatedWithTheRuleFileAtItsLine() throws {
        let loaded = try configuration(rulesKey: """
            rules:
              file: rules.yaml
              check_interval: 30s
              webhook: {url: "http://127.0.0.1:9000/violations", retry_initial: 1s, retry_max: 1min}
            """)
        let rules = try XCTUnwrap(loaded.rules)
        XCTAssertEqual(rules.ruleSet.rules.map(\.id), ["twice-in-10-days"])
        XCTAssertEqual(rules.checkInterval, .seconds(30))
        XCTAssertEqual(rules.webhook?.url.absoluteString, "http://127.0.0.1:9000/violations")
        XCTAssertEqual(rules.webhook?.retry.delay(afterAttempt: 2), .seconds(4))

        for (key, message) in [
            ("rules: {file: rules.yaml, webhook: {url: \"ftp://host/x\"}}", "is not an HTTP address"),
            ("rules: {file: rules.yaml, utc_offset: \"+8h\"}", "is not an offset"),
            ("rules: {file: missing.yaml}", "missing.yaml"),
        ] {
            XCTAssertThrowsError(try configuration(rulesKey: key), key) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
            }
        }
        _ = try write("bad-rules.yaml", "rules:\n  - id: x\n    window: {kind: weekly}\n")
        XCTAssertThrowsError(try configuration(rulesKey: "rules: {file: bad-rules.yaml}")) { error in
            XCTAssertTrue("\(error)".contains("bad-rules.yaml:3"), "the rule file's own line: \(error)")
        }
    }
}
