import GridWatchCore

/// `numerator / denominator`, or `nil` when the denominator is 0 (an index that does not exist).
@inline(__always)
func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
    denominator == 0 ? nil : numerator / denominator
}

/// IEEE 1366 indices of one group. Ratios are `nil` when their denominator is 0.
public struct IEEE1366Indices: Sendable, Hashable {
    public var ci: Double
    public var cmiMinutes: Double
    public var saifi: Double?
    public var saidiMinutes: Double?
    public var caidiMinutes: Double?
    public var ctaidiMinutes: Double?
    public var caifi: Double?
    public var asai: Double?
    public var asifi: Double?
    public var asidiMinutes: Double?
    public var maifi: Double?
    public var maifiE: Double?
    /// (n, CEMI_n) in the order of `IndexOptions.cemiThresholds`.
    public var cemi: [CountedIndex]
    public var cemsmi: [CountedIndex]
    public var celidSingle: Double?
    public var celidTotal: Double?

    /// An index with a parameter n (CEMI_n, CEMSMI_n).
    public struct CountedIndex: Sendable, Hashable {
        public var n: Int
        public var value: Double?
    }

    init(block b: UnsafePointer<Double>, customers: Double, kva: Double, layout: SumsLayout, options: IndexOptions) {
        ci = b[SumsLayout.ci]
        cmiMinutes = b[SumsLayout.cmi]
        let interrupted = b[SumsLayout.customersInterrupted]
        saifi = ratio(ci, customers)
        saidiMinutes = ratio(cmiMinutes, customers)
        caidiMinutes = ratio(cmiMinutes, ci)
        ctaidiMinutes = ratio(cmiMinutes, interrupted)
        caifi = ratio(ci, interrupted)
        let customerHours = customers * options.hours
        asai = ratio(customerHours - cmiMinutes / 60, customerHours)
        asifi = ratio(b[SumsLayout.kvaInterrupted], kva)
        asidiMinutes = ratio(b[SumsLayout.kvaMinutes], kva)
        maifi = ratio(b[SumsLayout.momentaryOperations], customers)
        maifiE = ratio(b[SumsLayout.momentaryEvents], customers)
        cemi = options.cemiThresholds.enumerated().map { CountedIndex(n: $1, value: ratio(b[SumsLayout.cemi + $0], customers)) }
        cemsmi = options.cemiThresholds.enumerated().map { CountedIndex(n: $1, value: ratio(b[layout.cemsmi + $0], customers)) }
        celidSingle = ratio(b[SumsLayout.celidSingle], customers)
        celidTotal = ratio(b[SumsLayout.celidTotal], customers)
    }
}

/// DL/T 836 indices of one group (hours, per user, percent). Ratios are `nil` when their denominator is 0.
public struct DLT836Indices: Sendable, Hashable {
    /// 停电时户数: Σ duration (h) × users over non-short outages.
    public var customerHours: Double
    public var aihc1Hours: Double?
    public var aihc2Hours: Double?
    public var aihc3Hours: Double?
    public var rs1Percent: Double?
    public var rs2Percent: Double?
    public var rs3Percent: Double?
    public var aitc1: Double?
    public var aitc2: Double?
    public var aitc3: Double?
    public var faultHoursPerUser: Double?
    public var faultCountPerUser: Double?
    public var prearrangedHoursPerUser: Double?
    public var prearrangedCountPerUser: Double?
    /// Event-based: Σ event durations / number of events.
    public var faultMeanDurationHours: Double?
    public var prearrangedMeanDurationHours: Double?
    /// Customer-weighted: customer hours / Σ users.
    public var faultMeanDurationHoursWeighted: Double?
    public var prearrangedMeanDurationHoursWeighted: Double?
    public var meanUsersPerOutage: Double?
    public var shortOutagesPerUser: Double?

    init(block b: UnsafePointer<Double>, users: Double, hours: Double) {
        customerHours = b[DLTSum.customerHours]
        let aihc1 = ratio(customerHours, users)
        aihc1Hours = aihc1
        aihc2Hours = aihc1.map { $0 - b[DLTSum.externalHours] / users }
        aihc3Hours = aihc1.map { $0 - b[DLTSum.shortageHours] / users }
        func reliability(_ aihc: Double?) -> Double? { aihc.flatMap { value in ratio(value, hours).map { (1 - $0) * 100 } } }
        rs1Percent = reliability(aihc1Hours)
        rs2Percent = reliability(aihc2Hours)
        rs3Percent = reliability(aihc3Hours)
        aitc1 = ratio(b[DLTSum.users], users)
        aitc2 = ratio(b[DLTSum.users] - b[DLTSum.externalUsers], users)
        aitc3 = ratio(b[DLTSum.users] - b[DLTSum.shortageUsers], users)
        faultHoursPerUser = ratio(b[DLTSum.faultHours], users)
        faultCountPerUser = ratio(b[DLTSum.faultUsers], users)
        prearrangedHoursPerUser = ratio(b[DLTSum.prearrangedHours], users)
        prearrangedCountPerUser = ratio(b[DLTSum.prearrangedUsers], users)
        faultMeanDurationHours = ratio(b[DLTSum.faultEventHours], b[DLTSum.faultEvents])
        prearrangedMeanDurationHours = ratio(b[DLTSum.prearrangedEventHours], b[DLTSum.prearrangedEvents])
        faultMeanDurationHoursWeighted = ratio(b[DLTSum.faultHours], b[DLTSum.faultUsers])
        prearrangedMeanDurationHoursWeighted = ratio(b[DLTSum.prearrangedHours], b[DLTSum.prearrangedUsers])
        meanUsersPerOutage = ratio(b[DLTSum.users], b[DLTSum.events])
        shortOutagesPerUser = ratio(b[DLTSum.shortUsers], users)
    }
}

/// The indices of one group (an area, line, county, region, or the system).
public struct GroupIndices: Sendable, Hashable {
    public var level: HierarchyLevel
    public var id: String
    /// Customers served N_T (= DL/T users_total) under the chosen customer base.
    public var customers: Double
    public var ieee1366: IEEE1366Indices
    /// IEEE 1366 without interruptions starting on Major Event Days; `nil` without a MED history.
    public var ieee1366ExcludingMED: IEEE1366Indices?
    public var dlt836: DLT836Indices

    init(level: HierarchyLevel, id: String, sums: UnsafePointer<Double>, layout: SumsLayout, options: IndexOptions, withMED: Bool) {
        self.level = level
        self.id = id
        customers = sums[SumsLayout.customers]
        let kva = sums[SumsLayout.kva]
        ieee1366 = IEEE1366Indices(block: sums + layout.ieee, customers: customers, kva: kva, layout: layout, options: options)
        ieee1366ExcludingMED = withMED
            ? IEEE1366Indices(block: sums + layout.ieeeExcludingMED, customers: customers, kva: kva, layout: layout, options: options)
            : nil
        dlt836 = DLT836Indices(block: sums + layout.dlt, users: customers, hours: options.hours)
    }
}

/// Everything `gridwatch indices` prints.
public struct IndexReport: Sendable {
    public var options: IndexOptions
    public var groups: [GroupIndices]
    /// Daily SAIDI, threshold and MEDs; `nil` without a MED history.
    public var majorEventDays: MajorEventDays?
    /// Rows of the outage table still open that started in the period (counted with their duration so far).
    public var openRows: [Int]
}
