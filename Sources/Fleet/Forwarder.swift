import GridWatchCore
import Logging
import PostgresNIO
import ServiceLifecycle
import Store

/// Store-and-forward: delivers a gateway's outbox to the central database in order, in batches, and
/// removes items only after the central transaction committed. While the central database is
/// unreachable it waits with exponential back-off and keeps the outbox (trimmed to
/// `maxOutboxItems`, outages never dropped); when the link returns it catches up in order.
public actor Forwarder: Service {
    public let store: Store
    public let configuration: ForwardConfiguration
    private let client: PostgresClient
    private let writer: CentralWriter
    private let placements: [MeterPlacement]
    private let logger: Logger
    private var topologyPublished = false

    /// What `drain()` and the service have delivered so far.
    public private(set) var deliveredItems = 0
    public private(set) var failedAttempts = 0

    public init(
        store: Store, gatewayID: String, placements: [MeterPlacement], url: CentralDatabaseURL,
        configuration: ForwardConfiguration, logger: Logger
    ) {
        self.store = store
        self.configuration = configuration
        self.placements = placements
        self.logger = logger
        client = PostgresClient(configuration: url.clientConfiguration, backgroundLogger: logger.background)
        writer = CentralWriter(client: client, gatewayID: gatewayID, logger: logger)
    }

    /// Forwards until the graceful shutdown; failures are logged and retried after the back-off.
    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await self.forwardUntilCancelled() }
    }

    private func forwardUntilCancelled() async throws {
        try await withClient {
            var failures = 0
            while !Task.isCancelled {
                do {
                    let delivered = try await deliverNextBatch()
                    failures = 0
                    if delivered == 0 { try await Task.sleep(for: configuration.pollInterval) }
                } catch is CancellationError {
                    return
                } catch {
                    failures += 1
                    failedAttempts += 1
                    let delay = configuration.backoff(afterFailures: failures)
                    logger.warning("forwarding failed, retrying", metadata: [
                        "error": "\(String(reflecting: error))", "retry_in": "\(delay)", "failures": "\(failures)",
                    ])
                    try? await Task.sleep(for: delay)
                }
            }
        }
    }

    /// Delivers until the outbox is empty (one attempt per batch; errors are thrown). Returns the items delivered.
    @discardableResult
    public func drain() async throws -> Int {
        try await withClient {
            var total = 0
            while true {
                let delivered = try await deliverNextBatch()
                if delivered == 0 { return total }
                total += delivered
            }
        }
    }

    /// Runs the client's connection pool around `body`.
    private func withClient<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        let client = self.client
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            return try await body()
        }
    }

    /// One batch: read the oldest items, deliver their records' current versions, confirm.
    private func deliverNextBatch() async throws -> Int {
        if !topologyPublished {
            try await CentralSchema.requireCurrent(client, logger: logger)
            try await writer.publishTopology(placements)
            topologyPublished = true
        }
        try await store.trimForwardOutbox(maxItems: configuration.maxOutboxItems)
        let items = try await store.pendingForwards(limit: configuration.batchSize)
        guard let last = items.last else { return 0 }
        let records = try await store.forwardRecords(for: items)
        try await writer.deliver(records, itemCount: items.count)
        try await store.confirmForwarded(through: last.sequence)
        deliveredItems += items.count
        return items.count
    }
}
