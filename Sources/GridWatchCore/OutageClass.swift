/// DL/T 836 outage classes. Weather and external damage are causes, not classes.
public enum OutageClass: String, Sendable, Hashable, Codable, CaseIterable {
    case faultInternal = "fault_internal"
    case faultExternal = "fault_external"
    case planned
    case temporary
    case supplyShortage = "supply_shortage"
    case gridLimit = "grid_limit"

    /// 故障停电: internal and external faults.
    public var isFault: Bool { self == .faultInternal || self == .faultExternal }
    /// 预安排停电: planned, temporary and both kinds of supply limitation.
    public var isPrearranged: Bool { !isFault }
    /// 外部影响: counted out of AIHC-2 and AITC-2.
    public var isExternalInfluence: Bool { self == .faultExternal }
}

/// Causes that the frequent-outage rules exclude by name. Any other cause is free text.
public enum ReservedCause {
    public static let forceMajeure = "force_majeure"
    public static let externalDamage = "external_damage"
}
