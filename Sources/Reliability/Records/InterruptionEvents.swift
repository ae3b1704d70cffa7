import GridWatchCore

/// Interruption events: outages of meters of one area that start together (spec §6.2).
///
/// An event opens with its earliest start; every later outage of the same area that starts at most
/// `toleranceSeconds` after that first start joins it (no chaining: a slow trickle of starts does not
/// grow one event for ever). Each meter keeps its own restore time: the event's restoration steps.
public enum InterruptionEvents {
    /// The default tolerance between the first and a later start of one event.
    public static let defaultToleranceSeconds: Int64 = 60

    /// Groups outages given as (area, start) pairs; returns an event number (0, 1, ...) per input, the
    /// numbers ordered by (area, first start).
    public static func group(areas: [Int32], starts: [Int64], toleranceSeconds: Int64 = defaultToleranceSeconds) -> [Int32] {
        precondition(areas.count == starts.count, "one area per start")
        let order = (0..<areas.count).sorted { (areas[$0], starts[$0], $0) < (areas[$1], starts[$1], $1) }
        var events = [Int32](repeating: -1, count: areas.count)
        var event: Int32 = -1
        var eventArea: Int32 = -1
        var eventStart: Int64 = 0
        for index in order {
            if event < 0 || areas[index] != eventArea || starts[index] - eventStart > toleranceSeconds {
                event += 1
                eventArea = areas[index]
                eventStart = starts[index]
            }
            events[index] = event
        }
        return events
    }

    /// Gives every record of `table` without an event id one, grouping such records by area with
    /// `group`. The id is `<area>@<first start>` (ISO-8601 at the table's offset). Records that carry
    /// an event id keep it.
    public static func assignMissing(in table: inout OutageTable, topology: Topology,
                                     toleranceSeconds: Int64 = defaultToleranceSeconds) {
        let rows = (0..<table.count).filter { table.events.number(at: $0) < 0 }
        guard !rows.isEmpty else { return }
        let areas = rows.map { topology.areas.groupOfMeter[Int(table.meter[$0])] }
        let starts = rows.map { table.start[$0] }
        let numbers = group(areas: areas, starts: starts, toleranceSeconds: toleranceSeconds)
        var firstStart: [Int32: Int64] = [:]
        for (index, number) in numbers.enumerated() { firstStart[number] = min(firstStart[number] ?? .max, starts[index]) }
        for (index, row) in rows.enumerated() {
            let start = firstStart[numbers[index]]!
            let name = topology.areas.names[Int(areas[index])] + "@"
                + ISO8601Time.format(unixSeconds: start, utcOffsetSeconds: table.utcOffsetSeconds)
            table.events.set(name, at: row)
        }
    }
}
