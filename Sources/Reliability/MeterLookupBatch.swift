/// Meter ids of the last rows read, looked up in the topology together.
///
/// Looking a meter id up costs one access to a table of tens of megabytes: one at a time, each row waits
/// for memory. Prepared keys of up to `capacity` rows are looked up in one tight loop instead, where the
/// processor overlaps the independent accesses. Ids longer than 16 bytes are copied aside, because the
/// CSV block they came from may be refilled before the batch is resolved.
struct MeterLookupBatch {
    static let capacity = 512

    private var keys: [ByteStringTable.Key] = []
    private var rows: [Int] = []
    private var lines: [Int] = []
    /// Bytes of ids longer than 16 bytes, and where each key's bytes are (empty for short ids).
    private var longBytes: [UInt8] = []
    private var longRanges: [Range<Int>] = []
    /// What `ByteStringTable.touchSlots` read; kept so that its loads stay in the program.
    private var touched: UInt64 = 0

    init() {
        keys.reserveCapacity(Self.capacity)
        rows.reserveCapacity(Self.capacity)
        lines.reserveCapacity(Self.capacity)
        longRanges.reserveCapacity(Self.capacity)
    }

    var isFull: Bool { keys.count >= Self.capacity }

    /// Queues the id of table row `row`, read on `line`.
    @inline(__always)
    mutating func add(_ bytes: UnsafeRawBufferPointer, row: Int, line: Int) {
        keys.append(ByteStringTable.Key(bytes))
        rows.append(row)
        lines.append(line)
        if bytes.count > 16 {
            let start = longBytes.count
            longBytes.append(contentsOf: bytes)
            longRanges.append(start..<longBytes.count)
        } else {
            longRanges.append(0..<0)
        }
    }

    /// Writes the meter number of every queued row into `meters`; an id the topology does not list is
    /// an error naming its file and line.
    mutating func resolve(into meters: inout [Int32], topology: Topology, path: String) throws(CSVFileError) {
        defer {
            keys.removeAll(keepingCapacity: true)
            rows.removeAll(keepingCapacity: true)
            lines.removeAll(keepingCapacity: true)
            longBytes.removeAll(keepingCapacity: true)
            longRanges.removeAll(keepingCapacity: true)
        }
        var missing: Int?
        // One copy of the table for the batch: other threads look meters up in the same table, and a
        // reference count touched per row would bounce between their caches.
        let meterIDs = topology.meterIDs
        touched &+= keys.withUnsafeBufferPointer { meterIDs.touchSlots(of: $0) }
        longBytes.withUnsafeBytes { long in
            for index in keys.indices {
                let bytes = UnsafeRawBufferPointer(rebasing: long[longRanges[index]])
                if let meter = meterIDs.find(keys[index], bytes: bytes) {
                    meters[rows[index]] = meter
                } else if missing == nil {
                    missing = index
                }
            }
        }
        guard let index = missing else { return }
        let id: String
        if longRanges[index].isEmpty {
            id = withUnsafeBytes(of: keys[index].head) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        } else {
            id = String(decoding: longBytes[longRanges[index]], as: UTF8.self)
        }
        throw CSVFileError(.unknownMeter, file: path, line: lines[index],
                           "meter_id \"\(id)\" is not in the topology, expected a meter listed in the topology file")
    }
}
