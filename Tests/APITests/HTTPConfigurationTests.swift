import Foundation
import GridWatchApp
import GridWatchTesting
import XCTest

final class HTTPConfigurationTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("http-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func configuration(http: String?) throws -> GatewayConfiguration {
        let path = folder.appendingPathComponent("gateway.yaml").path
        try """
            database: gridwatch.db
            devices_dir: \(TestEnvironment.devicesDirectory)
            buses:
              - {id: b1, tcp: 127.0.0.1:1502, devices: [{id: M1, unit: 1, profile: gridwatch-lv-meter}]}
            \(http.map { "http: \($0)" } ?? "")
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return try GatewayConfiguration.load(contentsOf: path)
    }

    func testNoHTTPKeyMeansNoServerAndAnEmptyOneListensOnLoopback8470() throws {
        XCTAssertNil(try configuration(http: nil).httpConfiguration())
        let http = try XCTUnwrap(try configuration(http: "{}").httpConfiguration())
        XCTAssertEqual(http.host, "127.0.0.1")
        XCTAssertEqual(http.port, 8470)
        XCTAssertNil(http.tokensFile)
        XCTAssertGreaterThanOrEqual(try http.serverConfiguration().concurrentRequests, 1)
        let limited = try XCTUnwrap(try configuration(http: "{concurrent_requests: 3}").httpConfiguration())
        XCTAssertEqual(try limited.serverConfiguration().concurrentRequests, 3)
    }

    func testTokensFileIsResolvedAgainstTheConfigurationsFolderAndAllowsOtherAddresses() throws {
        let http = try XCTUnwrap(try configuration(http: "{listen: \"0.0.0.0:9000\", tokens_file: tokens}").httpConfiguration())
        XCTAssertEqual(http.host, "0.0.0.0")
        XCTAssertEqual(http.tokensFile, folder.appendingPathComponent("tokens").path)
        XCTAssertThrowsError(try http.serverConfiguration(), "the tokens file does not exist")
        let ipv6 = try XCTUnwrap(try configuration(http: "{listen: \"[::1]:9000\"}").httpConfiguration())
        XCTAssertEqual(ipv6.host, "::1")
        XCTAssertTrue(ipv6.isLoopback)
    }

    func testMistakesAreReportedWithFileAndLine() throws {
        for (http, words) in [
            ("{listen: \"10.0.0.5:8470\"}", "not a loopback address"), ("{listen: \"127.0.0.1\"}", "has no port"),
            ("{listen: \":8470\"}", "has no host"), ("{port: 80}", "unknown key 'port'"), ("{concurrent_requests: 0}", "concurrent_requests"),
        ] {
            XCTAssertThrowsError(try configuration(http: http).httpConfiguration(), http) { error in
                XCTAssertTrue("\(error)".contains("gateway.yaml:5:"), "\(error)")
                XCTAssertTrue("\(error)".contains(words), "\(error)")
            }
        }
    }
}
