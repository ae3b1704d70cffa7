import GridWatchCore

/// A wall clock standing still.
struct FixedWallClock: WallClock {
    let millis: Int64
    func nowMillis() -> Int64 { millis }
}
