import GridWatchCore
import Reliability

extension RuleEngine {
    /// The rules over the selected entities at `at`. Meter rules run over the selected meters and every
    /// meter of the selected areas and lines (for `count_members`), but only the selected meters are reported.
    public func evaluate(at: Int64, clock: LocalClock, selection: EntitySelection) -> RuleEvaluation {
        var context = EvaluationContext(engine: self, at: at, clock: clock)
        var byRule = [[Violation]](repeating: [], count: ruleSet.rules.count)
        let memberVerdicts = evaluateMeters(context: &context, selection: selection, into: &byRule)
        for entity in [RuleEntity.area, .line] {
            let rules = ruleSet.rules.indices.filter { ruleSet.rules[$0].entity == entity }
            guard !rules.isEmpty else { continue }
            let grouping = entity == .area ? topology.areas : topology.lines
            let members = entity == .area ? areaMembers : lineMembers
            let groups = (entity == .area ? selection.areas : selection.lines).map { $0.sorted().map(Int.init) }
                ?? Array(0..<grouping.count)
            for group in groups {
                for index in rules {
                    let violation: Violation?
                    if let countMembers = ruleSet.rules[index].countMembers {
                        violation = memberViolation(rule: ruleSet.rules[index], countMembers: countMembers, name: grouping.names[group],
                                                    members: members.meters(of: group), verdicts: memberVerdicts)
                    } else {
                        violation = evaluateGroup(index: index, group: group, name: grouping.names[group],
                                                  members: members.meters(of: group), context: &context)
                    }
                    if let violation { byRule[index].append(violation) }
                }
            }
        }
        let violations = ruleSet.exclusivePriority ? applyExclusivePriority(byRule) : byRule.flatMap { $0 }
        return RuleEvaluation(at: at, clock: clock, violations: violations)
    }

    /// Meter-entity rules; returns, for `count_members`, the evaluated meters' outage-counting violations.
    private func evaluateMeters(context: inout EvaluationContext, selection: EntitySelection,
                                into byRule: inout [[Violation]]) -> MemberVerdicts {
        let meterRules = ruleSet.rules.indices.filter { ruleSet.rules[$0].entity == .meter }
        let needsMembers = ruleSet.rules.contains { $0.countMembers != nil }
        var meters: [Int32]
        if let selected = selection.meters {
            var all = selected
            if needsMembers {
                for area in selection.areas ?? [] { all.formUnion(areaMembers.meters(of: Int(area))) }
                for line in selection.lines ?? [] { all.formUnion(lineMembers.meters(of: Int(line))) }
            }
            meters = all.sorted()
        } else {
            meters = Array(0..<Int32(topology.meterCount))
        }
        var verdicts = MemberVerdicts()
        let memberLevels = Set(ruleSet.rules.compactMap { $0.countMembers?.level })
        let memberRules = meterRules.filter { ruleSet.rules[$0].kind.countsOutages && memberLevels.contains(ruleSet.rules[$0].level) }
        for meter in meters {
            let reported = selection.meters?.contains(meter) ?? true
            for index in reported ? meterRules : memberRules {
                guard let (violation, rows) = evaluateMeter(index: index, meter: Int(meter), context: &context) else { continue }
                if reported { byRule[index].append(violation) }
                if needsMembers, ruleSet.rules[index].kind.countsOutages {
                    verdicts.meters.append(meter)
                    verdicts.entries.append((violation.level, violation.from, violation.to, rows))
                }
            }
        }
        return verdicts
    }

    /// A meter's violation of a rule, with the rows it counted (empty for kinds that count no outages).
    private func evaluateMeter(index: Int, meter: Int, context: inout EvaluationContext) -> (Violation, [Int32])? {
        let rule = ruleSet.rules[index]
        switch rule.kind {
        case .frequency, .longOutage, .plannedOverrun:
            let counted = context.countedRows(meter: meter, rule: index)
            let hit = counted.starts.withUnsafeBufferPointer {
                WindowSearch.find(starts: $0, window: rule.window, condition: rule.count, at: context.at, clock: context.clock)
            }
            guard let hit else { return nil }
            let rows = Array(counted.rows[hit.units])
            return (Violation(rule: rule.id, level: rule.level, entity: .meter, entityID: meterNames[meter],
                              count: hit.count, from: hit.from, to: hit.to, outages: rows.map { reference(row: Int($0)) }), rows)
        case .customerHours:
            return nil
        case .voltageQuality(let below):
            return voltageViolation(rule: rule, below: below, name: meterNames[meter], meters: [Int32(meter)], context: &context)
                .map { ($0, []) }
        case .dataQuality(let checks, let silent, let clockOffset):
            return dataQualityViolation(rule: rule, meter: meter, checks: checks, silentSeconds: silent,
                                        maxClockOffsetSeconds: clockOffset, context: context)
                .map { ($0, []) }
        }
    }

