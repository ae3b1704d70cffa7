import Logging
import PostgresNIO
import Store

/// The central database's schema: every gateway's records, each keyed by (gateway_id, local_id), in
/// tables named after the store's (`fleet_outages` mirrors `outages`, ...) with the same columns.
///
/// Outages are partitioned by year of `start_s` (queries for a period touch only its years). A record's
/// rows are replaced as a whole on delivery (delete by key, insert the current rows) in one
/// transaction, so a record whose start moved, or a day's figures that lost a name, leave nothing stale.
public enum CentralSchema {
    /// The schema version this program reads and writes.
    public static var version: Int { migrations.count }

    /// The central table of each forwarded kind.
    public static func table(_ kind: ForwardKind) -> String {
        switch kind {
        case .outage: "fleet_outages"
        case .event: "fleet_events"
        case .dailyFigures: "fleet_daily_figures"
        case .deviceHealth: "fleet_device_health"
        case .violation: "fleet_violations"
        case .plannedNotice: "fleet_planned_notices"
        }
    }

    /// Applies the migrations not yet applied, each in its own transaction. Returns how many ran.
    @discardableResult
    public static func migrate(_ client: PostgresClient, logger: Logger) async throws -> Int {
        try await client.query("CREATE TABLE IF NOT EXISTS fleet_schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", logger: logger)
        let applied = try await appliedVersion(client, logger: logger)
        for (index, sql) in migrations.enumerated() where index + 1 > applied {
            try await client.withTransaction(logger: logger) { connection in
                // Serialises concurrent `migrate` runs.
                try await connection.query("LOCK TABLE fleet_schema_migrations IN EXCLUSIVE MODE", logger: logger)
                let current = try await appliedVersion(connection, logger: logger)
                guard current < index + 1 else { return }
                for statement in sql.components(separatedBy: ";\n") where !statement.allSatisfy(\.isWhitespace) {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO fleet_schema_migrations(version) VALUES (\(index + 1))", logger: logger)
            }
        }
        return migrations.count - applied
    }

    /// Throws `.schemaOutdated` unless every migration was applied.
    public static func requireCurrent(_ client: PostgresClient, logger: Logger) async throws {
        let exists = try await client.query("SELECT to_regclass('fleet_schema_migrations') IS NOT NULL", logger: logger)
            .collect().first?.decode(Bool.self) ?? false
        let applied = exists ? try await appliedVersion(client, logger: logger) : 0
        guard applied >= version else {
            throw FleetError(.schemaOutdated, "central schema is at version \(applied), expected \(version): run `gridwatch central migrate`")
        }
    }

    private static func appliedVersion(_ client: PostgresClient, logger: Logger) async throws -> Int {
        try await client.query("SELECT coalesce(max(version), 0) FROM fleet_schema_migrations", logger: logger)
            .collect().first?.decode(Int.self) ?? 0
    }

    private static func appliedVersion(_ connection: PostgresConnection, logger: Logger) async throws -> Int {
        try await connection.query("SELECT coalesce(max(version), 0) FROM fleet_schema_migrations", logger: logger)
            .collect().first?.decode(Int.self) ?? 0
    }

    /// Statements separated by ';' at a line end (none inside one); never edit an applied one, append a new migration.
    static let migrations: [String] = [
        """
        CREATE TABLE fleet_gateways (
            gateway_id TEXT PRIMARY KEY,
            first_seen TIMESTAMPTZ NOT NULL DEFAULT now(),
            last_delivery TIMESTAMPTZ,
            delivered_items BIGINT NOT NULL DEFAULT 0
        );
        CREATE TABLE fleet_meters (
            meter_id TEXT PRIMARY KEY,
            gateway_id TEXT NOT NULL,
            area TEXT NOT NULL, line TEXT NOT NULL, county TEXT NOT NULL, region TEXT NOT NULL,
            customers INTEGER NOT NULL, kva DOUBLE PRECISION, in_service_from BIGINT, in_service_to BIGINT,
            nominal_voltage DOUBLE PRECISION NOT NULL
        );
        CREATE INDEX fleet_meters_by_gateway ON fleet_meters(gateway_id);
        CREATE TABLE fleet_outages (
            gateway_id TEXT NOT NULL, local_id TEXT NOT NULL,
            id BIGINT NOT NULL, meter_id TEXT NOT NULL, area TEXT, line TEXT, start_s BIGINT NOT NULL, end_s BIGINT,
            class TEXT NOT NULL, cause TEXT, cause_code TEXT, work_order TEXT, event_id TEXT,
            reclose_operations INTEGER NOT NULL, source TEXT NOT NULL, confidence DOUBLE PRECISION NOT NULL,
            log_start_s BIGINT, annotated_ms BIGINT, updated_ms BIGINT NOT NULL,
            PRIMARY KEY (gateway_id, local_id, start_s)
        ) PARTITION BY RANGE (start_s);
        DO $$ BEGIN FOR y IN 2015..2040 LOOP EXECUTE format(
            'CREATE TABLE fleet_outages_%s PARTITION OF fleet_outages FOR VALUES FROM (%s) TO (%s)', y,
            extract(epoch FROM make_timestamptz(y, 1, 1, 0, 0, 0, 'UTC'))::bigint,
            extract(epoch FROM make_timestamptz(y + 1, 1, 1, 0, 0, 0, 'UTC'))::bigint); END LOOP; END $$;
        CREATE TABLE fleet_outages_other PARTITION OF fleet_outages DEFAULT;
        CREATE INDEX fleet_outages_by_start ON fleet_outages(start_s);
        CREATE INDEX fleet_outages_by_meter ON fleet_outages(meter_id, start_s);
        CREATE TABLE fleet_events (
            gateway_id TEXT NOT NULL, local_id TEXT NOT NULL,
            id TEXT NOT NULL, area TEXT, line TEXT, start_s BIGINT NOT NULL, end_s BIGINT, meters INTEGER NOT NULL,
            class TEXT NOT NULL, cause TEXT, cause_code TEXT, work_order TEXT, planned_notice_id TEXT,
            annotated_ms BIGINT, updated_ms BIGINT NOT NULL,
            PRIMARY KEY (gateway_id, local_id)
        );
        CREATE INDEX fleet_events_by_start ON fleet_events(start_s);
        CREATE TABLE fleet_daily_figures (
            gateway_id TEXT NOT NULL, local_id TEXT NOT NULL,
            day TEXT NOT NULL, level TEXT NOT NULL, scope_id TEXT NOT NULL, name TEXT NOT NULL, value DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (gateway_id, local_id, name)
        );
        CREATE INDEX fleet_daily_figures_by_day ON fleet_daily_figures(day, level);
        CREATE TABLE fleet_device_health (
            gateway_id TEXT NOT NULL, local_id TEXT NOT NULL,
            device_id TEXT NOT NULL, time_ms BIGINT NOT NULL, status TEXT NOT NULL, last_success_ms BIGINT,
            last_error_ms BIGINT, last_error TEXT, last_error_code TEXT, consecutive_failures INTEGER NOT NULL,
            success_ratio_hour DOUBLE PRECISION, success_ratio_day DOUBLE PRECISION, latency_p50_ms DOUBLE PRECISION,
            latency_p99_ms DOUBLE PRECISION, timeouts BIGINT NOT NULL, exceptions BIGINT NOT NULL, crc_errors BIGINT NOT NULL,
            offline_transitions BIGINT NOT NULL,
            PRIMARY KEY (gateway_id, local_id)
        );
        CREATE TABLE fleet_violations (
            gateway_id TEXT NOT NULL, local_id TEXT NOT NULL,
            id BIGINT NOT NULL, rule_id TEXT NOT NULL, level TEXT NOT NULL, entity TEXT NOT NULL, entity_id TEXT NOT NULL,
            count INTEGER NOT NULL, window_from_s BIGINT NOT NULL, window_to_s BIGINT NOT NULL, opened_ms BIGINT NOT NULL,
            closed_ms BIGINT, acknowledged_ms BIGINT, remediation_note TEXT, updated_ms BIGINT NOT NULL,
            PRIMARY KEY (gateway_id, local_id)
        )
        """,
        // The start of every outage row, by record: a delivery deletes a record's rows through it, probing
        // only the partitions that hold them. Triggers keep it in step with every statement on
        // fleet_outages, whoever runs it (a key left without its row is harmless: it finds nothing).
        // Their deletes look each removed row's key up by index: without statistics yet (a table filling
        // fast), the planner would rather hash all the keys.
        """
        CREATE TABLE fleet_outage_keys (
            gateway_id TEXT NOT NULL, local_id TEXT NOT NULL, start_s BIGINT NOT NULL,
            PRIMARY KEY (gateway_id, local_id, start_s)
        );
        INSERT INTO fleet_outage_keys SELECT gateway_id, local_id, start_s FROM fleet_outages;
        CREATE FUNCTION fleet_outage_keys_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
            IF TG_OP = 'TRUNCATE' THEN TRUNCATE fleet_outage_keys; RETURN NULL; END IF; IF TG_OP IN ('DELETE', 'UPDATE') THEN
                DELETE FROM fleet_outage_keys k USING removed r
                WHERE k.gateway_id = r.gateway_id AND k.local_id = r.local_id AND k.start_s = r.start_s; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO fleet_outage_keys SELECT gateway_id, local_id, start_s FROM added ON CONFLICT DO NOTHING; END IF; RETURN NULL; END $$
            SET enable_hashjoin = off SET enable_mergejoin = off;
        CREATE TRIGGER fleet_outage_keys_on_insert AFTER INSERT ON fleet_outages
            REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION fleet_outage_keys_sync();
        CREATE TRIGGER fleet_outage_keys_on_delete AFTER DELETE ON fleet_outages
            REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION fleet_outage_keys_sync();
        CREATE TRIGGER fleet_outage_keys_on_update AFTER UPDATE ON fleet_outages
            REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION fleet_outage_keys_sync();
        CREATE TRIGGER fleet_outage_keys_on_truncate AFTER TRUNCATE ON fleet_outages
            FOR EACH STATEMENT EXECUTE FUNCTION fleet_outage_keys_sync()
        """,
        // Planned-outage notices, which give the outages they cover their class for `rules check --central`.
        """
        CREATE TABLE fleet_planned_notices (
            gateway_id TEXT NOT NULL, local_id TEXT NOT NULL,
            notice_id TEXT NOT NULL, scope_level TEXT NOT NULL, scope_id TEXT NOT NULL, start_s BIGINT NOT NULL,
            end_s BIGINT NOT NULL, description TEXT, imported_ms BIGINT NOT NULL,
            PRIMARY KEY (gateway_id, local_id)
        )
        """,
    ]
}
