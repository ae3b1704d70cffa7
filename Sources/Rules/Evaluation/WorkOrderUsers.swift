import Reliability

/// The distinct users each record's work order touches (or, for a record without a work order, its
/// interruption event; a record with neither is its own group), counted over every record as recorded,
/// before any exclusion: what `min_users_per_event` compares with.
struct WorkOrderUsers {
    /// Group number of each row.
    private(set) var groupOfRow: [Int32]
    /// Users (Σ customers of distinct meters) of each group.
    private(set) var usersOfGroup: [Int32]
    private let initialWorkOrderCount: Int32
    private let initialEventCount: Int32
    private var addedWorkOrderGroups: [Int32: Int32] = [:]
    private var addedEventGroups: [Int32: Int32] = [:]

    init(table: OutageTable, topology: Topology) {
        let workOrderCount = table.workOrders.table.count, eventCount = table.events.table.count
        var groupOfRow = [Int32](repeating: 0, count: table.count)
        var groupCount = workOrderCount + eventCount
        for row in 0..<table.count {
            let workOrder = table.workOrders.number(at: row), event = table.events.number(at: row)
            if workOrder >= 0 {
                groupOfRow[row] = workOrder
            } else if event >= 0 {
                groupOfRow[row] = Int32(workOrderCount) + event
            } else {
                groupOfRow[row] = Int32(groupCount)
                groupCount += 1
            }
        }
        var offsets = [Int](repeating: 0, count: groupCount + 1)
        for group in groupOfRow { offsets[Int(group) + 1] += 1 }
        for group in 0..<groupCount { offsets[group + 1] += offsets[group] }
        var next = offsets
        var rowsByGroup = [Int32](repeating: 0, count: table.count)
        for (row, group) in groupOfRow.enumerated() {
            rowsByGroup[next[Int(group)]] = Int32(row)
            next[Int(group)] += 1
        }
        var lastGroupOfMeter = [Int32](repeating: -1, count: topology.meterCount)
        var usersOfGroup = [Int32](repeating: 0, count: groupCount)
        for group in 0..<groupCount {
            var users: Int32 = 0
            for index in offsets[group]..<offsets[group + 1] {
                let meter = Int(table.meter[Int(rowsByGroup[index])])
                if lastGroupOfMeter[meter] != Int32(group) {
                    lastGroupOfMeter[meter] = Int32(group)
                    users &+= topology.customers[meter]
                }
            }
            usersOfGroup[group] = users
        }
        self.groupOfRow = groupOfRow
        self.usersOfGroup = usersOfGroup
        initialWorkOrderCount = Int32(workOrderCount)
        initialEventCount = Int32(eventCount)
    }

    @inline(__always)
    func users(ofRow row: Int) -> Int32 { usersOfGroup[Int(groupOfRow[row])] }

    /// Records the row just appended to `table` (its last row). `meterRows` are the meter's other rows:
    /// the meter adds its customers to the group only when none of them is in the group already.
    /// Returns the group and its users before the row joined.
    mutating func appendLastRow(of table: OutageTable, topology: Topology, meterRows: [Int32]) -> (group: Int32, usersBefore: Int32) {
        let row = table.count - 1
        let workOrder = table.workOrders.number(at: row), event = table.events.number(at: row)
        let group: Int32
        if workOrder >= 0 {
            group = workOrder < initialWorkOrderCount ? workOrder : newGroup(workOrder: workOrder)
        } else if event >= 0 {
            group = event < initialEventCount ? initialWorkOrderCount + event : newGroup(event: event)
        } else {
            group = newGroup(event: -1 - Int32(row))
        }
        groupOfRow.append(group)
        let before = usersOfGroup[Int(group)]
        if !meterRows.contains(where: { Int($0) != row && groupOfRow[Int($0)] == group }) {
            usersOfGroup[Int(group)] &+= topology.customers[Int(table.meter[row])]
        }
        return (group, before)
    }

    /// The group of a work order or event first seen after loading, made on first use.
    /// (A record with neither has `event` −1 − row: a group of its own.)
    private mutating func newGroup(workOrder: Int32? = nil, event: Int32? = nil) -> Int32 {
        if let workOrder, let group = addedWorkOrderGroups[workOrder] { return group }
        if let event, let group = addedEventGroups[event] { return group }
        let group = Int32(usersOfGroup.count)
        usersOfGroup.append(0)
        if let workOrder { addedWorkOrderGroups[workOrder] = group }
        if let event { addedEventGroups[event] = group }
        return group
    }
}
