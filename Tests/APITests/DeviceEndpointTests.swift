import Foundation
import XCTest

final class DeviceEndpointTests: XCTestCase {
    var fixture: APIFixture!

    override func setUp() async throws {
        fixture = try await APIFixture()
    }

    override func tearDown() async throws {
        await fixture.shutDown()
    }

    func testHealthSaysReadyWithFigures() async throws {
        let (status, _, json) = try await fixture.json("/health")
        XCTAssertEqual(status, 200)
        let body = json as! [String: Any]
        XCTAssertEqual(body["ready"] as? Bool, true)
        XCTAssertEqual(body["cycles"] as? Int, 3)
    }

    func testDevicesListsEveryDeviceWithStatusInTheCLIShape() async throws {
        let (status, headers, json) = try await fixture.json("/api/v1/devices")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(headers["x-total-count"], "3")
        let devices = json as! [[String: Any]]
        XCTAssertEqual(devices.map { $0["id"] as? String }, ["m1", "m2", "m3"])
        XCTAssertEqual(devices.map { $0["status"] as? String }, ["online", "offline", "never_seen"])
        XCTAssertEqual(devices[1]["last_error_code"] as? String, "timeout")
        XCTAssertEqual(devices[0]["last_success"] as? String, "2026-03-01T00:00:00+08:00")
        XCTAssertEqual(Set(devices[0].keys).count, 22)
    }

    func testDevicesArePagedWithALinkToTheNextPage() async throws {
        let (_, headers, json) = try await fixture.json("/api/v1/devices?limit=2&area=A1")
        XCTAssertEqual((json as! [[String: Any]]).count, 2)
        XCTAssertEqual(headers["x-total-count"], "2")
        XCTAssertNil(headers["link"])
        let (_, firstHeaders, _) = try await fixture.json("/api/v1/devices?limit=2")
        XCTAssertEqual(firstHeaders["link"], "</api/v1/devices?limit=2&offset=2>; rel=\"next\"")
        let (_, _, rest) = try await fixture.json("/api/v1/devices?limit=2&offset=2")
        XCTAssertEqual((rest as! [[String: Any]]).map { $0["id"] as? String }, ["m3"])
    }

    func testDeviceShowsLatestValuesRecentErrorsAndPoints() async throws {
        let (status, _, json) = try await fixture.json("/api/v1/devices/m1")
        XCTAssertEqual(status, 200)
        let body = json as! [String: Any]
        XCTAssertEqual((body["device"] as! [String: Any])["id"] as? String, "m1")
        let values = body["values"] as! [[String: Any]]
        XCTAssertEqual(values.first?["point"] as? String, "voltage_a")
        XCTAssertEqual(values.first?["quality"] as? String, "good")
        XCTAssertEqual(body["points"] as? [String], ["voltage_a"])
    }

    func testUnknownDeviceIsA404ProblemDocument() async throws {
        let (status, headers, data) = try await fixture.request("/api/v1/devices/nope")
        XCTAssertEqual(status, 404)
        XCTAssertEqual(headers["content-type"], "application/problem+json")
        let problem = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        XCTAssertEqual(problem["status"] as? Int, 404)
        XCTAssertTrue((problem["detail"] as? String ?? "").contains("nope"), "\(problem)")
    }

    func testBadListParametersAre400WithTheReason() async throws {
        for (query, parameter) in [("status=sleepy", "status"), ("limit=0", "limit"), ("offset=-1", "offset"), ("colour=red", "colour")] {
            let (status, _, json) = try await fixture.json("/api/v1/devices?\(query)")
            XCTAssertEqual(status, 400, query)
            XCTAssertEqual((json as! [String: Any])["parameter"] as? String, parameter, query)
        }
    }
}

final class HealthEndpointTests: XCTestCase {
    func testHealthIs503WithTheReasonWhenNotReady() async throws {
        let fixture = try await APIFixture(ready: false)
        let (status, headers, json) = try await fixture.json("/health")
        let (metrics, metricsHeaders, text) = try await fixture.request("/metrics")
        await fixture.shutDown()
        XCTAssertEqual(status, 503)
        XCTAssertEqual(headers["content-type"], "application/json")
        let body = json as! [String: Any]
        XCTAssertEqual(body["live"] as? Bool, true)
        XCTAssertEqual(body["ready"] as? Bool, false)
        XCTAssertEqual(body["reason"] as? String, "no poll cycle completed yet")
        XCTAssertEqual(metrics, 200)
        XCTAssertEqual(metricsHeaders["content-type"], "text/plain; version=0.0.4; charset=utf-8")
        XCTAssertTrue(String(decoding: text, as: UTF8.self).contains("gridwatch_test_total 1"))
    }
}
