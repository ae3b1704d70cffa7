/// How trustworthy a stored reading is. Every failed read still stores its points, with a null value
/// and the failure's quality, so that gaps show in every series (OpenMUC's model).
public enum ReadingQuality: String, Sendable, Hashable, Codable, CaseIterable {
    case good
    case timeout
    case exception
    case crcError = "crc_error"
    case unsupported
    case stale
    case disconnected
}
