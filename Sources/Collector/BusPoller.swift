import GridWatchCore

/// Polls the devices of one bus strictly in turn, each poll group at its own drift-free interval,
/// under two-threshold supervision: an offline device is only re-probed with back-off, so one dead
/// meter never starves its bus. A bus whose every recent cycle failed is reconnected.
public struct BusPoller<Transport: BusTransport>: Sendable {
    public let busID: String
    public let deviceIDs: [String]
    public let tasks: [PollTask]
    public let transport: Transport
    public let policy: SupervisionPolicy
    public let wallClock: any WallClock
    private let deliver: @Sendable (PolledCycle<Transport.Outcome>) async -> Void

    /// - Parameter deliver: called after every poll, in order; the bus waits for it (back-pressure).
    public init(
        busID: String, deviceIDs: [String], tasks: [PollTask], transport: Transport,
        policy: SupervisionPolicy, wallClock: any WallClock = SystemWallClock(),
        deliver: @escaping @Sendable (PolledCycle<Transport.Outcome>) async -> Void
    ) {
        precondition(tasks.allSatisfy { deviceIDs.indices.contains($0.device) }, "a poll task names an unknown device")
        self.busID = busID
        self.deviceIDs = deviceIDs
        self.tasks = tasks
        self.transport = transport
        self.policy = policy
        self.wallClock = wallClock
        self.deliver = deliver
    }

    /// Runs until the surrounding task is cancelled.
    public func run() async {
        guard !tasks.isEmpty else { return }
        let start = ContinuousClock.now
        var trackers = deviceIDs.map { HealthTracker(deviceID: $0, policy: policy) }
        var deadlines = tasks.map { PollDeadline(interval: $0.interval, firstDue: start) }
        var failedCyclesInARow = 0
        let reconnectAfter = max(policy.offlineAfterFailedCycles, Set(tasks.map(\.device)).count)

        while !Task.isCancelled {
            let next = tasks.indices.min { a, b in
                effectiveDue(a, deadlines, trackers) < effectiveDue(b, deadlines, trackers)
            }!
            // An overdue poll starts at once: even a past deadline would cost a timer and a thread hop.
            let due = effectiveDue(next, deadlines, trackers)
            if due > .now {
                do {
                    try await Task.sleep(until: due, clock: .continuous)
                } catch {
                    return
                }
            }
            let task = tasks[next]
            let wasBackingOff = trackers[task.device].supervisor.isBackingOff
            let outcome = await transport.poll(device: task.device, group: task.group)
            let now = ContinuousClock.now
            let wallMillis = wallClock.nowMillis()
            trackers[task.device].record(outcome.report, at: now, wallMillis: wallMillis)
            let missed = deadlines[next].advance(completedAt: now)
            if !wasBackingOff { trackers[task.device].recordMissedDeadlines(missed) }

            await deliver(PolledCycle(
                busID: busID, deviceID: deviceIDs[task.device], group: task.group, outcome: outcome,
                health: trackers[task.device].snapshot(wallMillis: wallMillis), wallMillis: wallMillis
            ))

            failedCyclesInARow = outcome.report.dataReceived ? 0 : failedCyclesInARow + 1
            if failedCyclesInARow >= reconnectAfter {
                await transport.reconnect()
                failedCyclesInARow = 0
            }
        }
    }

    private func effectiveDue(
        _ index: Int, _ deadlines: [PollDeadline], _ trackers: [HealthTracker]
    ) -> ContinuousClock.Instant {
        trackers[tasks[index].device].supervisor.nextPoll(regularDue: deadlines[index].due)
    }
}
