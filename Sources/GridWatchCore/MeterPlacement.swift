/// Where a meter sits in the supply hierarchy (meter → area → line → county → region → system),
/// and what it counts for: one row of `topology.csv`.
public struct MeterPlacement: Sendable, Hashable, Codable {
    public var meterID: String
    /// Transformer area (台区).
    public var area: String
    /// Feeder line.
    public var line: String
    public var county: String
    public var region: String
    /// Customers (users) behind this meter; 1 for a billing meter.
    public var customers: Int
    /// Connected load in kVA, for ASIFI and ASIDI.
    public var kva: Double?
    /// In-service dates as Unix seconds; `nil` means "before any period" / "after any period".
    public var inServiceFrom: Int64?
    public var inServiceTo: Int64?
    /// Nominal voltage for voltage-quality rules (220 V single-phase by default).
    public var nominalVoltage: Double

    public init(
        meterID: String, area: String, line: String = "", county: String = "", region: String = "",
        customers: Int = 1, kva: Double? = nil, inServiceFrom: Int64? = nil, inServiceTo: Int64? = nil,
        nominalVoltage: Double = 220
    ) {
        self.meterID = meterID
        self.area = area
        self.line = line
        self.county = county
        self.region = region
        self.customers = customers
        self.kva = kva
        self.inServiceFrom = inServiceFrom
        self.inServiceTo = inServiceTo
        self.nominalVoltage = nominalVoltage
    }
}

/// A level of the supply hierarchy that indices and rules group by.
public enum HierarchyLevel: String, Sendable, Hashable, Codable, CaseIterable {
    case meter, area, line, county, region, system
}
