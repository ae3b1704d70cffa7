import Foundation
import Rules
import XCTest

/// Rule files load with every key of the issue and fail with `file:line: what, expected`.
final class RuleFileTests: XCTestCase {
    private static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testShippedRuleFileHoldsThePlansRules() throws {
        let ruleSet = try RuleSet.load(path: Self.packageRoot.appendingPathComponent("config/rules.yaml").path)
        let annual = try XCTUnwrap(ruleSet.rules.first { $0.id == "frequent-annual" })
        XCTAssertEqual(annual.window, .calendarYear)
        XCTAssertEqual(annual.count, .greaterThan(5))
        XCTAssertEqual(annual.filter.excludeCauses, ["force_majeure", "external_damage"])
        XCTAssertEqual(annual.filter.minDurationSeconds, 300)
        let sixty = try XCTUnwrap(ruleSet.rules.first { $0.id == "frequent-60d" })
        XCTAssertEqual(sixty.window, .rolling(days: 60, mode: .calendar))
        XCTAssertEqual(sixty.count, .greaterThan(3))
        let warning = try XCTUnwrap(ruleSet.rules.first { $0.id == "warning-50d" })
        XCTAssertEqual(warning.filter.mergeWithinSeconds, 6 * 3_600, "the YAML alias carries the practice filter")
        XCTAssertEqual(warning.filter.minUsersPerEvent, 2)
        XCTAssertTrue(warning.filter.excludeMEDDays)
        XCTAssertFalse(ruleSet.exclusivePriority)
        let quality = try XCTUnwrap(ruleSet.rules.first { $0.id == "data-quality" })
        XCTAssertEqual(quality.kind, .dataQuality(checks: [.overlapping, .unpaired, .future, .outOfRange], silentSeconds: 24 * 3_600,
                                                  maxClockOffsetSeconds: 300))
    }

    func testEveryKeyOfTheIssueParses() throws {
        let ruleSet = try RuleSet.parse(yaml: """
            priority: exclusive
            rules:
              - id: frequent-annual
                title: More than 5 outages in a year
                level: frequent
                entity: meter
                window: {kind: calendar_year}
                count: {gt: 5}
                filter:
                  classes: [fault_internal, fault_external, planned, temporary]
                  exclude_causes: [force_majeure, external_damage]
                  exclude_cause_code_prefixes: [EXT]
                  min_duration_seconds: 300
                  exclude_med_days: false
                  merge_within_hours: 1.5
                  min_users_per_event: 1
              - id: exact
                window: {kind: rolling, days: 60, mode: exact}
                count: {between: [2, 4]}
              - id: line
                entity: line
                count_members: {level: frequent, ge: 2}
            """, file: "inline.yaml")
        XCTAssertTrue(ruleSet.exclusivePriority)
        XCTAssertEqual(ruleSet.rules[0].filter.classes, [.faultInternal, .faultExternal, .planned, .temporary])
        XCTAssertEqual(ruleSet.rules[0].filter.mergeWithinSeconds, 5_400)
        XCTAssertEqual(ruleSet.rules[1].window, .rolling(days: 60, mode: .exact))
        XCTAssertEqual(ruleSet.rules[1].count, .between(2, 4))
        XCTAssertEqual(ruleSet.rules[2].countMembers, MemberCount(level: .frequent, condition: .atLeast(2)))
    }

    private func assertError(_ yaml: String, code: RuleFileError.Code, line: Int, mentions text: String,
                             file: StaticString = #filePath, sourceLine: UInt = #line) {
        XCTAssertThrowsError(try RuleSet.parse(yaml: yaml, file: "rules.yaml"), file: file, line: sourceLine) { error in
            guard let error = error as? RuleFileError else { return XCTFail("\(error)", file: file, line: sourceLine) }
            XCTAssertEqual(error.code, code, file: file, line: sourceLine)
            XCTAssertEqual(error.line, line, "\(error)", file: file, line: sourceLine)
            XCTAssertTrue(error.description.hasPrefix("rules.yaml:\(line): "), error.description, file: file, line: sourceLine)
            XCTAssertTrue(error.description.contains(text), error.description, file: file, line: sourceLine)
            XCTAssertTrue(error.description.contains("expected"), error.description, file: file, line: sourceLine)
        }
    }

    func testErrorsNameFileLineAndWhatWasExpected() {
        assertError("rules:\n  - id: a\n    levl: frequent\n    count: {gt: 1}\n", code: .unknownKey, line: 3, mentions: "levl")
        assertError("rules:\n  - id: a\n    level: urgent\n    count: {gt: 1}\n", code: .badValue, line: 3, mentions: "frequent | warning")
        assertError("rules:\n  - id: a\n    window: {kind: rolling}\n    count: {gt: 1}\n", code: .missingKey, line: 3, mentions: "days")
        assertError("rules:\n  - id: a\n    count: {between: [5, 2]}\n", code: .badValue, line: 3, mentions: "between")
        assertError("rules:\n  - id: a\n    count: {gt: 1, eq: 2}\n", code: .badValue, line: 3, mentions: "exactly one")
        assertError("rules:\n  - id: a\n    window: {kind: calendar_year}\n", code: .missingKey, line: 2, mentions: "count")
        assertError("rules:\n  - id: a\n    count: {gt: 1}\n    filter: {classes: [storm]}\n", code: .badValue, line: 4, mentions: "storm")
        assertError("rules:\n  - id: a\n    count: {gt: 1}\n  - id: a\n    count: {gt: 2}\n", code: .duplicateID, line: 4, mentions: "twice")
        assertError("rules:\n  - id: a\n    count: {gt: -1}\n", code: .badValue, line: 3, mentions: "≥ 0")
        assertError("rules:\n  - id: a\n    kind: customer_hours\n    customer_hours: 10\n", code: .badValue, line: 2, mentions: "area or line")
        assertError("rules:\n  - id: a\n    count_members: {level: frequent, ge: 2}\n", code: .badValue, line: 3, mentions: "area or line")
        assertError("rules: [\n", code: .syntax, line: 2, mentions: "YAML")
        // Hours beyond Int64 seconds trapped (found by LoaderFuzzTests).
        assertError("rules:\n  - id: a\n    count: {gt: 1}\n    filter: {merge_within_hours: 1e300}\n", code: .badValue, line: 4, mentions: "≤ 1000000")
    }
}
