import GridWatchCore

/// One level of the hierarchy (areas, lines, counties or regions): the group names and each meter's group.
public struct Grouping: Sendable {
    public let level: HierarchyLevel
    /// Group names by group number.
    public let names: [String]
    /// Group number of each meter (by meter index).
    public let groupOfMeter: [Int32]

    public var count: Int { names.count }
}

/// Every meter and where it sits (meter → area → line → county → region → system), stored by column.
///
/// Meters are numbered 0..<count in file order; indices, rules and outage tables refer to meters by
/// that number and never hash a meter id after loading.
public struct Topology: Sendable {
    private(set) var meterIDs: ByteStringTable
    public let areas: Grouping
    public let lines: Grouping
    public let counties: Grouping
    public let regions: Grouping
    /// Customers (users) behind each meter.
    public let customers: [Int32]
    /// Connected kVA of each meter (0 when unknown).
    public let kva: [Double]
    /// In service from (Unix seconds; `Int64.min` when always).
    public let inServiceFrom: [Int64]
    /// In service until, exclusive (Unix seconds; `Int64.max` when still in service).
    public let inServiceTo: [Int64]
    public let nominalVoltage: [Double]

    public var meterCount: Int { customers.count }

    /// Builds a topology from placements (the daemon's configuration, tests). Meter ids must be unique.
    public init(placements: [MeterPlacement]) {
        var builder = TopologyBuilder(expectedCount: placements.count)
        for placement in placements { _ = builder.add(placement) }
        self = builder.build()
    }

    init(meterIDs: ByteStringTable, areas: Grouping, lines: Grouping, counties: Grouping, regions: Grouping,
         customers: [Int32], kva: [Double], inServiceFrom: [Int64], inServiceTo: [Int64], nominalVoltage: [Double]) {
        self.meterIDs = meterIDs
        self.areas = areas
        self.lines = lines
        self.counties = counties
        self.regions = regions
        self.customers = customers
        self.kva = kva
        self.inServiceFrom = inServiceFrom
        self.inServiceTo = inServiceTo
        self.nominalVoltage = nominalVoltage
    }

    /// The meter number of `meterID`, or `nil` when the topology does not list it.
    public func meterIndex(of meterID: String) -> Int? { meterIDs.find(meterID).map(Int.init) }

    /// The meter number of the meter id in `bytes` (UTF-8), or `nil` when the topology does not list it.
    public func meterIndex(ofBytes bytes: UnsafeRawBufferPointer) -> Int? { meterIDs.find(bytes).map(Int.init) }

    public func meterID(at index: Int) -> String { meterIDs.string(at: index) }

    /// The grouping of a level; `meter` and `system` are made on demand (one group per meter / one group `system`).
    public func grouping(_ level: HierarchyLevel) -> Grouping {
        switch level {
        case .area: return areas
        case .line: return lines
        case .county: return counties
        case .region: return regions
        case .system: return Grouping(level: .system, names: ["system"], groupOfMeter: Array(repeating: 0, count: meterCount))
        case .meter:
            return Grouping(level: .meter, names: meterIDs.strings, groupOfMeter: (0..<Int32(meterCount)).map { $0 })
        }
    }

    /// Meter `index` as a value.
    public func placement(at index: Int) -> MeterPlacement {
        MeterPlacement(
            meterID: meterID(at: index), area: areas.names[Int(areas.groupOfMeter[index])],
            line: lines.names[Int(lines.groupOfMeter[index])], county: counties.names[Int(counties.groupOfMeter[index])],
            region: regions.names[Int(regions.groupOfMeter[index])], customers: Int(customers[index]),
            kva: kva[index] == 0 ? nil : kva[index],
            inServiceFrom: inServiceFrom[index] == .min ? nil : inServiceFrom[index],
            inServiceTo: inServiceTo[index] == .max ? nil : inServiceTo[index], nominalVoltage: nominalVoltage[index]
        )
    }
}

