import GridWatchCore
import Reliability
import Store

/// What the routes read from: the daemon supplies these (GridWatchApp's `HTTPService`), tests build
/// them over a real store.
public struct APIEnvironment: Sendable {
    public var store: Store
    /// Offset at which times are written and plain dates are read.
    public var utcOffsetSeconds: Int
    /// The topology and the stored outages as an index engine reads them (cached by the caller).
    public var outageTable: @Sendable () async throws -> OutageSnapshot
    /// Whether the daemon does its job, and why not.
    public var readiness: @Sendable () async -> Readiness
    /// The Prometheus exposition text of `/metrics`.
    public var metrics: @Sendable () async -> String
    public var nowMillis: @Sendable () -> Int64

    public init(
        store: Store, utcOffsetSeconds: Int,
        outageTable: @escaping @Sendable () async throws -> OutageSnapshot,
        readiness: @escaping @Sendable () async -> Readiness,
        metrics: @escaping @Sendable () async -> String,
        nowMillis: @escaping @Sendable () -> Int64 = { Store.nowMillis() }
    ) {
        self.store = store
        self.utcOffsetSeconds = utcOffsetSeconds
        self.outageTable = outageTable
        self.readiness = readiness
        self.metrics = metrics
        self.nowMillis = nowMillis
    }

    var json: RecordJSON { RecordJSON(utcOffsetSeconds: utcOffsetSeconds) }
}

/// The topology and the outage records as of one `Store.recordsVersion()`.
public struct OutageSnapshot: Sendable {
    public var version: Int64
    public var topology: Topology
    public var outages: OutageTable

    public init(version: Int64, topology: Topology, outages: OutageTable) {
        self.version = version
        self.topology = topology
        self.outages = outages
    }
}

/// `/health`'s answer: live whenever it answers; ready when the daemon polls and stores.
public struct Readiness: Sendable {
    public var ready: Bool
    /// Why the daemon is not ready (`nil` when it is).
    public var reason: String?
    /// Figures shown beside the verdict (poll cycles, pending readings...).
    public var details: [(String, JSONValue)]

    public init(ready: Bool, reason: String? = nil, details: [(String, JSONValue)] = []) {
        self.ready = ready
        self.reason = reason
        self.details = details
    }
}
