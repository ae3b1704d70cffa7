import GridWatchCore
import YAMLConfig
import Yams

/// The parts of a rule read from YAML: window, count condition, filter.
extension RuleSet {
    static func parseWindow(_ node: Node, file: String, rule: String) throws(RuleFileError) -> RuleWindow {
        let fields = try YAMLMapping(ruleFields: node, file: file, context: "window of rule \(rule)", allowedKeys: ["kind", "days", "mode"])
        let kind = try fields.text("kind") ?? "calendar_year"
        let mode = try fields.choice("mode", of: WindowMode.self, allowed: [.calendar, .exact])
        let days = try fields.integer("days", atLeast: 1)
        switch kind {
        case "calendar_year":
            guard days == nil, mode == nil else {
                throw fields.failure(days != nil ? "days" : "mode", "is given for a calendar_year window", expected: "no days or mode with kind calendar_year")
            }
            return .calendarYear
        case "rolling", "trailing":
            guard let days else {
                throw RuleFileError(.missingKey, file: file, line: fields.line, "window of rule \(rule) has no days, expected days: N (N ≥ 1) for kind \(kind)")
            }
            return kind == "rolling" ? .rolling(days: days, mode: mode ?? .calendar) : .trailing(days: days, mode: mode ?? .calendar)
        default:
            throw fields.failure("kind", "is \"\(kind)\"", expected: "calendar_year | rolling | trailing")
        }
    }

    static let conditionKeys = ["gt", "ge", "eq", "between"]

    static func parseCondition(_ fields: YAMLMapping) throws(RuleFileError) -> CountCondition {
        let given = fields.keys.filter { conditionKeys.contains($0) }
        guard given.count == 1, let key = given.first else {
            throw RuleFileError(.badValue, file: fields.file, line: fields.line, "\(fields.subject) has \(given.isEmpty ? "no condition" : "conditions \(given.joined(separator: ", "))"), expected exactly one of gt, ge, eq, between")
        }
        if key == "between" {
            let items = fields.node("between")?.sequence.map { Array($0) } ?? []
            guard items.count == 2, let low = items[0].int, let high = items[1].int, low >= 0, low <= high else {
                throw fields.failure("between", "is not two whole numbers in order", expected: "between: [a, b] with 0 ≤ a ≤ b")
            }
            return .between(low, high)
        }
        let value = try fields.integer(key, atLeast: 0) ?? 0
        switch key {
        case "gt": return .greaterThan(value)
        case "ge": return .atLeast(value)
        default: return .equal(value)
        }
    }

    static func parseFilter(_ node: Node, file: String, rule: String) throws(RuleFileError) -> OutageFilter {
        let fields = try YAMLMapping(ruleFields: node, file: file, context: "filter of rule \(rule)", allowedKeys: [
            "classes", "exclude_causes", "exclude_cause_code_prefixes", "min_duration_seconds", "exclude_med_days",
            "merge_within_hours", "min_users_per_event",
        ])
        var filter = OutageFilter()
        if let names = try fields.strings("classes") {
            var classes = Set<OutageClass>()
            for name in names {
                guard let outageClass = OutageClass(rawValue: name) else {
                    throw fields.failure("classes", "names \"\(name)\"", expected: "classes from \(OutageClass.allCases.map(\.rawValue).joined(separator: " "))")
                }
                classes.insert(outageClass)
            }
            filter.classes = classes
        }
        filter.excludeCauses = try fields.strings("exclude_causes") ?? []
        filter.excludeCauseCodePrefixes = try fields.strings("exclude_cause_code_prefixes") ?? []
        filter.minDurationSeconds = Int64(try fields.integer("min_duration_seconds", atLeast: 0) ?? 0)
        filter.excludeMEDDays = try fields.trueOrFalse("exclude_med_days") ?? false
        filter.mergeWithinSeconds = try fields.hoursAsSeconds("merge_within_hours") ?? 0
        filter.minUsersPerEvent = try fields.integer("min_users_per_event", atLeast: 1) ?? 1
        return filter
    }
}
