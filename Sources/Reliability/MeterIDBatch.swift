/// Meter ids of the last rows read, looked up in (or added to) the table of meter ids together.
///
/// Looking a meter id up costs one access to a table of tens of megabytes: one at a time, each row waits
/// for memory. The slots of up to `capacity` prepared keys are first read in one tight loop, where the
/// processor overlaps the independent accesses, and then looked up from the cache. Ids longer than 16
/// bytes are copied aside, because the CSV block they came from may be refilled before the batch is
/// resolved.
struct MeterIDBatch {
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

    /// Queues the id of table row (or meter number) `row`, read on `line`.
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
        defer { removeAll() }
        var missing: Int?
        // One copy of the table for the batch: other threads look meters up in the same table, and a
        // reference count touched per row would bounce between their caches.
        let meterIDs = topology.meterIDs
        touched &+= keys.withUnsafeBufferPointer { meterIDs.touchSlots(of: $0) }
        forEachID { index, bytes in
            if let meter = meterIDs.find(keys[index], bytes: bytes) {
                meters[rows[index]] = meter
            } else if missing == nil {
                missing = index
            }
        }
        guard let index = missing else { return }
        throw CSVFileError(.unknownMeter, file: path, line: lines[index],
                           "meter_id \"\(id(at: index))\" is not in the topology, expected a meter listed in the topology file")
    }

    /// Adds every queued id to `meterIDs`, where its row is its expected number; an id already there is
    /// an error naming its file and line.
    mutating func insert(into meterIDs: inout ByteStringTable, path: String) throws(CSVFileError) {
        defer { removeAll() }
        touched &+= keys.withUnsafeBufferPointer { meterIDs.touchSlots(of: $0) }
        var duplicate: Int?
        forEachID { index, bytes in
            if duplicate == nil, Int(meterIDs.intern(keys[index], bytes: bytes)) != rows[index] { duplicate = index }
        }
        guard let index = duplicate else { return }
        throw CSVFileError(.duplicateMeter, file: path, line: lines[index],
                           "meter_id \"\(id(at: index))\" is listed twice, expected each meter once")
    }

    /// Calls `body` with each queued index and the id's bytes.
    private func forEachID(_ body: (Int, UnsafeRawBufferPointer) -> Void) {
        longBytes.withUnsafeBytes { long in
            for index in keys.indices {
                if longRanges[index].isEmpty {
                    let count = Int((keys[index].meta >> 32) & 0xFFFF)
                    withUnsafeBytes(of: keys[index].head) { body(index, UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
                } else {
                    body(index, UnsafeRawBufferPointer(rebasing: long[longRanges[index]]))
                }
            }
        }
    }

    private func id(at index: Int) -> String {
        if longRanges[index].isEmpty {
            return withUnsafeBytes(of: keys[index].head) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return String(decoding: longBytes[longRanges[index]], as: UTF8.self)
    }

    private mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        rows.removeAll(keepingCapacity: true)
        lines.removeAll(keepingCapacity: true)
        longBytes.removeAll(keepingCapacity: true)
        longRanges.removeAll(keepingCapacity: true)
    }
}
