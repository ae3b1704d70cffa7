import Hummingbird
import Reliability
import Store

/// `GET /violations` and `POST /violations/{id}/ack`.
struct ViolationRoutes {
    let environment: APIEnvironment
    static let entities = ["meter", "area", "line"]

    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("violations") { request, _ in try await list(request) }
        group.post("violations/:id/ack") { request, context in try await acknowledge(request, id: try context.parameters.require("id")) }
    }

    func list(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request, allowed: Set(["open", "rule", "entity"]).union(Page.pagingParameters), utcOffsetSeconds: environment.utcOffsetSeconds)
        let entity = try query.string("entity")
        if let entity, !Self.entities.contains(entity) {
            throw Problem.invalid("entity", "'\(entity)' is not an entity, expected \(Self.entities.joined(separator: ", "))")
        }
        let page = try query.page()
        let violations = try await environment.store.violations(openOnly: try query.bool("open") ?? false, ruleID: try query.string("rule"), entity: entity)
        let json = environment.json
        var response = Response.json(.array(page.slice(violations).map(json.violation)))
        page.annotate(&response, total: violations.count, request: request)
        return response
    }

    func acknowledge(_ request: Request, id text: String) async throws -> Response {
        guard let id = Int64(text) else { throw Problem.invalid("id", "'\(text)' is not a violation id, expected a whole number") }
        let body = try await JSONBody(request, allowed: ["note", "by"])
        try await environment.store.acknowledgeViolation(
            id: id, note: try body.string("note"), by: try body.string("by"), at: environment.nowMillis())
        guard let violation = try await environment.store.violations().first(where: { $0.id == id }) else {
            throw Problem.notFound("no violation with id \(id)")
        }
        return .json(environment.json.violation(violation))
    }
}
