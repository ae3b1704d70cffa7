import GridWatchCore

/// One finished poll, handed by the bus poller to the stages after the collector.
public struct PolledCycle<Outcome: PollOutcome>: Sendable {
    public var busID: String
    public var deviceID: String
    public var group: String?
    public var outcome: Outcome
    /// The device's health right after this cycle.
    public var health: DeviceHealth
    /// Gateway wall-clock time when the cycle ended, Unix milliseconds.
    public var wallMillis: Int64
}
