/// The interruption events of an area's or line's counted records: each event once, at its first
/// counted start, in start order. A record without an event id is an event of its own.
struct CountedEvents {
    /// Reusable per-evaluation marks: which event numbers the current group has seen, and as which event.
    struct Scratch {
        fileprivate var stampOfEvent: [Int32] = []
        fileprivate var indexOfEvent: [Int32] = []
        fileprivate var stamp: Int32 = 0
    }

    /// First counted start of each event, ascending.
    private(set) var starts: [Int64] = []
    /// The counted rows, grouped by event in event order; `offsets[e] ..< offsets[e + 1]` are event `e`'s.
    private var rows: [Int32] = []
    private var offsets: [Int] = [0]
    private let columns: RowColumns

    /// `customerHoursAbove`: keep only events whose customer-hours (Σ duration h × customers over their
    /// counted records, open records up to `at`) exceed it.
    init(rows: [Int32], columns: RowColumns, customers: [Int32], at: Int64, customerHoursAbove: Double?,
         scratch: inout Scratch) {
        self.columns = columns
        scratch.stamp &+= 1
        var eventOfRow = [Int](repeating: 0, count: rows.count)
        var firstStarts: [Int64] = []
        for (index, row) in rows.enumerated() {
            let number = Int(columns.event[Int(row)]), start = columns.start[Int(row)]
            if number >= scratch.stampOfEvent.count {
                let size = max(number + 1, scratch.stampOfEvent.count * 2)
                scratch.stampOfEvent += [Int32](repeating: 0, count: size - scratch.stampOfEvent.count)
                scratch.indexOfEvent += [Int32](repeating: 0, count: size - scratch.indexOfEvent.count)
            }
            if number >= 0, scratch.stampOfEvent[number] == scratch.stamp {
                let event = Int(scratch.indexOfEvent[number])
                eventOfRow[index] = event
                firstStarts[event] = min(firstStarts[event], start)
                continue
            }
            if number >= 0 {
                scratch.stampOfEvent[number] = scratch.stamp
                scratch.indexOfEvent[number] = Int32(firstStarts.count)
            }
            eventOfRow[index] = firstStarts.count
            firstStarts.append(start)
        }
        var kept = [Bool](repeating: true, count: firstStarts.count)
        if let limit = customerHoursAbove {
            var customerHours = [Double](repeating: 0, count: firstStarts.count)
            for (index, row) in rows.enumerated() {
                let hours = Double(columns.durationSeconds(Int(row), asOf: at)) / 3_600
                customerHours[eventOfRow[index]] += hours * Double(customers[Int(columns.meter[Int(row)])])
            }
            kept = customerHours.map { $0 > limit }
        }
        // Events in order of first start; then the rows grouped by event with a counting sort.
        let order = firstStarts.indices.filter { kept[$0] }.sorted { (firstStarts[$0], $0) < (firstStarts[$1], $1) }
        var newIndex = [Int](repeating: -1, count: firstStarts.count)
        for (position, event) in order.enumerated() { newIndex[event] = position }
        starts = order.map { firstStarts[$0] }
        var counts = [Int](repeating: 0, count: starts.count + 1)
        for event in eventOfRow where newIndex[event] >= 0 { counts[newIndex[event] + 1] += 1 }
        for event in 0..<starts.count { counts[event + 1] += counts[event] }
        offsets = counts
        self.rows = [Int32](repeating: 0, count: counts[starts.count])
        for (index, row) in rows.enumerated() where newIndex[eventOfRow[index]] >= 0 {
            let event = newIndex[eventOfRow[index]]
            self.rows[counts[event]] = row
            counts[event] += 1
        }
    }

    /// The rows of a range of events, in start order.
    func rows(ofEvents events: Range<Int>) -> [Int32] {
        rows[offsets[events.lowerBound]..<offsets[events.upperBound]]
            .sorted { (columns.start[Int($0)], $0) < (columns.start[Int($1)], $1) }
    }
}
