/// A device's link health at one moment, as the collector reports it and the store keeps it.
public struct DeviceHealth: Sendable, Hashable, Codable {
    public var deviceID: String
    public var status: DeviceStatus
    /// Gateway wall-clock times, Unix milliseconds (UTC).
    public var lastSuccessMillis: Int64?
    public var lastErrorMillis: Int64?
    /// A matchable error code (`timeout`, `connection_refused`, `illegal_data_address`, ...).
    public var lastErrorCode: String?
    /// The error as a person reads it, with its context.
    public var lastError: String?
    public var consecutiveFailures: Int
    /// Share of cycles that returned data, over the last hour and day; `nil` before the first cycle.
    public var successRatioHour: Double?
    public var successRatioDay: Double?
    /// Latency of recent successful cycles.
    public var latencyP50Millis: Double?
    public var latencyP99Millis: Double?
    public var timeouts: Int
    public var exceptions: Int
    public var crcErrors: Int
    public var offlineTransitions: Int
    public var missedDeadlines: Int
    public var unsupportedPoints: Int

    public init(deviceID: String) {
        self.deviceID = deviceID
        self.status = .neverSeen
        self.consecutiveFailures = 0
        self.timeouts = 0
        self.exceptions = 0
        self.crcErrors = 0
        self.offlineTransitions = 0
        self.missedDeadlines = 0
        self.unsupportedPoints = 0
    }
}
