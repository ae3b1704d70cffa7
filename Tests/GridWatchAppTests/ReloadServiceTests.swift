import DeviceProfiles
import Foundation
import GridWatchTesting
import XCTest
@testable import GridWatchApp

/// A reload applies devices and rules at once; the keys the open database, listener and forwarder
/// were started with are named as waiting for a restart.
final class ReloadServiceTests: XCTestCase {
    func testAReloadNamesTheSettingsOnlyARestartApplies() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-reload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("gateway.yaml").path
        func load(database: String, listen: String, units: [Int]) throws -> GatewayConfiguration {
            let devices = units.map { "      - {id: M\($0), unit: \($0), profile: gridwatch-lv-meter, interval: 15s}" }.joined(separator: "\n")
            try """
                database: \(database)
                http: {listen: "\(listen)"}
                buses:
                  - id: feeder-1
                    tcp: 127.0.0.1:1502
                    devices:
                \(devices)
                """.write(toFile: path, atomically: true, encoding: .utf8)
            return try GatewayConfiguration.load(contentsOf: path, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
        }
        let running = try load(database: "a.db", listen: "127.0.0.1:8470", units: [1])
        let http = try running.httpConfiguration()

        let moreDevices = try load(database: "a.db", listen: "127.0.0.1:8470", units: [1, 2])
        XCTAssertEqual(try ReloadService.restartOnlyChanges(from: running, http: http, to: moreDevices), [], "devices apply at once")

        let moved = try load(database: "b.db", listen: "127.0.0.1:9000", units: [1])
        XCTAssertEqual(try ReloadService.restartOnlyChanges(from: running, http: http, to: moved), ["database", "http"])
    }
}
