/// A snapshot of one device's link health, as the collector computes it and the store keeps it
/// (the current snapshot per device, plus a history of snapshots).
///
/// Times are Unix milliseconds (UTC).
public struct DeviceHealth: Sendable, Hashable, Codable {
    public var deviceID: String
    public var status: DeviceStatus
    /// When this snapshot was taken.
    public var timeMillis: Int64
    public var lastSuccessMillis: Int64?
    public var lastErrorMillis: Int64?
    /// Human-readable last error, e.g. `timeout after 500 ms`.
    public var lastError: String?
    /// Matchable code of the last error, e.g. `timeout`, `exception_4`, `crc_error`.
    public var lastErrorCode: String?
    public var consecutiveFailures: Int
    /// Share of successful poll cycles over the last hour and day, 0...1 (`nil` before any cycle).
    public var successRatioHour: Double?
    public var successRatioDay: Double?
    public var latencyP50Millis: Double?
    public var latencyP99Millis: Double?
    /// Counters since the daemon started.
    public var timeouts: Int
    public var exceptions: Int
    public var crcErrors: Int
    public var offlineTransitions: Int
    /// Poll deadlines passed while a poll of this device (or of another on its bus) overran.
    public var missedDeadlines: Int
    /// Points the device answered ILLEGAL DATA ADDRESS for, in its last cycle.
    public var unsupportedPoints: Int

    public init(
        deviceID: String, status: DeviceStatus, timeMillis: Int64,
        lastSuccessMillis: Int64? = nil, lastErrorMillis: Int64? = nil, lastError: String? = nil,
        lastErrorCode: String? = nil, consecutiveFailures: Int = 0,
        successRatioHour: Double? = nil, successRatioDay: Double? = nil,
        latencyP50Millis: Double? = nil, latencyP99Millis: Double? = nil,
        timeouts: Int = 0, exceptions: Int = 0, crcErrors: Int = 0, offlineTransitions: Int = 0,
        missedDeadlines: Int = 0, unsupportedPoints: Int = 0
    ) {
        self.deviceID = deviceID
        self.status = status
        self.timeMillis = timeMillis
        self.lastSuccessMillis = lastSuccessMillis
        self.lastErrorMillis = lastErrorMillis
        self.lastError = lastError
        self.lastErrorCode = lastErrorCode
        self.consecutiveFailures = consecutiveFailures
        self.successRatioHour = successRatioHour
        self.successRatioDay = successRatioDay
        self.latencyP50Millis = latencyP50Millis
        self.latencyP99Millis = latencyP99Millis
        self.timeouts = timeouts
        self.exceptions = exceptions
        self.crcErrors = crcErrors
        self.offlineTransitions = offlineTransitions
        self.missedDeadlines = missedDeadlines
        self.unsupportedPoints = unsupportedPoints
    }
}
