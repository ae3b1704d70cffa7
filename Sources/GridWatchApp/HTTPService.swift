import API
import Foundation
import Logging
import Reliability
import ServiceLifecycle
import Store

/// Serves the API, `/metrics` and the dashboard for the life of the daemon (when the configuration
/// has an `http` key). Built before the daemon starts, so a bad `http` key or tokens file stops it.
struct HTTPService: Service {
    private let server: APIServer?

    init(configuration: GatewayConfiguration, store: Store, writer: ReadingWriter, recorder: CycleRecorder, logger: Logger) throws {
        guard let http = try configuration.httpConfiguration() else {
            server = nil
            return
        }
        let outages = OutageTableCache(configuration: configuration, store: store)
        let environment = APIEnvironment(
            store: store, utcOffsetSeconds: TimeZone.current.secondsFromGMT(),
            outageTable: { try await outages.current() },
            readiness: { await Self.readiness(writer: writer, recorder: recorder) },
            metrics: { await GatewayMetrics.exposition(store: store) })
        server = APIServer(configuration: try http.serverConfiguration(), environment: environment, logger: logger)
        logger.notice("http api configured", metadata: [
            "http.listen": "\(http.host):\(http.port)", "http.tokens": "\(http.tokensFile == nil ? "none" : "required")",
        ])
    }

    func run() async throws {
        guard let server else { return try await gracefulShutdown() }
        try await server.application().runService()
    }

    /// Ready once a poll cycle has completed and the writer commits.
    static func readiness(writer: ReadingWriter, recorder: CycleRecorder) async -> Readiness {
        let cycles = await recorder.cycles
        let statistics = await writer.statistics
        let details: [(String, JSONValue)] = [
            ("poll_cycles", .integer(Int64(cycles))), ("committed_readings", .integer(Int64(statistics.committedReadings))),
            ("pending_readings", .integer(Int64(statistics.pendingReadings))),
            ("dropped_readings", .integer(Int64(statistics.droppedReadings))),
        ]
        if cycles == 0 { return Readiness(ready: false, reason: "no poll cycle has completed yet", details: details) }
        if let error = statistics.lastError { return Readiness(ready: false, reason: "the store writer is failing: \(error)", details: details) }
        return Readiness(ready: true, details: details)
    }
}

/// The topology and the stored outages for the index routes. Rebuilt when the records change, but at
/// most once per `maximumAge`: while meters' logs are read the records change every few moments, and
/// statistics over months need not follow each one (the ETag names the version they were built from).
/// A rebuild runs beside the requests, which keep the snapshot they have until it is done: only the
/// very first request waits for one.
actor OutageTableCache {
    private let maximumAge: Duration
    private let configuration: GatewayConfiguration
    private let store: Store
    private var cached: (snapshot: OutageSnapshot, built: ContinuousClock.Instant)?
    private var rebuilding: Task<OutageSnapshot, any Error>?

    init(configuration: GatewayConfiguration, store: Store, maximumAge: Duration = .seconds(10)) {
        self.configuration = configuration
        self.store = store
        self.maximumAge = maximumAge
    }

    func current() async throws -> OutageSnapshot {
        guard let cached else { return try await rebuild().value }
        if cached.built.duration(to: .now) >= maximumAge, rebuilding == nil {
            let version = try await store.recordsVersion()
            if version == cached.snapshot.version {
                self.cached = (cached.snapshot, .now)
            } else {
                _ = rebuild()
            }
        }
        return cached.snapshot
    }

    /// Starts building a snapshot of the current records (or joins the build in flight).
    private func rebuild() -> Task<OutageSnapshot, any Error> {
        if let rebuilding { return rebuilding }
        let task = Task { [configuration, store] in
            let version = try await store.recordsVersion()
            let (topology, outages) = try await configuration.storedOutageTable()
            return OutageSnapshot(version: version, topology: topology, outages: outages)
        }
        rebuilding = task
        Task { await finish(task) }
        return task
    }

    private func finish(_ task: Task<OutageSnapshot, any Error>) async {
        if let snapshot = try? await task.value { cached = (snapshot, .now) }
        rebuilding = nil
    }
}
