import Reliability

/// The interruption events of an area's or line's counted records: each event once, at its first
/// counted start, in start order. A record without an event id is an event of its own.
struct CountedEvents {
    /// First counted start of each event, ascending.
    private(set) var starts: [Int64] = []
    /// The counted rows with their starts, grouped by event in event order.
    private var rows: [(start: Int64, row: Int32)] = []
    /// `rows[offsets[e] ..< offsets[e + 1]]` are event `e`'s rows.
    private var offsets: [Int] = [0]

    /// `customerHoursAbove`: keep only events whose customer-hours (Σ duration h × customers over their
    /// counted records, open records up to `at`) exceed it.
    init(rows unsorted: [Int32], outages: OutageTable, at: Int64, topology: Topology, customerHoursAbove: Double?) {
        let sorted = unsorted.sorted { (outages.start[Int($0)], $0) < (outages.start[Int($1)], $1) }
        var eventOfNumber: [Int32: Int] = [:]
        var eventOfRow: [Int] = []
        var firstStarts: [Int64] = []
        for row in sorted {
            let number = outages.events.number(at: Int(row))
            if number >= 0, let event = eventOfNumber[number] {
                eventOfRow.append(event)
                continue
            }
            if number >= 0 { eventOfNumber[number] = firstStarts.count }
            eventOfRow.append(firstStarts.count)
            firstStarts.append(outages.start[Int(row)])
        }
        var kept = [Bool](repeating: true, count: firstStarts.count)
        if let limit = customerHoursAbove {
            var customerHours = [Double](repeating: 0, count: firstStarts.count)
            for (index, row) in sorted.enumerated() {
                let hours = Double(outages.durationSeconds(at: Int(row), asOf: at)) / 3_600
                customerHours[eventOfRow[index]] += hours * Double(topology.customers[Int(outages.meter[Int(row)])])
            }
            kept = customerHours.map { $0 > limit }
        }
        var rowsOfEvent = [[Int32]](repeating: [], count: firstStarts.count)
        for (index, row) in sorted.enumerated() where kept[eventOfRow[index]] { rowsOfEvent[eventOfRow[index]].append(row) }
        for event in firstStarts.indices where kept[event] {
            starts.append(firstStarts[event])
            rows.append(contentsOf: rowsOfEvent[event].map { (outages.start[Int($0)], $0) })
            offsets.append(rows.count)
        }
    }

    /// The rows of a range of events, in start order.
    func rows(ofEvents events: Range<Int>) -> [Int32] {
        rows[offsets[events.lowerBound]..<offsets[events.upperBound]].sorted { ($0.start, $0.row) < ($1.start, $1.row) }.map(\.row)
    }
}
