/// Timeouts of one connection. Defaults suit a meter on a healthy line.
public struct ConnectionOptions: Sendable, Hashable {
    /// Longest wait for the first byte of a reply.
    public var responseTimeout: Duration
    /// Longest silence between two bytes of one reply.
    public var byteTimeout: Duration
    /// Longest wait for a TCP connection to be accepted.
    public var connectTimeout: Duration
    /// Silence kept after connecting, for devices that need it (profile `workarounds`).
    public var pauseAfterConnect: Duration

    public init(
        responseTimeout: Duration = .milliseconds(1000), byteTimeout: Duration = .milliseconds(500),
        connectTimeout: Duration = .milliseconds(3000), pauseAfterConnect: Duration = .zero
    ) {
        self.responseTimeout = responseTimeout
        self.byteTimeout = byteTimeout
        self.connectTimeout = connectTimeout
        self.pauseAfterConnect = pauseAfterConnect
    }
}

extension Duration {
    /// Whole seconds and the remaining microseconds, as libmodbus's timeout setters take them.
    var secondsAndMicroseconds: (UInt32, UInt32) {
        let (seconds, attoseconds) = components
        return (UInt32(clamping: max(seconds, 0)), UInt32(clamping: max(attoseconds / 1_000_000_000_000, 0)))
    }

    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
