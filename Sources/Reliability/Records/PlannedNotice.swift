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
        var byArea: [Int32: [Int]] = [:], byLine: [Int32: [Int]] = [:]
        let areaNumbers = Dictionary(topology.areas.names.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        let lineNumbers = Dictionary(topology.lines.names.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        for (index, notice) in notices.enumerated() {
            switch notice.scope {
            case .area(let id): if let area = areaNumbers[id] { byArea[area, default: []].append(index) }
            case .line(let id): if let line = lineNumbers[id] { byLine[line, default: []].append(index) }
            }
        }
        for row in 0..<table.count where table.outageClass[row] == .faultInternal {
            let meter = Int(table.meter[row]), start = table.start[row]
            let candidates = (byArea[topology.areas.groupOfMeter[meter]] ?? []) + (byLine[topology.lines.groupOfMeter[meter]] ?? [])
            guard let first = candidates.filter({ notices[$0].covers(start: start, earlySeconds: earlySeconds) }).min() else {
                continue
            }
            let notice = notices[first]
            table.outageClass[row] = notice.outageClass
            if table.workOrders[row] == nil { table.workOrders.set(notice.workOrder, at: row) }
            if table.causes[row] == nil { table.causes.set(notice.cause, at: row) }
        }
    }
}
