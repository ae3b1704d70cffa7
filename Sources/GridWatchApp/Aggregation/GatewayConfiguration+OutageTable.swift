import GridWatchCore
import Reliability
import Store

extension GatewayConfiguration {
    /// The meters and the stored outage records, as `gridwatch indices`, `outages` and `rules check`
    /// take them with `--config`: read from the database (read-only, never blocking the daemon).
    /// Records that an imported planned-outage notice covers take its class and work order.
    public func storedOutageTable() async throws -> (Topology, OutageTable) {
        let topology = try topologyTable()
        let store = try Store(store, access: .readOnly)
        var records = try await store.outages(OutageQuery()).map(\.record).filter { topology.meterIndex(of: $0.meterID) != nil }
        PlannedNoticeMatching.apply(try await PlannedNotices.all(in: store), to: &records, topology: topology)
        return (topology, try OutageTable(records: records, topology: topology))
    }
}
