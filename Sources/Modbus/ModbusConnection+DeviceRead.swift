import DeviceProfiles
import Foundation
import GridWatchCore

extension ModbusConnection {
    /// Reads the points of `group` (every point when `nil`) and, when the group includes it, the
    /// outage log of `profile` from `unit`, with the fewest requests the profile's planner allows.
    ///
    /// Never throws: every point comes back, failed ones with a null value and a quality. A merged read
    /// refused with ILLEGAL DATA ADDRESS is split until the offending point is found; that point is then
    /// remembered as unsupported for this unit and not asked for again. A timeout or a broken link ends
    /// the cycle at once (the remaining points share the error) instead of costing one timeout each.
    public func read(profile: DeviceProfile, unit: Int, group: String? = nil) -> DeviceReadResult {
        let started = ContinuousClock.now
        let key = UnitProfile(unit: unit, profile: profile.name)
        let wanted = profile.points(inGroup: group)
        let plan = RequestPlanner(workarounds: profile.workarounds)
        var run = CycleState(unsupported: unsupportedPoints[key] ?? [])
        let fetch = Self.pointsToFetch(wanted, profile: profile)
        var pending = plan.plan(
            fetch.filter { !run.unsupported.contains($0.name) },
            outageLog: profile.readsOutageLog(inGroup: group) ? profile.outageLog : nil,
            avoiding: profile.points.filter { run.unsupported.contains($0.name) }
        )
        while !pending.isEmpty {
            let request = pending.removeFirst()
            if let abort = run.abort {
                run.fail(request, with: abort)
                continue
            }
            run.requests += 1
            do {
                let words = try client.read(unit: unit, function: request.function, address: request.address, count: request.count)
                run.answered = true
                run.store(words, of: request)
            } catch let error as ModbusError {
                run.answered = run.answered || error.code.exceptionCode != nil
                if error.code == .illegalDataAddress {
                    let halves = plan.split(request)
                    if halves.isEmpty { run.unsupported.formUnion(request.points.map(\.name)) }
                    pending.insert(contentsOf: halves, at: 0)
                }
                run.fail(request, with: error)
                if error.code.abortsCycle { run.abort = error }
            } catch {
                preconditionFailure("ModbusClient throws only ModbusError, got \(error)")
            }
        }
        unsupportedPoints[key] = run.unsupported
        return DeviceReadResult(
            unit: unit, profile: profile.name, timeMillis: Int64(Date().timeIntervalSince1970 * 1000),
            latency: .now - started, points: wanted.map { run.result(for: $0, in: profile) },
            outageLog: run.outageLog(profile.outageLog, wanted: profile.readsOutageLog(inGroup: group)),
            outageLogError: run.logError, answered: run.answered,
            failure: run.answered ? nil : run.abort ?? run.firstError, requests: run.requests
        )
    }

    /// The group's points plus the scale-factor points they refer to.
    private static func pointsToFetch(_ wanted: [Point], profile: DeviceProfile) -> [Point] {
        let names = Set(wanted.map(\.name))
        let factors = Set(wanted.compactMap(\.scaleFactor)).subtracting(names)
        return wanted + profile.points.filter { factors.contains($0.name) }
    }
}

/// What one `read(profile:unit:group:)` has gathered so far.
private struct CycleState {
    var unsupported: Set<String>
    var registers: [String: ArraySlice<UInt16>] = [:]
    var records: [Int: ArraySlice<UInt16>] = [:]
    var errors: [String: ModbusError] = [:]
    var logError: ModbusError?
    var firstError: ModbusError?
    var abort: ModbusError?
    var answered = false
    var requests = 0

    mutating func store(_ words: [UInt16], of request: ReadRequest) {
        for point in request.points {
            registers[point.name] = words[(point.address - request.address)..<(point.endAddress - request.address)]
        }
        for record in request.outageRecords {
            let start = record.address - request.address
            records[record.index] = words[start..<(start + record.count)]
        }
    }

    mutating func fail(_ request: ReadRequest, with error: ModbusError) {
        firstError = firstError ?? error
        for point in request.points { errors[point.name] = error }
        if !request.outageRecords.isEmpty, error.code != .illegalDataAddress || request.itemCount == 1 {
            logError = error
        }
    }

    func result(for point: Point, in profile: DeviceProfile) -> DeviceReadResult.PointResult {
        func failed(_ quality: ReadingQuality, _ reason: String) -> DeviceReadResult.PointResult {
            .init(name: point.name, value: nil, unit: point.unit, quality: quality, error: reason)
        }
        guard let words = registers[point.name] else {
            if let error = errors[point.name] { return failed(error.code.readingQuality, error.description) }
            return failed(.unsupported, "unsupported: the device refused this address earlier (ILLEGAL DATA ADDRESS)")
        }
        var exponent = 0
        if let factorName = point.scaleFactor {
            guard let factor = profile.point(named: factorName), let factorWords = registers[factorName],
                  let raw = RegisterDecoding.raw(factorWords, type: factor.type, order: factor.wordOrder),
                  !factor.isNotAvailable(raw: raw), abs(raw) <= 20
            else { return failed(.unsupported, "scale factor '\(factorName)' not available") }
            exponent = Int(raw)
        }
        guard let value = point.decode(words, scaleExponent: exponent) else {
            return failed(.unsupported, "not available (the device reports no value)")
        }
        return .init(name: point.name, value: value, unit: point.unit, quality: .good, error: nil)
    }

    func outageLog(_ layout: OutageLogLayout?, wanted: Bool) -> [OutageLogEntry]? {
        guard wanted, let layout, logError == nil else { return nil }
        let size = layout.timeType.registerCount
        return (0..<layout.records).compactMap { index -> OutageLogEntry? in
            guard let words = records[index],
                  let start = RegisterDecoding.raw(words.prefix(size), type: layout.timeType, order: layout.wordOrder),
                  let end = RegisterDecoding.raw(words.suffix(size), type: layout.timeType, order: layout.wordOrder),
                  start != 0
            else { return nil }
            return OutageLogEntry(start: Int64(start), end: end == 0 ? nil : Int64(end))
        }
    }
}
