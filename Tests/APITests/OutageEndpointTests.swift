import Foundation
import XCTest

final class OutageEndpointTests: XCTestCase {
    var fixture: APIFixture!

    override func setUp() async throws {
        fixture = try await APIFixture()
    }

    override func tearDown() async throws {
        await fixture.shutDown()
    }

    func testOutagesFilterByAreaRangeAndOpen() async throws {
        let (_, headers, all) = try await fixture.json("/api/v1/outages")
        XCTAssertEqual(headers["x-total-count"], "4")
        XCTAssertEqual((all as! [[String: Any]]).count, 4)
        let (_, _, area) = try await fixture.json("/api/v1/outages?area=A2")
        XCTAssertEqual((area as! [[String: Any]]).map { $0["meter_id"] as? String }, ["m3"])
        let (_, _, open) = try await fixture.json("/api/v1/outages?open=true")
        let openRows = open as! [[String: Any]]
        XCTAssertEqual(openRows.map { $0["meter_id"] as? String }, ["m2"])
        XCTAssertEqual(openRows.first?["duration_seconds"] as? Int, 3600)
        let (_, _, recent) = try await fixture.json("/api/v1/outages?from=2026-02-25&to=2026-03-01T00:00:00%2B08:00")
        XCTAssertEqual((recent as! [[String: Any]]).map { $0["meter_id"] as? String }, ["m3", "m2"])
    }

    func testOutageParametersAreValidated() async throws {
        let cases = [
            ("from=yesterday", "from"), ("from=2026-03-02&to=2026-03-01", "to"), ("open=maybe", "open"),
            ("meter=m9", "meter"), ("area=Z9", "area"), ("line=L9", "line"),
        ]
        for (query, parameter) in cases {
            let (status, _, json) = try await fixture.json("/api/v1/outages?\(query)")
            XCTAssertEqual(status, 400, query)
            let problem = json as! [String: Any]
            XCTAssertEqual(problem["parameter"] as? String, parameter, query)
            XCTAssertFalse((problem["detail"] as? String ?? "").isEmpty)
        }
    }

    func testEventShowsItsOutagesAndAnnotationIsRecorded() async throws {
        let (status, _, json) = try await fixture.json("/api/v1/events/e1")
        XCTAssertEqual(status, 200)
        XCTAssertEqual(((json as! [String: Any])["outages"] as! [[String: Any]]).count, 2)

        let body = #"{"class": "fault_external", "cause": "tree on line", "cause_code": "T1", "work_order": "WO-7", "author": "field"}"#
        let (annotated, _, result) = try await fixture.json("/api/v1/events/e1/annotation", method: "POST", body: body)
        XCTAssertEqual(annotated, 200)
        let event = result as! [String: Any]
        XCTAssertEqual(event["class"] as? String, "fault_external")
        XCTAssertEqual((event["outages"] as! [[String: Any]]).map { $0["work_order"] as? String }, ["WO-7", "WO-7"])
        XCTAssertEqual((event["annotations"] as! [[String: Any]]).first?["author"] as? String, "field")
    }

    func testAnnotationRejectsUnknownEventsClassesAndKeys() async throws {
        let (missing, _, _) = try await fixture.json("/api/v1/events/e9/annotation", method: "POST", body: #"{"cause": "x"}"#)
        XCTAssertEqual(missing, 404)
        let (unknownEvent, _, _) = try await fixture.json("/api/v1/events/e9")
        XCTAssertEqual(unknownEvent, 404)
        for body in [#"{"class": "gremlins"}"#, #"{"colour": "red"}"#, #"{}"#, "not json", #"{"cause": 7}"#] {
            let (status, headers, _) = try await fixture.json("/api/v1/events/e1/annotation", method: "POST", body: body)
            XCTAssertEqual(status, 400, body)
            XCTAssertEqual(headers["content-type"], "application/problem+json", body)
        }
    }

    func testViolationsListAndAcknowledge() async throws {
        let (_, _, open) = try await fixture.json("/api/v1/violations?open=true&entity=area")
        let violations = open as! [[String: Any]]
        XCTAssertEqual(violations.map { $0["entity_id"] as? String }, ["A1"])
        XCTAssertTrue(violations[0]["acknowledged"] is NSNull)

        let (status, _, acked) = try await fixture.json("/api/v1/violations/\(fixture.violationID)/ack", method: "POST", body: #"{"note": "crew sent"}"#)
        XCTAssertEqual(status, 200)
        XCTAssertEqual((acked as! [String: Any])["remediation_note"] as? String, "crew sent")
        XCTAssertEqual((acked as! [String: Any])["acknowledged"] as? String, "2026-03-01T00:00:00+08:00")

        let (unknown, _, _) = try await fixture.json("/api/v1/violations/999/ack", method: "POST", body: "{}")
        XCTAssertEqual(unknown, 404)
        let (badID, _, _) = try await fixture.json("/api/v1/violations/abc/ack", method: "POST", body: "{}")
        XCTAssertEqual(badID, 400)
        let (badEntity, _, _) = try await fixture.json("/api/v1/violations?entity=planet")
        XCTAssertEqual(badEntity, 400)
    }
}

final class FrequentOutageEndpointTests: XCTestCase {
    func testStatusPerLineAndAreaCountsTheYearsRecordsAndOpenProblems() async throws {
        let fixture = try await APIFixture()
        let (status, _, json) = try await fixture.json("/api/v1/frequent-outages?year=2026")
        let (bad, _, _) = try await fixture.json("/api/v1/frequent-outages?year=twenty")
        await fixture.shutDown()
        XCTAssertEqual(status, 200)
        XCTAssertEqual(bad, 400)
        let rows = (json as! [String: Any])["rows"] as! [[String: Any]]
        XCTAssertEqual(rows.map { "\($0["level"]!)/\($0["id"]!)" }, ["line/L1", "line/L2", "area/A1", "area/A2"])
        let a1 = rows[2]
        XCTAssertEqual(a1["meters"] as? Int, 2)
        XCTAssertEqual(a1["outages"] as? Int, 3, "the event's two records and m2's open one; the year starts at the gateway's offset")
        XCTAssertEqual(a1["open_problems"] as? Int, 1)
        XCTAssertEqual(rows[3]["open_problems"] as? Int, 0)
    }
}
