import XCTest
import GridWatchApp
import DeviceProfiles

final class BusConfigurationDescriptionTests: XCTestCase {
    /// ServiceLifecycle names every service by interpolating it, and keeps the name: the services that
    /// hold the configuration must not turn into a dump of every device's profile (it was 6 MB each at
    /// 1,000 devices, a quarter of the daemon's memory).
    func testALargeConfigurationInterpolatesBriefly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-description-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let devices = (1...200).map { "      - {id: M\($0), unit: \($0), profile: gridwatch-lv-meter}" }
        let path = folder.appendingPathComponent("gateway.yaml").path
        try (["database: gridwatch.db", "buses:", "  - id: feeder-7", "    tcp: 127.0.0.1:1502", "    devices:"] + devices)
            .joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let configuration = try GatewayConfiguration.load(
            contentsOf: path, profileSearchPath: ProfileLibrary(directories: [root.appendingPathComponent("devices").path]))

        XCTAssertEqual("\(configuration.buses[0])", "bus 'feeder-7' on tcp://127.0.0.1:1502, 200 devices")
        XCTAssertLessThan("\(configuration)".utf8.count, 4_000, "the whole configuration, as a service holding it is named")
    }
}
