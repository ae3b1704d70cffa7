import Fleet
import Foundation
import GridWatchCore
import GridWatchTesting
import Logging
import Store
import XCTest

/// The central database going away and a gateway dying mid-batch: afterwards the central data equals
/// the gateway's exactly (nothing lost, nothing duplicated).
final class FleetResilienceTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testCentralStoppedAndRestartedWhileRecordsKeepComingLosesAndDuplicatesNothing() async throws {
        let central = try await CentralTestDatabase.create()
        let gateway = try GatewayFixture.make("gw-restart", meters: 60, directory: directory)
        try await gateway.fill(outagesPerMeter: 20, seed: 11)
        let forwarder = Forwarder(
            store: gateway.store, gatewayID: gateway.gatewayID, placements: gateway.placements, url: central.url,
            // A delivery waiting longer than the cut fails: the cut is noticed even when no statement was in flight.
            configuration: ForwardConfiguration(batchSize: 50, initialBackoff: .milliseconds(100), maxBackoff: .milliseconds(500),
                                                pollInterval: .milliseconds(50), deliveryTimeout: .seconds(1)),
            logger: testLogger)
        let service = Task { try await forwarder.run() }

        try await waitUntil(timeout: 60, "the first deliveries") { await forwarder.deliveredItems > 100 }
        try CentralTestDatabase.server("pause")
        let deliveredBeforeCut = await forwarder.deliveredItems
        // The gateway keeps recording while the central database is away.
        try await gateway.store.saveOutages((0..<200).map { index in
            OutageWrite(
                record: OutageRecord(meterID: gateway.placements[index % 60].meterID, start: GatewayFixture.yearStart + 40_000_000 + Int64(index) * 600,
                                     end: GatewayFixture.yearStart + 40_000_000 + Int64(index) * 600 + 300, source: .meterLog),
                area: gateway.placements[0].area, line: nil, logStart: GatewayFixture.yearStart + 40_000_000 + Int64(index) * 600)
        })
        try await Task.sleep(for: .seconds(3))
        try CentralTestDatabase.server("resume")

        try await waitUntil(timeout: 60, "the catch-up after the restart") { try await gateway.store.pendingForwards(limit: 1).isEmpty }
        let failures = await forwarder.failedAttempts
        service.cancel()
        XCTAssertGreaterThan(failures, 0, "the cut was never noticed: the test did not test the outage")
        XCTAssertLessThan(deliveredBeforeCut, 1_200 + 200, "everything was delivered before the cut")
        try await central.withClient { client in try await CentralComparison.assertCentralEqualsGateway(gateway.gatewayID, databasePath: gateway.path, client: client) }
        try await central.drop()
    }

    func testGatewayKilledMidBatchRedeliversEverythingExactlyOnce() async throws {
        let central = try await CentralTestDatabase.create()
        let gateway = try GatewayFixture.make("gw-killed", meters: 500, directory: directory)
        try await gateway.fill(outagesPerMeter: 60, seed: 5)
        let total = try await gateway.store.pendingForwards(limit: 1_000_000).count
        let config = directory.appendingPathComponent("gateway.yaml")
        let urlFile = directory.appendingPathComponent("central.url")
        try central.urlText.write(to: urlFile, atomically: true, encoding: .utf8)
        try """
            gateway_id: gw-killed
            database: \(gateway.path)
            forward:
              postgres_url_file: \(urlFile.path)
              batch_size: 200
            buses:
              - id: bus1
                tcp: 127.0.0.1:1502
                devices:
                  - {id: gw-killed-M0000, unit: 1, profile: gridwatch-lv-meter, area: gw-killed-area}
            """.write(to: config, atomically: true, encoding: .utf8)

        // Killed (SIGKILL) while delivering: some batches committed centrally, the outbox not yet emptied.
        let process = try ChildProcess.gridwatch(["central", "forward", "--config", config.path])
        try await waitUntil(timeout: 60, "2,000 items delivered before the kill") {
            try await central.withClient { client in
                try await client.query("SELECT delivered_items FROM fleet_gateways WHERE gateway_id = 'gw-killed'")
                    .collect().first?.decode(Int.self) ?? 0
            } > 2_000
        }
        kill(process.processIdentifier, SIGKILL)
        _ = try process.waitForExit(timeout: 10)
        let left = try await gateway.store.pendingForwards(limit: 1_000_000).count
        XCTAssertGreaterThan(left, 0, "the forwarder finished before it was killed: the test did not test the kill")
        XCTAssertLessThan(left, total)

        let rerun = try ChildProcess.run("gridwatch", ["central", "forward", "--config", config.path, "--postgres-url-file", urlFile.path], timeout: 180)
        XCTAssertEqual(rerun.status, 0, rerun.error)
        XCTAssertTrue(rerun.output.contains("\"gateway_id\":\"gw-killed\""), rerun.output)
        let pending = try await gateway.store.pendingForwards(limit: 1)
        XCTAssertEqual(pending, [])
        try await central.withClient { client in try await CentralComparison.assertCentralEqualsGateway(gateway.gatewayID, databasePath: gateway.path, client: client) }
        try await central.drop()
    }
}
