import Logging
import PostgresNIO

/// Runs `body` with a PostgresNIO client to `url` whose connection pool runs for the body's duration.
/// The pool is cancelled without waiting for it to wind down: after the server went away, its shutdown
/// can wait a long time on connections that are already dead.
public func withCentralClient<T: Sendable>(
    _ url: CentralDatabaseURL, logger: Logger, _ body: @Sendable (PostgresClient) async throws -> T
) async throws -> T {
    let client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger.background)
    let pool = Task { await client.run() }
    defer { pool.cancel() }
    return try await body(client)
}

extension Logger {
    /// The connection pool's own logger: errors only (it warns, for instance, about a lease requested
    /// a moment before its `run()` task started, which it then serves).
    var background: Logger {
        var logger = self
        logger.logLevel = max(logger.logLevel, .error)
        return logger
    }
}
