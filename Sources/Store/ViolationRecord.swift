/// What a rule evaluation found for one entity: the content of an open violation.
public struct ViolationFinding: Sendable, Hashable, Codable {
    public var ruleID: String
    /// `frequent`, `warning`, ...
    public var level: String
    /// `meter`, `area` or `line`.
    public var entity: String
    public var entityID: String
    public var count: Int
    /// The rule's window, Unix seconds.
    public var windowFrom: Int64
    public var windowTo: Int64
    /// Ids of the stored outage records the rule counted.
    public var outageIDs: [Int64]

    public init(
        ruleID: String, level: String, entity: String, entityID: String, count: Int, windowFrom: Int64,
        windowTo: Int64, outageIDs: [Int64]
    ) {
        self.ruleID = ruleID
        self.level = level
        self.entity = entity
        self.entityID = entityID
        self.count = count
        self.windowFrom = windowFrom
        self.windowTo = windowTo
        self.outageIDs = outageIDs
    }
}

/// A rule violation: opened when its rule first held for an entity, closed when it no longer holds.
public struct ViolationRecord: Sendable, Hashable, Codable {
    public var id: Int64
    /// What the rule found at its last evaluation (rule, entity, count, window, causing outages).
    public var finding: ViolationFinding
    public var openedMillis: Int64
    public var closedMillis: Int64?
    public var acknowledgedMillis: Int64?
    public var acknowledgedBy: String?
    public var remediationNote: String?
    public var isOpen: Bool { closedMillis == nil }
}

/// One queued webhook call.
public struct WebhookDelivery: Sendable, Hashable {
    public var id: Int64
    /// The JSON body to POST.
    public var payload: String
    public var attempts: Int
    public var createdMillis: Int64
}
