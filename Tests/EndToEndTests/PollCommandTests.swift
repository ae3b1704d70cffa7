import Foundation
import GridWatchTesting
import XCTest

/// `gridwatch poll` as a field engineer runs it, against pymodbus as an independent server.
final class PollCommandTests: XCTestCase {
    private var peer: PythonPeer?

    override func tearDown() {
        peer?.terminate()
    }

    /// SDM630 input-register addresses and the float32 values the peer serves there.
    private let sdm630: [(name: String, address: Int, value: Double)] = [
        ("voltage_a", 0, 230.1), ("voltage_b", 2, 231.2), ("voltage_c", 4, 229.8), ("current_a", 6, 5.25),
        ("current_b", 8, 4.5), ("current_c", 10, 3.75), ("active_power_a", 12, 1207.5), ("active_power_b", 14, 1040.3),
        ("active_power_c", 16, 861.2), ("active_power_total", 52, 3109), ("reactive_power_total", 60, -412.5),
        ("power_factor", 62, 0.987), ("frequency", 70, 49.98), ("energy_import_total", 72, 12345.6),
        ("energy_export_total", 74, 7.25), ("voltage_ab", 200, 399.1), ("voltage_bc", 202, 400.2),
        ("voltage_ca", 204, 398.7), ("current_n", 224, 0.42),
    ]

    private func poll(_ arguments: [String]) throws -> (status: Int32, output: String, error: String) {
        try ChildProcess.run("gridwatch", ["poll", "--devices-dir", TestEnvironment.devicesDirectory] + arguments)
    }

    func testJSON_ofAnSDM630MapServedByPymodbus_hasExactlyTheServedValues() throws {
        let port = TestEnvironment.freePort()
        let floats = sdm630.map { "\($0.address)=\($0.value)" }.joined(separator: ",")
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["tcp", "--port", "\(port)", "--input-floats", floats])
        let run = try poll(["--profile", "eastron-sdm630", "--tcp", "127.0.0.1:\(port)", "--unit", "1", "--format", "json"])
        XCTAssertEqual(run.status, 0, run.error)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        XCTAssertEqual(object["unit"] as? Int, 1)
        let time = try XCTUnwrap(object["time"] as? String)
        XCTAssertNotNil(try? Date(time, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)), time)
        let points = try XCTUnwrap(object["points"] as? [String: [String: Any]])
        XCTAssertEqual(Set(points.keys), Set(sdm630.map(\.name)))
        for (name, _, value) in sdm630 {
            XCTAssertEqual(points[name]?["value"] as? Double, value, name)
        }
        XCTAssertEqual(points["voltage_a"]?["unit"] as? String, "V")
        XCTAssertNil(object["outage_log"], "the SDM630 has no outage log")
    }

    func testUnreachableDevice_exitsNonZeroWithOneLineReasonOnStderr() throws {
        let port = TestEnvironment.freePort()
        let run = try poll(["--profile", "gridwatch-lv-meter", "--tcp", "127.0.0.1:\(port)", "--unit", "1", "--format", "json"])
        XCTAssertNotEqual(run.status, 0)
        XCTAssertEqual(run.output, "")
        let lines = run.error.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, run.error)
        XCTAssertTrue(run.error.contains("connection refused"), run.error)
    }

    func testTableFormat_listsEveryPointWithItsUnit_andAnUnknownGroupIsRefused() throws {
        let port = TestEnvironment.freePort()
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["tcp", "--port", "\(port)", "--input-floats", "0=230.1,70=50.02"])
        let table = try poll(["--profile", "eastron-sdm120", "--tcp", "127.0.0.1:\(port)", "--group", "fast"])
        XCTAssertEqual(table.status, 0, table.error)
        let lines = table.output.split(separator: "\n")
        XCTAssertTrue(lines.first?.hasPrefix("Eastron SDM120 unit 1 at ") ?? false, table.output)
        XCTAssertTrue(lines.contains { $0.contains("voltage_a") && $0.contains("230.1") && $0.hasSuffix("V") }, table.output)
        XCTAssertTrue(lines.contains { $0.contains("frequency") && $0.contains("50.02") && $0.hasSuffix("Hz") }, table.output)
        let unknown = try poll(["--profile", "eastron-sdm120", "--tcp", "127.0.0.1:\(port)", "--group", "fastest"])
        XCTAssertNotEqual(unknown.status, 0)
        XCTAssertTrue(unknown.error.contains("no poll group 'fastest'"), unknown.error)
    }

    func testPointsTheDeviceRefuses_areNullWithAnError_andTheOthersAreRead() throws {
        let port = TestEnvironment.freePort()
        peer = try PythonPeer(script: "modbus_peer.py", arguments: ["tcp", "--port", "\(port)", "--input-floats", "0=230.1,6=5.5", "--sparse"])
        let run = try poll(["--profile", "eastron-sdm120", "--tcp", "127.0.0.1:\(port)", "--format", "json", "--group", "fast"])
        XCTAssertEqual(run.status, 0, run.error)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let points = try XCTUnwrap(object["points"] as? [String: [String: Any]])
        XCTAssertEqual(points["voltage_a"]?["value"] as? Double, 230.1)
        XCTAssertEqual(points["current_a"]?["value"] as? Double, 5.5)
        XCTAssertTrue(points["frequency"]?["value"] is NSNull)
        XCTAssertTrue((points["frequency"]?["error"] as? String)?.contains("ILLEGAL DATA ADDRESS") ?? false, "\(points["frequency"] ?? [:])")
    }
}
