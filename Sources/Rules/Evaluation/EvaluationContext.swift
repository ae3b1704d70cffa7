import GridWatchCore
import Reliability

/// Per-evaluation state: the compiled filters and, per filter, the last meter's counted rows, so that
/// rules sharing a filter walk each meter's records once.
struct EvaluationContext {
    /// A meter's counted rows and their starts, in start order.
    struct Counted {
        var meter = -1
        var rows: [Int32] = []
        var starts: [Int64] = []
    }

    let at: Int64
    let clock: LocalClock
    private let engine: RuleEngine
    private let filters: [CompiledFilter]
    /// Index into `filters` of each rule (by rule index).
    private let filterOfRule: [Int]
    private var cache: [Counted]
    /// Per filter, the last area or line and its members' counted rows.
    private var groupCache: [(entity: RuleEntity, group: Int, rows: [Int32])?]
    /// Marks for grouping area and line records into events.
    var events = CountedEvents.Scratch()

    init(engine: RuleEngine, at: Int64, clock: LocalClock) {
        self.engine = engine
        self.at = at
        self.clock = clock
        var keys: [CompiledFilter.Key] = []
        var filterOfRule: [Int] = []
        for rule in engine.ruleSet.rules {
            let key = CompiledFilter.key(of: rule)
            if let index = keys.firstIndex(of: key) { filterOfRule.append(index) } else {
                filterOfRule.append(keys.count)
                keys.append(key)
            }
        }
        filters = keys.map {
            CompiledFilter($0, table: engine.outages, medDays: engine.medDays, notices: engine.plannedNotices, topology: engine.topology)
        }
        self.filterOfRule = filterOfRule
        cache = Array(repeating: Counted(), count: keys.count)
        groupCache = Array(repeating: nil, count: keys.count)
    }

    /// The rows of `meter` that rule number `rule` counts, up to the evaluation time: the work-order single-user
    /// exclusion (users of the whole work order as recorded) first, then the record-level exclusions,
    /// then merging, measured from the meter's last *counted* start.
    mutating func countedRows(meter: Int, rule: Int) -> Counted {
        let index = filterOfRule[rule]
        if cache[index].meter == meter { return cache[index] }
        let filter = filters[index]
        let minUsers = Int32(clamping: filter.filter.minUsersPerEvent), merge = filter.filter.mergeWithinSeconds
        var counted = cache[index]
        cache[index] = Counted()
        counted.meter = meter
        counted.rows.removeAll(keepingCapacity: true)
        counted.starts.removeAll(keepingCapacity: true)
        var lastCounted = Int64.min
        for row32 in engine.rows(ofMeter: meter) {
            let row = Int(row32), start = engine.columns.start[row]
            if start > at { break }
            if minUsers > 1, engine.workOrderUsers.users(ofRow: row) < minUsers { continue }
            guard filter.admits(row: row, columns: engine.columns, at: at, clock: clock) else { continue }
            if merge > 0, lastCounted != .min, start - lastCounted < merge { continue }
            lastCounted = start
            counted.rows.append(row32)
            counted.starts.append(start)
        }
        cache[index] = counted
        return counted
    }

    /// The counted rows of every member of an area or line (rules of one group sharing a filter reuse them).
    mutating func countedRows(group: Int, entity: RuleEntity, members: ArraySlice<Int32>, rule: Int) -> [Int32] {
        let index = filterOfRule[rule]
        if let cached = groupCache[index], cached.entity == entity, cached.group == group { return cached.rows }
        var rows: [Int32] = []
        for meter in members { rows.append(contentsOf: countedRows(meter: Int(meter), rule: rule).rows) }
        groupCache[index] = (entity, group, rows)
        return rows
    }
}
