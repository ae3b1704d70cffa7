import Hummingbird
import Reliability

/// `GET /health` (200 when ready, 503 with the reason when not) and `GET /metrics`.
struct HealthRoutes {
    let environment: APIEnvironment

    func add(to router: Router<APIRequestContext>) {
        router.get("health") { _, _ in await health() }
        router.get("metrics") { _, _ in
            Response.text(await environment.metrics(), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    func health() async -> Response {
        let readiness = await environment.readiness()
        let body = JSONValue.object([
            ("live", .bool(true)), ("ready", .bool(readiness.ready)), ("reason", .string(readiness.reason)),
        ] + readiness.details)
        return .json(body, status: readiness.ready ? .ok : .serviceUnavailable)
    }
}
