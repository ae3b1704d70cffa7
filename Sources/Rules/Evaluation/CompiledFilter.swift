import GridWatchCore
import Reliability

/// An `OutageFilter` (and the record predicate of its rule kind) resolved against one outage table:
/// causes and cause codes become lookups by string number, classes a bit mask.
struct CompiledFilter {
    let filter: OutageFilter
    /// `long_outage`: only records longer than this count (`-1`: no such bound).
    let longerThanSeconds: Int64
    private let classMask: UInt8
    private let excludedCauses: [Bool]
    private let excludedCauseCodes: [Bool]
    private let medDays: Set<Int64>
    /// `planned_overrun`: the grace around a notice's window (`-1`: not such a rule), the notice of each
    /// work-order number (`-1`: none), and where meters sit, for the scope.
    private let overrunToleranceSeconds: Int64
    private let noticeOfWorkOrder: [Int32]
    private let notices: [AnnouncedWork]
    private let areaOfMeter: [Int32]
    private let lineOfMeter: [Int32]

    /// The notices of one work order together: the widest announced window and every scope.
    private struct AnnouncedWork {
        var start: Int64
        var end: Int64
        var areas: Set<Int32> = []
        var lines: Set<Int32> = []
    }

    /// Grouping key: rules whose filter and record predicate agree share one pass over the records.
    struct Key: Hashable {
        let filter: OutageFilter
        let longerThanSeconds: Int64
        let overrunToleranceSeconds: Int64
    }

    static func key(of rule: Rule) -> Key {
        switch rule.kind {
        case .longOutage(let seconds): return Key(filter: rule.filter, longerThanSeconds: seconds, overrunToleranceSeconds: -1)
        case .plannedOverrun(let tolerance): return Key(filter: rule.filter, longerThanSeconds: -1, overrunToleranceSeconds: tolerance)
        default: return Key(filter: rule.filter, longerThanSeconds: -1, overrunToleranceSeconds: -1)
        }
    }

    init(_ key: Key, table: OutageTable, medDays: Set<Int64>, notices: [PlannedNotice], topology: Topology) {
        let filter = key.filter
        self.filter = filter
        longerThanSeconds = key.longerThanSeconds
        classMask = (filter.classes ?? Set(OutageClass.allCases)).reduce(0) { $0 | Self.bit($1) }
        let causes = table.causes.table.strings
        excludedCauses = causes.map { filter.excludeCauses.contains($0) }
        let codes = table.causeCodes.table.strings
        excludedCauseCodes = codes.map { code in filter.excludeCauseCodePrefixes.contains { code.hasPrefix($0) } }
        self.medDays = key.filter.excludeMEDDays ? medDays : []
        overrunToleranceSeconds = key.overrunToleranceSeconds
        var works: [AnnouncedWork] = []
        var noticeOfWorkOrder = [Int32](repeating: -1, count: key.overrunToleranceSeconds >= 0 ? table.workOrders.table.count : 0)
        for notice in key.overrunToleranceSeconds >= 0 ? notices : [] {
            guard let workOrder = notice.workOrder, let number = table.workOrders.table.find(workOrder) else { continue }
            if noticeOfWorkOrder[Int(number)] < 0 {
                noticeOfWorkOrder[Int(number)] = Int32(works.count)
                works.append(AnnouncedWork(start: notice.start, end: notice.end))
            }
            let index = Int(noticeOfWorkOrder[Int(number)])
            works[index].start = min(works[index].start, notice.start)
            works[index].end = max(works[index].end, notice.end)
            switch notice.scope {
            case .area(let name): if let area = topology.areas.names.firstIndex(of: name) { works[index].areas.insert(Int32(area)) }
            case .line(let name): if let line = topology.lines.names.firstIndex(of: name) { works[index].lines.insert(Int32(line)) }
            }
        }
        self.notices = works
        self.noticeOfWorkOrder = noticeOfWorkOrder
        areaOfMeter = topology.areas.groupOfMeter
        lineOfMeter = topology.lines.groupOfMeter
    }

    /// The record-level exclusions (class, cause, cause code, duration, Major Event Day) for one row.
    @inline(__always)
    func admits(row: Int, columns: RowColumns, at: Int64, clock: LocalClock) -> Bool {
        guard classMask & columns.classBit[row] != 0 else { return false }
        let cause = Int(columns.cause[row])
        if cause >= 0, cause < excludedCauses.count, excludedCauses[cause] { return false }
        let code = Int(columns.causeCode[row])
        if code >= 0, code < excludedCauseCodes.count, excludedCauseCodes[code] { return false }
        let duration = columns.durationSeconds(row, asOf: at)
        if duration < filter.minDurationSeconds || (longerThanSeconds >= 0 && duration <= longerThanSeconds) { return false }
        if !medDays.isEmpty, medDays.contains(clock.day(of: columns.start[row])) { return false }
        return overrunToleranceSeconds < 0 || overruns(row: row, columns: columns, duration: duration)
    }

    /// A record of a notice that started before, or ended (so far) after, the announced window by more
    /// than the tolerance, or whose meter is outside the announced scope.
    private func overruns(row: Int, columns: RowColumns, duration: Int64) -> Bool {
        let workOrder = Int(columns.workOrder[row])
        guard workOrder >= 0, workOrder < noticeOfWorkOrder.count, noticeOfWorkOrder[workOrder] >= 0 else { return false }
        let notice = notices[Int(noticeOfWorkOrder[workOrder])]
        let start = columns.start[row], meter = Int(columns.meter[row])
        return start < notice.start - overrunToleranceSeconds || start + duration > notice.end + overrunToleranceSeconds
            || !(notice.areas.contains(areaOfMeter[meter]) || notice.lines.contains(lineOfMeter[meter]))
    }

    @inline(__always)
    static func bit(_ outageClass: OutageClass) -> UInt8 {
        switch outageClass {
        case .faultInternal: return 1
        case .faultExternal: return 2
        case .planned: return 4
        case .temporary: return 8
        case .supplyShortage: return 16
        case .gridLimit: return 32
        }
    }
}
