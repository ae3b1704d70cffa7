import GridWatchCore
import XCTest

@testable import Store

final class RetentionTests: XCTestCase {
    /// 2026-03-01T00:00:00Z
    let day: Int64 = 1_772_323_200_000

    /// A voltage every 15 s and an energy register rising by 1 per reading, for `hours` hours, with every
    /// tenth voltage a timeout.
    func fill(_ store: Store, hours: Int) async throws {
        let writer = ReadingWriter(store: store)
        for i in 0..<(hours * 240) {
            let time = day + Int64(i) * 15_000
            let failed = i % 10 == 9
            await writer.enqueue([
                Reading(timeMillis: time, deviceID: "M1", point: "voltage_a", value: failed ? nil : 220 + Double(i % 7),
                        quality: failed ? .timeout : .good),
                Reading(timeMillis: time, deviceID: "M1", point: "energy_import_total", value: Double(i), quality: .good),
            ])
        }
        try await writer.flush()
    }

    func testCondensedTiersGiveTheSameSeriesAsTheRawReadings_beforeAndAfterRawRetention() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path, rawRetention: .seconds(3_600)))
        try await fill(store, hours: 3)
        let end = day + 3 * 3_600_000
        func series(_ point: String, step: Duration) async throws -> [AggregatedReading] {
            try await store.aggregatedReadings(deviceID: "M1", point: point, fromMillis: day, toMillis: end, step: step)
        }
        let rawMinutes = try await series("voltage_a", step: .seconds(60))
        let rawQuarters = try await series("energy_import_total", step: .seconds(900))
        XCTAssertEqual(rawMinutes.count, 180)
        XCTAssertEqual(rawMinutes[0].samples, 4)
        XCTAssertEqual(rawMinutes[0].count, 4)
        XCTAssertEqual(rawMinutes[0].min, 220)
        XCTAssertEqual(rawMinutes[0].max, 223)
        XCTAssertEqual(rawMinutes[0].mean, 221.5)
        XCTAssertEqual(rawMinutes[2].count, 3, "the timeout at i = 9 has no value")
        XCTAssertEqual(rawQuarters.map(\.last).prefix(2), [59, 119])

        // Condense everything, and let the raw readings older than an hour go.
        let report = try await store.maintain(at: end + 3_600_000 + 600_000, lateness: .seconds(120))
        XCTAssertEqual(report.minuteWatermark, end + 3_600_000 + 480_000, "now - lateness")
        XCTAssertEqual(report.quarterHourWatermark, end + 3_600_000)
        XCTAssertGreaterThan(report.deletedRawReadings, 0)
        XCTAssertEqual(report.deletedRawReadings, 3 * 240 * 2)
        let rawLeft = try await store.rawReadingCount()
        XCTAssertEqual(rawLeft, 0)

        let condensedMinutes = try await series("voltage_a", step: .seconds(60))
        let condensedQuarters = try await series("energy_import_total", step: .seconds(900))
        XCTAssertEqual(condensedMinutes, rawMinutes)
        XCTAssertEqual(condensedQuarters, rawQuarters)
        let hourly = try await series("voltage_a", step: .seconds(3_600))
        XCTAssertEqual(hourly.map(\.samples), [240, 240, 240])
    }

    func testASeriesSpansCondensedAndRawReadings() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        try await fill(store, hours: 2)
        let end = day + 2 * 3_600_000
        let before = try await store.aggregatedReadings(deviceID: "M1", point: "voltage_a", fromMillis: day, toMillis: end, step: .seconds(300))
        // Only the first hour is past the lateness: half condensed, half raw.
        let report = try await store.maintain(at: day + 3_600_000 + 120_000, lateness: .seconds(120))
        XCTAssertEqual(report.minuteWatermark, day + 3_600_000)
        let after = try await store.aggregatedReadings(deviceID: "M1", point: "voltage_a", fromMillis: day, toMillis: end, step: .seconds(300))
        XCTAssertEqual(after, before)
        XCTAssertEqual(after.count, 24)
    }

    func testAStepThatIsNotWholeMinutesIsRejected() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        do {
            _ = try await store.aggregatedReadings(deviceID: "M1", point: "v", fromMillis: 0, toMillis: 1, step: .seconds(90))
            XCTFail("accepted a 90 s step")
        } catch let error as StoreError {
            XCTAssertEqual(error.code, .invalidArgument)
        }
    }

    func testTheSizeLimitDeletesTheOldestCondensedReadings_andFreePagesAreReleased() async throws {
        let database = try TemporaryDatabase(self)
        let unbounded = try Store(StoreConfiguration(path: database.path))
        try await fill(unbounded, hours: 24)
        _ = try await unbounded.maintain(at: day + 24 * 3_600_000 + 120_000)
        let full = try await unbounded.diskUsage()
        let limit = full.usedBytes * 7 / 10

        let bounded = try Store(StoreConfiguration(path: database.path, maxDatabaseBytes: limit))
        let report = try await bounded.maintain(at: day + 24 * 3_600_000 + 120_000)
        XCTAssertGreaterThan(report.deletedForSizeLimit, 0)
        XCTAssertLessThanOrEqual(report.diskUsage.usedBytes, limit)
        XCTAssertGreaterThan(report.releasedPages, 0)
        XCTAssertLessThan(report.diskUsage.fileBytes, full.fileBytes)
        XCTAssertLessThanOrEqual(report.diskUsage.freelistCount, max(16, report.diskUsage.pageCount / 20))
        let oldest = try await bounded.readings(deviceID: "M1", point: "voltage_a", fromMillis: 0, toMillis: .max, limit: 1)
        XCTAssertGreaterThan(oldest.first?.timeMillis ?? 0, day, "the oldest readings went first")
        let minutes = try await bounded.aggregatedReadings(
            deviceID: "M1", point: "voltage_a", fromMillis: day, toMillis: day + 3_600_000, step: .seconds(60))
        XCTAssertEqual(minutes.count, 60, "aggregates stay when raw readings go")
    }
}

