import DeviceProfiles
import Foundation
import GridWatchCore
import GridWatchTesting
import Store
import XCTest
@testable import GridWatchApp

/// The index routes' snapshot: a request never waits for a rebuild once there is one; it gets the
/// snapshot it has, and the rebuilt one once that is ready.
final class OutageTableCacheTests: XCTestCase {
    func testRequestsKeepTheSnapshotWhileANewerOneIsBuilt() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gateway.yaml").path
        try """
            database: gridwatch.db
            buses:
              - id: feeder-1
                tcp: 127.0.0.1:1502
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 15s, area: TA01}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.load(contentsOf: path, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
        let store = try Store(configuration.store)
        func save(start: Int64) async throws {
            _ = try await store.saveOutages([OutageWrite(record: OutageRecord(meterID: "M1", start: start, end: start + 600), area: "TA01", line: nil)])
        }
        try await save(start: 1_000_000)
        let cache = OutageTableCache(configuration: configuration, store: store, maximumAge: .milliseconds(200))
        let first = try await cache.current().outages.count
        XCTAssertEqual(first, 1, "the first request waits for the first snapshot")

        try await save(start: 2_000_000)
        let young = try await cache.current().outages.count
        XCTAssertEqual(young, 1, "younger than its maximum age: not rebuilt")
        try await Task.sleep(for: .milliseconds(300))
        let stale = try await cache.current().outages.count
        XCTAssertEqual(stale, 1, "a request that starts the rebuild gets the snapshot there is")
        var rebuilt = stale
        for _ in 0..<50 where rebuilt == 1 {
            try await Task.sleep(for: .milliseconds(20))
            rebuilt = try await cache.current().outages.count
        }
        XCTAssertEqual(rebuilt, 2, "then the rebuilt one")
    }
}
