/// Device quirks, named in one block of a profile instead of flags scattered over the code.
public struct Workarounds: Sendable, Hashable {
    /// Read every point with a request of its own (devices that reject merged reads).
    public var oneRequestPerPoint: Bool
    /// Unread registers a merged request may bridge between two points.
    public var maxGap: Int
    /// Upper bound of registers per request, below the protocol's 125 for devices with small buffers.
    public var maxRegistersPerRequest: Int
    /// Silence kept after connecting before the first request, in milliseconds.
    public var pauseAfterConnectMilliseconds: Int

    public init(
        oneRequestPerPoint: Bool = false, maxGap: Int = 8, maxRegistersPerRequest: Int = 125,
        pauseAfterConnectMilliseconds: Int = 0
    ) {
        self.oneRequestPerPoint = oneRequestPerPoint
        self.maxGap = maxGap
        self.maxRegistersPerRequest = maxRegistersPerRequest
        self.pauseAfterConnectMilliseconds = pauseAfterConnectMilliseconds
    }
}
