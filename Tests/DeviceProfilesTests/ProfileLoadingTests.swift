import DeviceProfiles
import GridWatchTesting
import XCTest

final class ProfileLoadingTests: XCTestCase {
    private func load(_ text: String) throws -> DeviceProfile {
        try DeviceProfile.parse(text, name: "test", file: "test.yaml")
    }

    private func assertError(_ text: String, _ code: ProfileError.Code, _ expected: String, line: UInt = #line) {
        XCTAssertThrowsError(try load(text), line: line) { error in
            guard let error = error as? ProfileError else { return XCTFail("\(error)", line: line) }
            XCTAssertEqual(error.code, code, line: line)
            XCTAssertEqual(error.description, expected, line: line)
        }
    }

    func testShippedProfiles_allLoad() throws {
        let library = ProfileLibrary(directories: [TestEnvironment.devicesDirectory])
        for name in ["eastron-sdm630", "eastron-sdm120", "sunspec-meter-203", "gridwatch-lv-meter", "gridwatch-ttu"] {
            let profile = try library.load(name)
            XCTAssertFalse(profile.points.isEmpty, name)
        }
    }

    func testReferenceMeterProfile_matchesTheIssuesRegisterMap() throws {
        let profile = try ProfileLibrary(directories: [TestEnvironment.devicesDirectory]).load("gridwatch-lv-meter")
        let layout = profile.points.map { "\($0.address) \($0.name) \($0.type.rawValue) \($0.scale)" }
        XCTAssertEqual(layout, [
            "0 voltage_a uint16 0.1", "1 current_a int16 0.01", "2 active_power_total int32 1.0",
            "4 frequency uint16 0.01", "5 power_factor int16 0.001", "6 energy_import_total uint32 0.01",
            "8 meter_clock uint32 1.0", "10 outage_count uint16 1.0",
        ])
        XCTAssertEqual(profile.outageLog, OutageLogLayout(address: 12, records: 10, countPoint: "outage_count", line: profile.outageLog?.line ?? 0))
    }

    func testDefaults_applyToPointsAndCanBeOverridden() throws {
        let profile = try load("""
            function: input
            word_order: CDAB
            type: float32
            points:
              - {name: a, address: 0}
              - {name: b, address: 2, function: holding, word_order: ABCD, type: int16, scale: 0.1, unit: V, group: fast}
            """)
        XCTAssertEqual(profile.points[0], Point(name: "a", function: .inputRegisters, address: 0, type: .float32, wordOrder: .cdab, line: 5))
        XCTAssertEqual(profile.points[1].function, .holdingRegisters)
        XCTAssertEqual(profile.points[1].wordOrder, .abcd)
        XCTAssertEqual(profile.points(inGroup: "fast").map(\.name), ["b"])
    }

    func testUnknownKey_isReportedWithItsLine() {
        assertError("points:\n  - name: a\n    address: 0\n    type: uint16\n    scael: 2\n", .unknownKey,
                    "test.yaml:5: unknown key 'scael' in point 'a', expected one of: name, address, type, function, word_order, count, scale, offset, scale_factor, unit, not_available, group, description")
    }

    func testUnknownType_isReportedWithItsLine() {
        assertError("points:\n  - {name: a, address: 0, type: float33}\n", .invalidValue,
                    "test.yaml:2: 'type' of point 'a' is 'float33', expected one of: uint16, int16, uint32, int32, uint64, int64, float32, float64, bcd16, bcd32, bool")
    }

    func testOverlappingPoints_areRejected() {
        assertError("points:\n  - {name: a, address: 0, type: uint32}\n  - {name: b, address: 1, type: uint16}\n", .overlap,
                    "test.yaml:3: point 'b' at 1 overlaps point 'a' (0..<2), expected separate registers")
    }

    func testAddressBeyond65535_isRejected() {
        assertError("points:\n  - {name: a, address: 65535, type: uint32}\n", .addressOutOfRange,
                    "test.yaml:2: point 'a' at 65535 as uint32 ends beyond 65535, expected it to end at 65535 or below")
        assertError("points:\n  - {name: a, address: 70000, type: uint16}\n", .invalidValue,
                    "test.yaml:2: 'address' of point 'a' is '70000', expected a whole number in 0...65535")
    }

    func test32BitTypeOnAnOddCount_isRejected() {
        assertError("points:\n  - {name: a, address: 0, type: float32, count: 1}\n", .invalidValue,
                    "test.yaml:2: point 'a' has count 1 but float32 takes 2 register(s), expected 2")
    }

    func testBoolInARegisterTable_isRejected() {
        assertError("points:\n  - {name: a, address: 0, type: bool}\n", .invalidValue,
                    "test.yaml:2: point 'a' is bool in the holding table, expected bool for coil/discrete and a register type for holding/input")
    }

    func testPointInsideTheOutageLog_isRejected() {
        assertError("points:\n  - {name: a, address: 14, type: uint16}\noutage_log: {address: 12, records: 2}\n", .overlap,
                    "test.yaml:2: point 'a' at 14 lies inside the outage log (12..<20), expected separate registers")
    }

    func testScaleFactorNamingNoPoint_isRejected() {
        assertError("points:\n  - {name: a, address: 0, type: int16, scale_factor: a_sf}\n", .invalidValue,
                    "test.yaml:2: point 'a' takes its scale factor from 'a_sf', expected the name of an int16 point of this profile")
    }

    func testOutageLogCountPointNamingNoIntegerPoint_isRejected() {
        assertError("points:\n  - {name: a, address: 0, type: float32}\noutage_log:\n  address: 12\n  records: 2\n  count_point: a\n", .invalidValue,
                    "test.yaml:4: outage_log takes its record count from 'a', expected the name of an integer point of this profile")
    }

    func testBadYAML_isReportedAsSyntaxWithALine() {
        XCTAssertThrowsError(try load("points:\n  - {name: a, address: 0\n")) { error in
            XCTAssertEqual((error as? ProfileError)?.code, .syntax)
            XCTAssertGreaterThan((error as? ProfileError)?.line ?? 0, 0)
        }
    }

    func testDuplicatedKey_isReportedAsSyntaxAtItsLine() {
        assertError("manufacturer: x\npoints:\n  - {name: a, address: 0, type: uint16}\npoints: []\n", .syntax,
                    "test.yaml:2: is not valid YAML (duplicated keys points), expected YAML")
    }

    func testUnknownProfileName_listsTheFoldersSearched() {
        XCTAssertThrowsError(try ProfileLibrary(directories: ["/nonexistent"]).load("no-such-meter")) { error in
            XCTAssertEqual((error as? ProfileError)?.code, .unknownProfile)
        }
    }
}
