/// A device's link status as the collector's two-threshold supervision sees it.
public enum DeviceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The last poll cycle returned data.
    case online
    /// Returning data, but recent cycles failed or some points are unsupported.
    case degraded
    /// Both supervision thresholds (time and failed cycles) exceeded.
    case offline
    /// Never answered since it was configured.
    case neverSeen = "never_seen"
}
