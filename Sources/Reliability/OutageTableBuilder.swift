import GridWatchCore

/// Fills an `OutageTable` from field bytes, as a database reader receives them: no `String` is made for
/// a meter id, a class or an event id, and meters are looked up in the topology by their bytes.
public struct OutageTableBuilder: Sendable {
    public private(set) var table = OutageTable()
    private let topology: Topology
    private static let classNames = CaseNames<OutageClass>(), sourceNames = CaseNames<OutageSource>()

    public init(topology: Topology, utcOffsetSeconds: Int = 0) {
        self.topology = topology
        table.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Appends one record. A meter the topology does not list is skipped (returns `false`); an unknown
    /// class reads as `fault_internal` and an unknown source as `imported`; empty text is "no value".
    @discardableResult
    public mutating func append(
        meterID: UnsafeRawBufferPointer, start: Int64, end: Int64?, eventID: UnsafeRawBufferPointer,
        outageClass: UnsafeRawBufferPointer, recloseOperations: Int32, cause: UnsafeRawBufferPointer,
        causeCode: UnsafeRawBufferPointer, workOrder: UnsafeRawBufferPointer, source: UnsafeRawBufferPointer, confidence: Double
    ) -> Bool {
        guard let meter = topology.meterIndex(ofBytes: meterID) else { return false }
        table.appendCore(meter: Int32(meter), start: start, duration: OutageTable.duration(start: start, end: end),
                         outageClass: Self.classNames.value(of: outageClass) ?? .faultInternal, recloseOperations: recloseOperations)
        table.events.append(eventID)
        table.causes.append(cause)
        table.causeCodes.append(causeCode)
        table.workOrders.append(workOrder)
        table.sources.append(Self.sourceNames.value(of: source) ?? .imported)
        table.confidences.append(Float(confidence))
        return true
    }
}
