import GridWatchCore
import Logging
import PostgresNIO
import ServiceLifecycle
import Store
import Synchronization

/// Store-and-forward: delivers a gateway's outbox to the central database in order, in batches, and
/// removes items only after the central transaction committed. While the central database is
/// unreachable it waits with exponential back-off and keeps the outbox (trimmed to
/// `maxOutboxItems`, outages never dropped); when the link returns it catches up in order.
public actor Forwarder: Service {
    public let store: Store
    public let configuration: ForwardConfiguration
    private let url: CentralDatabaseURL
    private let gatewayID: String
    private let placements: [MeterPlacement]
    private let logger: Logger

    /// What `drain()` and the service have delivered so far.
    public private(set) var deliveredItems = 0
    public private(set) var failedAttempts = 0
    private var consecutiveFailures = 0

    public init(
        store: Store, gatewayID: String, placements: [MeterPlacement], url: CentralDatabaseURL,
        configuration: ForwardConfiguration, logger: Logger
    ) {
        self.store = store
        self.gatewayID = gatewayID
        self.configuration = configuration
        self.placements = placements
        self.url = url
        self.logger = logger
    }

    /// Forwards until the graceful shutdown. A failure ends the session (its connections are dropped);
    /// the next session starts after the back-off with fresh connections.
    public func run() async throws {
        let forwarding = Task { try await self.forwardUntilCancelled() }
        try await withTaskCancellationOrGracefulShutdownHandler {
            try await forwarding.value
        } onCancelOrGracefulShutdown: {
            forwarding.cancel()
        }
    }

    private func forwardUntilCancelled() async throws {
        while !Task.isCancelled {
            do {
                try await withCentralClient(url, logger: logger) { client in try await self.session(client) }
            } catch is CancellationError {
                return
            } catch {
                consecutiveFailures += 1
                failedAttempts += 1
                let failures = consecutiveFailures
                let delay = configuration.backoff(afterFailures: failures)
                logger.warning("forwarding failed, retrying", metadata: [
                    "error": "\(centralErrorSummary(error))", "retry_in": "\(delay)", "failures": "\(failures)",
                ])
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Delivers batches on one client until cancelled or a delivery fails.
    private func session(_ client: PostgresClient) async throws {
        let writer = try await prepare(client)
        while !Task.isCancelled {
            if try await deliverPending(writer) == 0 { try await Task.sleep(for: configuration.pollInterval) }
        }
    }

    /// Delivers until the outbox is empty (one attempt per batch; errors are thrown). Returns the items delivered.
    @discardableResult
    public func drain() async throws -> Int {
        try await withCentralClient(url, logger: logger) { client in
            try await self.deliverPending(try await self.prepare(client))
        }
    }

    /// Checks the central schema and publishes this gateway's topology.
    private func prepare(_ client: PostgresClient) async throws -> CentralWriter {
        try await withDeadline {
            try await CentralSchema.requireCurrent(client, logger: self.logger)
            let writer = CentralWriter(client: client, gatewayID: self.gatewayID, logger: self.logger)
            let taken = try await writer.publishTopology(self.placements)
            if !taken.isEmpty {
                self.logger.warning("meter ids already published by another gateway were taken over: meter ids must be unique across the fleet", metadata: [
                    "meters": "\(taken.count)", "first": "\(taken.min() ?? "")",
                ])
            }
            return writer
        }
    }

    /// Delivers batches until the outbox is empty, in order, each confirmed (its items removed) only
    /// after its transaction committed. The next batch is read from the store while the previous one is
    /// in flight: a record queued in both is read again for the later one, so the later delivery carries
    /// a version at least as new. Returns the items delivered.
    private func deliverPending(_ writer: CentralWriter) async throws -> Int {
        var delivered = 0
        var next = Task { try await self.readBatch(after: 0) }
        defer { next.cancel() }
        while let batch = try await next.value {
            next = Task { try await self.readBatch(after: batch.lastSequence) }
            try await withDeadline { try await writer.deliver(batch.records, itemCount: batch.itemCount) }
            try await store.confirmForwarded(through: batch.lastSequence)
            deliveredItems += batch.itemCount
            consecutiveFailures = 0
            delivered += batch.itemCount
        }
        consecutiveFailures = 0
        return delivered
    }

    /// The queued items after `sequence` (at most `batchSize`) and their records' current versions,
    /// after trimming the outbox; `nil` when none is queued.
    private nonisolated func readBatch(after sequence: Int64) async throws -> Batch? {
        try await store.trimForwardOutbox(maxItems: configuration.maxOutboxItems)
        let items = try await store.pendingForwards(after: sequence, limit: configuration.batchSize)
        guard let last = items.last else { return nil }
        return Batch(records: try await store.forwardRecords(for: items), itemCount: items.count, lastSequence: last.sequence)
    }

    private struct Batch: Sendable {
        var records: [ForwardRecord]
        var itemCount: Int
        var lastSequence: Int64
    }

    /// Runs `body`, failing with `.centralFailed` when it takes longer than `deliveryTimeout`. The body is
    /// then cancelled but not waited for: a lease from a pool whose server went away may never return.
    private func withDeadline<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let timeout = configuration.deliveryTimeout
        let claimed = Mutex(false)
        let claim = { @Sendable in claimed.withLock { done in defer { done = true }; return !done } }
        return try await withCheckedThrowingContinuation { continuation in
            let work = Task {
                let result = await Result(catching: body)
                if claim() { continuation.resume(with: result) }
            }
            Task {
                try? await Task.sleep(for: timeout)
                guard claim() else { return }
                work.cancel()
                continuation.resume(throwing: FleetError(.centralFailed, "the central database did not answer within \(timeout)"))
            }
        }
    }
}

extension Result where Failure == any Error {
    fileprivate init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
