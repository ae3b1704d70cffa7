/// The latencies of the most recent successful cycles, for p50/p99.
struct LatencyWindow: Sendable {
    private var samples: [Double] = []
    private var next = 0
    private let capacity: Int

    init(capacity: Int = 128) {
        self.capacity = capacity
        samples.reserveCapacity(capacity)
    }

    mutating func record(milliseconds: Double) {
        if samples.count < capacity {
            samples.append(milliseconds)
        } else {
            samples[next] = milliseconds
        }
        next = (next + 1) % capacity
    }

    /// Nearest-rank percentile, `q` in 0...1; `nil` with no samples.
    func percentile(_ q: Double) -> Double? {
        guard !samples.isEmpty else { return nil }
        let sorted = samples.sorted()
        let rank = Int((q * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
