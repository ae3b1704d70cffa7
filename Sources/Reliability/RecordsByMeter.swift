/// The rows of an outage table grouped by meter, each meter's rows in start order (then by row number).
///
/// Built with a counting sort in O(rows + meters): the index engine and the frequent-outage rules walk
/// one meter's outages in time order without sorting the whole table. The counting sort keeps file
/// order within a meter, so a table in start order (as outage files and logs are written) needs no
/// sorting at all; otherwise each meter's rows are sorted by start.
public struct RecordsByMeter: Sendable {
    /// `rows[offsets[m] ..< offsets[m + 1]]` are meter `m`'s rows.
    public let offsets: [Int]
    public let rows: [Int32]

    public init(table: OutageTable, meterCount: Int) {
        var offsets = [Int](repeating: 0, count: meterCount + 1)
        for meter in table.meter { offsets[Int(meter) + 1] += 1 }
        for meter in 0..<meterCount { offsets[meter + 1] += offsets[meter] }
        var next = offsets
        var rows = [Int32](repeating: 0, count: table.count)
        rows.withUnsafeMutableBufferPointer { rows in
            for (row, meter) in table.meter.enumerated() {
                rows[next[Int(meter)]] = Int32(row)
                next[Int(meter)] += 1
            }
            table.start.withUnsafeBufferPointer { start in
                guard !Self.isNondecreasing(start) else { return }
                for meter in 0..<meterCount {
                    Self.sortByStart(rows, from: offsets[meter], to: offsets[meter + 1], start: start)
                }
            }
        }
        self.offsets = offsets
        self.rows = rows
    }

    /// Meter `meter`'s rows in start order.
    @inline(__always)
    public func rows(ofMeter meter: Int) -> ArraySlice<Int32> { rows[offsets[meter]..<offsets[meter + 1]] }

    /// True when each value is at least the one before it.
    static func isNondecreasing(_ values: UnsafeBufferPointer<Int64>) -> Bool {
        var previous = Int64.min, ordered = true
        for value in values {
            ordered = ordered && value >= previous
            previous = value
        }
        return ordered
    }

    /// Insertion sort (a meter has few outages); stable, so equal starts keep file order.
    private static func sortByStart(_ rows: UnsafeMutableBufferPointer<Int32>, from: Int, to: Int,
                                    start: UnsafeBufferPointer<Int64>) {
        guard to - from > 1 else { return }
        if to - from > 64 {
            let sorted = rows[from..<to].sorted { (start[Int($0)], $0) < (start[Int($1)], $1) }
            for (offset, row) in sorted.enumerated() { rows[from + offset] = row }
            return
        }
        for index in (from + 1)..<to {
            let row = rows[index], key = start[Int(row)]
            var hole = index
            while hole > from, start[Int(rows[hole - 1])] > key {
                rows[hole] = rows[hole - 1]
                hole -= 1
            }
            rows[hole] = row
        }
    }
}
