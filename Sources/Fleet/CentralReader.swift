import GridWatchCore
import Logging
import PostgresNIO
import Reliability

/// Reads the fleet's records from the central database as the engines take them: the union of every
/// gateway's topology and outage records, so `indices`, `outages` and `rules check` give across the
/// fleet what they give on one gateway. The period filter runs in SQL (only the partitions of the
/// period's years are read); see `CentralReader+OutageTable.swift` for the outage rows.
public struct CentralReader: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Every gateway's meters, ordered by meter id (byte order), read as one row of arrays.
    public func topology() async throws -> Topology {
        let rows = try await client.query("""
            SELECT array_agg(meter_id), array_agg(area), array_agg(line), array_agg(county), array_agg(region),
                array_agg(customers), array_agg(kva), array_agg(in_service_from), array_agg(in_service_to),
                array_agg(nominal_voltage)
            FROM (SELECT * FROM fleet_meters ORDER BY meter_id COLLATE "C") AS ordered
            """, logger: logger)
        var builder = TopologyBuilder(expectedCount: 1_024)
        for try await row in rows {
            let arrays = try BinaryArrayRow(row)
            try arrays.withElements { columns in
                for _ in 0..<arrays.count {
                    _ = builder.add(
                        meterID: columns[0].text(), groups: [columns[1].text(), columns[2].text(), columns[3].text(), columns[4].text()],
                        customers: Int(columns[5].integer() ?? 1), kva: columns[6].double() ?? 0,
                        inServiceFrom: columns[7].integer() ?? .min, inServiceTo: columns[8].integer() ?? .max,
                        nominalVoltage: columns[9].double() ?? 0)
                }
            }
        }
        return builder.build()
    }
}
