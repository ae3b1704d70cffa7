import Foundation
import Hummingbird
import Logging

/// The daemon's HTTP server: the JSON API under `/api/v1`, `/health`, `/metrics` and the dashboard
/// at `/`. Listens where `configuration` says; with `tokens` the API needs a bearer token.
public struct APIServer: Sendable {
    public struct Configuration: Sendable {
        public var host: String
        public var port: Int
        /// `nil`: no authentication, allowed on a loopback address only (checked by the caller's config).
        public var tokens: AccessTokens?
        /// API requests computed at once (default: half the cores, at least one), so polling keeps the rest.
        public var concurrentRequests: Int

        public init(
            host: String = "127.0.0.1", port: Int = 8470, tokens: AccessTokens? = nil,
            concurrentRequests: Int = max(1, ProcessInfo.processInfo.activeProcessorCount / 2)
        ) {
            self.host = host
            self.port = port
            self.tokens = tokens
            self.concurrentRequests = concurrentRequests
        }
    }

    public let configuration: Configuration
    public let environment: APIEnvironment
    public let logger: Logger

    public init(configuration: Configuration, environment: APIEnvironment, logger: Logger) {
        self.configuration = configuration
        self.environment = environment
        self.logger = logger
    }

    /// Every route, behind the problem-document and authentication middleware.
    public func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BearerAuthMiddleware(tokens: configuration.tokens))
        router.add(middleware: ConcurrencyLimitMiddleware(limiter: ConcurrencyLimiter(limit: configuration.concurrentRequests)))
        HealthRoutes(environment: environment).add(to: router)
        let api = router.group("api/v1")
        DeviceRoutes(environment: environment).add(to: api)
        OutageRoutes(environment: environment).add(to: api)
        IndexRoutes(environment: environment).add(to: api)
        ViolationRoutes(environment: environment).add(to: api)
        FrequentOutageRoutes(environment: environment).add(to: api)
        OpenAPIRoute().add(to: api)
        DashboardRoutes().add(to: router)
        return router
    }

    /// The server as a swift-service-lifecycle `Service`; `onListening` gets the bound port (useful with port 0).
    public func application(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol & Sendable {
        Application(
            router: router(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "gridwatch"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger
        )
    }
}
