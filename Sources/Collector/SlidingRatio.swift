/// Share of successful cycles over a sliding time window, kept in fixed per-bucket counters so that
/// memory stays constant however fast a device is polled.
struct SlidingRatio: Sendable {
    private let bucketSeconds: Int64
    private var buckets: [(epoch: Int64, good: Int32, total: Int32)]

    /// A window of `buckets` × `bucketSeconds` seconds.
    init(buckets: Int, bucketSeconds: Int64) {
        self.bucketSeconds = bucketSeconds
        self.buckets = Array(repeating: (-1, 0, 0), count: buckets)
    }

    mutating func record(success: Bool, atSeconds now: Int64) {
        let epoch = now / bucketSeconds
        let slot = Int(epoch % Int64(buckets.count))
        if buckets[slot].epoch != epoch { buckets[slot] = (epoch, 0, 0) }
        buckets[slot].total += 1
        if success { buckets[slot].good += 1 }
    }

    /// `nil` when no cycle fell inside the window ending at `now`.
    func ratio(atSeconds now: Int64) -> Double? {
        let newest = now / bucketSeconds
        let oldest = newest - Int64(buckets.count) + 1
        var good = 0, total = 0
        for bucket in buckets where bucket.epoch >= oldest && bucket.epoch <= newest {
            good += Int(bucket.good)
            total += Int(bucket.total)
        }
        return total == 0 ? nil : Double(good) / Double(total)
    }
}
