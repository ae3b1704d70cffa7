import GridWatchCore
import Reliability

/// The outage-table columns the rule engine reads per row, as plain arrays of this module, so that
/// the hot loops index them directly (the table's string columns are not inlinable across modules).
struct RowColumns: Sendable {
    private(set) var meter: [Int32] = []
    private(set) var start: [Int64] = []
    /// `end − start`, or `OutageTable.open`.
    private(set) var duration: [Int32] = []
    private(set) var classBit: [UInt8] = []
    /// String numbers in the table's columns (`-1` = none).
    private(set) var cause: [Int32] = []
    private(set) var causeCode: [Int32] = []
    private(set) var event: [Int32] = []
    private(set) var workOrder: [Int32] = []

    /// Copies (not shares) the arrays, so that appending a row later copies nothing.
    init(_ table: OutageTable) {
        meter = table.meter.withUnsafeBufferPointer { Array($0) }
        start = table.start.withUnsafeBufferPointer { Array($0) }
        duration = table.duration.withUnsafeBufferPointer { Array($0) }
        classBit = table.outageClass.map(CompiledFilter.bit)
        cause.reserveCapacity(table.count)
        causeCode.reserveCapacity(table.count)
        event.reserveCapacity(table.count)
        workOrder.reserveCapacity(table.count)
        for row in 0..<table.count {
            cause.append(table.causes.number(at: row))
            causeCode.append(table.causeCodes.number(at: row))
            event.append(table.events.number(at: row))
            workOrder.append(table.workOrders.number(at: row))
        }
    }

    /// Copies the table's last row (just appended).
    mutating func appendLastRow(of table: OutageTable) {
        let row = table.count - 1
        meter.append(table.meter[row])
        start.append(table.start[row])
        duration.append(table.duration[row])
        classBit.append(CompiledFilter.bit(table.outageClass[row]))
        cause.append(table.causes.number(at: row))
        causeCode.append(table.causeCodes.number(at: row))
        event.append(table.events.number(at: row))
        workOrder.append(table.workOrders.number(at: row))
    }

    /// Duration in seconds; an open record's runs to `asOf` (never below 0).
    @inline(__always)
    func durationSeconds(_ row: Int, asOf: Int64) -> Int64 {
        duration[row] == OutageTable.open ? max(0, asOf - start[row]) : Int64(duration[row])
    }
}
