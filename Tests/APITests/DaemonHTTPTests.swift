import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import GridWatchTesting
import XCTest

/// `gridwatch run` with an `http` key, polling `gridwatch simulate` over Modbus TCP: the API, the
/// metrics and the dashboard (in headless Chromium) as a field engineer reaches them.
final class DaemonHTTPTests: XCTestCase {
    private var folder: URL!
    private var processes: [ChildProcess] = []

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gridwatch-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        processes.forEach { $0.terminate() }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Two served meters and one that never answers, polled every 200 ms; the API on `listen`.
    private func writeConfiguration(modbusPort: Int, http: String) throws -> String {
        let path = folder.appendingPathComponent("gateway.yaml").path
        try """
            database: \(folder.appendingPathComponent("gridwatch.db").path)
            devices_dir: \(TestEnvironment.devicesDirectory)
            store: {batch_interval: 200ms}
            supervision: {offline_after: 500ms, offline_after_failed_cycles: 2, backoff_initial: 500ms, backoff_max: 2s}
            http: \(http)
            buses:
              - id: feeder-1
                tcp: 127.0.0.1:\(modbusPort)
                timeout_ms: 200
                devices:
                  - {id: M1, unit: 1, profile: gridwatch-lv-meter, interval: 200ms, area: TA01, line: L1}
                  - {id: M2, unit: 2, profile: gridwatch-lv-meter, interval: 200ms, area: TA02, line: L1}
                  - {id: M3, unit: 3, profile: gridwatch-lv-meter, interval: 200ms, area: TA02, line: L1}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func startPolledDaemon() throws -> URL {
        let modbusPort = TestEnvironment.freePort(), httpPort = TestEnvironment.freePort()
        let simulator = try ChildProcess.gridwatch([
            "simulate", "--devices-dir", TestEnvironment.devicesDirectory, "--profile", "gridwatch-lv-meter",
            "--tcp", "127.0.0.1:\(modbusPort)", "--units", "1,2",
        ])
        processes.append(simulator)
        _ = try simulator.waitForLine(startingWith: "serving", timeout: 10)
        let config = try writeConfiguration(modbusPort: modbusPort, http: "{listen: \"127.0.0.1:\(httpPort)\"}")
        processes.append(try ChildProcess(TestEnvironment.gridwatchBinary, ["run", "--config", config]))
        return URL(string: "http://127.0.0.1:\(httpPort)")!
    }

    private func get(_ url: URL) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as! HTTPURLResponse).statusCode, String(decoding: data, as: UTF8.self))
    }

    /// Polls `/health` until it answers 200 (the first cycles polled and stored).
    private func waitUntilReady(_ base: URL) async throws {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let (status, _) = try? await get(base.appendingPathComponent("health")), status == 200 { return }
            try await Task.sleep(for: .milliseconds(200))
        }
        XCTFail("the daemon never became ready")
    }

    func testDaemonServesDevicesMetricsAndHealthWhilePolling() async throws {
        let base = try startPolledDaemon()
        try await waitUntilReady(base)
        var statuses: [String: String] = [:], timeoutsOfM3 = 0
        let deadline = Date().addingTimeInterval(15)
        while statuses["M2"] != "online" || timeoutsOfM3 < 2, Date() < deadline {
            try await Task.sleep(for: .milliseconds(300))
            let (status, body) = try await get(base.appendingPathComponent("api/v1/devices"))
            XCTAssertEqual(status, 200)
            let devices = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [[String: Any]]
            statuses = Dictionary(uniqueKeysWithValues: devices.map { ($0["id"] as! String, $0["status"] as! String) })
            timeoutsOfM3 = devices.first { $0["id"] as? String == "M3" }?["timeouts"] as? Int ?? 0
        }
        XCTAssertEqual(statuses["M1"], "online")
        XCTAssertEqual(statuses["M3"], "never_seen", "unit 3 is not served")

        let (_, metrics) = try await get(base.appendingPathComponent("metrics"))
        XCTAssertTrue(metrics.contains(#"gridwatch_modbus_requests_total{bus="feeder-1",device="M1",result="ok"}"#), metrics)
        XCTAssertTrue(metrics.contains(#"gridwatch_modbus_requests_total{bus="feeder-1",device="M3",result="timeout"}"#), metrics)
        XCTAssertTrue(metrics.contains(#"gridwatch_device_offline{bus="feeder-1",device="M3"} 1.0"#), metrics)
        XCTAssertTrue(metrics.contains("gridwatch_modbus_request_duration_seconds_bucket{"), metrics)
        XCTAssertTrue(metrics.contains("gridwatch_store_rows_written_total "), metrics)
        XCTAssertTrue(metrics.contains("gridwatch_store_database_bytes "), metrics)
        XCTAssertTrue(metrics.contains("gridwatch_open_outages "), metrics)
    }

    func testDashboardRendersTheDaemonsDevicesInChromiumWithoutConsoleErrors() async throws {
        let chromium = try XCTUnwrap(["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                     "headless Chromium is needed: apt-get install -y chromium")
        let base = try startPolledDaemon()
        try await waitUntilReady(base)
        let artifacts = TestEnvironment.packageRoot.appendingPathComponent("artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        for (view, marker) in [("devices", "Area TA02"), ("device/M1", "Meter M1"), ("outages", "Open outages"), ("indices", "customers")] {
            let name = view.replacingOccurrences(of: "/", with: "-")
            let page = base.absoluteString + "/#" + view
            let arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.path)/chromium-\(name)",
                             "--enable-logging=stderr", "--v=0", "--virtual-time-budget=8000", "--window-size=1280,900"]
            let dom = try ChildProcess.run(chromium, arguments + ["--dump-dom", page], timeout: 60)
            XCTAssertEqual(dom.status, 0, dom.error)
            XCTAssertTrue(dom.output.contains(marker), "\(view): \(marker) not rendered")
            // The page writes nothing to the console, so any console line (an error, an uncaught
            // exception, a failed load) is a defect.
            XCTAssertEqual(dom.error.split(separator: "\n").filter { $0.contains(":CONSOLE") }, [], "\(view): console output")
            XCTAssertFalse(dom.output.contains(#"<p id="error" class="error">"#), "\(view): the page shows an error")
            let screenshot = artifacts.appendingPathComponent("dashboard-\(name).png").path
            let shot = try ChildProcess.run(chromium, arguments + ["--screenshot=\(screenshot)", page], timeout: 60)
            XCTAssertEqual(shot.status, 0, shot.error)
            XCTAssertTrue(FileManager.default.fileExists(atPath: screenshot))
        }
        let dom = try ChildProcess.run(chromium, ["--headless", "--no-sandbox", "--user-data-dir=\(folder.path)/chromium-rows", "--virtual-time-budget=8000", "--dump-dom", base.absoluteString + "/"], timeout: 60)
        for id in ["M1", "M2", "M3"] { XCTAssertTrue(dom.output.contains("#device/\(id)"), "device \(id) missing from the table") }
    }

    func testNonLoopbackListenWithoutTokensStopsTheDaemonWithFileAndLine() throws {
        let config = try writeConfiguration(modbusPort: TestEnvironment.freePort(), http: "{listen: \"0.0.0.0:8470\"}")
        let run = try ChildProcess.run(TestEnvironment.gridwatchBinary, ["run", "--config", config], timeout: 20)
        XCTAssertNotEqual(run.status, 0)
        XCTAssertTrue(run.error.contains("gateway.yaml:5:"), run.error)
        XCTAssertTrue(run.error.contains("tokens_file"), run.error)
    }
}
