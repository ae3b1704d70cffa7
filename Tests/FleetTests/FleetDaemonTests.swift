import Fleet
import Foundation
import GRDB
import GridWatchTesting
import PostgresNIO
import Reliability
import Store
import XCTest

/// Three gateways as they run in the field: three `gridwatch run` daemons, each polling its own
/// simulated substation (`gridwatch simulate --config`, distinct area and meter ids) on an accelerated
/// clock and forwarding to one central PostgreSQL.
final class FleetDaemonTests: XCTestCase {
    private var folder: URL!
    private var processes: [ChildProcess] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("fleet-daemons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        processes.forEach { $0.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    /// A gateway of this test: its files and its simulator's ready line.
    private struct Gateway {
        let id: String
        let configuration: String
        let database: String
        let topology: String
        let ready: ReadyLine
    }

    private func start(_ arguments: [String]) throws -> ChildProcess {
        let process = try ChildProcess.gridwatch(arguments)
        processes.append(process)
        return process
    }

    /// Serves a substation of two areas (`<prefix>1`, `<prefix>2`, 11 meters, 2 terminal units) whose
    /// 8 simulated minutes at 60x hold a sustained outage of a meter and of a whole area, and a
    /// momentary one; writes the gateway configuration with `gateway_id` and `forward:`.
    private func serveSubstation(gatewayID: String, prefix: String, seed: Int, centralURLFile: String) throws -> Gateway {
        let scenario = folder.appendingPathComponent("\(gatewayID)-scenario.yaml").path
        try """
            seed: \(seed)
            time_scale: 60
            duration: 8min
            areas:
              - {id: \(prefix)1, line: \(prefix)-F1, county: \(gatewayID)-county, region: fleet, meters: 6}
              - {id: \(prefix)2, line: \(prefix)-F2, county: \(gatewayID)-county, region: fleet, meters: 5}
            events:
              - {id: FUSE, kind: meter_outage, meter: \(prefix)1-M002, at: 1min, duration: 4min}
              - {id: TX, kind: area_outage, area: \(prefix)2, at: 2min, duration: 4min, restore_spread: 30s}
              - {id: BLIP, kind: momentary_outage, meter: \(prefix)1-M004, at: 3min, duration: 40s}
            """.write(toFile: scenario, atomically: true, encoding: .utf8)
        let file = { (name: String) in self.folder.appendingPathComponent("\(gatewayID)-\(name)").path }
        let simulator = try start([
            "simulate", "--config", scenario, "--devices-dir", TestEnvironment.devicesDirectory,
            "--write-gateway-config", file("gateway.yaml"), "--database", file("gateway.db"), "--write-topology", file("topology.csv"),
            "--refresh-ms", "25",
        ])
        let ready = try ReadyLine(try simulator.waitForLine(startingWith: "ready", timeout: 30))
        let forwarding = """

            gateway_id: \(gatewayID)
            forward: {postgres_url_file: \(centralURLFile), batch_size: 200, poll_interval: 200ms, initial_backoff: 200ms, max_backoff: 1s}

            """
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: file("gateway.yaml")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(forwarding.utf8))
        try handle.close()
        return Gateway(id: gatewayID, configuration: file("gateway.yaml"), database: file("gateway.db"), topology: file("topology.csv"), ready: ready)
    }

    private func runDaemon(_ gateway: Gateway) throws -> ChildProcess {
        try start(["run", "--config", gateway.configuration] + gateway.ready.clockArguments)
    }

