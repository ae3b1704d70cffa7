import API
import Foundation
import XCTest

final class AuthenticationTests: XCTestCase {
    static let readToken = "read-token-0123456789"
    static let annotateToken = "annotate-token-0123456789"
    var fixture: APIFixture!

    override func setUp() async throws {
        fixture = try await APIFixture(tokens: AccessTokens([(Self.readToken, .readOnly), (Self.annotateToken, .annotate)]))
    }

    override func tearDown() async throws {
        await fixture.shutDown()
    }

    func testAPIAndMetricsNeedABearerToken() async throws {
        for path in ["/api/v1/devices", "/api/v1/indices?from=2026-01-01&to=2026-02-01", "/metrics"] {
            let (status, headers, data) = try await fixture.request(path)
            XCTAssertEqual(status, 401, path)
            XCTAssertEqual(headers["www-authenticate"], "Bearer realm=\"gridwatch\"", path)
            let problem = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            XCTAssertFalse((problem["detail"] as! String).contains(Self.readToken))
        }
    }

    func testAWrongTokenIsRefusedAndNotEchoed() async throws {
        let (status, _, data) = try await fixture.request("/api/v1/devices", token: "guessed-token-0123456789")
        XCTAssertEqual(status, 401)
        XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("guessed"))
        let (prefix, _, _) = try await fixture.request("/api/v1/devices", token: String(Self.readToken.dropLast()))
        XCTAssertEqual(prefix, 401, "a prefix of a token is not the token")
    }

    func testAReadOnlyTokenReadsButMayNotAnnotate() async throws {
        let (read, _, _) = try await fixture.request("/api/v1/devices", token: Self.readToken)
        XCTAssertEqual(read, 200)
        let (metrics, _, _) = try await fixture.request("/metrics", token: Self.readToken)
        XCTAssertEqual(metrics, 200)
        let (annotate, headers, _) = try await fixture.request(
            "/api/v1/events/e1/annotation", method: "POST", body: #"{"cause": "x"}"#, token: Self.readToken)
        XCTAssertEqual(annotate, 403)
        XCTAssertEqual(headers["content-type"], "application/problem+json")
        let (ack, _, _) = try await fixture.request("/api/v1/violations/\(fixture.violationID)/ack", method: "POST", body: "{}", token: Self.readToken)
        XCTAssertEqual(ack, 403)
        let (_, _, event) = try await fixture.json("/api/v1/events/e1", token: Self.readToken)
        XCTAssertTrue((event as! [String: Any])["cause"] is NSNull, "the refused annotation changed nothing")
    }

    func testAnAnnotateTokenMayAnnotate() async throws {
        let (status, _, _) = try await fixture.request(
            "/api/v1/events/e1/annotation", method: "POST", body: #"{"cause": "x"}"#, token: Self.annotateToken)
        XCTAssertEqual(status, 200)
    }

    func testHealthAndTheDashboardPageStayOpen() async throws {
        let (health, _, _) = try await fixture.request("/health")
        XCTAssertEqual(health, 200)
        let (page, headers, _) = try await fixture.request("/")
        XCTAssertEqual(page, 200)
        XCTAssertEqual(headers["content-type"], "text/html; charset=utf-8")
    }
}

final class AccessTokensTests: XCTestCase {
    func testTokensFileGivesRolesAndRejectsBadLinesWithTheirLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = folder.appendingPathComponent("tokens").path
        try "# field laptops\nread-only aaaaaaaaaaaaaaaa1\n\nannotate bbbbbbbbbbbbbbbb2\n".write(toFile: good, atomically: true, encoding: .utf8)
        let tokens = try AccessTokens.load(path: good)
        XCTAssertEqual(tokens.role(of: "aaaaaaaaaaaaaaaa1"), .readOnly)
        XCTAssertEqual(tokens.role(of: "bbbbbbbbbbbbbbbb2"), .annotate)
        XCTAssertNil(tokens.role(of: "bbbbbbbbbbbbbbbb"))
        XCTAssertNil(tokens.role(of: ""))

        for (text, line, words) in [
            ("read-only aaaaaaaaaaaaaaaa1\nadmin cccccccccccccccc3\n", 2, "unknown role 'admin'"),
            ("annotate short\n", 1, "too short"), ("annotate\n", 1, "two fields"), ("# nothing\n", 0, "no tokens"),
        ] {
            let path = folder.appendingPathComponent("bad").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertThrowsError(try AccessTokens.load(path: path)) { error in
                let error = error as! AccessTokensError
                XCTAssertEqual(error.line, line, text)
                XCTAssertTrue(error.description.contains(words), error.description)
                XCTAssertFalse(error.description.contains("cccccccccccccccc3"), "tokens are never printed")
            }
        }
    }
}
