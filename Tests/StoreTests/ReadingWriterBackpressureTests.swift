import GRDB
import GridWatchCore
import XCTest

@testable import Store

/// What the writer does when readings come faster than it can write them, or cannot be written at all.
final class ReadingWriterBackpressureTests: XCTestCase {
    func testBeyondMaxPendingTheOldestReadingsAreDroppedAndCounted() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchSize: 10, maxPendingReadings: 25))
        let writer = ReadingWriter(store: store)
        let readings = (0..<40).map { Reading(timeMillis: Int64($0), deviceID: "M1", point: "v", value: Double($0), quality: .good) }
        let last = await writer.enqueue(readings)
        XCTAssertEqual(last, 40)
        let statistics = await writer.statistics
        XCTAssertEqual(statistics.droppedReadings, 15)
        XCTAssertEqual(statistics.pendingReadings, 25)
        try await writer.flush()
        let stored = try await store.readings(deviceID: "M1", point: "v", fromMillis: 0, toMillis: 100)
        XCTAssertEqual(stored.map(\.timeMillis), Array(15..<40), "the newest readings are kept")
    }

    /// `max_page_count` makes SQLite answer SQLITE_FULL exactly as a full disk does.
    func testWhenTheDatabaseIsFullReadingsStayPending_andAreWrittenWhenSpaceReturns() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchSize: 50_000))
        let writer = ReadingWriter(store: store)
        await writer.enqueue([Reading(timeMillis: 0, deviceID: "M1", point: "v", value: 1, quality: .good)])
        try await writer.flush()
        let pages = try await store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0 }
        try await store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = \(pages)") }

        let readings = (1...20_000).map { Reading(timeMillis: Int64($0), deviceID: "M1", point: "v", value: Double($0), quality: .good) }
        await writer.enqueue(readings)
        do {
            try await writer.flush()
            XCTFail("a full database accepted 20,000 readings")
        } catch let error as DatabaseError {
            XCTAssertEqual(error.resultCode, .SQLITE_FULL)
        }
        let failed = await writer.statistics
        XCTAssertEqual(failed.failedBatches, 1)
        XCTAssertEqual(failed.pendingReadings, 20_000)
        XCTAssertEqual(failed.committedThrough, 1)

        try await store.pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA max_page_count = 1073741823") }
        try await writer.flush()
        let count = try await store.rawReadingCount()
        XCTAssertEqual(count, 20_001)
    }
}
