/// The latencies of the most recent successful cycles, for p50/p99. Kept as whole microseconds in
/// 32 bits (half a kilobyte a device; up to 71 minutes).
struct LatencyWindow: Sendable {
    private var microseconds: [UInt32] = []
    private var next = 0
    private let capacity: Int

    init(capacity: Int = 128) {
        self.capacity = capacity
        microseconds.reserveCapacity(capacity)
    }

    mutating func record(milliseconds: Double) {
        let sample = UInt32(min(max((milliseconds * 1000).rounded(), 0), Double(UInt32.max)))
        if microseconds.count < capacity {
            microseconds.append(sample)
        } else {
            microseconds[next] = sample
        }
        next = (next + 1) % capacity
    }

    /// Nearest-rank percentile in milliseconds, `q` in 0...1; `nil` with no samples.
    func percentile(_ q: Double) -> Double? {
        guard !microseconds.isEmpty else { return nil }
        let sorted = microseconds.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return Double(sorted[min(max(rank, 1), sorted.count) - 1]) / 1000
    }
}
