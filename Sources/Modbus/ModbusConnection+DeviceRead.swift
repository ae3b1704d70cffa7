import DeviceProfiles
import Foundation

extension ModbusConnection {
    /// Reads the points of `group` (every point when `nil`) and, when the group includes it, the
    /// outage log of `profile` from `unit`, with the fewest requests the profile's planner allows.
    ///
    /// Never throws: every point comes back, failed ones with a null value and a quality. A merged read
    /// refused with ILLEGAL DATA ADDRESS is split until the offending point is found; that point is then
    /// remembered as unsupported for this unit and not asked for again. A timeout or a broken link ends
    /// the cycle at once (the remaining points share the error) instead of costing one timeout each.
    ///
    /// Called in place from a polling loop isolated to the connection (inside `withIsolation`); tasks
    /// await the overload below.
    public func read(profile: DeviceProfile, unit: Int, group: String? = nil) -> DeviceReadResult {
        let started = ContinuousClock.now
        let key = UnitProfile(unit: unit, profile: profile.name)
        let plan = plan(profile: profile, key: PlanKey(device: key, group: group))
        let spare = spareRegisters
        spareRegisters = []
        var cycle = ReadCycle(plan: plan, unsupported: plan.unsupported, registers: spare)
        var pending = plan.steps[...]
        while let step = pending.popFirst() {
            if let abort = cycle.abort {
                cycle.fail(step, with: abort)
                continue
            }
            cycle.requests += 1
            do {
                try cycle.fill(step) { try client.read(unit: unit, function: step.request.function, address: step.request.address, into: $0) }
                cycle.answered = true
            } catch let error as ModbusError {
                cycle.answered = cycle.answered || error.code.exceptionCode != nil
                if error.code == .illegalDataAddress {
                    let halves = RequestPlanner(workarounds: profile.workarounds).split(step.request).map { plan.step(for: $0, splitFrom: step) }
                    if halves.isEmpty { cycle.unsupported.formUnion(step.request.points.map(\.name)) }
                    pending = halves[...] + pending
                }
                cycle.fail(step, with: error)
                if error.code.abortsCycle { cycle.abort = error }
            } catch {
                preconditionFailure("ModbusClient throws only ModbusError, got \(error)")
            }
        }
        if cycle.unsupported != plan.unsupported { setUnsupportedPoints(cycle.unsupported, of: key) }
        defer { spareRegisters = cycle.registers }
        return DeviceReadResult(
            unit: unit, profile: profile.name, timeMillis: Int64(Date().timeIntervalSince1970 * 1000),
            latency: .now - started, points: cycle.results(), outageLog: cycle.outageLog(),
            outageLogError: cycle.logError, answered: cycle.answered,
            failure: cycle.answered ? nil : cycle.abort ?? cycle.firstError, requests: cycle.requests
        )
    }

    /// `read(profile:unit:group:)` awaited from a task; it starts on the caller's executor
    /// (`nonsending`). From a task running on `taskExecutor` (as the collector's pollers do) the read
    /// then runs in place on the connection's queue, with no executor switch at all; from a task on
    /// Swift's cooperative pool it costs two thread switches.
    public nonisolated(nonsending) func read(profile: DeviceProfile, unit: Int, group: String? = nil) async -> DeviceReadResult {
        if executor.isCurrent { return readInPlace(profile: profile, unit: unit, group: group) }
        return await readOnQueue(profile: profile, unit: unit, group: group)
    }

    /// The read, from code that runs on the connection's queue without being isolated to it. The
    /// caller checked `executor.isCurrent`, which is what isolation to this actor means (its queue is
    /// serial); `assumeIsolated` would check again through the runtime, at a cost on every read.
    private nonisolated func readInPlace(profile: DeviceProfile, unit: Int, group: String?) -> DeviceReadResult {
        // Captures nothing, so that no closure context is allocated per read.
        let isolatedRead: (isolated ModbusConnection, DeviceProfile, Int, String?) -> DeviceReadResult = {
            $0.read(profile: $1, unit: $2, group: $3)
        }
        let read = unsafeBitCast(isolatedRead, to: ((ModbusConnection, DeviceProfile, Int, String?) -> DeviceReadResult).self)
        return read(self, profile, unit, group)
    }

    private func readOnQueue(profile: DeviceProfile, unit: Int, group: String?) -> DeviceReadResult {
        read(profile: profile, unit: unit, group: group)
    }

    /// The plan for `key`, made once and reused while neither the profile nor the unit's unsupported
    /// points change (`setUnsupportedPoints` drops the plans a change makes stale): one dictionary
    /// look-up per read.
    private func plan(profile: DeviceProfile, key: PlanKey) -> DevicePlan {
        if let cached = plans[key], cached.isMade(from: profile) { return cached }
        let plan = DevicePlan(profile: profile, group: key.group, unsupported: unsupportedPoints[key.device] ?? [])
        plans[key] = plan
        return plan
    }
}
