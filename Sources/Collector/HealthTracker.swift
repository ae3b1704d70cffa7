import GridWatchCore

/// Everything the collector knows of one device's link: supervision plus the statistics a field
/// engineer asks for (success ratios, latency percentiles, error counts).
public struct HealthTracker: Sendable {
    public private(set) var supervisor: LinkSupervisor
    private var health: DeviceHealth
    /// Five-minute and hourly buckets: under 500 bytes a device for both windows.
    private var lastHour = SlidingRatio(buckets: 12, bucketSeconds: 300)
    private var lastDay = SlidingRatio(buckets: 24, bucketSeconds: 3600)
    private var latencies = LatencyWindow()
    /// Percentiles sort the window: worked out at most once a second, not on every cycle.
    private var percentiles: (atMillis: Int64?, p50: Double?, p99: Double?) = (nil, nil, nil)

    public init(deviceID: String, policy: SupervisionPolicy) {
        supervisor = LinkSupervisor(policy: policy)
        health = DeviceHealth(deviceID: deviceID, status: .neverSeen, timeMillis: 0)
    }

    /// Folds one cycle in. `now` is monotonic (for supervision), `wallMillis` the gateway's wall
    /// clock (for what is shown and stored).
    public mutating func record(_ report: CycleReport, at now: ContinuousClock.Instant, wallMillis: Int64) {
        supervisor.record(report, at: now)
        let seconds = wallMillis / 1000
        lastHour.record(success: report.dataReceived, atSeconds: seconds)
        lastDay.record(success: report.dataReceived, atSeconds: seconds)
        health.unsupportedPoints = report.unsupportedPoints
        if report.dataReceived {
            health.lastSuccessMillis = wallMillis
            let (s, atto) = report.latency.components
            latencies.record(milliseconds: Double(s) * 1000 + Double(atto) / 1e15)
        } else {
            health.lastErrorMillis = wallMillis
            health.lastErrorCode = report.errorCode
            health.lastError = report.errorDescription
            switch report.failure {
            case .timeout: health.timeouts += 1
            case .exception: health.exceptions += 1
            case .crcError: health.crcErrors += 1
            default: break
            }
        }
    }

    /// Counts deadlines passed while a poll of this device (or of its bus) overran.
    public mutating func recordMissedDeadlines(_ count: Int) {
        health.missedDeadlines += count
    }

    /// The health as of `wallMillis` (latency percentiles as of at most a second before).
    public mutating func snapshot(wallMillis: Int64) -> DeviceHealth {
        if percentiles.atMillis.map({ wallMillis - $0 >= 1000 || wallMillis < $0 }) ?? true {
            percentiles = (wallMillis, latencies.percentile(0.5), latencies.percentile(0.99))
        }
        var snapshot = health
        snapshot.timeMillis = wallMillis
        snapshot.status = supervisor.status
        snapshot.consecutiveFailures = supervisor.consecutiveFailures
        snapshot.offlineTransitions = supervisor.offlineTransitions
        snapshot.successRatioHour = lastHour.ratio(atSeconds: wallMillis / 1000)
        snapshot.successRatioDay = lastDay.ratio(atSeconds: wallMillis / 1000)
        snapshot.latencyP50Millis = percentiles.p50
        snapshot.latencyP99Millis = percentiles.p99
        return snapshot
    }
}
