import Reliability
import Rules
import Store

/// What one full evaluation changes in the stored violations ("dynamic zeroing"): a rule and entity
/// that newly holds opens a violation, an open one that still holds is updated when its count, level,
/// window or counted records changed, and an open one that no longer holds closes (its history stays).
struct ViolationChanges {
    struct Opening {
        var violation: Violation
        var finding: ViolationFinding
    }

    var openings: [Opening] = []
    var updates: [ViolationFinding] = []
    var closings: [ViolationRecord] = []

    /// - Parameters:
    ///   - open: the store's open violations.
    ///   - outageID: the store id of a counted record.
    init(evaluation: RuleEvaluation, open: [ViolationRecord], outageID: (OutageReference) -> Int64?) {
        var stored: [ViolationKey: ViolationRecord] = [:]
        for record in open {
            guard let entity = RuleEntity(rawValue: record.finding.entity) else { continue }
            stored[ViolationKey(rule: record.finding.ruleID, entity: entity, entityID: record.finding.entityID)] = record
        }
        var held = Set<ViolationKey>()
        for violation in evaluation.violations where held.insert(violation.key).inserted {
            let finding = ViolationFinding(
                ruleID: violation.rule, level: violation.level.rawValue, entity: violation.entity.rawValue,
                entityID: violation.entityID, count: violation.count, windowFrom: violation.from, windowTo: violation.to,
                outageIDs: violation.outages.compactMap(outageID))
            guard let existing = stored[violation.key] else {
                openings.append(Opening(violation: violation, finding: finding))
                continue
            }
            if Self.changed(existing.finding, to: finding) { updates.append(finding) }
        }
        closings = stored.filter { !held.contains($0.key) }.map(\.value).sorted { $0.id < $1.id }
    }

    /// A stored violation keeps every record it ever counted, so only new ones are a change.
    private static func changed(_ stored: ViolationFinding, to found: ViolationFinding) -> Bool {
        stored.level != found.level || stored.count != found.count || stored.windowFrom != found.windowFrom
            || stored.windowTo != found.windowTo || !Set(found.outageIDs).isSubset(of: stored.outageIDs)
    }
}
