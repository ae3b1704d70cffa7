import GridWatchCore
import Logging
import PostgresNIO
import Reliability

/// Which fields of the outage records `CentralReader.outageTable` fills.
public enum CentralOutageFields: Sendable {
    /// Every field.
    case all
    /// What the index engine reads: meter, start, end, event id, class and reclose operations; causes,
    /// cause codes and work orders stay empty, sources `imported`, confidences 1. PostgreSQL aggregates
    /// half the columns.
    case indexFields

    /// The columns read, in the order `outageRows` decodes them.
    var columns: [String] {
        let indexColumns = ["meter_id", "start_s", "end_s", "event_id", "class", "reclose_operations"]
        return self == .all ? indexColumns + ["cause", "cause_code", "work_order", "source", "confidence"] : indexColumns
    }
}

extension CentralReader {
    private static var empty: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: nil, count: 0) }
    /// Queries in flight at once: PostgreSQL reads and sorts the next ranges while this process decodes.
    static let parallelQueries = 3
    /// The span of start times one query reads at most (a fleet's year is read in 73 queries).
    static let querySpanSeconds: Int64 = 5 * 86_400

    /// The fleet's topology and outage table, as a gateway's `storedOutageTable()` gives its own: the
    /// records of known meters that overlap [from, to) (all when `nil`), ordered by start, gateway, id.
    ///
    /// The records are read in ranges of start time, several queries at once over the pool's
    /// connections, while the topology is read. Each query returns its range's records as one row of
    /// arrays (`array_agg` of the ordered rows), decoded straight from their bytes into a table of its
    /// own once the topology is there; the tables are joined in range order. (One PostgreSQL row per
    /// record costs PostgresNIO over a second of CPU per million rows before a field is read.)
    public func outageTable(from: Int64? = nil, to: Int64? = nil, fields: CentralOutageFields = .all) async throws -> (Topology, OutageTable) {
        let topology = Task { try await self.topology() }
        defer { topology.cancel() }
        let ranges = try await startRanges(from: from, to: to)
        let tables = try await withThrowingTaskGroup(of: (Int, OutageTable).self) { group in
            var tables = [OutageTable?](repeating: nil, count: ranges.count)
            for (index, range) in ranges.enumerated() {
                if index >= Self.parallelQueries, let (done, table) = try await group.next() { tables[done] = table }
                group.addTask { (index, try await self.outageRows(starting: range, overlapping: from, fields: fields, topology: topology)) }
            }
            for try await (done, table) in group { tables[done] = table }
            return tables.map { $0! }
        }
        var table = OutageTable()
        table.reserveCapacity(tables.reduce(0) { $0 + $1.count })
        for part in tables { table.append(contentsOf: part) }
        return (try await topology.value, table)
    }

    /// Ranges of start time that together hold every record starting before `to`: the time before `from`
    /// as one range (few of its records reach into the period), then ranges at most `querySpanSeconds`
    /// long. None when there are no records.
    private func startRanges(from: Int64?, to: Int64?) async throws -> [Range<Int64>] {
        let rows = try await client.query("SELECT min(start_s), max(start_s) FROM fleet_outages", logger: logger).collect()
        guard let (first, last) = try rows.first?.decode((Int64?, Int64?).self), let first, let last else { return [] }
        let end = min(last + 1, to ?? .max)
        guard end > first else { return [] }
        let periodStart = min(max(first, from ?? first), end)
        let before = first < periodStart ? [first..<periodStart] : []
        return before + stride(from: periodStart, to: end, by: Int(Self.querySpanSeconds)).map {
            $0..<min(end, $0 + Self.querySpanSeconds)
        }
    }

    /// The records starting in `starts` that did not end by `from`, ordered by start, gateway, id.
    private func outageRows(starting starts: Range<Int64>, overlapping from: Int64?, fields: CentralOutageFields,
                            topology: Task<Topology, any Error>) async throws -> OutageTable {
        // An aggregate over an ordered subquery takes its rows in that order.
        let rows = try await client.query("""
            SELECT \(unescaped: fields.columns.map { "array_agg(\($0))" }.joined(separator: ", "))
            FROM (SELECT * FROM fleet_outages
                  WHERE start_s >= \(starts.lowerBound) AND start_s < \(starts.upperBound)
                    AND (\(from)::bigint IS NULL OR end_s IS NULL OR end_s > \(from))
                  ORDER BY start_s, gateway_id COLLATE "C", id) AS ordered
            """, logger: logger)
        var received: [BinaryArrayRow] = []
        for try await row in rows { received.append(try BinaryArrayRow(row)) }
        var builder = OutageTableBuilder(topology: try await topology.value)
        for arrays in received {
            let all = fields == .all
            try arrays.withElements { columns in
                for _ in 0..<arrays.count {
                    builder.append(
                        meterID: columns[0].text(), start: columns[1].integer() ?? 0, end: columns[2].integer(),
                        eventID: columns[3].text(), outageClass: columns[4].text(),
                        recloseOperations: Int32(clamping: columns[5].integer() ?? 0),
                        cause: all ? columns[6].text() : Self.empty, causeCode: all ? columns[7].text() : Self.empty,
                        workOrder: all ? columns[8].text() : Self.empty, source: all ? columns[9].text() : Self.empty,
                        confidence: all ? columns[10].double() ?? 1 : 1)
                }
            }
        }
        return builder.table
    }
}
