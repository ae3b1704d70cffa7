import Foundation

/// The gateway's wall clock, as Unix milliseconds (UTC). Durations and schedules use the monotonic
/// clock; this one only stamps what is stored and shown, so a demo can run it faster than real time.
public protocol WallClock: Sendable {
    func nowMillis() -> Int64
}

/// The system's real-time clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}

/// A clock that starts at `epochMillis` when created and runs `scale` times faster than real time:
/// simulated time for demos and scenario tests, shared by the simulator and the collector.
public struct ScaledWallClock: WallClock {
    public let epochMillis: Int64
    public let scale: Double
    private let origin: ContinuousClock.Instant

    public init(epochMillis: Int64, scale: Double) {
        precondition(scale > 0, "a clock scale must be positive")
        self.epochMillis = epochMillis
        self.scale = scale
        self.origin = .now
    }

    public func nowMillis() -> Int64 {
        let (seconds, attoseconds) = (ContinuousClock.now - origin).components
        let elapsedMillis = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return epochMillis + Int64((elapsedMillis * scale).rounded(.down))
    }
}
