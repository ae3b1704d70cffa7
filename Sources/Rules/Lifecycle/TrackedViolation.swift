/// A violation through its life: opened when its rule first held for the entity, updated while it
/// holds, closed when it no longer does. A closed violation is kept; reopening makes a new one.
public struct TrackedViolation: Sendable, Hashable, Codable, Identifiable {
    public struct Acknowledgement: Sendable, Hashable, Codable {
        /// Unix seconds.
        public var at: Int64
        public var by: String?
        public var note: String?
    }

    public let id: Int
    public let key: ViolationKey
    public internal(set) var level: RuleLevel
    /// Unix seconds.
    public let openedAt: Int64
    public internal(set) var closedAt: Int64?
    /// The last evaluation time at which the rule held.
    public internal(set) var lastHeldAt: Int64
    /// The latest count, and the largest seen.
    public internal(set) var count: Int
    public internal(set) var maxCount: Int
    /// The latest window.
    public internal(set) var from: Int64
    public internal(set) var to: Int64
    /// Every record any evaluation counted for it while open, in start order.
    public internal(set) var outages: [OutageReference]
    public internal(set) var acknowledgement: Acknowledgement?
    /// The remediation note (何时整改、怎样整改), kept after closing.
    public internal(set) var remediationNote: String?

    public var isOpen: Bool { closedAt == nil }

    init(id: Int, violation: Violation, at: Int64) {
        self.id = id
        key = violation.key
        level = violation.level
        openedAt = at
        lastHeldAt = at
        count = violation.count
        maxCount = violation.count
        from = violation.from
        to = violation.to
        outages = violation.outages
    }

    /// The rule still holds at `at`: take the new count and window, add newly counted records.
    mutating func update(with violation: Violation, at: Int64) {
        level = violation.level
        lastHeldAt = at
        count = violation.count
        maxCount = max(maxCount, violation.count)
        from = violation.from
        to = violation.to
        let known = Set(outages)
        let added = violation.outages.filter { !known.contains($0) }
        if !added.isEmpty {
            outages = (outages + added).sorted { ($0.start, $0.meterID) < ($1.start, $1.meterID) }
        }
    }
}
