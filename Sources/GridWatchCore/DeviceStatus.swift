/// What a field engineer sees of a device's link.
public enum DeviceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The last cycle returned data and recent ones did too, with every point supported.
    case online
    /// Returning data, but recent cycles failed or some points are unsupported.
    case degraded
    /// Both supervision thresholds (time and failed cycles) exceeded; re-probed with back-off.
    case offline
    /// Configured but has never answered since the collector started.
    case neverSeen = "never_seen"
}
