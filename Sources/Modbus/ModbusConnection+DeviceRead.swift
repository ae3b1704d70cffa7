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
    /// Each call from a task on Swift's cooperative pool costs two thread switches; a polling loop
    /// isolated to the connection (inside `withIsolation`) or a task running on `taskExecutor`
    /// costs none.
    public func read(profile: DeviceProfile, unit: Int, group: String? = nil) -> DeviceReadResult {
        let started = ContinuousClock.now
        let key = UnitProfile(unit: unit, profile: profile.name)
        let unsupported = unsupportedPoints[key] ?? []
        let plan = plan(profile: profile, key: PlanKey(device: key, group: group), unsupported: unsupported)
        var cycle = ReadCycle(plan: plan, unsupported: unsupported)
        var pending = plan.steps[...]
        while let step = pending.popFirst() {
            if let abort = cycle.abort {
                cycle.fail(step, with: abort)
                continue
            }
            cycle.requests += 1
            do {
                let request = step.request
                let reply = try client.read(unit: unit, function: request.function, address: request.address, count: request.count)
                cycle.answered = true
                cycle.store(reply, of: step)
            } catch let error as ModbusError {
                cycle.answered = cycle.answered || error.code.exceptionCode != nil
                if error.code == .illegalDataAddress {
                    let halves = RequestPlanner(workarounds: profile.workarounds).split(step.request).map(plan.step(for:))
                    if halves.isEmpty { cycle.unsupported.formUnion(step.request.points.map(\.name)) }
                    pending = halves[...] + pending
                }
                cycle.fail(step, with: error)
                if error.code.abortsCycle { cycle.abort = error }
            } catch {
                preconditionFailure("ModbusClient throws only ModbusError, got \(error)")
            }
        }
        if cycle.unsupported != unsupported { unsupportedPoints[key] = cycle.unsupported }
        return DeviceReadResult(
            unit: unit, profile: profile.name, timeMillis: Int64(Date().timeIntervalSince1970 * 1000),
            latency: .now - started, points: cycle.results(), outageLog: cycle.outageLog(),
            outageLogError: cycle.logError, answered: cycle.answered,
            failure: cycle.answered ? nil : cycle.abort ?? cycle.firstError, requests: cycle.requests
        )
    }

    /// The plan for `key`, made once and reused while neither the profile nor the unit's unsupported
    /// points change.
    private func plan(profile: DeviceProfile, key: PlanKey, unsupported: Set<String>) -> DevicePlan {
        if let cached = plans[key], cached.unsupported == unsupported, cached.profile == profile { return cached }
        let plan = DevicePlan(profile: profile, group: key.group, unsupported: unsupported)
        plans[key] = plan
        return plan
    }
}
