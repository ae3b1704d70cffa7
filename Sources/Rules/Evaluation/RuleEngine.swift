import GridWatchCore
import Reliability

/// Evaluates a rule set over one topology and outage table, in full or for the entities one new outage
/// touches. Meters, areas and lines are numbers; each meter's rows are walked in start order.
public struct RuleEngine: Sendable {
    public let ruleSet: RuleSet
    public let topology: Topology
    public private(set) var outages: OutageTable
    /// Major Event Days as local days since 1970-01-01.
    public let medDays: Set<Int64>
    public let voltage: VoltageSamples?
    /// Announced planned outages, for `planned_overrun` rules.
    public let plannedNotices: [PlannedNotice]
    /// Each meter's measured clock offset (meter clock minus gateway time, seconds), for `data_quality`.
    public let clockOffsets: [String: Int64]
    /// When each polled meter last answered (Unix seconds; `nil`: never), for `silent_hours` when there
    /// are no voltage samples. Meters not listed are not polled here and never silent.
    public let lastAnswered: [String: Int64?]
    /// Per `voltage_quality` rule id, each meter's minutes over the rule's window at the evaluation time
    /// (by meter number), for evaluations without voltage samples (see `Rule.windowStart`).
    public let voltageMinutes: [String: [VoltageMinutes]]
    private let byMeter: RecordsByMeter
    /// Rows appended after loading, by meter, in start order.
    private var addedRows: [Int32: [Int32]] = [:]
    private(set) var workOrderUsers: WorkOrderUsers
    private(set) var columns: RowColumns
    /// Meter ids and event ids by number, made once: violations list them for every counted record.
    let meterNames: [String]
    private var eventNames: [String]
    let areaMembers: GroupMembers
    let lineMembers: GroupMembers

    public init(ruleSet: RuleSet, topology: Topology, outages: OutageTable, medDays: Set<CivilDate> = [],
                voltage: VoltageSamples? = nil, plannedNotices: [PlannedNotice] = [], clockOffsets: [String: Int64] = [:],
                lastAnswered: [String: Int64?] = [:], voltageMinutes: [String: [VoltageMinutes]] = [:]) {
        self.ruleSet = ruleSet
        self.topology = topology
        self.outages = outages
        self.medDays = Set(medDays.map(\.daysSinceEpoch))
        self.voltage = voltage
        self.plannedNotices = plannedNotices
        self.clockOffsets = clockOffsets
        self.lastAnswered = lastAnswered
        self.voltageMinutes = voltageMinutes
        byMeter = RecordsByMeter(table: outages, meterCount: topology.meterCount)
        workOrderUsers = WorkOrderUsers(table: outages, topology: topology)
        columns = RowColumns(outages)
        meterNames = topology.grouping(.meter).names
        eventNames = outages.events.table.strings
        areaMembers = GroupMembers(topology.areas)
        lineMembers = GroupMembers(topology.lines)
    }

    /// Every rule over every entity at `at`; dates are local at `clock`'s offset.
    public func evaluate(at: Int64, clock: LocalClock) -> RuleEvaluation {
        evaluate(at: at, clock: clock, selection: .all)
    }

    /// Adds one outage record and returns the entities whose verdicts it can change: its meter, its
    /// area and line, and every meter (with its area and line) of its work order or event when the
    /// record makes that group reach a rule's `min_users_per_event`.
    public mutating func insert(_ record: OutageRecord) throws(UnknownMeterError) -> EntitySelection {
        guard let meter = topology.meterIndex(of: record.meterID) else { throw UnknownMeterError(meterID: record.meterID) }
        let meterNumber = Int32(meter)
        outages.append(record, meter: meterNumber)
        columns.appendLastRow(of: outages)
        while eventNames.count < outages.events.table.count { eventNames.append(outages.events.table.string(at: eventNames.count)) }
        let row = Int32(outages.count - 1)
        var rows = Array(rows(ofMeter: meter))
        let (group, usersBefore) = workOrderUsers.appendLastRow(of: outages, topology: topology, meterRows: rows)
        rows.append(row)
        rows.sort { (outages.start[Int($0)], $0) < (outages.start[Int($1)], $1) }
        addedRows[meterNumber, default: []] = rows.filter { Int($0) >= byMeter.rows.count }
        var meters: Set<Int32> = [meterNumber]
        let usersAfter = workOrderUsers.usersOfGroup[Int(group)]
        let crossesAThreshold = ruleSet.rules.contains {
            Int(usersBefore) < $0.filter.minUsersPerEvent && Int(usersAfter) >= $0.filter.minUsersPerEvent
        }
        if usersBefore > 0, crossesAThreshold {
            for other in 0..<outages.count - 1 where workOrderUsers.groupOfRow[other] == group {
                meters.insert(outages.meter[other])
            }
        }
        return EntitySelection(
            meters: meters, areas: Set(meters.map { topology.areas.groupOfMeter[Int($0)] }),
            lines: Set(meters.map { topology.lines.groupOfMeter[Int($0)] }))
    }

    /// A meter's rows in start order (then row order).
    @inline(__always)
    func rows(ofMeter meter: Int) -> ArraySlice<Int32> {
        let base = byMeter.rows[byMeter.offsets[meter]..<byMeter.offsets[meter + 1]]
        if !addedRows.isEmpty, let added = addedRows[Int32(meter)] {
            return ArraySlice((Array(base) + added).sorted { (columns.start[Int($0)], $0) < (columns.start[Int($1)], $1) })
        }
        return base
    }

    /// The record of a row, as violations list it.
    func reference(row: Int) -> OutageReference {
        let event = Int(columns.event[row]), duration = columns.duration[row]
        return OutageReference(meterID: meterNames[Int(columns.meter[row])], start: columns.start[row],
                               end: duration == OutageTable.open ? nil : columns.start[row] + Int64(duration),
                               eventID: event < 0 ? nil : eventNames[event])
    }
}

/// The entities an evaluation covers: all, or the meters, areas and lines listed (by number).
public struct EntitySelection: Sendable, Hashable {
    public var meters: Set<Int32>?
    public var areas: Set<Int32>?
    public var lines: Set<Int32>?

    public init(meters: Set<Int32>?, areas: Set<Int32>?, lines: Set<Int32>?) {
        self.meters = meters
        self.areas = areas
        self.lines = lines
    }

    public static let all = EntitySelection(meters: nil, areas: nil, lines: nil)

    /// The entities covered, by name; `nil` when the selection is every entity.
    public func entities(in topology: Topology) -> Set<EntityReference>? {
        guard let meters, let areas, let lines else { return nil }
        var entities = Set(meters.map { EntityReference(entity: .meter, id: topology.meterID(at: Int($0))) })
        entities.formUnion(areas.map { EntityReference(entity: .area, id: topology.areas.names[Int($0)]) })
        entities.formUnion(lines.map { EntityReference(entity: .line, id: topology.lines.names[Int($0)]) })
        return entities
    }
}

/// A new outage record names a meter that the topology does not list.
public struct UnknownMeterError: Error, Sendable, CustomStringConvertible {
    public let meterID: String
    public var description: String { "meter \"\(meterID)\" is not in the topology, expected a meter the topology lists" }
}
