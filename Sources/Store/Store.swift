import Foundation
import GRDB

/// GridWatch's SQLite database: schema, record writes and the queries the CLI, API, aggregator and
/// rules engine need. Readings are written by a `ReadingWriter`, every other record directly here.
///
/// One `Store` opens one `DatabasePool` in WAL mode: one writer connection (GRDB's serial writer queue,
/// never Swift's cooperative pool) and several readers, so readers never block the writer nor the
/// writer the readers. Every method is `async` and suspends while SQLite works on GRDB's queues.
///
/// Durability: `synchronous = NORMAL` in WAL mode. A commit is in the WAL file (in the OS page cache)
/// when it returns, so a killed process (`kill -9`) loses nothing committed and never corrupts the
/// file. Only a power cut or kernel crash can roll back the commits since the last WAL sync (at
/// checkpoints), still without corruption. `FULL` would add an fsync to every batch (about 14 % fewer
/// rows/s in `../shared/MEASURED.md`, and more flash wear on a gateway) and buy only those last
/// commits after a power cut, not any safety against process crashes.
public final class Store: Sendable {
    /// Whether the store may write. The CLI opens `.readOnly` while the daemon runs.
    public enum Access: Sendable { case readWrite, readOnly }

    public let configuration: StoreConfiguration
    let pool: DatabasePool

    /// Opens (creating and migrating when `.readWrite`) the database at `configuration.path`; this
    /// blocks the calling thread (from async code, use `open`). A `.readOnly` store requires a
    /// database whose migrations are all applied.
    public init(_ configuration: StoreConfiguration, access: Access = .readWrite) throws {
        self.configuration = configuration
        var grdb = Configuration()
        grdb.readonly = access == .readOnly
        grdb.busyMode = .timeout(10)
        // A gateway has a core or two and little memory: two readers (the CLI, the HTTP API) and a
        // 1 MiB page cache per connection are plenty beside the single writer.
        grdb.maximumReaderCount = 2
        grdb.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864; PRAGMA cache_size = -1024")
        }
        do {
            pool = try DatabasePool(path: configuration.path, configuration: grdb)
            if access == .readWrite {
                try Self.prepareSchema(pool)
            } else {
                try Self.requireMigrated(pool, path: configuration.path)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.openFailed, "\(configuration.path): \(error)")
        }
    }

    /// Opens the store from async code: opening and migrating run on a dispatch queue, not on Swift's
    /// cooperative pool (they are blocking SQLite calls, long for a large migration).
    public static func open(_ configuration: StoreConfiguration, access: Access = .readWrite) async throws -> Store {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue(label: "gridwatch.store.open").async {
                continuation.resume(with: Result { try Store(configuration, access: access) })
            }
        }
    }

    /// Names of the migrations applied to this database, oldest first.
    public func appliedMigrations() async throws -> [String] {
        try await pool.read { db in try StoreSchema.migrator.appliedMigrations(db) }
    }

    private static func prepareSchema(_ pool: DatabasePool) throws {
        try pool.writeWithoutTransaction { db in
            // auto_vacuum can only be chosen before the first table exists (then VACUUM applies it).
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            if tables == 0 {
                try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL; VACUUM")
            }
        }
        try StoreSchema.migrator.migrate(pool)
    }

    private static func requireMigrated(_ pool: DatabasePool, path: String) throws {
        let complete = try pool.read { db in try StoreSchema.migrator.hasCompletedMigrations(db) }
        guard complete else {
            throw StoreError(.openFailed, "\(path): schema is not up to date; open it read-write once (start the daemon)")
        }
    }
}

extension Store {
    /// The current wall-clock time in Unix milliseconds (the default `now` of every write).
    public static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }
}
