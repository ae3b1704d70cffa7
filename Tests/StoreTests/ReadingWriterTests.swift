import GRDB
import GridWatchCore
import XCTest

@testable import Store

final class ReadingWriterTests: XCTestCase {
    private static func readings(device: String, points: [String], at time: Int64, value: Double = 230) -> [Reading] {
        points.map { Reading(timeMillis: time, deviceID: device, point: $0, value: value, quality: .good) }
    }

    func testFlushCommitsEveryEnqueuedReading_andReportsTheHighWaterMark() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchSize: 7))
        let reports = ReportLog()
        let writer = ReadingWriter(store: store) { reports.append($0) }
        var last: UInt64 = 0
        for second in 0..<10 {
            last = await writer.enqueue(Self.readings(device: "M0001", points: ["voltage_a", "current_a"], at: Int64(second) * 1000))
        }
        XCTAssertEqual(last, 20)
        try await writer.flush()

        let count = try await store.rawReadingCount()
        XCTAssertEqual(count, 20)
        XCTAssertEqual(reports.all.map(\.readings), [7, 7, 6])
        XCTAssertEqual(reports.all.last?.committedThrough, 20)
        let statistics = await writer.statistics
        XCTAssertEqual(statistics.committedThrough, 20)
        XCTAssertEqual(statistics.pendingReadings, 0)
    }

    func testRunCommitsWithinTheBatchInterval_withoutAFlush() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchInterval: .milliseconds(300)))
        let writer = ReadingWriter(store: store)
        let reader = try Store(StoreConfiguration(path: database.path), access: .readOnly)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            let enqueued = ContinuousClock.now
            await writer.enqueue(Self.readings(device: "M0001", points: ["voltage_a"], at: 1_000))
            var count = 0
            while count == 0, ContinuousClock.now - enqueued < .seconds(2) {
                try await Task.sleep(for: .milliseconds(20))
                count = try await reader.rawReadingCount()
            }
            let waited = ContinuousClock.now - enqueued
            XCTAssertEqual(count, 1)
            XCTAssertLessThan(waited, .milliseconds(300 + 150), "committed after \(waited)")
            group.cancelAll()
        }
    }

    func testAnIdleWriterSleeps_insteadOfSpinning() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchInterval: .milliseconds(100)))
        let writer = ReadingWriter(store: store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            await writer.enqueue(Self.readings(device: "M1", points: ["v"], at: 0))
            try await Task.sleep(for: .milliseconds(200))  // committed; every wake-up path has been used
            let before = Self.processCPUSeconds()
            try await Task.sleep(for: .milliseconds(600))
            let used = Self.processCPUSeconds() - before
            XCTAssertLessThan(used, 0.1, "the idle writer used \(used) s of CPU in 0.6 s")
            group.cancelAll()
        }
    }

    private static func processCPUSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    func testAFullBatchIsCommittedBeforeTheInterval() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchInterval: .seconds(60), batchSize: 100))
        let writer = ReadingWriter(store: store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await writer.run() }
            let points = (0..<100).map { "p\($0)" }
            await writer.enqueue(Self.readings(device: "M0001", points: points, at: 1_000))
            var committed: UInt64 = 0
            let start = ContinuousClock.now
            while committed < 100, ContinuousClock.now - start < .seconds(5) {
                try await Task.sleep(for: .milliseconds(20))
                committed = await writer.statistics.committedThrough
            }
            XCTAssertEqual(committed, 100)
            group.cancelAll()
        }
    }

    func testCancellingRunCommitsWhatIsPending() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path, batchInterval: .seconds(60)))
        let writer = ReadingWriter(store: store)
        let running = Task { try await writer.run() }
        await writer.enqueue(Self.readings(device: "M0001", points: ["voltage_a", "voltage_b"], at: 5_000))
        running.cancel()
        try await running.value
        let count = try await store.rawReadingCount()
        XCTAssertEqual(count, 2)
    }

    func testAnOpenReadTransactionDoesNotBlockTheWriter() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path))
        let writer = ReadingWriter(store: store)
        await writer.enqueue(Self.readings(device: "M0001", points: ["voltage_a"], at: 1_000))
        try await writer.flush()

        let reader = try DatabaseQueue(path: database.path)
        try await reader.read { db in
            let before = try Int.fetchOne(db, sql: "SELECT count(*) FROM readings")
            // While this read transaction holds its snapshot, the writer commits.
            let semaphore = DispatchSemaphore(value: 0)
            Task {
                await writer.enqueue(Self.readings(device: "M0001", points: ["voltage_a"], at: 2_000))
                try await writer.flush()
                semaphore.signal()
            }
            XCTAssertEqual(semaphore.wait(timeout: .now() + 5), .success, "the writer was blocked by a reader")
            XCTAssertEqual(try Int.fetchOne(db, sql: "SELECT count(*) FROM readings"), before, "snapshot isolation")
        }
        let count = try await store.rawReadingCount()
        XCTAssertEqual(count, 2)
    }

    func testFailedReadsAreStoredWithNullValueAndTheirQuality() async throws {
        let database = try TemporaryDatabase(self)
        let store = try Store(StoreConfiguration(path: database.path))
        let writer = ReadingWriter(store: store)
        await writer.enqueue([
            Reading(timeMillis: 1_000, deviceID: "M0001", point: "voltage_a", value: 229.5, quality: .good),
            Reading(timeMillis: 2_000, deviceID: "M0001", point: "voltage_a", value: nil, quality: .timeout),
            Reading(timeMillis: 2_000, deviceID: "M0001", point: "energy_import_total", value: nil, quality: .crcError),
        ])
        try await writer.flush()

        let series = try await store.readings(deviceID: "M0001", point: "voltage_a", fromMillis: 0, toMillis: 3_000)
        XCTAssertEqual(series, [
            StoredReading(timeMillis: 1_000, value: 229.5, quality: .good),
            StoredReading(timeMillis: 2_000, value: nil, quality: .timeout),
        ])
        let latest = try await store.latestValues(deviceID: "M0001")
        XCTAssertEqual(latest.map(\.point), ["energy_import_total", "voltage_a"])
        XCTAssertEqual(latest.map(\.quality), [.crcError, .timeout])
        let device = try await store.device("M0001")
        XCTAssertEqual(device.status, .neverSeen, "readings create a bare device row")
    }
}

/// Collects commit reports from the writer's callback.
final class ReportLog: @unchecked Sendable {
    private let lock = NSLock()
    private var reports: [CommitReport] = []
    func append(_ report: CommitReport) { lock.withLock { reports.append(report) } }
    var all: [CommitReport] { lock.withLock { reports } }
}
