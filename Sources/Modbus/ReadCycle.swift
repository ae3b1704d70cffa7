import DeviceProfiles
import GridWatchCore

/// What one `read(profile:unit:group:)` has gathered so far: every reply in one register buffer at
/// the place its plan gave it, and per point whether it was read or why not.
struct ReadCycle {
    private enum Outcome {
        case pending
        case read
        /// Index in `errors`.
        case failed(Int)
    }

    let plan: DevicePlan
    var unsupported: Set<String>
    private(set) var registers: [UInt16]
    /// Per point of `plan.fetch`. Left empty (never allocated) until a read fails: every planned
    /// point is then read by the end of the cycle, each step being either filled or failed.
    private var outcomes: [Outcome] = []
    private var recordsRead: [Bool]
    /// Errors met so far; empty (and never allocated) in a cycle where everything answers.
    private var errors: [ModbusError] = []
    private(set) var logError: ModbusError?
    var abort: ModbusError?
    var answered = false
    var requests = 0

    /// `registers` is a buffer to reuse (the previous cycle's), grown when it is too short.
    init(plan: DevicePlan, unsupported: Set<String>, registers: [UInt16] = []) {
        self.plan = plan
        self.unsupported = unsupported
        self.registers = registers.count >= plan.bufferCount ? registers : Array(repeating: 0, count: plan.bufferCount)
        recordsRead = Array(repeating: false, count: plan.recordStarts.count)
    }

    var firstError: ModbusError? { errors.first }

    /// Lets `read` fill the step's part of the buffer, then files the step's points as read.
    mutating func fill(_ step: DevicePlan.Step, by read: (UnsafeMutableBufferPointer<UInt16>) throws -> Void) rethrows {
        try registers.withUnsafeMutableBufferPointer { buffer in
            try read(UnsafeMutableBufferPointer(rebasing: buffer[step.words]))
        }
        if !outcomes.isEmpty { for position in step.positions { outcomes[position] = .read } }
        for record in step.request.outageRecords { recordsRead[record.index] = true }
    }

    mutating func fail(_ step: DevicePlan.Step, with error: ModbusError) {
        if outcomes.isEmpty { outcomes = plan.slots.map { $0.isPlanned ? .read : .pending } }
        errors.append(error)
        for position in step.positions { outcomes[position] = .failed(errors.count - 1) }
        if !step.request.outageRecords.isEmpty, error.code != .illegalDataAddress || step.request.itemCount == 1 {
            logError = error
        }
    }

    /// The group's points, each with a value or the reason it has none.
    func results() -> [DeviceReadResult.PointResult] {
        var results: [DeviceReadResult.PointResult] = []
        results.reserveCapacity(plan.wantedCount)
        for position in 0..<plan.wantedCount { results.append(result(position)) }
        return results
    }

    private func outcome(_ position: Int) -> Outcome {
        outcomes.isEmpty ? (plan.slots[position].isPlanned ? .read : .pending) : outcomes[position]
    }

    private func result(_ position: Int) -> DeviceReadResult.PointResult {
        func failed(_ quality: ReadingQuality, _ reason: String) -> DeviceReadResult.PointResult {
            .init(name: plan.fetch[position].name, value: nil, unit: plan.fetch[position].unit, quality: quality, error: reason)
        }
        switch outcome(position) {
        case .pending: return failed(.unsupported, "unsupported: the device refused this address earlier (ILLEGAL DATA ADDRESS)")
        case .failed(let index): return failed(errors[index].code.readingQuality, errors[index].description)
        case .read: break
        }
        let slot = plan.slots[position]
        var exponent = 0
        if let factorPosition = slot.factorPosition {
            guard let exponentValue = scaleExponent(at: factorPosition) else {
                return failed(.unsupported, "scale factor '\(plan.fetch[factorPosition].name)' not available")
            }
            exponent = exponentValue
        }
        guard let value = slot.format.decode(registers[slot.words], scaleExponent: exponent) else {
            return failed(.unsupported, "not available (the device reports no value)")
        }
        return .init(name: plan.fetch[position].name, value: value, unit: plan.fetch[position].unit, quality: .good, error: nil)
    }

    /// The raw number of the point at `position`, if it was read.
    private func raw(at position: Int) -> Double? {
        guard case .read = outcome(position) else { return nil }
        let slot = plan.slots[position]
        return RegisterDecoding.raw(registers[slot.words], type: slot.format.type, order: slot.format.wordOrder)
    }

    /// The power-of-ten exponent held by the scale-factor point at `position`, if it was read and sane.
    private func scaleExponent(at position: Int) -> Int? {
        guard let raw = raw(at: position), !plan.slots[position].format.isNotAvailable(raw: raw), abs(raw) <= 20 else { return nil }
        return Int(raw)
    }

    /// How many log records the device says are in use, when the profile names a count point.
    private var recordsInUse: Int? {
        plan.logCountPosition.flatMap(raw(at:)).map { max(0, Int($0)) }
    }

    /// The outage log, newest first, empty records left out; `nil` when not read or failed.
    func outageLog() -> [OutageLogEntry]? {
        guard plan.readsOutageLog, let layout = plan.profile.outageLog, logError == nil else { return nil }
        let size = layout.timeType.registerCount
        let inUse = min(recordsInUse ?? recordsRead.count, recordsRead.count)
        return (0..<inUse).compactMap { index -> OutageLogEntry? in
            let start = plan.recordStarts[index]
            guard recordsRead[index],
                  let started = RegisterDecoding.raw(registers[start..<(start + size)], type: layout.timeType, order: layout.wordOrder),
                  let ended = RegisterDecoding.raw(registers[(start + size)..<(start + 2 * size)], type: layout.timeType, order: layout.wordOrder),
                  started != 0
            else { return nil }
            return OutageLogEntry(start: Int64(started), end: ended == 0 ? nil : Int64(ended))
        }
    }
}
