import Fleet
import Foundation
import GridWatchCore
import Reliability
import Store
import XCTest

/// `CentralReader.outageTable` against a real PostgreSQL: every forwarded record comes back with every
/// field, in central order, whatever the period and the fields asked for.
final class CentralReaderTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("reader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testOutageTableGivesEveryForwardedRecordWithItsFieldsInStartOrderForAnyPeriod() async throws {
        let central = try await CentralTestDatabase.create()
        let gateway = try GatewayFixture.make("reader", meters: 30, directory: directory)
        try await gateway.fill(outagesPerMeter: 6, seed: 11)
        // An open outage with every optional field, one whose start is an hour before the period below
        // and that lasts into it, and one of a meter the topology does not list.
        let periodStart = GatewayFixture.yearStart + 100 * 86_400, periodEnd = GatewayFixture.yearStart + 200 * 86_400
        try await gateway.store.saveOutages([
            OutageWrite(record: OutageRecord(
                meterID: gateway.placements[3].meterID, start: periodStart + 5_000, end: nil, eventID: "open-1",
                outageClass: .supplyShortage, cause: "force_majeure", causeCode: "W1", workOrder: "WO-7",
                recloseOperations: 2, source: .inferred, confidence: 0.25), area: nil, line: nil),
            OutageWrite(record: OutageRecord(meterID: gateway.placements[4].meterID, start: periodStart - 3_600, end: periodStart + 60), area: nil, line: nil),
            OutageWrite(record: OutageRecord(meterID: "not-in-the-topology", start: periodStart, end: periodStart + 600), area: nil, line: nil),
        ])
        let forwarder = Forwarder(
            store: gateway.store, gatewayID: gateway.gatewayID, placements: gateway.placements, url: central.url,
            configuration: ForwardConfiguration(batchSize: 200), logger: testLogger)
        _ = try await forwarder.drain()

        let topology = Topology(placements: gateway.placements)
        let stored = try await gateway.store.outages(OutageQuery())
            .sorted { ($0.record.start, $0.id) < ($1.record.start, $1.id) }
            .map(\.record)
            .filter { topology.meterIndex(of: $0.meterID) != nil }
        XCTAssertGreaterThan(stored.count, 150)
        // Through a table of our own, so that confidences are rounded alike.
        func expected(_ records: [OutageRecord]) throws -> [OutageRecord] {
            records.isEmpty ? [] : Self.records(try OutageTable(records: records, topology: topology), topology)
        }

        let (centralTopology, all) = try await central.withClient { client in
            try await CentralReader(client: client, logger: testLogger).outageTable()
        }
        XCTAssertEqual(centralTopology.meterCount, topology.meterCount)
        XCTAssertEqual(Self.records(all, centralTopology), try expected(stored))

        let (_, period) = try await central.withClient { client in
            try await CentralReader(client: client, logger: testLogger).outageTable(from: periodStart, to: periodEnd)
        }
        let overlapping = stored.filter { $0.start < periodEnd && ($0.end ?? .max) > periodStart }
        XCTAssertTrue(overlapping.contains { $0.start < periodStart }, "a record reaching into the period from before it")
        XCTAssertEqual(Self.records(period, centralTopology), try expected(overlapping))

        let (_, indexFields) = try await central.withClient { client in
            try await CentralReader(client: client, logger: testLogger).outageTable(from: periodStart, to: periodEnd, fields: .indexFields)
        }
        let bare = overlapping.map { record in
            OutageRecord(meterID: record.meterID, start: record.start, end: record.end, eventID: record.eventID,
                         outageClass: record.outageClass, recloseOperations: record.recloseOperations)
        }
        XCTAssertEqual(Self.records(indexFields, centralTopology), try expected(bare))
        try await central.drop()
    }

    private static func records(_ table: OutageTable, _ topology: Topology) -> [OutageRecord] {
        (0..<table.count).map { table.record(at: $0, topology: topology) }
    }
}
