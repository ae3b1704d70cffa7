import GridWatchCore
import Reliability

/// A small hand-made topology and outage list, and the indices computed from them.
struct IndexFixture {
    /// 2025-01-01T00:00:00Z.
    static let periodStart: Int64 = 1_735_689_600
    static let day: Int64 = 86_400

    var placements: [MeterPlacement]
    var records: [OutageRecord] = []
    var options = IndexOptions(from: periodStart, to: periodStart + day, asOf: periodStart + 30 * day)

    /// `count` meters `M1...` in area `area` (line `L1`, county `C1`, region `R1`), one customer each.
    init(meters count: Int, area: String = "A", kva: [Double]? = nil) {
        placements = (0..<count).map { MeterPlacement(meterID: "M\($0 + 1)", area: area, line: "L1", county: "C1", region: "R1", kva: kva?[$0]) }
    }

    /// Adds an outage of meter `meter` starting `offset` seconds into the period.
    mutating func outage(_ meter: String, at offset: Int64, seconds: Int64?, event: String? = nil,
                         class outageClass: OutageClass = .faultInternal, reclose: Int = 0) {
        records.append(OutageRecord(meterID: meter, start: Self.periodStart + offset, end: seconds.map { Self.periodStart + offset + $0 },
                                    eventID: event, outageClass: outageClass, recloseOperations: reclose))
    }

    func report(_ levels: [HierarchyLevel] = [.system]) throws -> IndexReport {
        let topology = Topology(placements: placements)
        let table = try OutageTable(records: records, topology: topology)
        return ReliabilityIndexEngine(topology: topology, outages: table).report(levels: levels, options: options)
    }

    func system() throws -> GroupIndices { try report([.system]).groups[0] }
}
