import DeviceProfiles
import Foundation
import GridWatchCore
import GridWatchTesting
import Logging
import Reliability
import Store
import XCTest
@testable import GridWatchApp

/// The daemon's daily figures over a real store file: yesterday's and today's figures are the day
/// reports of every stored record, though only the recent records are read.
final class DailyFiguresServiceTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-daily-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testRecentDaysFiguresEqualTheDayReportsOfAllStoredRecords() async throws {
        let path = folder.appendingPathComponent("gateway.yaml").path
        try """
            database: gridwatch.db
            buses:
              - id: feeder-1
                tcp: 127.0.0.1:1502
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, area: TA01, line: L1}
                  - {id: M2, unit: 2, profile: gridwatch-lv-meter, area: TA01, line: L1}
                  - {id: M3, unit: 3, profile: gridwatch-lv-meter, area: TA02, line: L1}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.load(
            contentsOf: path, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
        let store = try Store(configuration.store)
        let day: Int64 = 86_400
        let todayStart = ISO8601Time.parse("2026-03-10T00:00:00Z")!.unixSeconds
        let now = todayStart + 15 * 3_600
        // Old history, yesterday's outages (one that lasts past midnight), today's, one still open.
        let outages: [(String, Int64, Int64?)] = [
            ("M1", todayStart - 40 * day, todayStart - 40 * day + 7_200), ("M2", todayStart - 3 * day, todayStart - 3 * day + 900),
            ("M1", todayStart - day + 3_600, todayStart - day + 5_400), ("M2", todayStart - day + 3_630, todayStart - day + 4_000),
            ("M3", todayStart - 600, todayStart + 1_800), ("M1", todayStart + 7_200, todayStart + 7_300),
            ("M3", todayStart + 10 * 3_600, nil),
        ]
        try await store.saveOutages(outages.map { meter, start, end in
            OutageWrite(record: OutageRecord(meterID: meter, start: start, end: end), area: meter == "M3" ? "TA02" : "TA01", line: "L1")
        })

        let service = DailyFiguresService(configuration: configuration, store: store, wallClock: FixedWallClock(millis: now * 1000),
                                          logger: Logger(label: "test"), utcOffsetSeconds: 0)
        try await service.computeRecentDays()

        let (topology, all) = try await configuration.storedOutageTable()
        XCTAssertEqual(all.count, outages.count)
        let engine = ReliabilityIndexEngine(topology: topology, outages: all)
        var expected: [String] = []
        for (date, from) in [("2026-03-09", todayStart - day), ("2026-03-10", todayStart)] {
            var options = IndexOptions(from: from, to: from + day, utcOffsetSeconds: 0, asOf: now)
            options.customerBase = .dayWeighted
            expected += engine.report(levels: [.area, .line, .county, .region, .system], options: options).groups.map { group in
                "\(date) \(group.level) \(group.id) \(DailyFiguresService.values(of: group).sorted { $0.key < $1.key })"
            }
        }
        var stored: [DailyFigures] = []
        for level in [HierarchyLevel.area, .line, .county, .region, .system] {
            stored += try await store.dailyFigures(level: level, fromDay: "2026-03-09", toDay: "2026-03-11")
        }
        XCTAssertEqual(stored.map { "\($0.day) \($0.level) \($0.scopeID) \($0.values.sorted { $0.key < $1.key })" }.sorted(), expected.sorted())
        XCTAssertTrue(expected.contains { $0.hasPrefix("2026-03-09 area TA01") && $0.contains("(key: \"customer_interruptions\", value: 2.0)") },
                      "yesterday's two outages of TA01 are counted")
    }
}
