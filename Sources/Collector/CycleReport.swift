import GridWatchCore

/// What supervision needs to know of one poll cycle of one device.
public struct CycleReport: Sendable, Hashable {
    /// A cycle succeeds when any data came back; only exception replies, a timeout or a broken
    /// connection make it fail. An ILLEGAL DATA ADDRESS on one point is not a failure.
    public var dataReceived: Bool
    /// Why the cycle failed (`.timeout`, `.exception`, `.crcError`, `.disconnected`); `nil` on success.
    public var failure: ReadingQuality?
    public var errorCode: String?
    public var errorDescription: String?
    public var unsupportedPoints: Int
    public var latency: Duration

    public init(
        dataReceived: Bool, failure: ReadingQuality? = nil, errorCode: String? = nil,
        errorDescription: String? = nil, unsupportedPoints: Int = 0, latency: Duration
    ) {
        self.dataReceived = dataReceived
        self.failure = failure
        self.errorCode = errorCode
        self.errorDescription = errorDescription
        self.unsupportedPoints = unsupportedPoints
        self.latency = latency
    }
}
