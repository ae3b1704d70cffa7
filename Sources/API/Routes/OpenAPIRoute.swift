import Hummingbird

/// `GET /api/v1/openapi.json`: the hand-written OpenAPI 3 document of the API.
struct OpenAPIRoute {
    func add(to group: RouterGroup<APIRequestContext>) {
        group.get("openapi.json") { _, _ in Response.text(OpenAPIDocument.text, contentType: "application/json") }
    }
}
