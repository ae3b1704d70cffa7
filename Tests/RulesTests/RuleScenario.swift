import GridWatchCore
import Reliability
import Rules
import XCTest

/// A small topology and outage list written out by hand, evaluated at a local time (+08:00).
struct RuleScenario {
    static let clock = LocalClock(utcOffsetSeconds: 8 * 3_600)

    var placements: [MeterPlacement]
    var records: [OutageRecord] = []
    var medDays: Set<CivilDate> = []
    var voltage: VoltageSamples?

    /// Meters `m1`... in areas and lines given as `meter: (area, line)`.
    init(meters: [(String, String, String)]) {
        placements = meters.map { MeterPlacement(meterID: $0.0, area: $0.1, line: $0.2) }
    }

    init(meterCount: Int, area: String = "A1", line: String = "L1") {
        self.init(meters: (1...meterCount).map { ("m\($0)", area, line) })
    }

    /// An outage of `meter` starting at local `start` (`2025-03-01 08:00` or with seconds) lasting `minutes`.
    mutating func outage(_ meter: String, _ start: String, minutes: Double = 60, class outageClass: OutageClass = .faultInternal,
                         cause: String? = nil, causeCode: String? = nil, event: String? = nil, workOrder: String? = nil) {
        let begin = Self.time(start)
        records.append(OutageRecord(meterID: meter, start: begin, end: begin + Int64(minutes * 60), eventID: event,
                                    outageClass: outageClass, cause: cause, causeCode: causeCode, workOrder: workOrder))
    }

    /// Unix seconds of a local `YYYY-MM-DD hh:mm[:ss]` at +08:00.
    static func time(_ local: String) -> Int64 {
        let text = local.replacingOccurrences(of: " ", with: "T") + (local.count <= 16 ? ":00" : "") + "+08:00"
        guard let time = ISO8601Time.parse(text) else { fatalError("bad test time \(local)") }
        return time.unixSeconds
    }

    func engine(_ rules: [Rule], exclusive: Bool = false) throws -> RuleEngine {
        let topology = Topology(placements: placements)
        var table = try OutageTable(records: records, topology: topology)
        InterruptionEvents.assignMissing(in: &table, topology: topology)
        return RuleEngine(ruleSet: RuleSet(rules: rules, exclusivePriority: exclusive), topology: topology, outages: table,
                          medDays: medDays, voltage: voltage)
    }

    func evaluate(_ rules: [Rule], at local: String, exclusive: Bool = false) throws -> [Violation] {
        try engine(rules, exclusive: exclusive).evaluate(at: Self.time(local), clock: Self.clock).violations
    }
}

extension Violation {
    /// The counted records as `meter@local start` (`m1@2025-03-01 08:00`), for readable assertions.
    var counted: [String] {
        outages.map { "\($0.meterID)@" + RuleScenario.clock.format($0.start).prefix(16).replacingOccurrences(of: "T", with: " ") }
    }
}
