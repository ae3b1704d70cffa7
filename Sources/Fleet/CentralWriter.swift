import GridWatchCore
import Logging
import PostgresNIO
import Store

/// Writes one gateway's records into the central database, idempotently: each delivery replaces the
/// rows of every record it names (delete by (gateway_id, local_id), insert the current rows) in one
/// transaction, so delivering the same batch twice leaves the same data as delivering it once.
public struct CentralWriter: Sendable {
    public let client: PostgresClient
    public let gatewayID: String
    public let logger: Logger

    public init(client: PostgresClient, gatewayID: String, logger: Logger) {
        self.client = client
        self.gatewayID = gatewayID
        self.logger = logger
    }

    /// Delivers `records` (the current versions of `itemCount` outbox items) in one transaction.
    public func deliver(_ records: [ForwardRecord], itemCount: Int) async throws {
        let byKind = Dictionary(grouping: records, by: \.kind)
        try await client.withTransaction(logger: logger) { connection in
            for kind in ForwardKind.allCases {
                guard let group = byKind[kind] else { continue }
                try await deleteRows(of: kind, localIDs: group.map(\.localID), on: connection)
                let rows = group.flatMap { record in record.rows.map { (record.localID, $0) } }
                try await insert(rows, into: CentralSchema.table(kind), keyColumn: "local_id", columns: kind.columns, on: connection)
            }
            try await connection.query("""
                INSERT INTO fleet_gateways(gateway_id, last_delivery, delivered_items) VALUES (\(gatewayID), now(), \(itemCount))
                ON CONFLICT (gateway_id) DO UPDATE SET last_delivery = now(),
                    delivered_items = fleet_gateways.delivered_items + excluded.delivered_items
                """, logger: logger)
        }
    }

    /// Deletes every central row of the records `localIDs` names. An outage's rows are found by their
    /// starts, read from `fleet_outage_keys` first: the delete then reads only the partitions of those
    /// starts (pruned when it is planned) instead of probing every year's index, and is skipped when
    /// none of the records was delivered before.
    private func deleteRows(of kind: ForwardKind, localIDs: [String], on connection: PostgresConnection) async throws {
        let table = CentralSchema.table(kind)
        guard kind == .outage else {
            try await connection.query(
                "DELETE FROM \(unescaped: table) WHERE gateway_id = \(gatewayID) AND local_id = ANY(\(localIDs))", logger: logger)
            return
        }
        // One index lookup a record (OFFSET 0 keeps the planner from turning it into a scan of all the
        // gateway's keys, which it prefers while a fast-growing table has no statistics yet).
        let starts = try await connection.query("""
            SELECT DISTINCT s.start_s FROM unnest(\(localIDs)::text[]) AS r(local_id), LATERAL (
                SELECT start_s FROM fleet_outage_keys k WHERE k.gateway_id = \(gatewayID) AND k.local_id = r.local_id OFFSET 0) s
            """, logger: logger
        ).collect().map { try $0.decode(Int64.self) }
        guard !starts.isEmpty else { return }
        try await connection.query(
            "DELETE FROM \(unescaped: table) WHERE gateway_id = \(gatewayID) AND local_id = ANY(\(localIDs)) AND start_s = ANY(\(starts))",
            logger: logger)
    }

    /// Replaces this gateway's meters (its topology) in the central `fleet_meters`. Meters are keyed by
    /// id across the fleet: returns the ids that another gateway had published, now taken over.
    @discardableResult
    public func publishTopology(_ placements: [MeterPlacement]) async throws -> [String] {
        let rows: [(String, [ForwardValue])] = placements.map { p in
            (p.meterID, [
                .text(p.area), .text(p.line), .text(p.county), .text(p.region), .integer(Int64(p.customers)),
                p.kva.map(ForwardValue.real) ?? .null, p.inServiceFrom.map(ForwardValue.integer) ?? .null,
                p.inServiceTo.map(ForwardValue.integer) ?? .null, .real(p.nominalVoltage),
            ])
        }
        return try await client.withTransaction(logger: logger) { connection in
            let taken = try await connection.query(
                "SELECT meter_id FROM fleet_meters WHERE gateway_id <> \(gatewayID) AND meter_id = ANY(\(placements.map(\.meterID)))",
                logger: logger
            ).collect().map { try $0.decode(String.self) }
            try await connection.query("DELETE FROM fleet_meters WHERE gateway_id = \(gatewayID)", logger: logger)
            try await insert(
                rows, into: "fleet_meters", keyColumn: "meter_id",
                columns: ["area", "line", "county", "region", "customers", "kva", "in_service_from", "in_service_to", "nominal_voltage"],
                on: connection, conflict: "ON CONFLICT (meter_id) DO UPDATE SET gateway_id = excluded.gateway_id, area = excluded.area, line = excluded.line, county = excluded.county, region = excluded.region, customers = excluded.customers, kva = excluded.kva, in_service_from = excluded.in_service_from, in_service_to = excluded.in_service_to, nominal_voltage = excluded.nominal_voltage")
            return taken
        }
    }

    /// Inserts (key, values) rows, each prefixed with the gateway id, as one `INSERT ... SELECT FROM
    /// unnest(...)` of one array parameter a column.
    private func insert(
        _ rows: [(key: String, values: [ForwardValue])], into table: String, keyColumn: String, columns: [String],
        on connection: PostgresConnection, conflict: String = ""
    ) async throws {
        guard !rows.isEmpty else { return }
        var names = ["gateway_id", keyColumn]
        var bindings = PostgresBindings(capacity: columns.count + 2)
        bindings.append(gatewayID)
        bindings.append(ForwardColumn(texts: rows.map(\.key)))
        for (index, name) in columns.enumerated() {
            guard let column = ForwardColumn(rows.map { $0.values[index] }) else { continue }
            names.append(name)
            bindings.append(column)
        }
        let arrays = (2...bindings.count).map { "$\($0)" }.joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(names.joined(separator: ", "))) SELECT $1, * FROM unnest(\(arrays)) \(conflict)"
        try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
    }
}
