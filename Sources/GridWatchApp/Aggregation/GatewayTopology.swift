import GridWatchCore
import Reliability

extension GatewayConfiguration {
    /// Where every meter sits: the configured meters with their own `area` and `line`, supplied or
    /// overridden by the topology file for the meters it lists (which may add meters not polled here:
    /// they still count as customers served).
    public func meterPlacements() throws -> [MeterPlacement] {
        var placements: [String: MeterPlacement] = [:]
        var order: [String] = []
        for device in devices where device.role == .meter {
            placements[device.id] = MeterPlacement(meterID: device.id, area: device.area ?? "", line: device.line ?? "")
            order.append(device.id)
        }
        if let topology {
            let table = try Topology.load(path: topology)
            for index in 0..<table.meterCount {
                let placement = table.placement(at: index)
                if placements.updateValue(placement, forKey: placement.meterID) == nil { order.append(placement.meterID) }
            }
        }
        return order.map { placements[$0]! }
    }

    /// The meters' placements as the index engine takes them.
    public func topologyTable() throws -> Topology {
        Topology(placements: try meterPlacements())
    }
}
