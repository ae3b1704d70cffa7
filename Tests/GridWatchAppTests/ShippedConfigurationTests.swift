import XCTest
import DeviceProfiles
import GridWatchApp
import GridWatchTesting

/// The configurations users copy from `config/` must load as they are.
final class ShippedConfigurationTests: XCTestCase {
    func testExampleConfigurationLoads() throws {
        let path = TestEnvironment.packageRoot.appendingPathComponent("config/gridwatch.example.yaml").path
        let configuration = try GatewayConfiguration.load(
            contentsOf: path, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
        XCTAssertEqual(configuration.gatewayID, "substation-07")
        XCTAssertEqual(configuration.buses.map(\.id), ["feeder-7-gateway", "rs485-1"])
        XCTAssertEqual(configuration.devices.count, 5)
        XCTAssertEqual(configuration.store.rawRetention, .seconds(35 * 86_400))
        XCTAssertEqual(configuration.supervision.backoff.maximum, .seconds(60))
    }

    func testSimulatedSubstationGatewayConfigurationLoadsWithItsTopology() throws {
        let path = TestEnvironment.packageRoot.appendingPathComponent("config/simulated-substation-gateway.yaml").path
        let configuration = try GatewayConfiguration.load(
            contentsOf: path, profileSearchPath: ProfileLibrary(directories: [TestEnvironment.devicesDirectory]))
        XCTAssertEqual(configuration.devices.count, 334, "330 meters and 4 terminal units")
        XCTAssertEqual(configuration.devices.filter { $0.role == .terminalUnit }.count, 4)
        XCTAssertEqual(try configuration.meterPlacements().count, 330)
    }
}