extension RetentionTests {
    func testALateReadingIsCondensedByTheNextPass() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        try await fill(store, hours: 1)
        let end = day + 3_600_000
        try await store.maintain(at: end + 3_600_000)
        let before = try await store.aggregatedReadings(deviceID: "M1", point: "voltage_a", fromMillis: day, toMillis: end, step: .seconds(900))
        XCTAssertEqual(before.first?.samples, 60)

        // A reading for the first minute arrives after it was condensed (a backlog after a full disk).
        let writer = ReadingWriter(store: store)
        await writer.enqueue([Reading(timeMillis: day + 1, deviceID: "M1", point: "voltage_a", value: 300, quality: .good)])
        try await writer.flush()
        try await store.maintain(at: end + 3_600_000)

        let after = try await store.aggregatedReadings(deviceID: "M1", point: "voltage_a", fromMillis: day, toMillis: end, step: .seconds(900))
        XCTAssertEqual(after.first?.samples, 61)
        XCTAssertEqual(after.first?.max, 300)
        XCTAssertEqual(Array(after.dropFirst()), Array(before.dropFirst()), "other buckets unchanged")
    }
}

extension RetentionTests {
    func testTheMaintenanceServiceRunsPassesUntilCancelled() async throws {
        let store = try Store(StoreConfiguration(path: TemporaryDatabase(self).path))
        let passes = PassLog()
        let service = Task { await store.runMaintenance(every: .milliseconds(20)) { passes.append($0) } }
        let start = ContinuousClock.now
        while passes.count < 2, ContinuousClock.now - start < .seconds(5) { try await Task.sleep(for: .milliseconds(10)) }
        service.cancel()
        await service.value
        XCTAssertGreaterThanOrEqual(passes.count, 2)
        XCTAssertTrue(passes.allSucceeded)
    }
}

private final class PassLog: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Bool] = []
    func append(_ result: Result<MaintenanceReport, any Error>) {
        lock.withLock { results.append((try? result.get()) != nil) }
    }
    var count: Int { lock.withLock { results.count } }
    var allSucceeded: Bool { lock.withLock { results.allSatisfy { $0 } } }
}
