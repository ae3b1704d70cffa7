import GRDB

extension Store {
    /// A number that changes whenever outages, events, annotations, notices, daily figures or
    /// violations change: an `ETag` for reports and lists computed from them.
    public func recordsVersion() async throws -> Int64 {
        try await pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT value FROM store_state WHERE key = 'records_version'") ?? 0
        }
    }

    /// Runs `updates` in one write transaction and advances `recordsVersion` in the same transaction.
    func writeRecords<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await pool.write { db in
            let result = try updates(db)
            try db.execute(sql: """
                INSERT INTO store_state(key, value) VALUES ('records_version', 1)
                ON CONFLICT(key) DO UPDATE SET value = value + 1
                """)
            return result
        }
    }
}
