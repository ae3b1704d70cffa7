/// One outage record that a rule counted.
public struct OutageReference: Sendable, Hashable, Codable {
    public var meterID: String
    /// Unix seconds.
    public var start: Int64
    /// Unix seconds; `nil` while the outage is open.
    public var end: Int64?
    public var eventID: String?

    public init(meterID: String, start: Int64, end: Int64?, eventID: String?) {
        self.meterID = meterID
        self.start = start
        self.end = end
        self.eventID = eventID
    }
}

/// What a violation is about: a rule and one entity. The lifecycle tracks violations by this key.
public struct ViolationKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var rule: String
    public var entity: RuleEntity
    public var entityID: String

    public init(rule: String, entity: RuleEntity, entityID: String) {
        self.rule = rule
        self.entity = entity
        self.entityID = entityID
    }

    public var description: String { "\(rule)/\(entity.rawValue)/\(entityID)" }

    public var entityReference: EntityReference { EntityReference(entity: entity, id: entityID) }
}

/// A meter, area or line by name.
public struct EntityReference: Sendable, Hashable, Codable {
    public var entity: RuleEntity
    public var id: String

    public init(entity: RuleEntity, id: String) {
        self.entity = entity
        self.id = id
    }
}

/// A rule that holds for one entity at the evaluation time.
public struct Violation: Sendable, Hashable, Codable {
    public var rule: String
    public var level: RuleLevel
    public var entity: RuleEntity
    public var entityID: String
    /// What the rule counted: outages, events, frequent members, out-of-limit minutes or findings.
    public var count: Int
    /// The window the count was taken over (Unix seconds; `to` is the evaluation time or the window's end).
    public var from: Int64
    public var to: Int64
    /// Exactly the records the rule counted, after its filter, in start order.
    public var outages: [OutageReference]
    /// `voltage_quality`: the entity's qualification rate.
    public var ratePercent: Double?
    /// `data_quality`: what was found, one line per finding kind.
    public var findings: [String]?

    public init(rule: String, level: RuleLevel, entity: RuleEntity, entityID: String, count: Int, from: Int64, to: Int64,
                outages: [OutageReference], ratePercent: Double? = nil, findings: [String]? = nil) {
        self.rule = rule
        self.level = level
        self.entity = entity
        self.entityID = entityID
        self.count = count
        self.from = from
        self.to = to
        self.outages = outages
        self.ratePercent = ratePercent
        self.findings = findings
    }

    public var key: ViolationKey { ViolationKey(rule: rule, entity: entity, entityID: entityID) }
}

/// The violations of a rule set at one moment, in rule-file order, then entity order.
public struct RuleEvaluation: Sendable {
    public var at: Int64
    public var clock: LocalClock
    public var violations: [Violation]

    public init(at: Int64, clock: LocalClock, violations: [Violation]) {
        self.at = at
        self.clock = clock
        self.violations = violations
    }
}