    /// An area or line rule counting interruption events: one event counts once however many of the
    /// group's meters it touches; its counted records are those of the members that the filter counted.
    private func evaluateGroup(index: Int, group: Int, name: String, members: ArraySlice<Int32>,
                               context: inout EvaluationContext) -> Violation? {
        let rule = ruleSet.rules[index]
        if case .voltageQuality(let below) = rule.kind {
            return voltageViolation(rule: rule, below: below, name: name, meters: members, context: &context)
        }
        let rows = context.countedRows(group: group, entity: rule.entity, members: members, rule: index)
        let customerHoursAbove: Double? = if case .customerHours(let above) = rule.kind { above } else { nil }
        let events = CountedEvents(rows: rows, columns: columns, customers: topology.customers, at: context.at,
                                   customerHoursAbove: customerHoursAbove, scratch: &context.events)
        let hit = events.starts.withUnsafeBufferPointer {
            WindowSearch.find(starts: $0, window: rule.window, condition: rule.count, at: context.at, clock: context.clock)
        }
        guard let hit else { return nil }
        return Violation(rule: rule.id, level: rule.level, entity: rule.entity, entityID: name, count: hit.count,
                         from: hit.from, to: hit.to, outages: events.rows(ofEvents: hit.units).map { reference(row: Int($0)) })
    }

    /// `count_members`: the group's meters with a violation of the asked level, their records together.
    private func memberViolation(rule: Rule, countMembers: MemberCount, name: String, members: ArraySlice<Int32>,
                                 verdicts: MemberVerdicts) -> Violation? {
        let memberEntries = members.map { verdicts.entries(of: $0, level: countMembers.level) }.filter { !$0.isEmpty }
        guard countMembers.condition.holds(memberEntries.count) else { return nil }
        let all = memberEntries.flatMap { $0 }
        var rows = all.flatMap(\.rows).sorted { (columns.start[Int($0)], $0) < (columns.start[Int($1)], $1) }
        rows = rows.indices.filter { $0 == 0 || rows[$0] != rows[$0 - 1] }.map { rows[$0] }
        return Violation(rule: rule.id, level: rule.level, entity: rule.entity, entityID: name, count: memberEntries.count,
                         from: all.map(\.from).min() ?? 0, to: all.map(\.to).max() ?? 0, outages: rows.map { reference(row: Int($0)) })
    }

    /// Exclusive priority: frequent rules first, then warning rules, each in file order; the first
    /// outage-counting rule that holds for an entity claims it. Other kinds are kept as they are.
    private func applyExclusivePriority(_ byRule: [[Violation]]) -> [Violation] {
        let order = RuleLevel.allCases.flatMap { level in ruleSet.rules.indices.filter { ruleSet.rules[$0].level == level } }
        var claimed = Set<String>()
        var kept = [[Violation]](repeating: [], count: byRule.count)
        for index in order {
            guard ruleSet.rules[index].kind.countsOutages else { kept[index] = byRule[index]; continue }
            kept[index] = byRule[index].filter { claimed.insert("\($0.entity.rawValue)\u{0}\($0.entityID)").inserted }
        }
        return kept.flatMap { $0 }
    }
}

/// The outage-counting violations of the evaluated meters, in meter order, for `count_members`.
struct MemberVerdicts {
    typealias Entry = (level: RuleLevel, from: Int64, to: Int64, rows: [Int32])

    var meters: [Int32] = []
    var entries: [Entry] = []

    func entries(of meter: Int32, level: RuleLevel) -> [Entry] {
        var low = 0, high = meters.count
        while low < high {
            let middle = (low + high) / 2
            if meters[middle] < meter { low = middle + 1 } else { high = middle }
        }
        var found: [Entry] = []
        while low < meters.count, meters[low] == meter {
            if entries[low].level == level { found.append(entries[low]) }
            low += 1
        }
        return found
    }
}
