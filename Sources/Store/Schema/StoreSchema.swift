import GRDB

/// The store's schema as an append-only list of named migrations.
///
/// Never edit a migration that has shipped: add a new one at the end of `migrations`. Times are UTC
/// integers whose column names carry their unit: `_ms` (Unix milliseconds) for readings, health and
/// bookkeeping, `_s` (Unix seconds) for outages, events and notices (as `OutageRecord` has them).
enum StoreSchema {
    /// Every migration, oldest first.
    static let migrations: [(name: String, sql: String)] = [
        ("v1-devices-and-readings", devicesAndReadings),
        ("v2-device-health", deviceHealth),
        ("v3-outages-and-meter-logs", outagesAndMeterLogs),
        ("v4-events-notices-daily-figures", eventsNoticesAndDailyFigures),
        ("v5-violations-and-outboxes", violationsAndOutboxes),
        ("v6-gateway-runs", gatewayRuns),
        ("v7-health-counters-acknowledgers-input-flags", healthCountersAcknowledgersAndInputFlags),
    ]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.name) { db in try db.execute(sql: migration.sql) }
        }
        return migrator
    }
}
