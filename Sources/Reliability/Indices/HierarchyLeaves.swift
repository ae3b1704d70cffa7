import GridWatchCore

/// The finest groups of the hierarchy: meters with the same (area, line, county, region).
///
/// Usually an area lies in one line, county and region, and a leaf is an area; if the topology
/// puts one area's meters in several lines, the leaf is the (area, line, county, region) combination,
/// so rolling leaves up to any level stays exact.
struct HierarchyLeaves {
    let leafOfMeter: [Int32]
    /// For area, line, county, region: the group of each leaf.
    let groupOfLeaf: [HierarchyLevel: [Int32]]
    var count: Int { groupOfLeaf[.area]!.count }

    static let levels: [HierarchyLevel] = [.area, .line, .county, .region]

    init(topology: Topology) {
        let groupings = Self.levels.map { topology.grouping($0) }
        let areaCount = topology.areas.count
        var parents = [[Int32]](repeating: [Int32](repeating: -1, count: areaCount), count: 3)
        var nested = true
        for meter in 0..<topology.meterCount where nested {
            let area = Int(groupings[0].groupOfMeter[meter])
            for level in 0..<3 {
                let group = groupings[level + 1].groupOfMeter[meter]
                if parents[level][area] == -1 { parents[level][area] = group } else if parents[level][area] != group { nested = false }
            }
        }
        if nested {
            leafOfMeter = groupings[0].groupOfMeter
            groupOfLeaf = [.area: (0..<Int32(areaCount)).map { $0 }, .line: parents[0], .county: parents[1], .region: parents[2]]
            return
        }
        var leafOfKey: [SIMD4<Int32>: Int32] = [:]
        var leaves: [[Int32]] = [[], [], [], []]
        leafOfMeter = (0..<topology.meterCount).map { meter in
            let key = SIMD4(groupings[0].groupOfMeter[meter], groupings[1].groupOfMeter[meter],
                            groupings[2].groupOfMeter[meter], groupings[3].groupOfMeter[meter])
            if let leaf = leafOfKey[key] { return leaf }
            let leaf = Int32(leafOfKey.count)
            leafOfKey[key] = leaf
            for level in 0..<4 { leaves[level].append(key[level]) }
            return leaf
        }
        groupOfLeaf = [.area: leaves[0], .line: leaves[1], .county: leaves[2], .region: leaves[3]]
    }

    /// The group of each leaf at `level` (`system`: all 0).
    func groups(at level: HierarchyLevel) -> [Int32] {
        groupOfLeaf[level] ?? [Int32](repeating: 0, count: count)
    }
}
