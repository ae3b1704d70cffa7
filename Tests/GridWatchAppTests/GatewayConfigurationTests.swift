import XCTest
import GridWatchApp
import YAMLConfig
import DeviceProfiles
import Modbus

final class GatewayConfigurationTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The repository's `devices/` folder, found from this source file.
    private var profiles: ProfileLibrary {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return ProfileLibrary(directories: [root.appendingPathComponent("devices").path])
    }

    private func write(_ text: String) throws -> String {
        let path = folder.appendingPathComponent("gateway.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func load(_ text: String) throws -> GatewayConfiguration {
        try GatewayConfiguration.load(contentsOf: write(text), profileSearchPath: profiles)
    }

    private func loadError(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> YAMLConfigError {
        let path = try write(text)
        do {
            _ = try GatewayConfiguration.load(contentsOf: path, profileSearchPath: profiles)
        } catch {
            return error
        }
        XCTFail("expected the configuration to be rejected", file: file, line: line)
        throw XCTSkip("no error")
    }

    func testIssueExampleLoadsWithResolvedPathsAndDefaults() throws {
        let configuration = try load("""
            database: data/gridwatch.db
            topology: topology.csv
            buses:
              - id: feeder-7-gateway
                tcp: 127.0.0.1:1502
                timeout_ms: 500
                devices:
                  - {id: M0001, unit: 1, profile: gridwatch-lv-meter, interval: 15s}
                  - {id: TTU01, unit: 9, profile: gridwatch-ttu, interval: 5s, area: TA01, role: terminal_unit}
              - id: rs485-1
                rtu: {device: /dev/ttyS1, baud: 9600, parity: E, data_bits: 8, stop_bits: 1}
                devices:
                  - id: M0002
                    unit: 2
                    profile: gridwatch-lv-meter
                    interval: 1min
                    intervals: {fast: 2s, events: 500ms}
            """)
        XCTAssertEqual(configuration.database, folder.appendingPathComponent("data/gridwatch.db").path)
        XCTAssertEqual(configuration.topology, folder.appendingPathComponent("topology.csv").path)
        XCTAssertEqual(configuration.buses.map(\.id), ["feeder-7-gateway", "rs485-1"])
        XCTAssertEqual(configuration.buses[0].endpoint, .tcp(host: "127.0.0.1", port: 1502))
        XCTAssertEqual(configuration.buses[0].options.responseTimeout, .milliseconds(500))
        XCTAssertEqual(configuration.buses[1].endpoint, .rtu(SerialLine(device: "/dev/ttyS1", baud: 9600, parity: .even)))
        XCTAssertEqual(configuration.devices.map(\.id), ["M0001", "TTU01", "M0002"])
        XCTAssertEqual(configuration.devices[1].area, "TA01")
        XCTAssertEqual(configuration.devices.map(\.role), [.meter, .terminalUnit, .meter], "role defaults to meter")
        XCTAssertEqual(configuration.devices[0].pollSchedule().map(\.interval), [.seconds(15)])
        let schedule = configuration.devices[2].pollSchedule()
        XCTAssertEqual(schedule.map(\.group), ["events", "fast", "slow"])
        XCTAssertEqual(schedule.map(\.interval), [.milliseconds(500), .seconds(2), .seconds(60)], "slow falls back to 'interval'")
    }

    func testUnknownKeyNamesTheFileLineAndTheAllowedKeys() throws {
        let error = try loadError("""
            database: x.db
            buses:
              - id: b
                tcp: 127.0.0.1:1502
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, intervall: 15s}
            """)
        XCTAssertEqual(error.code, .unknownKey)
        XCTAssertEqual(error.line, 6)
        XCTAssertTrue(error.description.hasSuffix("gateway.yaml:6: unknown key 'intervall' in device 'M1', expected one of: id, unit, profile, role, interval, intervals, area, line"), error.description)
    }

    func testBadValuesAreRejectedAtTheirLine() throws {
        let cases: [(String, Int, String)] = [
            ("    tcp: 127.0.0.1:99999\n    devices:\n      - {id: M1, unit: 1, profile: gridwatch-lv-meter}", 4, "expected HOST:PORT"),
            ("    tcp: 127.0.0.1:1502\n    devices:\n      - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 15}", 6, "expected a positive duration"),
            ("    tcp: 127.0.0.1:1502\n    devices:\n      - {id: M1, unit: 1, profile: no-such-meter}", 6, "profile 'no-such-meter'"),
            ("    tcp: 127.0.0.1:1502\n    devices:\n      - {id: M1, unit: 1, profile: gridwatch-lv-meter}\n      - {id: M2, unit: 1, profile: gridwatch-lv-meter}", 7, "unit 1 is used twice"),
            ("    tcp: 127.0.0.1:1502\n    devices:\n      - {id: M1, unit: 1, profile: gridwatch-lv-meter, intervals: {fastest: 1s}}", 6, "unknown key 'fastest'"),
            ("    rtu: {device: /dev/ttyS0, parity: X}\n    devices:\n      - {id: M1, unit: 1, profile: gridwatch-lv-meter}", 4, "expected one of: N, E, O"),
        ]
        for (bus, line, message) in cases {
            let error = try loadError("database: x.db\nbuses:\n  - id: b\n" + bus)
            XCTAssertEqual(error.line, line, error.description)
            XCTAssertTrue(error.description.contains(message), error.description)
        }
    }

    func testInvalidYAMLReportsTheSyntaxErrorLine() throws {
        let error = try loadError("database: x.db\nbuses:\n  - id: [unclosed\n")
        XCTAssertEqual(error.code, .syntax)
        XCTAssertGreaterThan(error.line, 0)
    }

    func testDurationsTakeEveryDocumentedUnit() {
        XCTAssertEqual(DurationText.parse("500ms"), .milliseconds(500))
        XCTAssertEqual(DurationText.parse("15s"), .seconds(15))
        XCTAssertEqual(DurationText.parse("1min"), .seconds(60))
        XCTAssertEqual(DurationText.parse("2h"), .seconds(7200))
        XCTAssertEqual(DurationText.parse("35d"), .seconds(35 * 86_400))
        XCTAssertEqual(DurationText.parse("1.5s"), .milliseconds(1500))
        XCTAssertNil(DurationText.parse("15"))
        XCTAssertNil(DurationText.parse("-1s"))
        XCTAssertEqual(DurationText.format(.seconds(120)), "2min")
        XCTAssertEqual(DurationText.format(.milliseconds(1500)), "1500ms")
    }
}
