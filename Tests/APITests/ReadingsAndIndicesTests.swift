import Foundation
import XCTest

final class ReadingsAndIndicesTests: XCTestCase {
    var fixture: APIFixture!

    override func setUp() async throws {
        fixture = try await APIFixture()
    }

    override func tearDown() async throws {
        await fixture.shutDown()
    }

    func testReadingsDefaultToTheLastDayRawOrInSteps() async throws {
        let (status, _, raw) = try await fixture.json("/api/v1/devices/m1/readings?point=voltage_a")
        XCTAssertEqual(status, 200)
        let readings = raw as! [[String: Any]]
        XCTAssertEqual(readings.count, 288)
        XCTAssertEqual(readings.first?["time"] as? String, "2026-02-28T00:00:00+08:00")
        let (_, _, hourly) = try await fixture.json("/api/v1/devices/m1/readings?point=voltage_a&step=1h&from=2026-02-28&to=2026-02-28T06:00:00%2B08:00")
        let buckets = hourly as! [[String: Any]]
        XCTAssertEqual(buckets.count, 6)
        XCTAssertEqual(buckets.first?["count"] as? Int, 12)
        XCTAssertEqual(buckets.first?["max"] as? Double, 229)
    }

    func testReadingParametersAreValidated() async throws {
        let cases: [(String, Int)] = [
            ("/api/v1/devices/m1/readings", 400), ("/api/v1/devices/m1/readings?point=voltage_a&step=7s", 400),
            ("/api/v1/devices/m1/readings?point=voltage_a&from=2026-03-01&to=2026-02-01", 400),
            ("/api/v1/devices/m1/readings?point=frequency", 404), ("/api/v1/devices/m9/readings?point=voltage_a", 404),
        ]
        for (path, expected) in cases {
            let (status, _, json) = try await fixture.json(path)
            XCTAssertEqual(status, expected, path)
            XCTAssertNotNil((json as! [String: Any])["detail"], path)
        }
    }

    func testIndicesByAreaMatchTheCLIShapeAndCarryAnETag() async throws {
        let path = "/api/v1/indices?by=area&from=2026-01-01&to=2026-03-01"
        let (status, headers, data) = try await fixture.request(path)
        XCTAssertEqual(status, 200)
        let report = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let groups = report["groups"] as! [[String: Any]]
        XCTAssertEqual(groups.map { $0["id"] as? String }, ["A1", "A2"])
        let a1 = groups[0]["ieee1366"] as! [String: Any]
        XCTAssertEqual(a1["SAIFI"] as? Double, 1.5)
        XCTAssertEqual(report["from"] as? String, "2026-01-01T00:00:00+08:00")
        let etag = try XCTUnwrap(headers["etag"])

        let (again, _, empty) = try await fixture.request(path, headers: ["If-None-Match": etag])
        XCTAssertEqual(again, 304)
        XCTAssertTrue(empty.isEmpty)

        _ = try await fixture.json("/api/v1/events/e1/annotation", method: "POST", body: #"{"cause": "storm"}"#)
        let (changed, newHeaders, _) = try await fixture.request(path, headers: ["If-None-Match": etag])
        XCTAssertEqual(changed, 200, "an annotation changes the records, so the report's ETag")
        XCTAssertNotEqual(newHeaders["etag"], etag)
    }

    func testIndicesOfOneGroupAndTheirValidation() async throws {
        let (_, _, json) = try await fixture.json("/api/v1/indices?by=area&id=A2&from=2026-01-01&to=2026-03-01")
        XCTAssertEqual(((json as! [String: Any])["groups"] as! [[String: Any]]).map { $0["id"] as? String }, ["A2"])
        let cases: [(String, Int, String?)] = [
            ("by=area&from=2026-01-01", 400, "to"), ("by=planet&from=2026-01-01&to=2026-02-01", 400, "by"),
            ("from=2026-02-01&to=2026-01-01", 400, "to"), ("by=area&id=Z9&from=2026-01-01&to=2026-02-01", 404, nil),
        ]
        for (query, expected, parameter) in cases {
            let (status, _, problem) = try await fixture.json("/api/v1/indices?\(query)")
            XCTAssertEqual(status, expected, query)
            XCTAssertEqual((problem as! [String: Any])["parameter"] as? String, parameter, query)
        }
    }
}
