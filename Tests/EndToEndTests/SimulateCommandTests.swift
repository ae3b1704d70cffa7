import Foundation
import GridWatchTesting
import XCTest

/// `gridwatch simulate` read by independent clients (mbpoll) and by `gridwatch poll` over RTU.
final class SimulateCommandTests: XCTestCase {
    private var simulator: ChildProcess?
    private var pty: PtyPair?

    override func tearDown() {
        simulator?.terminate()
        pty?.close()
    }

    private func simulate(_ arguments: [String]) throws {
        let process = try ChildProcess.gridwatch(["simulate", "--devices-dir", TestEnvironment.devicesDirectory] + arguments)
        simulator = process
        _ = try process.waitForLine(startingWith: "serving", timeout: 10)
    }

    func testMbpollOverTCP_readsTheValuesTheSimulatorMeant() throws {
        let port = TestEnvironment.freePort()
        try simulate(["--profile", "eastron-sdm630", "--tcp", "127.0.0.1:\(port)", "--units", "1,2"])
        // energy_export_total (address 74, register 75) and current_n (224) are constant in the simulation.
        let floats = try ChildProcess.run("mbpoll", ["-m", "tcp", "-p", "\(port)", "-a", "2", "-t", "3:float", "-B", "-r", "75", "-c", "1", "-1", "127.0.0.1"])
        XCTAssertEqual(floats.status, 0, floats.error)
        XCTAssertTrue(floats.output.contains("[75]: \t12.5"), floats.output)
        let neutral = try ChildProcess.run("mbpoll", ["-m", "tcp", "-p", "\(port)", "-a", "1", "-t", "3:float", "-B", "-r", "225", "-c", "1", "-1", "127.0.0.1"])
        XCTAssertTrue(neutral.output.contains("[225]: \t0.4"), neutral.output)
    }

    func testMbpollOverRTU_readsTheReferenceMeterOnAPtyLine() throws {
        let pty = try PtyPair()
        self.pty = pty
        try simulate(["--profile", "gridwatch-lv-meter", "--rtu", pty.second, "--baud", "9600", "--units", "3"])
        // mbpoll defaults to even parity; the simulator serves 8N1.
        let run = try ChildProcess.run("mbpoll", ["-m", "rtu", "-b", "9600", "-P", "none", "-a", "3", "-t", "4", "-r", "11", "-c", "1", "-1", pty.first])
        XCTAssertEqual(run.status, 0, run.error)
        XCTAssertTrue(run.output.contains("[11]: \t2"), "outage_count is 2: \(run.output)")
    }

    func testPollOverRTU_readsTheSimulatedMeterAndItsOutageLog() throws {
        let pty = try PtyPair()
        self.pty = pty
        try simulate(["--profile", "gridwatch-lv-meter", "--rtu", pty.second, "--units", "1,2"])
        let run = try ChildProcess.run("gridwatch", [
            "poll", "--devices-dir", TestEnvironment.devicesDirectory, "--profile", "gridwatch-lv-meter",
            "--rtu", pty.first, "--baud", "9600", "--parity", "N", "--unit", "2", "--format", "json",
        ])
        XCTAssertEqual(run.status, 0, run.error)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let points = try XCTUnwrap(object["points"] as? [String: [String: Any]])
        let voltage = try XCTUnwrap(points["voltage_a"]?["value"] as? Double)
        XCTAssertEqual(voltage, 230, accuracy: 3)
        let log = try XCTUnwrap(object["outage_log"] as? [[String: Any]])
        XCTAssertEqual(log.count, 2)
        XCTAssertNotNil(log.first?["start"] as? String)
    }
}
