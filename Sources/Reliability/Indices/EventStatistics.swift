import GridWatchCore

/// DL/T 836 event-based figures: the number of outage events and their durations per group.
///
/// An event is an interruption event (event id, or grouping by area and start). Within one group an
/// event counts once; its fault (prearranged) part lasts from the earliest start to the latest
/// restoration of its non-short fault (prearranged) records in that group.
struct EventStatistics {
    /// Event number of each row: the table's event id number, or a grouped number after those.
    static func eventNumbers(table: OutageTable, topology: Topology, toleranceSeconds: Int64) -> (numbers: [Int32], count: Int) {
        var numbers = table.events.numbers.array
        let named = table.events.table.count
        let missing = numbers.indices.filter { numbers[$0] < 0 }
        guard !missing.isEmpty else { return (numbers, named) }
        let grouped = InterruptionEvents.group(
            areas: missing.map { topology.areas.groupOfMeter[Int(table.meter[$0])] },
            starts: missing.map { table.start[$0] }, toleranceSeconds: toleranceSeconds)
        for (index, row) in missing.enumerated() { numbers[row] = Int32(named) + grouped[index] }
        return (numbers, named + Int(grouped.max().map { $0 + 1 } ?? 0))
    }

    /// Event counts and event hours of each group at each level (`EventSum.count` fields a group), from
    /// the rows DL/T counts (starting in the period, longer than short); `groupOfLeaf[level]` maps
    /// leaves to groups and `groupCounts[level]` is the number of groups.
    ///
    /// Each event's rows are first reduced to parts per (leaf, fault or prearranged); the parts of
    /// one level's group are then merged, so the rows are walked once whatever the number of levels.
    /// Rows are visited in table order, which for a file by time keeps an event's rows together.
    static func sums(eventNumbers: [Int32], eventCount: Int, table: OutageTable, options: IndexOptions,
                     leafOfMeter: [Int32], groupOfLeaf: [[Int32]], groupCounts: [Int]) -> [[Double]] {
        func counted(_ row: Int) -> Bool {
            let start = table.start[row]
            return start >= options.from && start < options.to
                && table.durationSeconds(at: row, asOf: options.asOf) > options.shortAtMostSeconds
        }
        var offsets = [Int](repeating: 0, count: eventCount + 1)
        for row in 0..<table.count where counted(row) { offsets[Int(eventNumbers[row]) + 1] += 1 }
        for event in 0..<eventCount { offsets[event + 1] += offsets[event] }
        var next = offsets
        var byEvent = [Int32](repeating: 0, count: offsets[eventCount])
        for row in 0..<table.count where counted(row) {
            let event = Int(eventNumbers[row])
            byEvent[next[event]] = Int32(row)
            next[event] += 1
        }
        // A narrow table per level (five fields a group) stays in cache better than the wide sums rows.
        var eventSums = groupCounts.map { [Double](repeating: 0, count: $0 * EventSum.count) }
        var leafParts: [Part] = [], groupParts: [Part] = []
        for event in 0..<eventCount where offsets[event] < offsets[event + 1] {
            leafParts.removeAll(keepingCapacity: true)
            for position in offsets[event]..<offsets[event + 1] {
                let row = Int(byEvent[position])
                let start = table.start[row]
                Part.merge(Part(group: leafOfMeter[Int(table.meter[row])], isFault: table.outageClass[row].isFault, start: start,
                                end: start + table.durationSeconds(at: row, asOf: options.asOf)), into: &leafParts)
            }
            for (level, groups) in groupOfLeaf.enumerated() {
                groupParts.removeAll(keepingCapacity: true)
                for var part in leafParts {
                    part.group = groups[Int(part.group)]
                    Part.merge(part, into: &groupParts)
                }
                eventSums[level].withUnsafeMutableBufferPointer { eventSums in
                    for (index, part) in groupParts.enumerated() {
                        let base = Int(part.group) * EventSum.count
                        if !groupParts[..<index].contains(where: { $0.group == part.group }) { eventSums[base + EventSum.events] += 1 }
                        let hours = Double(part.end - part.start) / 3_600
                        if part.isFault {
                            eventSums[base + EventSum.faultEvents] += 1
                            eventSums[base + EventSum.faultEventHours] += hours
                        } else {
                            eventSums[base + EventSum.prearrangedEvents] += 1
                            eventSums[base + EventSum.prearrangedEventHours] += hours
                        }
                    }
                }
            }
        }
        return eventSums
    }

    /// Adds what `sums` computed to the DL/T block of each group's row at each level.
    static func add(_ eventSums: [[Double]], to sums: inout [[Double]], layout: SumsLayout) {
        for level in sums.indices {
            for group in 0..<eventSums[level].count / EventSum.count {
                for field in 0..<EventSum.count {
                    sums[level][group * layout.width + layout.dlt + DLTSum.events + field] += eventSums[level][group * EventSum.count + field]
                }
            }
        }
    }

    /// The event fields, in the order of their `DLTSum` offsets from `DLTSum.events` on.
    private enum EventSum {
        static let events = 0, faultEvents = 1, faultEventHours = 2, prearrangedEvents = 3, prearrangedEventHours = 4, count = 5
    }

    /// The span of an event's fault (or prearranged) records within one group.
    private struct Part {
        var group: Int32
        var isFault: Bool
        var start: Int64
        var end: Int64

        /// Widens the part of the same group and kind, or adds this one.
        @inline(__always)
        static func merge(_ part: Part, into parts: inout [Part]) {
            if let index = parts.firstIndex(where: { $0.group == part.group && $0.isFault == part.isFault }) {
                parts[index].start = min(parts[index].start, part.start)
                parts[index].end = max(parts[index].end, part.end)
            } else {
                parts.append(part)
            }
        }
    }
}
