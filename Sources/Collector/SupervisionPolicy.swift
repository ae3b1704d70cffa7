/// Two-threshold supervision (the wb-mqtt-serial model): a device is offline only when it has failed
/// for at least `offlineAfter` AND for at least `offlineAfterFailedCycles` consecutive cycles.
public struct SupervisionPolicy: Sendable, Hashable {
    public var offlineAfter: Duration
    public var offlineAfterFailedCycles: Int
    /// How offline devices are re-probed.
    public var backoff: Backoff
    /// A device that returned data is `degraded` while any of its last `recentCycles` cycles failed.
    public var recentCycles: Int

    public init(
        offlineAfter: Duration = .seconds(10), offlineAfterFailedCycles: Int = 3,
        backoff: Backoff = Backoff(), recentCycles: Int = 10
    ) {
        precondition(offlineAfterFailedCycles >= 1 && (1...64).contains(recentCycles))
        self.offlineAfter = offlineAfter
        self.offlineAfterFailedCycles = offlineAfterFailedCycles
        self.backoff = backoff
        self.recentCycles = recentCycles
    }
}
