import Hummingbird

/// Lets at most `limit` requests run their handlers at once; the others wait their turn in order,
/// suspended (no thread is held). On a gateway this keeps the collector's share of the CPU: the API
/// never takes more than `limit` cores however many clients poll it.
actor ConcurrencyLimiter {
    private let limit: Int
    private var running = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    func acquire() async {
        guard running >= limit else {
            running += 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    /// Hands the slot to the longest waiter, or frees it.
    func release() {
        if waiters.isEmpty { running -= 1 } else { waiters.removeFirst().resume() }
    }
}

/// Runs `/api` and `/metrics` requests through a `ConcurrencyLimiter`; `/health` and the dashboard's
/// static files go straight through.
struct ConcurrencyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limiter: ConcurrencyLimiter

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard path.hasPrefix("/api/") || path == "/metrics" else { return try await next(request, context) }
        await limiter.acquire()
        do {
            let response = try await next(request, context)
            await limiter.release()
            return response
        } catch {
            await limiter.release()
            throw error
        }
    }
}
