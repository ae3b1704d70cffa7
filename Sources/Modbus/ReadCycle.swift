import DeviceProfiles
import GridWatchCore

/// What one `read(profile:unit:group:)` has gathered so far, filed by point position.
struct ReadCycle {
    let plan: DevicePlan
    var unsupported: Set<String>
    private var words: [ArraySlice<UInt16>?]
    private var errors: [ModbusError?]
    private var records: [ArraySlice<UInt16>?]
    private(set) var logError: ModbusError?
    private(set) var firstError: ModbusError?
    var abort: ModbusError?
    var answered = false
    var requests = 0

    init(plan: DevicePlan, unsupported: Set<String>) {
        self.plan = plan
        self.unsupported = unsupported
        words = Array(repeating: nil, count: plan.fetch.count)
        errors = Array(repeating: nil, count: plan.fetch.count)
        records = Array(repeating: nil, count: plan.readsOutageLog ? plan.profile.outageLog?.records ?? 0 : 0)
    }

    mutating func store(_ reply: [UInt16], of step: DevicePlan.Step) {
        let start = step.request.address
        for (point, position) in zip(step.request.points, step.positions) {
            words[position] = reply[(point.address - start)..<(point.endAddress - start)]
        }
        for record in step.request.outageRecords {
            records[record.index] = reply[(record.address - start)..<(record.address - start + record.count)]
        }
    }

    mutating func fail(_ step: DevicePlan.Step, with error: ModbusError) {
        firstError = firstError ?? error
        for position in step.positions { errors[position] = error }
        if !step.request.outageRecords.isEmpty, error.code != .illegalDataAddress || step.request.itemCount == 1 {
            logError = error
        }
    }

    /// The group's points, each with a value or the reason it has none.
    func results() -> [DeviceReadResult.PointResult] {
        (0..<plan.wantedCount).map(result)
    }

    private func result(_ position: Int) -> DeviceReadResult.PointResult {
        let point = plan.fetch[position]
        func failed(_ quality: ReadingQuality, _ reason: String) -> DeviceReadResult.PointResult {
            .init(name: point.name, value: nil, unit: point.unit, quality: quality, error: reason)
        }
        guard let registers = words[position] else {
            if let error = errors[position] { return failed(error.code.readingQuality, error.description) }
            return failed(.unsupported, "unsupported: the device refused this address earlier (ILLEGAL DATA ADDRESS)")
        }
        var exponent = 0
        if let factorName = point.scaleFactor {
            guard let exponentValue = scaleExponent(at: plan.factorPositions[position]) else {
                return failed(.unsupported, "scale factor '\(factorName)' not available")
            }
            exponent = exponentValue
        }
        guard let value = point.decode(registers, scaleExponent: exponent) else {
            return failed(.unsupported, "not available (the device reports no value)")
        }
        return .init(name: point.name, value: value, unit: point.unit, quality: .good, error: nil)
    }

    /// The power-of-ten exponent held by the scale-factor point at `position`, if it was read and sane.
    private func scaleExponent(at position: Int?) -> Int? {
        guard let position, let registers = words[position] else { return nil }
        let factor = plan.fetch[position]
        guard let raw = RegisterDecoding.raw(registers, type: factor.type, order: factor.wordOrder),
              !factor.isNotAvailable(raw: raw), abs(raw) <= 20
        else { return nil }
        return Int(raw)
    }

    /// How many log records the device says are in use, when the profile names a count point.
    private var recordsInUse: Int? {
        guard let position = plan.logCountPosition, let registers = words[position] else { return nil }
        let count = plan.fetch[position]
        return RegisterDecoding.raw(registers, type: count.type, order: count.wordOrder).map { max(0, Int($0)) }
    }

    /// The outage log, newest first, empty records left out; `nil` when not read or failed.
    func outageLog() -> [OutageLogEntry]? {
        guard plan.readsOutageLog, let layout = plan.profile.outageLog, logError == nil else { return nil }
        let size = layout.timeType.registerCount
        return records.prefix(recordsInUse ?? records.count).compactMap { words -> OutageLogEntry? in
            guard let words,
                  let start = RegisterDecoding.raw(words.prefix(size), type: layout.timeType, order: layout.wordOrder),
                  let end = RegisterDecoding.raw(words.suffix(size), type: layout.timeType, order: layout.wordOrder),
                  start != 0
            else { return nil }
            return OutageLogEntry(start: Int64(start), end: end == 0 ? nil : Int64(end))
        }
    }
}
