/// One device's poll group with its own interval, as the bus poller schedules it.
public struct PollTask: Sendable, Hashable {
    /// Index of the device in its bus's device list.
    public var device: Int
    /// The profile's poll group; `nil` polls every point.
    public var group: String?
    public var interval: Duration

    public init(device: Int, group: String?, interval: Duration) {
        self.device = device
        self.group = group
        self.interval = interval
    }
}
