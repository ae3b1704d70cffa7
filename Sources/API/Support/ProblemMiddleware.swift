import Hummingbird

/// Turns every error a route or the router throws (unknown path, store error) into a problem document,
/// so clients see one error shape. Server errors are logged; client errors are not.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["http.path": "\(request.uri.path)", "error": "\(problem.detail)"])
            }
            return try problem.response(from: request, context: context)
        }
    }
}
