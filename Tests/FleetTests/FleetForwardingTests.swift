import Fleet
import Foundation
import GridWatchCore
import Logging
import Reliability
import Store
import XCTest

let testLogger = Logger(label: "fleet-tests")

/// Forwarding from gateways' SQLite outboxes to a real PostgreSQL (`GRIDWATCH_TEST_POSTGRES_URL`).
final class FleetForwardingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func forwarder(_ fixture: GatewayFixture, _ central: CentralTestDatabase, batchSize: Int = 500) -> Forwarder {
        Forwarder(
            store: fixture.store, gatewayID: fixture.gatewayID, placements: fixture.placements, url: central.url,
            configuration: ForwardConfiguration(batchSize: batchSize, initialBackoff: .milliseconds(50), maxBackoff: .milliseconds(400),
                                                pollInterval: .milliseconds(50)),
            logger: testLogger)
    }

    func testThreeGeneratedGatewaysCentralIndicesEqualTheUnionOfTheirOwnComputations() async throws {
        let central = try await CentralTestDatabase.create()
        let gateways = try ["north", "south", "east"].map { try GatewayFixture.make($0, meters: 40, directory: directory) }
        for (index, gateway) in gateways.enumerated() { try await gateway.fill(outagesPerMeter: 8, seed: UInt64(index + 1)) }

        let forwarders = gateways.map { forwarder($0, central) }
        try await withThrowingTaskGroup(of: Int.self) { group in
            for forwarder in forwarders { group.addTask { try await forwarder.drain() } }
            for try await delivered in group { XCTAssertGreaterThan(delivered, 320) }
        }

        var options = IndexOptions(from: GatewayFixture.yearStart, to: GatewayFixture.yearStart + 365 * 86_400, utcOffsetSeconds: 0,
                                   asOf: GatewayFixture.yearStart + 400 * 86_400)
        options.customerBase = .constant
        var own: [GatewayOutages] = []
        for gateway in gateways {
            own.append(GatewayOutages(gatewayID: gateway.gatewayID, topology: Topology(placements: gateway.placements),
                                      stored: try await gateway.store.outages(OutageQuery())))
        }
        let unionTopology = Topology(placements: gateways.flatMap(\.placements).sorted { $0.meterID < $1.meterID })
        try await FleetIndexComparison.assertCentralIndicesEqualUnion(own, unionTopology: unionTopology, central: central, options: options)

        try await central.withClient { client in
            for gateway in gateways { try await CentralComparison.assertCentralEqualsGateway(gateway.gatewayID, databasePath: gateway.path, client: client) }
        }
        for gateway in gateways {
            let pending = try await gateway.store.pendingForwards(limit: 10)
            XCTAssertEqual(pending, [], "\(gateway.gatewayID): outbox not emptied")
        }
        try await central.drop()
    }

    /// A gateway that starts forwarding with a history: `queueStoredRecordsForForwarding` (`central forward
    /// --all-stored`) queues every stored record, and doing it twice duplicates nothing.
    func testQueueingAllStoredRecordsForwardsAHistoryWrittenBeforeForwardingExactlyOnce() async throws {
        let central = try await CentralTestDatabase.create()
        let gateway = try GatewayFixture.make("history", meters: 10, directory: directory)
        try await gateway.fill(outagesPerMeter: 4, seed: 3)
        let written = try await gateway.store.pendingForwards(limit: 1_000_000)
        try await gateway.store.confirmForwarded(through: try XCTUnwrap(written.last).sequence)  // as if never queued

        for _ in 0..<2 {
            let queued = try await gateway.store.queueStoredRecordsForForwarding()
            XCTAssertGreaterThan(queued, 40)
            _ = try await forwarder(gateway, central).drain()
        }
        try await central.withClient { client in
            try await CentralComparison.assertCentralEqualsGateway(gateway.gatewayID, databasePath: gateway.path, client: client)
        }
        try await central.drop()
    }

    func testRedeliveringAndCorrectingRecordsReplacesThemWithoutDuplicates() async throws {
        let central = try await CentralTestDatabase.create()
        let gateway = try GatewayFixture.make("west", meters: 10, directory: directory)
        try await gateway.fill(outagesPerMeter: 3, seed: 7)
        let items = try await gateway.store.pendingForwards(limit: 100_000)
        let records = try await gateway.store.forwardRecords(for: items)
        XCTAssertTrue(records.contains { $0.kind == .outage && $0.rows.isEmpty }, "superseded provisional records forward as deletions")

        // The same batch delivered twice (an acknowledgement lost), then the outbox drained.
        try await central.withClient { client in
            let writer = CentralWriter(client: client, gatewayID: gateway.gatewayID, logger: testLogger)
            try await writer.deliver(records, itemCount: items.count)
            try await writer.deliver(records, itemCount: items.count)
        }
        try await forwarder(gateway, central).drain()

        // A later annotation reaches the central copies of the event and its outages.
        let event = try await gateway.store.events(from: 0, to: .max).last!
        try await gateway.store.annotateEvent(id: event.id, EventAnnotation(outageClass: .faultExternal, cause: "storm", workOrder: "WO-9"))
        let delivered = try await forwarder(gateway, central).drain()
        XCTAssertGreaterThan(delivered, 1)

        try await central.withClient { client in
            try await CentralComparison.assertCentralEqualsGateway(gateway.gatewayID, databasePath: gateway.path, client: client)
            let causes = try await client.query(
                "SELECT count(*) FROM fleet_outages WHERE gateway_id = 'west' AND event_id = \(event.id) AND cause = 'storm'")
                .collect().first!.decode(Int.self)
            let local = try await gateway.store.outages(OutageQuery(eventID: event.id)).count
            XCTAssertEqual(causes, local)
        }
        try await central.drop()
    }

    func testACorrectedOutageWhoseStartMovedToAnotherYearLeavesExactlyOneCentralRow() async throws {
        let central = try await CentralTestDatabase.create()
        let gateway = try GatewayFixture.make("moved", meters: 2, directory: directory)
        let meter = gateway.placements[0]
        let lastDayOf2025 = GatewayFixture.yearStart + 364 * 86_400 + 3_600
        var record = OutageRecord(meterID: meter.meterID, start: lastDayOf2025, end: lastDayOf2025 + 600, source: .meterLog)
        let id = try await gateway.store.saveOutages([OutageWrite(record: record, area: meter.area, line: meter.line)])[0]
        try await forwarder(gateway, central).drain()

        // The meter's clock ran a year ahead: the corrected record starts in 2024, another partition.
        record.start -= 366 * 86_400
        record.end = record.start + 900
        try await gateway.store.saveOutages([OutageWrite(id: id, record: record, area: meter.area, line: meter.line)])
        try await forwarder(gateway, central).drain()

        let correctedStart = record.start
        try await central.withClient { client in
            let rows = try await client.query(
                "SELECT start_s, tableoid::regclass::text FROM fleet_outages WHERE gateway_id = 'moved' AND local_id = \(String(id))")
                .collect().map { try $0.decode((Int64, String).self) }
            XCTAssertEqual(rows.map(\.0), [correctedStart], "exactly the corrected row")
            XCTAssertEqual(rows.map(\.1), ["fleet_outages_2024"])
            let keys = try await client.query("SELECT local_id, start_s FROM fleet_outage_keys WHERE gateway_id = 'moved'")
                .collect().map { try $0.decode((String, Int64).self) }
            XCTAssertEqual(keys.map(\.0), [String(id)])
            XCTAssertEqual(keys.map(\.1), [correctedStart], "the key table follows the move")
            try await CentralComparison.assertCentralEqualsGateway(gateway.gatewayID, databasePath: gateway.path, client: client)
        }
        try await central.drop()
    }

    func testMeterIDsAnotherGatewayPublishedAreReportedWhenTakenOver() async throws {
        let central = try await CentralTestDatabase.create()
        let placements = try GatewayFixture.make("first", meters: 3, directory: directory).placements
        try await central.withClient { client in
            let first = CentralWriter(client: client, gatewayID: "first", logger: testLogger)
            let published = try await first.publishTopology(placements)
            let republished = try await first.publishTopology(placements)
            XCTAssertEqual(published + republished, [], "a gateway's own meters are never taken over")
            let taken = try await CentralWriter(client: client, gatewayID: "second", logger: testLogger)
                .publishTopology(Array(placements.prefix(2)))
            XCTAssertEqual(taken.sorted(), placements.prefix(2).map(\.meterID).sorted())
        }
        try await central.drop()
    }

    func testForwardingRefusesAnUnmigratedCentralDatabaseWithAClearError() async throws {
        let central = try await CentralTestDatabase.create()
        try await central.withClient { client in
            try await client.query("DROP TABLE fleet_schema_migrations")
            do {
                try await CentralSchema.requireCurrent(client, logger: testLogger)
                XCTFail("an unmigrated database was accepted")
            } catch let error as FleetError {
                XCTAssertEqual(error.code, .schemaOutdated)
                XCTAssertTrue(error.message.contains("gridwatch central migrate"))
            }
        }
        try await central.drop()
    }
}
