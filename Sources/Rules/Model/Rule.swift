import GridWatchCore

/// How serious a violation is. `frequent` verdicts come before `warning` ones under exclusive priority.
public enum RuleLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case frequent, warning
}

/// What a rule counts for: one meter (user), one transformer area or one line.
public enum RuleEntity: String, Sendable, Hashable, Codable, CaseIterable {
    case meter, area, line
}

/// How days are measured in a `rolling` or `trailing` window.
public enum WindowMode: String, Sendable, Hashable, Codable {
    /// Local dates: a 60-day window is the dates [d, d + 59].
    case calendar
    /// Start times less than N × 24 h apart.
    case exact
}

/// The stretch of time a rule counts over, always ending at the evaluation time at the latest.
public enum RuleWindow: Sendable, Hashable {
    /// 1 January (local) of the evaluation year up to the evaluation time.
    case calendarYear
    /// Any window of `days` days inside the calendar year up to the evaluation time.
    case rolling(days: Int, mode: WindowMode)
    /// The `days` days ending at the evaluation time.
    case trailing(days: Int, mode: WindowMode)
}

/// A condition on a count: `gt`, `ge`, `eq` or `between: [a, b]` (both ends included).
public enum CountCondition: Sendable, Hashable {
    case greaterThan(Int)
    case atLeast(Int)
    case equal(Int)
    case between(Int, Int)

    @inline(__always)
    public func holds(_ count: Int) -> Bool {
        switch self {
        case .greaterThan(let limit): return count > limit
        case .atLeast(let limit): return count >= limit
        case .equal(let value): return count == value
        case .between(let low, let high): return count >= low && count <= high
        }
    }
}

/// Which outage records a rule counts. The exclusions apply in the order of the spec (§4): the
/// work-order single-user exclusion on the whole event first, then the record-level exclusions, merging last.
public struct OutageFilter: Sendable, Hashable {
    /// Classes counted; `nil` counts every class.
    public var classes: Set<OutageClass>?
    public var excludeCauses: [String]
    public var excludeCauseCodePrefixes: [String]
    /// Records shorter than this are not counted (an open record's duration runs to the evaluation time).
    public var minDurationSeconds: Int64
    /// Records starting on a Major Event Day (local date) are not counted.
    public var excludeMEDDays: Bool
    /// A meter's record starting less than this after its last *counted* record is not counted.
    public var mergeWithinSeconds: Int64
    /// Records of a work order (or, without one, an interruption event) touching fewer distinct users
    /// than this, counted over all its records before any other exclusion, are not counted.
    public var minUsersPerEvent: Int

    public init(classes: Set<OutageClass>? = nil, excludeCauses: [String] = [], excludeCauseCodePrefixes: [String] = [],
                minDurationSeconds: Int64 = 0, excludeMEDDays: Bool = false, mergeWithinSeconds: Int64 = 0,
                minUsersPerEvent: Int = 1) {
        self.classes = classes
        self.excludeCauses = excludeCauses
        self.excludeCauseCodePrefixes = excludeCauseCodePrefixes
        self.minDurationSeconds = minDurationSeconds
        self.excludeMEDDays = excludeMEDDays
        self.mergeWithinSeconds = mergeWithinSeconds
        self.minUsersPerEvent = minUsersPerEvent
    }
}

/// `count_members`: an area or line rule that holds when enough of its meters have a violation of `level`.
public struct MemberCount: Sendable, Hashable {
    public var level: RuleLevel
    public var condition: CountCondition

    public init(level: RuleLevel, condition: CountCondition) {
        self.level = level
        self.condition = condition
    }
}

/// The data-quality findings a `data_quality` rule looks for.
public enum DataQualityCheck: String, Sendable, Hashable, CaseIterable {
    /// Two outage records of one meter that overlap in time.
    case overlapping
    /// An outage record starting or ending after the evaluation time.
    case future
    /// A voltage sample outside 0 to 2 × the meter's nominal voltage.
    case outOfRange = "out_of_range"
    /// An open outage record (a power-off without its power-on) followed by a later record of the
    /// same meter: the meter was on again, so the record's end is missing, not pending.
    case unpaired
}

/// What a rule looks at.
public enum RuleKind: Sendable, Hashable {
    /// Counts outages (meter) or interruption events (area, line) in the window.
    case frequency
    /// Counts outages longer than `seconds`.
    case longOutage(seconds: Int64)
    /// Counts interruption events whose customer-hours exceed `above`.
    case customerHours(above: Double)
    /// Counts outages of a planned notice (matched by work order) that started before or ended after
    /// its announced window by more than `toleranceSeconds`, or touched a meter outside its scope.
    case plannedOverrun(toleranceSeconds: Int64)
    /// The GB/T 12325 qualification rate in the window below `belowPercent`.
    case voltageQuality(belowPercent: Double)
    /// Data-quality findings; `count` applies to the number of findings of an entity. A meter whose
    /// measured clock offset exceeds `maxClockOffsetSeconds` either way is a finding.
    case dataQuality(checks: Set<DataQualityCheck>, silentSeconds: Int64?, maxClockOffsetSeconds: Int64? = nil)

    /// The name used in rule files.
    public var name: String {
        switch self {
        case .frequency: return "frequency"
        case .longOutage: return "long_outage"
        case .customerHours: return "customer_hours"
        case .plannedOverrun: return "planned_overrun"
        case .voltageQuality: return "voltage_quality"
        case .dataQuality: return "data_quality"
        }
    }

    /// True for the kinds that count outage records or events under a filter.
    public var countsOutages: Bool {
        switch self {
        case .frequency, .longOutage, .customerHours, .plannedOverrun: return true
        case .voltageQuality, .dataQuality: return false
        }
    }
}

/// One rule of a rule file.
public struct Rule: Sendable, Hashable {
    public var id: String
    public var title: String
    public var level: RuleLevel
    public var entity: RuleEntity
    public var kind: RuleKind
    public var window: RuleWindow
    public var count: CountCondition
    public var filter: OutageFilter
    /// When set, the rule counts the entity's meters that have a violation of a level instead of outages.
    public var countMembers: MemberCount?

    public init(id: String, title: String = "", level: RuleLevel = .frequent, entity: RuleEntity = .meter,
                kind: RuleKind = .frequency, window: RuleWindow = .calendarYear,
                count: CountCondition = .atLeast(1), filter: OutageFilter = OutageFilter(), countMembers: MemberCount? = nil) {
        self.id = id
        self.title = title
        self.level = level
        self.entity = entity
        self.kind = kind
        self.window = window
        self.count = count
        self.filter = filter
        self.countMembers = countMembers
    }
}

/// The rules of one file, in file order.
public struct RuleSet: Sendable, Hashable {
    public var rules: [Rule]
    /// When true an entity is reported under at most one outage-counting rule: frequent rules first,
    /// then warning rules, each in file order; the first that holds claims the entity.
    public var exclusivePriority: Bool

    public init(rules: [Rule], exclusivePriority: Bool = false) {
        self.rules = rules
        self.exclusivePriority = exclusivePriority
    }
}