/// Collects meters column by column from field bytes: what `Topology.init(placements:)`, the CSV loader
/// and database readers build topologies with.
public struct TopologyBuilder {
    var meterIDs: ByteStringTable
    var groupTables = [ByteStringTable(), ByteStringTable(), ByteStringTable(), ByteStringTable()]
    var groupOfMeter: [[Int32]] = [[], [], [], []]
    /// Meters of one area usually follow each other: their group names are numbered without hashing.
    private var recentGroups = [RecentStrings](repeating: RecentStrings(log2Count: 0), count: 4)
    var customers: [Int32] = []
    var kva: [Double] = []
    var inServiceFrom: [Int64] = []
    var inServiceTo: [Int64] = []
    var nominalVoltage: [Double] = []

    public init(expectedCount: Int) { meterIDs = ByteStringTable(expectedCount: expectedCount) }

    mutating func reserveCapacity(_ capacity: Int) {
        meterIDs.reserveCapacity(capacity)
        for level in 0..<4 { groupOfMeter[level].reserveCapacity(capacity) }
        customers.reserveCapacity(capacity)
        kva.reserveCapacity(capacity)
        inServiceFrom.reserveCapacity(capacity)
        inServiceTo.reserveCapacity(capacity)
        nominalVoltage.reserveCapacity(capacity)
    }

    /// Meters added so far.
    var meterCount: Int { customers.count }

    /// Adds a meter; `false` when its id is already present (the meter is not added again). `groups` are
    /// its area, line, county and region; `inServiceFrom` is `Int64.min` and `inServiceTo` `Int64.max` when unbounded.
    public mutating func add(meterID: UnsafeRawBufferPointer, groups: [UnsafeRawBufferPointer], customers: Int,
                      kva: Double, inServiceFrom: Int64, inServiceTo: Int64, nominalVoltage: Double) -> Bool {
        let before = meterIDs.count
        guard Int(meterIDs.intern(meterID)) == before else { return false }
        appendMeter(groups: groups, customers: customers, kva: kva, inServiceFrom: inServiceFrom,
                    inServiceTo: inServiceTo, nominalVoltage: nominalVoltage)
        return true
    }

    /// Adds meter number `meterCount` without its id, which the caller adds to `meterIDs` as that number.
    mutating func appendMeter(groups: [UnsafeRawBufferPointer], customers: Int, kva: Double, inServiceFrom: Int64,
                              inServiceTo: Int64, nominalVoltage: Double) {
        for level in 0..<4 {
            let name = groups[level]
            if let group = recentGroups[level].number(of: name) {
                groupOfMeter[level].append(group)
            } else {
                let group = groupTables[level].intern(name)
                recentGroups[level].remember(name, as: group)
                groupOfMeter[level].append(group)
            }
        }
        self.customers.append(Int32(clamping: customers))
        self.kva.append(kva)
        self.inServiceFrom.append(inServiceFrom)
        self.inServiceTo.append(inServiceTo)
        self.nominalVoltage.append(nominalVoltage)
    }

    mutating func add(_ placement: MeterPlacement) -> Bool {
        var joined: [UInt8] = []
        var ranges: [Range<Int>] = []
        for text in [placement.meterID, placement.area, placement.line, placement.county, placement.region] {
            let start = joined.count
            joined.append(contentsOf: text.utf8)
            ranges.append(start..<joined.count)
        }
        return joined.withUnsafeBytes { raw in
            let fields = ranges.map { UnsafeRawBufferPointer(rebasing: raw[$0]) }
            return add(meterID: fields[0], groups: Array(fields[1...]), customers: placement.customers,
                       kva: placement.kva ?? 0, inServiceFrom: placement.inServiceFrom ?? .min,
                       inServiceTo: placement.inServiceTo ?? .max, nominalVoltage: placement.nominalVoltage)
        }
    }

    public func build() -> Topology {
        let levels: [HierarchyLevel] = [.area, .line, .county, .region]
        let groupings = (0..<4).map { Grouping(level: levels[$0], names: groupTables[$0].strings, groupOfMeter: groupOfMeter[$0]) }
        return Topology(meterIDs: meterIDs, areas: groupings[0], lines: groupings[1], counties: groupings[2],
                        regions: groupings[3], customers: customers, kva: kva, inServiceFrom: inServiceFrom,
                        inServiceTo: inServiceTo, nominalVoltage: nominalVoltage)
    }
}
