import Foundation
import GridWatchCore
import Reliability

/// `gridwatch report reliability`: the indices of a period by group, the outage records per month and
/// the worst groups, as self-contained HTML (inline SVG charts), CSV or JSON, all from the same numbers.
public struct ReliabilityReport: Sendable {
    public struct Row: Sendable, Hashable {
        public var level: HierarchyLevel
        public var id: String
        public var customers: Double
        public var saifi: Double?
        public var saidiMinutes: Double?
        public var caidiMinutes: Double?
        public var asai: Double?
        /// Outage records of the group's meters starting in the period.
        public var outages: Int
    }

    public let indices: IndexReport
    public let rows: [Row]
    /// (`YYYY-MM` at the period's offset, outage records starting in that month), in order.
    public let outagesPerMonth: [(month: String, outages: Int)]
    /// How many groups the "worst" table and chart show.
    public static let worstCount = 5

    public init(indices: IndexReport, topology: Topology, outages: OutageTable) {
        self.indices = indices
        let options = indices.options
        let rowsInPeriod = (0..<outages.count).filter { outages.start[$0] >= options.from && outages.start[$0] < options.to }
        var months: [String: Int] = [:]
        for row in rowsInPeriod {
            let day = ISO8601Time.localDay(unixSeconds: outages.start[row], utcOffsetSeconds: options.utcOffsetSeconds)
            let date = CivilDate(daysSinceEpoch: day)
            months[String(format: "%04d-%02d", date.year, date.month), default: 0] += 1
        }
        outagesPerMonth = Self.monthsOfPeriod(options).map { ($0, months[$0] ?? 0) }
        rows = indices.groups.map { group in
            let grouping = Self.grouping(of: group.level, in: topology)
            let index = grouping?.names.firstIndex(of: group.id).map(Int32.init)
            let count = rowsInPeriod.filter { row in
                guard let grouping, let index else { return true }
                return grouping.groupOfMeter[Int(outages.meter[row])] == index
            }.count
            let ieee = group.ieee1366
            return Row(level: group.level, id: group.id, customers: group.customers, saifi: ieee.saifi,
                       saidiMinutes: ieee.saidiMinutes, caidiMinutes: ieee.caidiMinutes, asai: ieee.asai, outages: count)
        }
    }

    /// The groups with the most minutes of interruption per customer (SAIDI), worst first.
    public var worst: [Row] {
        Array(rows.filter { $0.level != .system }.sorted { ($0.saidiMinutes ?? 0, $1.id) > ($1.saidiMinutes ?? 0, $0.id) }.prefix(Self.worstCount))
    }

    static func grouping(of level: HierarchyLevel, in topology: Topology) -> Grouping? {
        switch level {
        case .area: topology.areas
        case .line: topology.lines
        case .county: topology.counties
        case .region: topology.regions
        case .meter, .system: nil
        }
    }

    static func monthsOfPeriod(_ options: IndexOptions) -> [String] {
        let first = CivilDate(daysSinceEpoch: ISO8601Time.localDay(unixSeconds: options.from, utcOffsetSeconds: options.utcOffsetSeconds))
        let last = CivilDate(daysSinceEpoch: ISO8601Time.localDay(unixSeconds: options.to - 1, utcOffsetSeconds: options.utcOffsetSeconds))
        var (year, month) = (first.year, first.month)
        var months: [String] = []
        while (year, month) <= (last.year, last.month) {
            months.append(String(format: "%04d-%02d", year, month))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return months
    }

    public static let csvHeader = ["kind", "id", "customers", "SAIFI", "SAIDI_minutes", "CAIDI_minutes", "ASAI", "outages"]

    /// One line per group (`kind` its level) then one per month (`kind` = month, only `outages` set).
    public func csv() -> String {
        func number(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        var lines = [Self.csvHeader.joined(separator: ",")]
        for row in rows {
            lines.append([row.level.rawValue, CSVText.escape(row.id), number(row.customers), number(row.saifi), number(row.saidiMinutes),
                          number(row.caidiMinutes), number(row.asai), String(row.outages)].joined(separator: ","))
        }
        for (month, count) in outagesPerMonth { lines.append(["month", month, "", "", "", "", "", String(count)].joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The JSON of `gridwatch indices` under `indices`, with `outages_per_month` and `worst`.
    public func json(topology: Topology, outages: OutageTable) -> JSONValue {
        .object([
            ("indices", indices.json(topology: topology, outages: outages)),
            ("outages_per_month", .array(outagesPerMonth.map { .object([("month", .string($0.month)), ("outages", .integer(Int64($0.outages)))]) })),
            ("worst", .array(worst.map { .object([("by", .string($0.level.rawValue)), ("id", .string($0.id)), ("SAIDI_minutes", .number($0.saidiMinutes))]) })),
        ])
    }
}
