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

    /// True when an outage of a meter in `area` on `line` starting at `start` falls under this notice:
    /// the scope matches and the start lies in the window, opened `earlySeconds` before its start.
    public func covers(area: String, line: String, start outageStart: Int64, earlySeconds: Int64 = 0) -> Bool {
        let inScope: Bool
        switch scope {
        case .area(let id): inScope = id == area
        case .line(let id): inScope = id == line
        }
        return inScope && outageStart >= start - earlySeconds && outageStart < end
    }
}

/// Gives outages the class of the planned-outage notice they fall under (meters know no cause).
public enum PlannedNoticeMatching {
    /// Records still at the meters' default class `fault_internal` that a notice covers take the notice's
    /// class and, when they have none, its work order and cause. Annotated classes are left alone.
    /// Records whose meter the topology does not list are left unchanged.
    public static func apply(_ notices: [PlannedNotice], to records: inout [OutageRecord], topology: Topology,
                             earlySeconds: Int64 = 0) {
        guard !notices.isEmpty else { return }
        for index in records.indices where records[index].outageClass == .faultInternal {
            guard let meter = topology.meterIndex(of: records[index].meterID) else { continue }
            let area = topology.areas.names[Int(topology.areas.groupOfMeter[meter])]
            let line = topology.lines.names[Int(topology.lines.groupOfMeter[meter])]
            guard let notice = notices.first(where: {
                $0.covers(area: area, line: line, start: records[index].start, earlySeconds: earlySeconds)
            }) else { continue }
            records[index].outageClass = notice.outageClass
            records[index].workOrder = records[index].workOrder ?? notice.workOrder
            records[index].cause = records[index].cause ?? notice.cause
        }
    }
}
