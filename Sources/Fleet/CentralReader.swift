import GridWatchCore
import Logging
import PostgresNIO
import Reliability

/// Reads the fleet's records from the central database as the engines take them: the union of every
/// gateway's topology and outage records, so `indices`, `outages` and `rules check` give across the
/// fleet what they give on one gateway. The period filter runs in SQL (only the partitions of the
/// period's years are read).
public struct CentralReader: Sendable {
    public let client: PostgresClient
    public let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Every gateway's meters, ordered by meter id (byte order).
    public func topology() async throws -> Topology {
        let rows = try await client.query("""
            SELECT meter_id, area, line, county, region, customers, kva, in_service_from, in_service_to, nominal_voltage
            FROM fleet_meters ORDER BY meter_id COLLATE "C"
            """, logger: logger)
        var placements: [MeterPlacement] = []
        for try await (meter, area, line, county, region, customers, kva, from, to, voltage)
            in rows.decode((String, String, String, String, String, Int, Double?, Int64?, Int64?, Double).self) {
            placements.append(MeterPlacement(
                meterID: meter, area: area, line: line, county: county, region: region, customers: customers, kva: kva,
                inServiceFrom: from, inServiceTo: to, nominalVoltage: voltage))
        }
        return Topology(placements: placements)
    }

    /// Outage records of known meters that overlap [from, to) (all when `nil`), ordered by start, gateway, id.
    public func outageRecords(from: Int64? = nil, to: Int64? = nil, topology: Topology) async throws -> [OutageRecord] {
        let rows = try await client.query("""
            SELECT meter_id, start_s, end_s, event_id, class, cause, cause_code, work_order, reclose_operations, source, confidence
            FROM fleet_outages
            WHERE (\(from)::bigint IS NULL OR end_s IS NULL OR end_s > \(from)) AND (\(to)::bigint IS NULL OR start_s < \(to))
            ORDER BY start_s, gateway_id COLLATE "C", id
            """, logger: logger)
        var records: [OutageRecord] = []
        for try await (meter, start, end, event, outageClass, cause, causeCode, workOrder, reclose, source, confidence)
            in rows.decode((String, Int64, Int64?, String?, String, String?, String?, String?, Int, String, Double).self)
            where topology.meterIndex(of: meter) != nil {
            records.append(OutageRecord(
                meterID: meter, start: start, end: end, eventID: event,
                outageClass: OutageClass(rawValue: outageClass) ?? .faultInternal, cause: cause, causeCode: causeCode,
                workOrder: workOrder, recloseOperations: reclose, source: OutageSource(rawValue: source) ?? .imported,
                confidence: confidence))
        }
        return records
    }

    /// The fleet's topology and outage table, as a gateway's `storedOutageTable()` gives its own.
    public func outageTable(from: Int64? = nil, to: Int64? = nil) async throws -> (Topology, OutageTable) {
        let topology = try await topology()
        let records = try await outageRecords(from: from, to: to, topology: topology)
        return (topology, try OutageTable(records: records, topology: topology))
    }
}