    func testThreeDaemonsForwardingToOneCentralDatabaseGiveTheUnionOfTheirOwnIndices() async throws {
        let central = try await CentralTestDatabase.create()
        let urlFile = folder.appendingPathComponent("central.url").path
        try central.urlText.write(toFile: urlFile, atomically: true, encoding: .utf8)
        let gateways = try [("north", "N"), ("south", "S"), ("east", "E")].enumerated().map { index, names in
            try serveSubstation(gatewayID: names.0, prefix: names.1, seed: 101 + index, centralURLFile: urlFile)
        }
        var daemons = try gateways.map(runDaemon)

        // South is killed (SIGKILL) half-way through and restarted at once, as a crashed gateway would be.
        let end = gateways.map { $0.ready.end(tailSeconds: 180) }.max()!
        try await Task.sleep(for: .seconds(max(1, end.timeIntervalSinceNow / 2)))
        kill(daemons[1].processIdentifier, SIGKILL)
        _ = try daemons[1].waitForExit(timeout: 10)
        daemons[1] = try runDaemon(gateways[1])
        try await Task.sleep(for: .seconds(max(0, end.timeIntervalSinceNow)))

        // The daemons forward while they run: every stored outage reaches the central database.
        for gateway in gateways {
            try await waitUntil(timeout: 30, "\(gateway.id)'s outages forwarded by its daemon", interval: .milliseconds(200)) {
                let local = try self.localOutageCount(gateway)
                let forwarded = try await self.centralOutageCount(gateway, central)
                return local > 0 && forwarded == local
            }
        }
        for daemon in daemons {
            kill(daemon.processIdentifier, SIGTERM)
            XCTAssertEqual(try daemon.waitForExit(timeout: 30), 0, daemon.standardError.suffix(2000).description)
        }
        // What the daemons recorded after their last delivery (health, daily figures) goes with the next
        // start; `central forward` delivers it now so that the databases can be compared exactly.
        for gateway in gateways {
            let drain = try ChildProcess.run("gridwatch", ["central", "forward", "--config", gateway.configuration], timeout: 60)
            XCTAssertEqual(drain.status, 0, drain.error)
        }

        var own: [GatewayOutages] = []
        var epochs: [Int64] = []
        for gateway in gateways {
            let store = try Store(StoreConfiguration(path: gateway.database), access: .readOnly)
            let stored = try await store.outages(OutageQuery())
            XCTAssertGreaterThanOrEqual(stored.count, 6, "\(gateway.id): the scripted outages were stored")
            let pending = try await store.pendingForwards(limit: 1)
            XCTAssertEqual(pending, [], "\(gateway.id): outbox emptied")
            own.append(GatewayOutages(gatewayID: gateway.id, topology: try Topology.load(path: gateway.topology), stored: stored))
            epochs.append(Int64(gateway.ready["epoch_ms"])! / 1000)
        }
        try await central.withClient { client in
            for gateway in gateways {
                try await CentralComparison.assertCentralEqualsGateway(gateway.id, databasePath: gateway.database, client: client)
            }
        }
        var options = IndexOptions(from: epochs.min()! - 3_600, to: epochs.max()! + 7_200, utcOffsetSeconds: 0, asOf: epochs.max()! + 7_200)
        options.customerBase = .constant
        let lines = try await FleetIndexComparison.assertCentralIndicesEqualUnion(
            own, unionTopology: try unionTopology(gateways), central: central, options: options)
        XCTAssertEqual(lines.filter { $0.hasPrefix("area,") }.count, 6)
        print("fleet: 3 daemons (one killed and restarted) forwarded \(own.map { "\($0.gatewayID) \($0.stored.count)" }.joined(separator: ", ")) outage records; central \(lines.first { $0.hasPrefix("system,") } ?? "")")
        try await central.drop()
    }

    /// The gateways' topology files as one, meters in byte order of their ids (as the central database gives them).
    private func unionTopology(_ gateways: [Gateway]) throws -> Topology {
        var header = ""
        var rows: [String] = []
        for gateway in gateways {
            let lines = try String(contentsOfFile: gateway.topology, encoding: .utf8).split(separator: "\n").map(String.init)
            header = lines[0]
            rows += lines.dropFirst()
        }
        let path = folder.appendingPathComponent("union-topology.csv").path
        try ([header] + rows.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }).joined(separator: "\n")
            .write(toFile: path, atomically: true, encoding: .utf8)
        return try Topology.load(path: path)
    }

    private func localOutageCount(_ gateway: Gateway) throws -> Int {
        try DatabaseQueue(path: gateway.database).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM outages") ?? 0 }
    }

    private func centralOutageCount(_ gateway: Gateway, _ central: CentralTestDatabase) async throws -> Int {
        let id = gateway.id
        return try await central.withClient { client in
            try await client.query("SELECT count(*) FROM fleet_outages WHERE gateway_id = \(id)").collect().first?.decode(Int.self) ?? 0
        }
    }
}
