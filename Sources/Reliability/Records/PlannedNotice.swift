import GridWatchCore

/// An announced planned outage of an area or a line over a window (imported with `planned import`).
public struct PlannedNotice: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case area(String)
        case line(String)
    }

    public var scope: Scope
    /// Announced window, Unix seconds, `start ..< end`.
    public var start: Int64
    public var end: Int64
    public var workOrder: String?
    /// The class matching outages take (`planned` unless the notice says `temporary`, a limitation...).
    public var outageClass: OutageClass
    public var cause: String?

    public init(scope: Scope, start: Int64, end: Int64, workOrder: String? = nil, outageClass: OutageClass = .planned,
                cause: String? = nil) {
        self.scope = scope
        self.start = start
        self.end = end
        self.workOrder = workOrder
        self.outageClass = outageClass
        self.cause = cause
    }

    /// True when an outage of the notice's area or line starting at `start` falls under it: the start lies
    /// in the window, opened `earlySeconds` before the announced start.
    public func covers(start outageStart: Int64, earlySeconds: Int64 = 0) -> Bool {
        outageStart >= start - earlySeconds && outageStart < end
    }
}

/// Gives outages the class of the planned-outage notice they fall under (meters know no cause).
public enum PlannedNoticeMatching {
    /// Rows still at the meters' default class `fault_internal` that a notice covers take the notice's
    /// class and, when they have none, its work order and cause; the first covering notice in `notices`
    /// order wins. Annotated classes are left alone. Notices are looked up by the row's area and line,
    /// so the work grows with the rows, not with rows × notices.
    public static func apply(_ notices: [PlannedNotice], to table: inout OutageTable, topology: Topology,
                             earlySeconds: Int64 = 0) {
        guard !notices.isEmpty else { return }
        // Each group's notices by number, in `notices` order (group names are unique within a level).
        func noticesOfGroups(_ grouping: Grouping, _ scopeID: (PlannedNotice.Scope) -> String?) -> [[Int]] {
            let numbers = Dictionary(uniqueKeysWithValues: grouping.names.enumerated().map { ($1, $0) })
            var byGroup = [[Int]](repeating: [], count: grouping.count)
            for (index, notice) in notices.enumerated() {
                if let id = scopeID(notice.scope), let group = numbers[id] { byGroup[group].append(index) }
            }
            return byGroup
        }
        let ofArea = noticesOfGroups(topology.areas) { if case .area(let id) = $0 { id } else { nil } }
        let ofLine = noticesOfGroups(topology.lines) { if case .line(let id) = $0 { id } else { nil } }
        for row in 0..<table.count where table.outageClass[row] == .faultInternal {
            let meter = Int(table.meter[row]), start = table.start[row]
            func covering(_ candidates: [Int]) -> Int { candidates.first { notices[$0].covers(start: start, earlySeconds: earlySeconds) } ?? .max }
            let first = min(covering(ofArea[Int(topology.areas.groupOfMeter[meter])]),
                            covering(ofLine[Int(topology.lines.groupOfMeter[meter])]))
            guard first < notices.count else { continue }
            let notice = notices[first]
            table.outageClass[row] = notice.outageClass
            if table.workOrders[row] == nil { table.workOrders.set(notice.workOrder, at: row) }
            if table.causes[row] == nil { table.causes.set(notice.cause, at: row) }
        }
    }
}
