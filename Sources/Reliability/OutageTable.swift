import GridWatchCore

/// Outage records stored by column, meters by number (see `Topology`): what the index engine and the
/// rule engine read. `record(at:topology:)` turns a row back into an `OutageRecord`.
public struct OutageTable: Sendable {
    /// `duration` of a record still open.
    public static let open: Int32 = -1

    /// Meter number of each record.
    public internal(set) var meter: [Int32] = []
    /// Start, Unix seconds.
    public internal(set) var start: [Int64] = []
    /// `end − start` in seconds, or `OutageTable.open`.
    public internal(set) var duration: [Int32] = []
    public internal(set) var outageClass: [OutageClass] = []
    /// Interruption event id of each record; `assignEvents` fills the missing ones.
    public internal(set) var events = StringColumn()
    public internal(set) var causes = StringColumn()
    public internal(set) var causeCodes = StringColumn()
    public internal(set) var workOrders = StringColumn()
    public internal(set) var recloseOperations = LazyColumn<Int32>(defaultValue: 0)
    public internal(set) var sources = LazyColumn<OutageSource>(defaultValue: .imported)
    public internal(set) var confidences = LazyColumn<Float>(defaultValue: 1)
    /// The UTC offset the times were written in (of the first record), for showing them again.
    public var utcOffsetSeconds = 0

    public init() {}

    /// Builds a table from records; every record's meter must be in the topology.
    public init(records: [OutageRecord], topology: Topology) throws(OutageTableError) {
        for record in records {
            guard let meter = topology.meterIndex(of: record.meterID) else {
                throw OutageTableError(meterID: record.meterID)
            }
            append(record, meter: Int32(meter))
        }
    }

    public var count: Int { meter.count }

    /// End in Unix seconds, `nil` while open.
    @inline(__always)
    public func end(at row: Int) -> Int64? {
        duration[row] == Self.open ? nil : start[row] + Int64(duration[row])
    }

    /// Duration in seconds; an open record's runs to `asOf` (never below 0).
    @inline(__always)
    public func durationSeconds(at row: Int, asOf: Int64) -> Int64 {
        duration[row] == Self.open ? max(0, asOf - start[row]) : Int64(duration[row])
    }

    public mutating func append(_ record: OutageRecord, meter: Int32) {
        appendCore(meter: meter, start: record.start, duration: Self.duration(start: record.start, end: record.end),
                   outageClass: record.outageClass, recloseOperations: Int32(clamping: record.recloseOperations))
        events.append(record.eventID)
        causes.append(record.cause)
        causeCodes.append(record.causeCode)
        workOrders.append(record.workOrder)
        sources.append(record.source)
        confidences.append(Float(record.confidence))
    }

    /// Room for `capacity` rows in every column; string columns also for as many distinct values as
    /// they have so far, scaled up to `capacity` rows.
    public mutating func reserveCapacity(_ capacity: Int) {
        meter.reserveCapacity(capacity)
        start.reserveCapacity(capacity)
        duration.reserveCapacity(capacity)
        outageClass.reserveCapacity(capacity)
        for column in [\OutageTable.events, \.causes, \.causeCodes, \.workOrders] {
            let distinct = count == 0 ? 0 : Int(Double(self[keyPath: column].table.count) / Double(count) * Double(capacity))
            self[keyPath: column].reserveCapacity(capacity, distinct: distinct)
        }
        recloseOperations.reserveCapacity(capacity)
        sources.reserveCapacity(capacity)
        confidences.reserveCapacity(capacity)
    }

    /// Appends the rows of another table (string columns renumbered into this table's).
    public mutating func append(contentsOf other: OutageTable) {
        if count == 0 { utcOffsetSeconds = other.utcOffsetSeconds }
        meter += other.meter
        start += other.start
        duration += other.duration
        outageClass += other.outageClass
        events.append(contentsOf: other.events)
        causes.append(contentsOf: other.causes)
        causeCodes.append(contentsOf: other.causeCodes)
        workOrders.append(contentsOf: other.workOrders)
        recloseOperations.append(contentsOf: other.recloseOperations)
        sources.append(contentsOf: other.sources)
        confidences.append(contentsOf: other.confidences)
    }

    /// Row `row` as a record.
    public func record(at row: Int, topology: Topology) -> OutageRecord {
        OutageRecord(
            meterID: topology.meterID(at: Int(meter[row])), start: start[row], end: end(at: row), eventID: events[row],
            outageClass: outageClass[row], cause: causes[row], causeCode: causeCodes[row], workOrder: workOrders[row],
            recloseOperations: Int(recloseOperations[row]), source: sources[row], confidence: Double(confidences[row]))
    }

    @inline(__always)
    mutating func appendCore(meter: Int32, start: Int64, duration: Int32, outageClass: OutageClass, recloseOperations: Int32) {
        self.meter.append(meter)
        self.start.append(start)
        self.duration.append(duration)
        self.outageClass.append(outageClass)
        self.recloseOperations.append(recloseOperations)
    }

    /// The stored duration for an end (`open` when `nil`); durations beyond Int32 (68 years) are clamped.
    static func duration(start: Int64, end: Int64?) -> Int32 {
        guard let end else { return open }
        return Int32(clamping: max(0, end - start))
    }
}

/// A record names a meter that the topology does not list.
public struct OutageTableError: Error, Sendable, CustomStringConvertible {
    public let meterID: String
    public var description: String { "meter \"\(meterID)\" is not in the topology, expected a meter the topology lists" }
}
