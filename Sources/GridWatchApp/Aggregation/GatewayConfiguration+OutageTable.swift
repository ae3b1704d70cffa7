import GridWatchCore
import Reliability
import Store

/// The meters and their stored outage records as one table, with each row's local id in the store.
public struct StoredOutageTable: Sendable {
    public var topology: Topology
    public var outages: OutageTable
    /// The store id of each row of `outages`.
    public var rowIDs: [Int64]
    /// The stored planned-outage notices, which gave the records they cover their class and work order.
    public var plannedNotices: [Reliability.PlannedNotice]
}

extension GatewayConfiguration {
    /// The meters and the stored outage records, as `gridwatch indices`, `outages` and `rules check`
    /// take them with `--config`: read from the database (read-only, never blocking the daemon).
    /// Records that an imported planned-outage notice covers take its class and work order.
    /// With `startingFrom`, only the records starting at or after it (Unix seconds) are read.
    public func storedOutageTable(startingFrom: Int64? = nil) async throws -> (Topology, OutageTable) {
        let table = try await storedOutageTable(in: Store(store, access: .readOnly), startingFrom: startingFrom)
        return (table.topology, table.outages)
    }

    /// The records of the meters this configuration places, read from `store` (those starting at or
    /// after `startingFrom` when given).
    public func storedOutageTable(in store: Store, startingFrom: Int64? = nil) async throws -> StoredOutageTable {
        let topology = try topologyTable()
        let stored = try await store.outages(OutageQuery(from: startingFrom))
            .filter { topology.meterIndex(of: $0.record.meterID) != nil }
        var outages = try OutageTable(records: stored.map(\.record), topology: topology)
        let notices = try await PlannedNotices.all(in: store)
        PlannedNoticeMatching.apply(notices, to: &outages, topology: topology)
        return StoredOutageTable(topology: topology, outages: outages, rowIDs: stored.map(\.id), plannedNotices: notices)
    }
}
