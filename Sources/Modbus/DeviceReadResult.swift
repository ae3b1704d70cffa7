import DeviceProfiles
import GridWatchCore

/// What one poll of one device (a profile's points of one group, at one unit) produced.
public struct DeviceReadResult: Sendable {
    /// One point's outcome: a value, or none and why.
    public struct PointResult: Sendable, Hashable {
        public var name: String
        /// `nil` when the device could not give the value; `quality` and `error` say why.
        public var value: Double?
        /// Engineering unit from the profile (`V`, `kWh`).
        public var unit: String?
        public var quality: ReadingQuality
        /// Human-readable reason when `value` is `nil`.
        public var error: String?
    }

    public var unit: Int
    public var profile: String
    /// Gateway wall-clock time when the last reply arrived, Unix milliseconds (UTC).
    public var timeMillis: Int64
    /// From the first request sent to the last reply.
    public var latency: Duration
    /// Points of the group in profile order, every one present (failed ones with a null value).
    public var points: [PointResult]
    /// The device's outage log, newest first, empty records left out; `nil` when not read or failed.
    public var outageLog: [OutageLogEntry]?
    /// Why the outage log could not be read, when the group includes it.
    public var outageLogError: ModbusError?
    /// Whether any reply came back (a Modbus exception counts as a reply). A cycle where this is
    /// `false` is a failed cycle: the device is silent or unreachable.
    public var answered: Bool
    /// The error that stopped the read when the device did not answer at all.
    public var failure: ModbusError?
    /// Modbus requests sent.
    public var requests: Int

    /// The value of `name`, if it was read.
    public func value(_ name: String) -> Double? { points.first { $0.name == name }?.value }

    /// The results as readings for the store.
    public func readings(deviceID: String) -> [Reading] {
        points.map {
            Reading(timeMillis: timeMillis, deviceID: deviceID, point: $0.name, value: $0.value, quality: $0.quality)
        }
    }
}

extension ModbusError.Code {
    /// How a reading that failed with this code is marked in the store.
    public var readingQuality: ReadingQuality {
        if let exception = exceptionCode { return exception == .illegalDataAddress ? .unsupported : .exception }
        switch self {
        case .timeout: return .timeout
        case .crcError, .invalidResponse: return .crcError
        default: return .disconnected
        }
    }

    /// Whether further requests in the same cycle are pointless (the device or the link is not there).
    var abortsCycle: Bool { self == .timeout || isLinkFailure || self == .invalidArgument }
}
