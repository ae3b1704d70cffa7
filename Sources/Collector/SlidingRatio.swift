/// Share of successful cycles over a sliding time window, kept in fixed per-bucket counters so that
/// memory stays constant however fast a device is polled (12 bytes a bucket: a gateway keeps two
/// windows for each of thousands of devices).
struct SlidingRatio: Sendable {
    private struct Bucket: Sendable {
        /// `time / bucketSeconds` of the bucket's period; -1 while unused.
        var epoch: Int32 = -1
        var good: UInt32 = 0
        var total: UInt32 = 0
    }

    private let bucketSeconds: Int64
    private var buckets: [Bucket]

    /// A window of `buckets` × `bucketSeconds` seconds; the oldest bucket drops out whole, so the
    /// window covers between `buckets - 1` and `buckets` bucket periods.
    init(buckets: Int, bucketSeconds: Int64) {
        self.bucketSeconds = bucketSeconds
        self.buckets = Array(repeating: Bucket(), count: buckets)
    }

    mutating func record(success: Bool, atSeconds now: Int64) {
        let epoch = Int32(truncatingIfNeeded: now / bucketSeconds)
        let slot = Int(Int64(epoch) % Int64(buckets.count))
        if buckets[slot].epoch != epoch { buckets[slot] = Bucket(epoch: epoch) }
        buckets[slot].total &+= 1
        if success { buckets[slot].good &+= 1 }
    }

    /// `nil` when no cycle fell inside the window ending at `now`.
    func ratio(atSeconds now: Int64) -> Double? {
        let newest = Int32(truncatingIfNeeded: now / bucketSeconds)
        let oldest = newest - Int32(buckets.count) + 1
        var good = 0, total = 0
        for bucket in buckets where bucket.epoch >= oldest && bucket.epoch <= newest {
            good += Int(bucket.good)
            total += Int(bucket.total)
        }
        return total == 0 ? nil : Double(good) / Double(total)
    }
}
