import GRDB
import GridWatchCore
import XCTest
@testable import GridWatchApp
@testable import Store

/// A full disk (SQLite's `max_page_count`, which answers SQLITE_FULL as a full disk does) is told
/// once when commits start failing, once when they succeed again, and every time readings are dropped.
final class WriterConditionTests: XCTestCase {
    func testFullDiskIsReportedOnceWithPendingReadingsThenRecoveryAndDrops() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try Store(StoreConfiguration(path: folder.appendingPathComponent("g.db").path, batchSize: 10_000, maxPendingReadings: 20_000))
        let writer = ReadingWriter(store: store)
        func readings(_ range: Range<Int>) -> [Reading] {
            range.map { Reading(timeMillis: Int64($0), deviceID: "M1", point: "v", value: Double($0), quality: .good) }
        }
        var condition = WriterCondition()
        await writer.enqueue(readings(0..<1))
        try await writer.flush()
        let changes1 = condition.update(await writer.statistics)
        XCTAssertEqual(changes1, [])
        XCTAssertNil(condition.status)

        let pages = try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        try await store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }
        await writer.enqueue(readings(1..<5_001))
        try? await writer.flush()
        let failing = condition.update(await writer.statistics)
        guard case .failing(let error, let pending)? = failing.first else { return XCTFail("\(failing)") }
        XCTAssertTrue(error.contains("full"), error)
        XCTAssertEqual(pending, 5_000)
        XCTAssertEqual(condition.status, "database not writable (disk full?): 5000 readings pending in memory, 0 dropped")
        try? await writer.flush()
        let changes2 = condition.update(await writer.statistics)
        XCTAssertEqual(changes2, [], "told once")

        await writer.enqueue(readings(5_001..<21_001))
        let changes3 = condition.update(await writer.statistics)
        XCTAssertEqual(changes3, [.dropped(count: 1_000, total: 1_000)])

        try await store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
        try await writer.flush()
        let changes4 = condition.update(await writer.statistics)
        XCTAssertEqual(changes4, [.recovered(pending: 0)])
        XCTAssertNil(condition.status)
    }
}
