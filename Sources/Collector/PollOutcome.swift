/// What polling one device's poll group produced; the transport decides what else it carries
/// (decoded values, an outage log, the meter clock) for the stages after the collector.
public protocol PollOutcome: Sendable {
    var report: CycleReport { get }
}

/// One bus's way of reaching its devices. A bus is the unit of serialisation: the poller never
/// calls `poll` while another `poll` or `reconnect` of the same bus is running.
public protocol BusTransport: Sendable {
    associatedtype Outcome: PollOutcome
    /// Polls one device's group; failures are reported in the outcome, never thrown.
    func poll(device: Int, group: String?) async -> Outcome
    /// Drops and re-opens the bus's connection (after every device on it failed).
    func reconnect() async
}
