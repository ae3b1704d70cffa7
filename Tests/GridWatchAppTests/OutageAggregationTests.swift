import XCTest
import DeviceProfiles
import GridWatchApp
import GridWatchCore
import GridWatchTesting
import Logging
import Modbus
import Store

/// The daemon, in process, against a libmodbus server playing one transformer area: three meters
/// and a battery-backed terminal unit whose registers the test changes as the area loses power.
final class OutageAggregationTests: XCTestCase {
    private var folder: URL!
    private var server: ModbusServer!
    private var daemon: Task<Void, Error>?
    private let meterClockAhead: Int64 = 100
    private let meters = [1, 2, 3]
    private let terminalUnit = 9
    private var meterProfile: DeviceProfile!
    private var ttuProfile: DeviceProfile!
    private var powered = true
    private var outageCount = 0
    private var log: [OutageLogEntry] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-aggregation-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let library = ProfileLibrary(directories: [TestEnvironment.devicesDirectory])
        meterProfile = try library.load("gridwatch-lv-meter")
        ttuProfile = try library.load("gridwatch-ttu")
        server = try ModbusServer(units: meters + [terminalUnit])
    }

    override func tearDownWithError() throws {
        daemon?.cancel()
        server?.stop()
        try? FileManager.default.removeItem(at: folder)
    }

    private var now: Int64 { Int64(Date().timeIntervalSince1970) }

    /// Writes what the area's devices show right now; meters are silent while unpowered.
    private func refreshRegisters(silentMeter: Int? = nil) {
        for unit in meters {
            server.setSilent(!powered || unit == silentMeter, unit: unit)
            server.write([
                "voltage_a": 229.5, "current_a": 3.2, "active_power_total": 700, "frequency": 50,
                "power_factor": 0.95, "energy_import_total": 1234.5, "meter_clock": Double(now + meterClockAhead),
                "outage_count": Double(outageCount),
            ], profile: meterProfile, unit: unit)
            server.writeOutageLog(log, profile: meterProfile, unit: unit)
        }
        let volts: Double = powered ? 231 : 0
        server.write([
            "voltage_a": volts, "voltage_b": volts, "voltage_c": volts, "meter_clock": Double(now),
        ], profile: ttuProfile, unit: terminalUnit)
    }

    /// Keeps the registers fresh for `seconds`.
    private func play(for seconds: Double, silentMeter: Int? = nil) {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            refreshRegisters(silentMeter: silentMeter)
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    private func startDaemon(port: Int) throws -> String {
        let database = folder.appendingPathComponent("gridwatch.db").path
        let config = folder.appendingPathComponent("gateway.yaml").path
        let devices = meters.map { "      - {id: M\($0), unit: \($0), profile: gridwatch-lv-meter, interval: 200ms, area: TA01, line: L1}" }
        try """
            database: \(database)
            store: {batch_interval: 200ms}
            supervision: {offline_after: 500ms, offline_after_failed_cycles: 2, backoff_initial: 200ms, backoff_max: 400ms}
            buses:
              - id: area-ta01
                tcp: 127.0.0.1:\(port)
                timeout_ms: 100
                devices:
            \(devices.joined(separator: "\n"))
                  - {id: T1, unit: \(terminalUnit), profile: gridwatch-ttu, role: terminal_unit, interval: 200ms, area: TA01}
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let configuration = try GatewayConfiguration.load(
            contentsOf: config, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
        let daemon = GatewayDaemon(configuration: configuration, logger: Logger(label: "test"))
        self.daemon = Task { try await daemon.run() }
        return database
    }

    private func outages(_ database: String) async throws -> [StoredOutage] {
        try await Store(StoreConfiguration(path: database), access: .readOnly).outages(OutageQuery())
    }

    func testAreaOutageIsProvisionalFromTheTerminalUnitThenConfirmedByMeterLogs_andACommunicationFaultIsNone() async throws {
        refreshRegisters()
        let port = try server.start(.tcp(host: "127.0.0.1", port: 0))
        let database = try startDaemon(port: port)
        play(for: 1.0)

        // The area loses power: meters fall silent, the terminal unit reads 0 V.
        let outageStart = now
        powered = false
        play(for: 1.5)
        let during = try await outages(database)
        XCTAssertEqual(Set(during.map(\.record.meterID)), ["M1", "M2", "M3"], "one provisional record per meter of the area")
        XCTAssertTrue(during.allSatisfy { $0.record.source == .terminalUnit && $0.record.end == nil })
        XCTAssertEqual(Set(during.map(\.record.eventID)).count, 1, "one interruption event")
        XCTAssertEqual(during.first!.record.start, outageStart, accuracy: 1)

        // Power returns; each meter has logged the outage in its own clock (100 s ahead).
        let outageEnd = now
        powered = true
        outageCount = 1
        log = [OutageLogEntry(start: outageStart + meterClockAhead, end: outageEnd + meterClockAhead)]
        play(for: 1.5)
        let after = try await outages(database)
        XCTAssertEqual(after.map(\.record.meterID).sorted(), ["M1", "M2", "M3"], "logs confirm and replace, never add")
        for outage in after {
            XCTAssertEqual(outage.record.source, .meterLog)
            XCTAssertEqual(outage.logStart, outageStart + meterClockAhead)
            XCTAssertEqual(outage.record.start, outageStart, accuracy: 1, "corrected by the measured clock offset")
            XCTAssertEqual(outage.record.end!, outageEnd, accuracy: 1)
        }
        XCTAssertEqual(Set(after.map(\.record.eventID)), Set(during.map(\.record.eventID)), "the event carries over")

        // One meter stops answering while the terminal unit shows normal voltage: a link fault.
        play(for: 1.5, silentMeter: 2)
        let final = try await outages(database)
        XCTAssertEqual(final.count, 3, "a communication fault produces no outage: \(final.map(\.record))")
    }

    func testUntrustedLogRecordsAreDroppedAndACounterGoingBackwardsChangesNothing() async throws {
        // Newest first: one real outage among records that end before they start, lie far in the
        // future or before 2000, and a duplicate.
        let good = OutageLogEntry(start: now - 600 + meterClockAhead, end: now - 300 + meterClockAhead)
        log = [
            OutageLogEntry(start: now - 100 + meterClockAhead, end: now - 200 + meterClockAhead),
            OutageLogEntry(start: now + 30 * 86_400, end: now + 31 * 86_400), good, good,
            OutageLogEntry(start: 5, end: 10),
        ]
        outageCount = log.count
        refreshRegisters()
        let port = try server.start(.tcp(host: "127.0.0.1", port: 0))
        let database = try startDaemon(port: port)
        play(for: 2.0)
        outageCount = 1
        log = [good]
        play(for: 1.0)
        let stored = try await outages(database)
        XCTAssertEqual(stored.map(\.record.meterID).sorted(), ["M1", "M2", "M3"], "only the real outage, once per meter: \(stored.map(\.record))")
        XCTAssertTrue(stored.allSatisfy { $0.logStart == good.start && $0.record.end! > $0.record.start })
        let flags = try await Store(StoreConfiguration(path: database), access: .readOnly).inputFlags(deviceID: "M1")
        XCTAssertEqual(flags.map(\.reason).sorted(), [
            "log_duplicate_record", "log_end_before_start", "log_time_before_2000", "log_time_in_the_future", "outage_count_went_backwards",
        ], "every rejection is kept for data-quality review")
        let running = daemon.map { !$0.isCancelled } ?? false
        XCTAssertTrue(running)
    }
}

private func XCTAssertEqual(_ a: Int64, _ b: Int64, accuracy: Int64, _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertLessThanOrEqual(abs(a - b), accuracy, "\(a) is not \(b) ± \(accuracy) \(message)", file: file, line: line)
}
