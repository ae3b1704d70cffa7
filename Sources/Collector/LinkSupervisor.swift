import GridWatchCore

/// The link state of one device: status, failure streak and, while offline, the back-off probe
/// schedule. Pure: callers pass the monotonic time of each cycle's end.
public struct LinkSupervisor: Sendable {
    public let policy: SupervisionPolicy
    public private(set) var status: DeviceStatus = .neverSeen
    public private(set) var consecutiveFailures = 0
    public private(set) var offlineTransitions = 0
    private var failingSince: ContinuousClock.Instant?
    private var probeAttempt = 0
    private var nextProbe: ContinuousClock.Instant?
    /// Bit i set: the cycle i cycles ago failed.
    private var recentFailures: UInt64 = 0
    private var everAnswered = false

    public init(policy: SupervisionPolicy) {
        self.policy = policy
    }

    /// True while both thresholds are exceeded and the device is only re-probed with back-off.
    public var isBackingOff: Bool { nextProbe != nil }

    /// When the device may be polled next: its regular deadline, or the back-off probe time while offline.
    public func nextPoll(regularDue: ContinuousClock.Instant) -> ContinuousClock.Instant {
        guard let nextProbe else { return regularDue }
        return max(regularDue, nextProbe)
    }

    /// Folds one cycle's result in; returns the status after it.
    @discardableResult
    public mutating func record(_ report: CycleReport, at now: ContinuousClock.Instant) -> DeviceStatus {
        let window: UInt64 = policy.recentCycles == 64 ? .max : (1 << UInt64(policy.recentCycles)) - 1
        recentFailures = (recentFailures << 1) & window
        if report.dataReceived {
            everAnswered = true
            consecutiveFailures = 0
            failingSince = nil
            probeAttempt = 0
            nextProbe = nil
            status = (recentFailures != 0 || report.unsupportedPoints > 0) ? .degraded : .online
            return status
        }
        recentFailures |= 1
        consecutiveFailures += 1
        let since = failingSince ?? now
        failingSince = since
        let thresholdsExceeded = consecutiveFailures >= policy.offlineAfterFailedCycles
            && now - since >= policy.offlineAfter
        if thresholdsExceeded {
            if nextProbe == nil, everAnswered { offlineTransitions += 1 }
            nextProbe = now + policy.backoff.delay(afterAttempt: probeAttempt)
            probeAttempt += 1
            status = everAnswered ? .offline : .neverSeen
        } else if everAnswered {
            status = .degraded
        }
        return status
    }
}
