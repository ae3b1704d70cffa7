import Reliability

/// The meters of each group of one hierarchy level (areas or lines), by group number.
struct GroupMembers {
    private let offsets: [Int]
    private let meters: [Int32]

    init(_ grouping: Grouping) {
        var offsets = [Int](repeating: 0, count: grouping.count + 1)
        for group in grouping.groupOfMeter { offsets[Int(group) + 1] += 1 }
        for group in 0..<grouping.count { offsets[group + 1] += offsets[group] }
        var next = offsets
        var meters = [Int32](repeating: 0, count: grouping.groupOfMeter.count)
        for (meter, group) in grouping.groupOfMeter.enumerated() {
            meters[next[Int(group)]] = Int32(meter)
            next[Int(group)] += 1
        }
        self.offsets = offsets
        self.meters = meters
    }

    var groupCount: Int { offsets.count - 1 }

    func meters(of group: Int) -> ArraySlice<Int32> { meters[offsets[group]..<offsets[group + 1]] }
}
