import GRDB
import GridWatchCore
import XCTest

@testable import Store

final class SettlingTests: XCTestCase {
    func testTheWriterSettlesReadingsIntoTheSeriesOrderedTable_andQueriesSeeThemThroughout() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchInterval: .milliseconds(50), batchSize: 500, settleRows: 1_000))
        let writer = ReadingWriter(store: store)
        let points = (0..<20).map { "p\($0)" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            for second in 0..<200 {
                await writer.enqueue(points.map { Reading(timeMillis: Int64(second) * 1_000, deviceID: "M1", point: $0, value: Double(second), quality: .good) })
            }
            try await writer.flush()
            let start = ContinuousClock.now
            while await writer.statistics.settledReadings == 0, ContinuousClock.now - start < .seconds(5) {
                try await Task.sleep(for: .milliseconds(20))
            }
            group.cancelAll()
        }
        let settled = await writer.statistics.settledReadings
        XCTAssertGreaterThan(settled, 0, "the writer never settled")
        let (recent, ordered) = try await store.pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM readings_recent") ?? 0, try Int.fetchOne(db, sql: "SELECT count(*) FROM readings") ?? 0)
        }
        XCTAssertEqual(recent + ordered, 4_000)
        XCTAssertGreaterThan(ordered, 0)

        let series = try await store.readings(deviceID: "M1", point: "p7", fromMillis: 0, toMillis: 200_000)
        XCTAssertEqual(series.map(\.value), (0..<200).map(Double.init), "one series across both tables, in order")
        let latest = try await store.latestValues(deviceID: "M1")
        XCTAssertEqual(Set(latest.map(\.value)), [199])

        let moved = try await store.settleRecentReadings()
        XCTAssertEqual(moved, recent)
        let after = try await store.readings(deviceID: "M1", point: "p7", fromMillis: 0, toMillis: 200_000)
        XCTAssertEqual(after, series)
        let count = try await store.rawReadingCount()
        XCTAssertEqual(count, 4_000)
    }
}
