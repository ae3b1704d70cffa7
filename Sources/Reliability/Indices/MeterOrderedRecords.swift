import GridWatchCore

/// The period's records as the per-meter pass reads them, copied into meter order: each meter's
/// records together, by start (equal starts in table order).
///
/// A meter's records lie all over the table; reading them there costs a cache miss for each field of
/// each record. Copying the table in one pass costs one scattered write per record instead, and the
/// per-meter pass then reads memory in order.
struct MeterOrderedRecords {
    struct Record {
        var start: Int64
        /// Duration in seconds, an open record's up to `asOf`.
        var seconds: Int64
        var recloseOperations: Int32
        var outageClass: OutageClass
    }

    /// `records[offsets[m] ..< offsets[m + 1]]` are meter `m`'s records.
    let offsets: [Int]
    private(set) var records: [Record]

    /// The records of `table` that start in `from ..< to`.
    init(table: OutageTable, meterCount: Int, from: Int64, to: Int64, asOf: Int64) {
        var offsets = [Int](repeating: 0, count: meterCount + 1)
        for row in 0..<table.count where table.start[row] >= from && table.start[row] < to {
            offsets[Int(table.meter[row]) + 1] += 1
        }
        for meter in 0..<meterCount { offsets[meter + 1] += offsets[meter] }
        var next = offsets
        let count = offsets[meterCount]
        records = [Record](unsafeUninitializedCapacity: count) { buffer, initialized in
            for row in 0..<table.count where table.start[row] >= from && table.start[row] < to {
                let meter = Int(table.meter[row])
                (buffer.baseAddress! + next[meter]).initialize(to: Record(
                    start: table.start[row], seconds: table.durationSeconds(at: row, asOf: asOf),
                    recloseOperations: table.recloseOperations[row], outageClass: table.outageClass[row]))
                next[meter] += 1
            }
            initialized = count
        }
        self.offsets = offsets
        // Table order is kept within a meter: a table in start order needs no sorting.
        let sorted = table.start.withUnsafeBufferPointer { RecordsByMeter.isNondecreasing($0) }
        if !sorted { sortEachMeter(meterCount: meterCount) }
    }

    /// Meter `meter`'s records, by start.
    @inline(__always)
    func records(ofMeter meter: Int) -> ArraySlice<Record> { records[offsets[meter]..<offsets[meter + 1]] }

    private mutating func sortEachMeter(meterCount: Int) {
        let offsets = offsets
        records.withUnsafeMutableBufferPointer { records in
            for meter in 0..<meterCount where offsets[meter + 1] - offsets[meter] > 1 {
                let segment = UnsafeMutableBufferPointer(rebasing: records[offsets[meter]..<offsets[meter + 1]])
                let order = segment.indices.sorted { (segment[$0].start, $0) < (segment[$1].start, $1) }
                let copy = order.map { segment[$0] }
                for (index, record) in copy.enumerated() { segment[index] = record }
            }
        }
    }
}
