import Hummingbird

/// Checks `Authorization: Bearer TOKEN` on the API and `/metrics`; the dashboard's static files and
/// `/health` stay open so a browser can load the page and a supervisor can probe the daemon. Without
/// tokens (a loopback-only server) every caller may annotate.
struct BearerAuthMiddleware: RouterMiddleware {
    let tokens: AccessTokens?

    func handle(
        _ request: Request, context: APIRequestContext, next: (Request, APIRequestContext) async throws -> Response
    ) async throws -> Response {
        var context = context
        guard let tokens else {
            context.role = .annotate
            return try await next(request, context)
        }
        let path = request.uri.path
        guard path.hasPrefix("/api/") || path == "/metrics" else { return try await next(request, context) }
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else {
            throw Problem(.unauthorized, status: .unauthorized, "this server needs `Authorization: Bearer TOKEN`; tokens come from the daemon's tokens file")
        }
        guard let role = tokens.role(of: header.dropFirst("Bearer ".count)) else {
            throw Problem(.unauthorized, status: .unauthorized, "the bearer token is not in the daemon's tokens file")
        }
        context.role = role
        if request.method != .get && request.method != .head && role < .annotate {
            throw Problem(.forbidden, status: .forbidden, "a \(role.rawValue) token may not change records, expected an annotate token")
        }
        return try await next(request, context)
    }
}
