import API
import Foundation
import Logging
import XCTest

final class OpenAPIDocumentTests: XCTestCase {
    func testEveryDocumentedOperationIsRoutedAndEveryRouteDocumented() async throws {
        let fixture = try await APIFixture()
        let (status, _, json) = try await fixture.json("/api/v1/openapi.json")
        XCTAssertEqual(status, 200)
        let document = json as! [String: Any]
        XCTAssertEqual(document["openapi"] as? String, "3.0.3")
        var documented: Set<String> = []
        for (path, item) in document["paths"] as! [String: [String: Any]] {
            for method in item.keys { documented.insert("\(method.uppercased()) \(path)") }
        }
        let server = APIServer(
            configuration: .init(), environment: APIEnvironment(
                store: fixture.store, utcOffsetSeconds: 0, outageTable: { throw CancellationError() },
                readiness: { Readiness(ready: true) }, metrics: { "" }),
            logger: Logger(label: "routes"))
        let routed = Set(server.router().routes.map { "\($0.method) \($0.path)" }
            .filter { !["GET /", "GET /dashboard.js", "GET /dashboard.css"].contains($0) })
        XCTAssertEqual(routed.subtracting(documented), [], "routes missing from the document")
        XCTAssertEqual(documented.subtracting(routed), [], "documented operations without a route")
        await fixture.shutDown()
    }
}
