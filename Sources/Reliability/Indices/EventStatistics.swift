import GridWatchCore

/// DL/T 836 event-based figures: the number of outage events and their durations per group.
///
/// An event is an interruption event (event id, or grouping by area and start). Within one group an
/// event counts once; its fault (prearranged) part lasts from the earliest start to the latest
/// restoration of its non-short fault (prearranged) records in that group.
struct EventStatistics {
    /// Event number of each row: the table's event id number, or a grouped number after those.
    static func eventNumbers(table: OutageTable, topology: Topology, toleranceSeconds: Int64) -> (numbers: [Int32], count: Int) {
        var numbers = (0..<table.count).map { table.events.number(at: $0) }
        let named = table.events.table.count
        let missing = numbers.indices.filter { numbers[$0] < 0 }
        guard !missing.isEmpty else { return (numbers, named) }
        let grouped = InterruptionEvents.group(
            areas: missing.map { topology.areas.groupOfMeter[Int(table.meter[$0])] },
            starts: missing.map { table.start[$0] }, toleranceSeconds: toleranceSeconds)
        for (index, row) in missing.enumerated() { numbers[row] = Int32(named) + grouped[index] }
        return (numbers, named + Int(grouped.max().map { $0 + 1 } ?? 0))
    }

    /// Adds event counts and event hours to the DL/T block of each group's row at each level.
    /// `rows` are the counted (in-period, non-short) rows.
    static func add(rows: [Int32], eventNumbers: [Int32], eventCount: Int, table: OutageTable, options: IndexOptions,
                    meterGroups: [[Int32]], sums: inout [[Double]], layout: SumsLayout) {
        var offsets = [Int](repeating: 0, count: eventCount + 1)
        for row in rows { offsets[Int(eventNumbers[Int(row)]) + 1] += 1 }
        for event in 0..<eventCount { offsets[event + 1] += offsets[event] }
        var next = offsets
        var byEvent = [Int32](repeating: 0, count: rows.count)
        for row in rows {
            let event = Int(eventNumbers[Int(row)])
            byEvent[next[event]] = row
            next[event] += 1
        }
        struct Part { var group: Int32; var isFault: Bool; var start: Int64; var end: Int64 }
        var parts: [Part] = []
        for (level, groupOfMeter) in meterGroups.enumerated() {
            for event in 0..<eventCount where offsets[event] < offsets[event + 1] {
                parts.removeAll(keepingCapacity: true)
                for position in offsets[event]..<offsets[event + 1] {
                    let row = Int(byEvent[position])
                    let group = groupOfMeter[Int(table.meter[row])], isFault = table.outageClass[row].isFault
                    let start = table.start[row], end = start + table.durationSeconds(at: row, asOf: options.asOf)
                    if let index = parts.firstIndex(where: { $0.group == group && $0.isFault == isFault }) {
                        parts[index].start = min(parts[index].start, start)
                        parts[index].end = max(parts[index].end, end)
                    } else {
                        parts.append(Part(group: group, isFault: isFault, start: start, end: end))
                    }
                }
                for (index, part) in parts.enumerated() {
                    let base = Int(part.group) * layout.width + layout.dlt
                    if !parts[..<index].contains(where: { $0.group == part.group }) { sums[level][base + DLTSum.events] += 1 }
                    let hours = Double(part.end - part.start) / 3_600
                    if part.isFault {
                        sums[level][base + DLTSum.faultEvents] += 1
                        sums[level][base + DLTSum.faultEventHours] += hours
                    } else {
                        sums[level][base + DLTSum.prearrangedEvents] += 1
                        sums[level][base + DLTSum.prearrangedEventHours] += hours
                    }
                }
            }
        }
    }
}
