import GridWatchTesting
import Simulation
import XCTest
import YAMLConfig

final class ScenarioLoadingTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// The error loading `text` from a file gives; fails the test when it loads.
    private func loadError(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> YAMLConfigError {
        let path = folder.appendingPathComponent("scenario.yaml").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try Scenario.load(contentsOf: path)
        } catch {
            XCTAssertTrue(error.description.hasPrefix("\(path):\(error.line): "), error.description, file: file, line: line)
            return error
        }
        XCTFail("expected the scenario to be rejected", file: file, line: line)
        throw XCTSkip("no error")
    }

    private let header = """
        seed: 1
        duration: 1h
        areas:
          - {id: TA01, line: L1, meters: 5}

        """

    func testDemoSubstationLoadsWithEveryEventKindAndRealisticAreas() throws {
        let path = TestEnvironment.packageRoot.appendingPathComponent("config/simulated-substation.yaml").path
        let scenario = try Scenario.load(contentsOf: path)
        XCTAssertEqual(Set(scenario.events.map(\.kind)), Set(ScenarioEvent.Kind.allCases))
        XCTAssertTrue((3...4).contains(scenario.areas.count))
        XCTAssertTrue(scenario.areas.allSatisfy { (50...120).contains($0.meterCount) }, "\(scenario.areas.map(\.meterCount))")
        XCTAssertEqual(Double(scenario.durationSeconds) / scenario.timeScale, 60, accuracy: 15, "plays in about a minute")
        XCTAssertTrue(scenario.events.contains { $0.kind == .momentaryOutage && $0.durationSeconds! < 180 })
        XCTAssertNil(scenario.epoch, "the demo starts now")
    }

    func testDefaultsNameMetersAndTerminalUnitsAfterTheArea() throws {
        let scenario = try Scenario.parse(header + "events: []\n", file: "s.yaml")
        XCTAssertEqual(scenario.areas[0].meterIDs, ["TA01-M001", "TA01-M002", "TA01-M003", "TA01-M004", "TA01-M005"])
        XCTAssertEqual(scenario.areas[0].terminalUnitID, "TA01-TTU")
        XCTAssertEqual(scenario.areas[0].nominalVoltage, 220)
        XCTAssertEqual(scenario.timeScale, 60)
        XCTAssertEqual(scenario.durationSeconds, 3_600)
    }

    func testUnknownEventKeyNamesItsLineAndTheAllowedKeys() throws {
        let error = try loadError(header + """
            events:
              - id: E1
                kind: meter_outage
                meter: TA01-M001
                at: 5min
                lasts: 10min
            """)
        XCTAssertEqual(error.code, .unknownKey)
        XCTAssertEqual(error.line, 10)
        XCTAssertTrue(error.message.contains("'lasts'") && error.message.contains("duration"), error.message)
    }

    func testMomentaryOutageOfThreeMinutesIsRejected() throws {
        let error = try loadError(header + "events:\n  - {id: B, kind: momentary_outage, meter: TA01-M002, at: 1min, duration: 3min}\n")
        XCTAssertEqual(error.code, .invalidValue)
        XCTAssertEqual(error.line, 6)
        XCTAssertTrue(error.message.contains("under 3min"), error.message)
    }

    func testUnknownMeterIsRejectedWithAnExample() throws {
        let error = try loadError(header + "events:\n  - id: X\n    kind: comm_failure\n    meter: TA01-M009\n    duration: 5min\n")
        XCTAssertEqual(error.code, .invalidValue)
        XCTAssertEqual(error.line, 8)
        XCTAssertTrue(error.message.contains("TA01-M009") && error.message.contains("TA01-M001"), error.message)
    }

    func testEventEndingAfterTheScenarioIsRejected() throws {
        let error = try loadError(header + "events:\n  - {id: A, kind: area_outage, area: TA01, at: 50min, duration: 9min, restore_spread: 2min}\n")
        XCTAssertEqual(error.code, .invalidValue)
        XCTAssertTrue(error.message.contains("within the scenario's duration"), error.message)
    }

    func testAreaOutageAimedAtAMeterIsRejected() throws {
        let error = try loadError(header + "events:\n  - {id: A, kind: area_outage, meter: TA01-M001, duration: 9min}\n")
        XCTAssertEqual(error.line, 6)
        XCTAssertTrue(error.message.contains("expected 'area'"), error.message)
    }

    func testClockDriftThatMovesNoClockIsRejected() throws {
        let error = try loadError(header + "events:\n  - {id: D, kind: clock_drift, meter: TA01-M001}\n")
        XCTAssertEqual(error.code, .missingKey)
        XCTAssertTrue(error.message.contains("offset_seconds"), error.message)
    }

    func testBadEpochAndMissingDurationAndDuplicateIDsAreReported() throws {
        let epoch = try loadError("seed: 1\nepoch: yesterday\nduration: 1h\nareas: [{id: A, meters: 1}]\n")
        XCTAssertEqual(epoch.line, 2)
        XCTAssertTrue(epoch.message.contains("ISO-8601"), epoch.message)
        let duration = try loadError("seed: 1\nareas: [{id: A, meters: 1}]\n")
        XCTAssertEqual(duration.code, .missingKey)
        let duplicate = try loadError(header + "events:\n  - {id: E, kind: meter_outage, meter: TA01-M001, duration: 1min}\n  - {id: E, kind: meter_outage, meter: TA01-M002, duration: 1min}\n")
        XCTAssertEqual(duplicate.code, .duplicate)
        XCTAssertEqual(duplicate.line, 7)
        let fractional = try loadError(header + "events:\n  - {id: E, kind: meter_outage, meter: TA01-M001, duration: 1500ms}\n")
        XCTAssertTrue(fractional.message.contains("whole seconds"), fractional.message)
    }
}
