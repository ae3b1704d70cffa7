import API
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GridWatchCore
import Logging
import Reliability
import ServiceLifecycle
import Store

/// A real SQLite store with three meters in two areas, a day of voltage readings, outages, an event
/// and a violation, served by a real `APIServer` on 127.0.0.1 (an ephemeral port).
final class APIFixture: @unchecked Sendable {
    static let offset = 8 * 3600
    /// 2026-03-01T00:00:00+08:00: the readings cover the 24 hours before it.
    static let now: Int64 = 1_772_294_400
    static let placements = [
        MeterPlacement(meterID: "m1", area: "A1", line: "L1"), MeterPlacement(meterID: "m2", area: "A1", line: "L1"),
        MeterPlacement(meterID: "m3", area: "A2", line: "L2"),
    ]

    let folder: URL
    let store: Store
    let baseURL: URL
    private let services: ServiceGroup
    private let server: Task<Void, any Error>
    let violationID: Int64

    init(tokens: AccessTokens? = nil, ready: Bool = true) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("api-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(StoreConfiguration(path: folder.appendingPathComponent("gridwatch.sqlite").path))
        violationID = try await Self.populate(store)

        let store = store, topology = Topology(placements: Self.placements)
        let environment = APIEnvironment(
            store: store, utcOffsetSeconds: Self.offset,
            outageTable: {
                let version = try await store.recordsVersion()
                let records = try await store.outages(OutageQuery()).map(\.record)
                return OutageSnapshot(version: version, topology: topology, outages: try OutageTable(records: records, topology: topology))
            },
            readiness: { ready ? Readiness(ready: true, details: [("cycles", .integer(3))]) : Readiness(ready: false, reason: "no poll cycle completed yet") },
            metrics: { "# TYPE gridwatch_test_total counter\ngridwatch_test_total 1\n" },
            nowMillis: { Self.now * 1000 })
        let api = APIServer(configuration: .init(host: "127.0.0.1", port: 0, tokens: tokens), environment: environment, logger: Logger(label: "api-test"))
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        let application = api.application { port in portInput.yield(port) }
        services = ServiceGroup(services: [application], logger: Logger(label: "api-test"))
        server = Task { [services] in try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw URLError(.cannotConnectToHost) }
        baseURL = URL(string: "http://127.0.0.1:\(port)")!
    }

    func shutDown() async {
        await services.triggerGracefulShutdown()
        _ = await server.result
        try? FileManager.default.removeItem(at: folder)
    }

    /// One request through URLSession; returns the status, headers and body.
    func request(
        _ path: String, method: String = "GET", body: String? = nil, token: String? = nil, headers: [String: String] = [:]
    ) async throws -> (status: Int, headers: [String: String], body: Data) {
        var request = URLRequest(url: URL(string: baseURL.absoluteString + path)!)
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        if body != nil { request.setValue("application/json", forHTTPHeaderField: "Content-Type") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields { fields[String(describing: name).lowercased()] = String(describing: value) }
        return (http.statusCode, fields, data)
    }

    /// The body as JSON (an object or an array).
    func json(_ path: String, method: String = "GET", body: String? = nil, token: String? = nil) async throws -> (status: Int, headers: [String: String], json: Any) {
        let (status, headers, data) = try await request(path, method: method, body: body, token: token)
        return (status, headers, try JSONSerialization.jsonObject(with: data))
    }

    private static func populate(_ store: Store) async throws -> Int64 {
        let nowMillis = now * 1000
        try await store.registerDevices(placements.enumerated().map { index, placement in
            DeviceRecord(id: placement.meterID, bus: "bus1", unit: index + 1, profile: "dds238", area: placement.area, line: placement.line)
        })
        try await store.saveHealth([
            DeviceHealth(deviceID: "m1", status: .online, timeMillis: nowMillis, lastSuccessMillis: nowMillis, successRatioHour: 1),
            DeviceHealth(deviceID: "m2", status: .offline, timeMillis: nowMillis, lastSuccessMillis: nowMillis - 600_000,
                         lastErrorMillis: nowMillis - 1000, lastError: "timed out", lastErrorCode: "timeout", consecutiveFailures: 9, timeouts: 9),
        ])
        let writer = ReadingWriter(store: store)
        let readings = (0..<288).flatMap { step -> [Reading] in
            let time = nowMillis - 86_400_000 + Int64(step) * 300_000
            return ["m1", "m2"].map { Reading(timeMillis: time, deviceID: $0, point: "voltage_a", value: 220 + Double(step % 10), quality: .good) }
        }
        _ = await writer.enqueue(readings)
        try await writer.flush()
        let day: Int64 = 86_400
        _ = try await store.saveOutages([
            OutageWrite(record: OutageRecord(meterID: "m1", start: now - 10 * day, end: now - 10 * day + 3600, eventID: "e1"), area: "A1", line: "L1"),
            OutageWrite(record: OutageRecord(meterID: "m2", start: now - 10 * day, end: now - 10 * day + 3600, eventID: "e1"), area: "A1", line: "L1"),
            OutageWrite(record: OutageRecord(meterID: "m3", start: now - 2 * day, end: now - 2 * day + 600), area: "A2", line: "L2"),
            OutageWrite(record: OutageRecord(meterID: "m2", start: now - 3600, end: nil), area: "A1", line: "L1"),
        ])
        try await store.saveEvents([InterruptionEventRecord(id: "e1", area: "A1", line: "L1", start: now - 10 * day, end: now - 10 * day + 3600, meters: 2)])
        return try await store.openOrUpdateViolation(ViolationFinding(
            ruleID: "frequent", level: "frequent", entity: "area", entityID: "A1", count: 4, windowFrom: now - 60 * day, windowTo: now, outageIDs: []
        )).id
    }
}
