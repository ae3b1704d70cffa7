import Fleet
import Reliability
import Store
import XCTest

/// One gateway's own records as its index engine reads them.
struct GatewayOutages {
    let gatewayID: String
    let topology: Topology
    let stored: [StoredOutage]
}

/// "The central indices equal the union of the gateways' own computations" as assertions.
enum FleetIndexComparison {
    /// Asserts that the central database's report over `options`' period has, per area, the rows each
    /// gateway computes on its own, and, for region and system, the rows of the union of the gateways'
    /// records (`unionTopology` holds every meter in byte order of their ids) summed in the order the
    /// central database gives them (start, gateway, id): the same to the last bit. Returns the central report's lines.
    @discardableResult
    static func assertCentralIndicesEqualUnion(
        _ gateways: [GatewayOutages], unionTopology: Topology, central: CentralTestDatabase, options: IndexOptions,
        file: StaticString = #filePath, line: UInt = #line
    ) async throws -> [String] {
        let period = (from: options.from, to: options.to)
        let (centralTopology, centralOutages) = try await central.withClient { client in
            try await CentralReader(client: client, logger: testLogger).outageTable(from: period.from, to: period.to)
        }
        XCTAssertEqual(centralTopology.meterCount, unionTopology.meterCount, "central meters", file: file, line: line)
        let centralLines = ReliabilityIndexEngine(topology: centralTopology, outages: centralOutages)
            .report(levels: [.area, .region, .system], options: options).csv().split(separator: "\n").map(String.init)

        let ownAreaRows = try gateways.flatMap { gateway in
            let records = try OutageTable(records: gateway.stored.map(\.record), topology: gateway.topology)
            return ReliabilityIndexEngine(topology: gateway.topology, outages: records).report(levels: [.area], options: options)
                .csv().split(separator: "\n").dropFirst().map(String.init)
        }
        let centralAreaRows = centralLines.filter { $0.hasPrefix("area,") }
        XCTAssertEqual(centralAreaRows.count, gateways.map(\.topology.areas.count).reduce(0, +), "central areas", file: file, line: line)
        XCTAssertEqual(centralAreaRows.sorted(), ownAreaRows.sorted(), "central area indices differ from the gateways' own", file: file, line: line)

        let union = gateways.flatMap { gateway in gateway.stored.map { (gatewayID: gateway.gatewayID, stored: $0) } }
            .sorted { ($0.stored.record.start, $0.gatewayID, $0.stored.id) < ($1.stored.record.start, $1.gatewayID, $1.stored.id) }
            .map(\.stored.record)
        let unionLines = ReliabilityIndexEngine(topology: unionTopology, outages: try OutageTable(records: union, topology: unionTopology))
            .report(levels: [.area, .region, .system], options: options).csv().split(separator: "\n").map(String.init)
        XCTAssertEqual(centralLines.sorted(), unionLines.sorted(), "central indices differ from the union's", file: file, line: line)
        XCTAssertTrue(centralLines.contains { $0.hasPrefix("system,") }, file: file, line: line)
        return centralLines
    }
}
