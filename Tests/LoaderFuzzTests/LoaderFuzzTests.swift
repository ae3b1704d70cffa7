import DeviceProfiles
import Foundation
import GridWatchApp
import GridWatchCore
import GridWatchTesting
import Reliability
import Rules
import XCTest
import YAMLConfig

/// Every loader of a file a person edits or a system exports rejects malformed input with its typed
/// error and never crashes: seeded random mutations of valid files, a few seconds per loader.
final class LoaderFuzzTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    private func shipped(_ relative: String) throws -> String {
        try String(contentsOf: TestEnvironment.packageRoot.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Runs `load` over mutations of `seeds`, failing on any error other than one of `errorType`.
    private func fuzz(_ name: String, seeds: [String], rejecting errorType: any Error.Type, _ load: @escaping (String) throws -> Void) throws {
        var unexpected: [String] = []
        let (tried, rejected) = try FuzzRun(name: name).run(seeds: seeds, file: path(name)) { file in
            do {
                try load(file)
                return true
            } catch {
                if type(of: error) != errorType, unexpected.count < 3 { unexpected.append("\(type(of: error)): \(error)") }
                return false
            }
        }
        print("fuzz \(name): \(tried) inputs, \(rejected) rejected")
        XCTAssertGreaterThan(tried, 100, "the fuzz run of \(name) must try a meaningful number of inputs")
        XCTAssertGreaterThan(rejected, 0, "mutations of \(name) must produce some invalid inputs")
        XCTAssertEqual(unexpected, [], "\(name) threw errors other than \(errorType)")
    }

    func testProfileLoaderRejectsMutatedProfilesWithoutCrashing() throws {
        let seeds = try ["gridwatch-lv-meter", "gridwatch-ttu", "eastron-sdm630", "sunspec-meter-203"].map { try shipped("devices/\($0).yaml") }
        try fuzz("profile.yaml", seeds: seeds, rejecting: ProfileError.self) { _ = try DeviceProfile.load(contentsOf: $0) }
    }

    func testConfigurationLoaderRejectsMutatedConfigurationsWithoutCrashing() throws {
        let example = try shipped("config/gridwatch.example.yaml")
            .replacingOccurrences(of: "topology: topology.csv", with: "")
        let profiles = ProfileLibrary.standard(explicit: TestEnvironment.devicesDirectory)
        // The example's `rules: {file: rules.yaml}` is found beside it, so mutations reach the keys after it.
        try shipped("config/rules.yaml").write(toFile: path("rules.yaml"), atomically: true, encoding: .utf8)
        try fuzz("gateway.yaml", seeds: [example], rejecting: YAMLConfigError.self) {
            _ = try GatewayConfiguration.load(contentsOf: $0, profileSearchPath: profiles)
        }
    }

    func testRuleLoaderRejectsMutatedRuleFilesWithoutCrashing() throws {
        try fuzz("rules.yaml", seeds: [try shipped("config/rules.yaml")], rejecting: RuleFileError.self) { _ = try RuleSet.load(path: $0) }
    }

    func testTopologyImporterRejectsMutatedFilesWithoutCrashing() throws {
        let seed = """
            meter_id,area,line,county,region,customers,kva,in_service_from,in_service_to,nominal_voltage
            M1,A1,L1,C1,R1,,5,,,230
            M2,A1,L1,C1,R1,3,,2025-01-01,,
            M3,"A,2",L1,C1,R1,1,2.5,,2025-06-01T00:00:00+08:00,220

            """
        try fuzz("topology.csv", seeds: [seed], rejecting: CSVFileError.self) { _ = try Topology.load(path: $0, dateUTCOffsetSeconds: 28_800) }
    }

    func testOutageImporterRejectsMutatedFilesWithoutCrashing() throws {
        let topology = Topology(placements: (1...3).map { MeterPlacement(meterID: "M\($0)", area: "A1", line: "L1", county: "C1", region: "R1") })
        let seed = #"""
            meter_id,start,end,event_id,class,cause,cause_code,reclose_operations,work_order
            M1,2025-03-01T08:00:00+08:00,2025-03-01T08:05:01+08:00,E1,planned,"storm, ""big""",C7,2,WO-1
            M2,2025-03-01T08:00:00+08:00,,E1,,,,,
            M3,2025-03-02T00:00:00Z,2025-03-02T00:00:30Z,,fault_external,tree,,0,

            """#
        try fuzz("outages.csv", seeds: [seed], rejecting: CSVFileError.self) { _ = try OutageTable.load(path: $0, topology: topology) }
    }

    func testDailySAIDIImporterRejectsMutatedFilesWithoutCrashing() throws {
        let seed = "date,saidi_minutes\n2024-01-01,0\n2024-01-02,3.5\n2024-02-29,120\n"
        try fuzz("daily.csv", seeds: [seed], rejecting: CSVFileError.self) { _ = try DailySAIDIHistory.load(path: $0) }
    }

    func testPlannedNoticeImporterRejectsMutatedFilesWithoutCrashing() throws {
        let seed = """
            notice_id,scope,scope_id,start,end,cause
            N1,area,A1,2025-03-01T08:00:00+08:00,2025-03-01T12:00:00+08:00,maintenance
            N2,line,L1,2025-03-02T00:00:00Z,2025-03-02T01:00:00Z,

            """
        try fuzz("planned.csv", seeds: [seed], rejecting: CSVFileError.self) { _ = try PlannedNotice.load(path: $0) }
    }
}
