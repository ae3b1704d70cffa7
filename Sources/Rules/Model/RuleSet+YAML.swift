import GridWatchCore
import YAMLConfig
import Yams

extension RuleSet {
    /// Loads and validates a rule file; every problem is a `file:line` error.
    public static func load(path: String) throws(RuleFileError) -> RuleSet {
        try ruleSet(YAMLDocument.load(contentsOf: path), file: path)
    }

    /// Parses rule-file text; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(RuleFileError) -> RuleSet {
        try ruleSet(YAMLDocument.parse(yaml, file: file), file: file)
    }

    private static func ruleSet(_ root: Node, file: String) throws(RuleFileError) -> RuleSet {
        let top = try YAMLMapping(ruleFields: root, file: file, context: "the rule file", allowedKeys: ["rules", "priority"])
        let priority = try top.text("priority") ?? "independent"
        guard priority == "independent" || priority == "exclusive" else {
            throw top.failure("priority", "is \"\(priority)\"", expected: "independent | exclusive")
        }
        guard let items = try top.required("rules").sequence else {
            throw top.failure("rules", "is not a list", expected: "a list of rules")
        }
        var rules: [Rule] = []
        for item in items {
            let rule = try parseRule(item, file: file)
            if rules.contains(where: { $0.id == rule.id }) {
                throw RuleFileError(.duplicateID, file: file, line: item.mark?.line ?? 0, "rule id \"\(rule.id)\" is used twice, expected unique rule ids")
            }
            rules.append(rule)
        }
        return RuleSet(rules: rules, exclusivePriority: priority == "exclusive")
    }

    private static let ruleKeys = ["id", "title", "level", "entity", "kind", "window", "count", "filter", "count_members",
                                   "hours", "customer_hours", "tolerance_minutes", "below_percent", "checks", "silent_hours",
                                   "max_clock_offset_seconds"]

    private static func parseRule(_ node: Node, file: String) throws(RuleFileError) -> Rule {
        let unnamed = try YAMLMapping(ruleFields: node, file: file, context: "a rule", allowedKeys: ruleKeys)
        guard let id = try unnamed.text("id") else {
            throw RuleFileError(.missingKey, file: file, line: unnamed.line, "a rule has no id, expected an id key")
        }
        let fields = try YAMLMapping(ruleFields: node, file: file, context: "rule \(id)", allowedKeys: ruleKeys)
        let entity = try fields.choice("entity", of: RuleEntity.self, allowed: RuleEntity.allCases) ?? .meter
        let kind = try parseKind(fields, entity: entity)
        var rule = Rule(id: id, title: try fields.text("title") ?? "",
                        level: try fields.choice("level", of: RuleLevel.self, allowed: RuleLevel.allCases) ?? .frequent,
                        entity: entity, kind: kind)
        if let window = fields.node("window") { rule.window = try parseWindow(window, file: file, rule: id) }
        if case .rolling = rule.window, !kind.countsOutages {
            throw fields.failure("window", "is rolling for kind \(kind.name)", expected: "calendar_year or trailing for kinds that do not count outages")
        }
        if let filter = fields.node("filter") { rule.filter = try parseFilter(filter, file: file, rule: id) }
        if let members = fields.node("count_members") {
            guard entity != .meter, kind == .frequency else {
                throw fields.failure("count_members", "is given for a \(entity.rawValue) \(kind.name) rule", expected: "count_members only on frequency rules of entity area or line")
            }
            let mapping = try YAMLMapping(ruleFields: members, file: file, context: "count_members of rule \(id)", allowedKeys: ["level"] + conditionKeys)
            let level = try mapping.choice("level", of: RuleLevel.self, allowed: RuleLevel.allCases) ?? .frequent
            rule.countMembers = MemberCount(level: level, condition: try parseCondition(mapping))
        }
        if let count = fields.node("count") {
            rule.count = try parseCondition(YAMLMapping(ruleFields: count, file: file, context: "count of rule \(id)", allowedKeys: conditionKeys))
        } else if kind == .frequency, rule.countMembers == nil {
            throw RuleFileError(.missingKey, file: file, line: fields.line, "rule \(id) has no count, expected count: {gt: N} (or ge, eq, between)")
        }
        return rule
    }

    private static func parseKind(_ fields: YAMLMapping, entity: RuleEntity) throws(RuleFileError) -> RuleKind {
        let name = try fields.text("kind") ?? "frequency"
        let kindKeys = ["hours": "long_outage", "customer_hours": "customer_hours", "tolerance_minutes": "planned_overrun",
                        "below_percent": "voltage_quality",
                        "checks": "data_quality", "silent_hours": "data_quality",
                        "max_clock_offset_seconds": "data_quality"]
        for (key, owner) in kindKeys where fields.node(key) != nil && owner != name {
            throw fields.failure(key, "is given for a rule of kind \(name)", expected: "\(key) only with kind: \(owner)")
        }
        switch name {
        case "frequency":
            return .frequency
        case "long_outage":
            guard let seconds = try fields.hoursAsSeconds("hours") else {
                throw RuleFileError(.missingKey, file: fields.file, line: fields.line, "\(fields.subject) has no hours, expected hours: N for kind long_outage")
            }
            return .longOutage(seconds: seconds)
        case "customer_hours":
            guard entity != .meter else {
                throw fields.failure("entity", "is meter", expected: "area or line for kind customer_hours")
            }
            guard let above = try fields.number("customer_hours", atLeast: 0) else {
                throw RuleFileError(.missingKey, file: fields.file, line: fields.line, "\(fields.subject) has no customer_hours, expected customer_hours: N for kind customer_hours")
            }
            return .customerHours(above: above)
        case "planned_overrun":
            let minutes = try fields.number("tolerance_minutes", atLeast: 0) ?? 0
            return .plannedOverrun(toleranceSeconds: Int64((minutes * 60).rounded()))
        case "voltage_quality":
            guard let below = try fields.number("below_percent", atLeast: 0), below <= 100 else {
                throw RuleFileError(.missingKey, file: fields.file, line: fields.line(of: "below_percent"), "\(fields.subject) has no valid below_percent, expected below_percent: P with 0 ≤ P ≤ 100 for kind voltage_quality")
            }
            return .voltageQuality(belowPercent: below)
        case "data_quality":
            guard entity == .meter else { throw fields.failure("entity", "is \(entity.rawValue)", expected: "meter for kind data_quality") }
            var checks = Set<DataQualityCheck>()
            for text in try fields.strings("checks") ?? [] {
                guard let check = DataQualityCheck(rawValue: text) else {
                    throw fields.failure("checks", "names \"\(text)\"", expected: "checks from \(DataQualityCheck.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                checks.insert(check)
            }
            let silent = try fields.hoursAsSeconds("silent_hours")
            let clockOffset = try fields.number("max_clock_offset_seconds", atLeast: 0)
            if let clockOffset, clockOffset > 1e9 {
                throw fields.failure("max_clock_offset_seconds", "is \(clockOffset)", expected: "seconds ≤ 1000000000")
            }
            guard !checks.isEmpty || silent != nil || clockOffset != nil else {
                throw RuleFileError(.missingKey, file: fields.file, line: fields.line, "\(fields.subject) has no checks, silent_hours or max_clock_offset_seconds, expected at least one of them for kind data_quality")
            }
            return .dataQuality(checks: checks, silentSeconds: silent, maxClockOffsetSeconds: clockOffset.map { Int64($0.rounded(.down)) })
        default:
            throw fields.failure("kind", "is \"\(name)\"", expected: "frequency | long_outage | customer_hours | planned_overrun | voltage_quality | data_quality")
        }
    }
}
