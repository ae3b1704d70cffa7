import Foundation
import GridWatchCore
import Reliability

/// The frequent-outage remediation status a utility publishes (频繁停电整治情况): per line and per area,
/// the meters, the outages of the year, the frequent and warned meters, the open and cleared problems
/// (violations of the area or line itself) and the remediation notes.
public struct FrequentOutageReport: Sendable {
    public struct Row: Sendable, Hashable {
        public var level: RuleEntity
        public var id: String
        /// The line of an area (of its first meter); the line itself for a line.
        public var line: String
        public var meters: Int
        /// Outage records starting in the year, before any filter.
        public var outages: Int
        /// Meters with a `frequent` violation at some time of the year, and with a `warning` one.
        public var frequentMeters: Int
        public var warnedMeters: Int
        /// Violations of the area or line itself: open at the report time, and closed during the year.
        public var openProblems: Int
        public var clearedProblems: Int
        public var notes: [String]
    }

    public var year: Int
    /// The report time: the end of the year, or earlier when the year is not over.
    public var at: Int64
    public var rows: [Row]
    /// The lifecycle replayed day by day through the year.
    public var ledger: ViolationLedger

    /// Replays the rules at the end of every `stepDays`-th local day of `year` up to `until`, keeping the
    /// lifecycle, then tallies. `notes` are remediation notes keyed by `area/<id>` or `line/<id>`.
    public init(engine: RuleEngine, year: Int, clock: LocalClock, until: Int64? = nil, stepDays: Int = 1, notes: [String: [String]] = [:]) {
        let first = CivilDate(year: year, month: 1, day: 1).daysSinceEpoch
        let yearEnd = clock.midnight(of: CivilDate(year: year + 1, month: 1, day: 1).daysSinceEpoch) - 1
        let end = min(until ?? yearEnd, yearEnd)
        var ledger = ViolationLedger()
        var day = first
        while clock.midnight(of: day) <= end {
            let at = min(clock.midnight(of: day + Int64(stepDays)) - 1, end)
            _ = ledger.apply(engine.evaluate(at: at, clock: clock))
            day += Int64(stepDays)
        }
        self.year = year
        self.at = end
        self.ledger = ledger
        rows = Self.tally(engine: engine, ledger: ledger, from: clock.midnight(of: first), to: end, notes: notes)
    }

    private static func tally(engine: RuleEngine, ledger: ViolationLedger, from: Int64, to: Int64, notes: [String: [String]]) -> [Row] {
        let topology = engine.topology, outages = engine.outages
        var outagesOfMeter = [Int](repeating: 0, count: topology.meterCount)
        for row in 0..<outages.count where outages.start[row] >= from && outages.start[row] <= to { outagesOfMeter[Int(outages.meter[row])] += 1 }
        var meterLevels: [String: Set<RuleLevel>] = [:]
        var problems: [ViolationKey: (open: Int, cleared: Int, notes: [String])] = [:]
        for violation in ledger.violations {
            switch violation.key.entity {
            case .meter:
                meterLevels[violation.key.entityID, default: []].insert(violation.level)
            case .area, .line:
                guard violation.level == .frequent else { continue }
                let key = ViolationKey(rule: "", entity: violation.key.entity, entityID: violation.key.entityID)
                var entry = problems[key] ?? (0, 0, [])
                if violation.isOpen { entry.open += 1 } else { entry.cleared += 1 }
                if let note = violation.remediationNote { entry.notes.append(note) }
                problems[key] = entry
            }
        }
        var rows: [Row] = []
        for entity in [RuleEntity.line, .area] {
            let grouping = entity == .line ? topology.lines : topology.areas
            var groupRows = grouping.names.enumerated().map { group, name in
                Row(level: entity, id: name, line: "", meters: 0, outages: 0, frequentMeters: 0, warnedMeters: 0,
                    openProblems: 0, clearedProblems: 0, notes: notes["\(entity.rawValue)/\(name)"] ?? [])
            }
            for meter in 0..<topology.meterCount {
                let group = Int(grouping.groupOfMeter[meter])
                if groupRows[group].meters == 0 { groupRows[group].line = topology.lines.names[Int(topology.lines.groupOfMeter[meter])] }
                groupRows[group].meters += 1
                groupRows[group].outages += outagesOfMeter[meter]
                let levels = meterLevels[topology.meterID(at: meter)] ?? []
                if levels.contains(.frequent) { groupRows[group].frequentMeters += 1 }
                if levels.contains(.warning) { groupRows[group].warnedMeters += 1 }
            }
            for index in groupRows.indices {
                let problem = problems[ViolationKey(rule: "", entity: entity, entityID: groupRows[index].id)]
                groupRows[index].openProblems = problem?.open ?? 0
                groupRows[index].clearedProblems = problem?.cleared ?? 0
                groupRows[index].notes += problem?.notes ?? []
            }
            rows += groupRows
        }
        return rows
    }

    private static let header = ["level", "id", "line", "meters", "outages", "frequent_meters", "warned_meters",
                                 "open_problems", "cleared_problems", "notes"]

    private func cells(_ row: Row) -> [String] {
        [row.level.rawValue, row.id, row.line, String(row.meters), String(row.outages), String(row.frequentMeters),
         String(row.warnedMeters), String(row.openProblems), String(row.clearedProblems), row.notes.joined(separator: "; ")]
    }

    public func csv() -> String {
        ([Self.header.joined(separator: ",")] + rows.map { cells($0).map(CSVText.field).joined(separator: ",") })
            .joined(separator: "\n") + "\n"
    }

    /// A self-contained HTML page with one table.
    public func html(clock: LocalClock) -> String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        let head = Self.header.map { "<th>\(escape($0))</th>" }.joined()
        let body = rows.map { row in
            "<tr class=\"\(row.openProblems > 0 ? "open" : "clear")\">" + cells(row).map { "<td>\(escape($0))</td>" }.joined() + "</tr>"
        }.joined(separator: "\n")
        return """
            <!DOCTYPE html>
            <html><head><meta charset="utf-8"><title>Frequent outages \(year)</title>
            <style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px}tr.open{background:#fdd}</style>
            </head><body>
            <h1>Frequent-outage remediation status \(year)</h1>
            <p>As of \(escape(clock.format(at))).</p>
            <table><thead><tr>\(head)</tr></thead><tbody>
            \(body)
            </tbody></table></body></html>

            """
    }
}
