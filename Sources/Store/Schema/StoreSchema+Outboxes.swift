extension StoreSchema {
    /// Rule violations (issue 5) with the outages that caused them, the webhook outbox, and the
    /// store-and-forward outbox (issue 8).
    ///
    /// `forward_outbox` rows are written in the same transaction as the record they name
    /// (`kind`, `local_id`); the forwarder reads the record's current version when it sends, so a
    /// record corrected before delivery is sent once, corrected. `op = 'delete'` forwards a removal.
    static let violationsAndOutboxes = """
        CREATE TABLE violations (
            id INTEGER PRIMARY KEY,
            rule_id TEXT NOT NULL,
            level TEXT NOT NULL,
            entity TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            count INTEGER NOT NULL,
            window_from_s INTEGER NOT NULL,
            window_to_s INTEGER NOT NULL,
            opened_ms INTEGER NOT NULL,
            closed_ms INTEGER,
            acknowledged_ms INTEGER,
            remediation_note TEXT,
            updated_ms INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX violations_one_open ON violations(rule_id, entity, entity_id) WHERE closed_ms IS NULL;
        CREATE INDEX violations_by_entity ON violations(entity, entity_id, opened_ms);

        CREATE TABLE violation_outages (
            violation_id INTEGER NOT NULL REFERENCES violations(id) ON DELETE CASCADE,
            outage_id INTEGER NOT NULL REFERENCES outages(id) ON DELETE CASCADE,
            PRIMARY KEY (violation_id, outage_id)
        ) WITHOUT ROWID;
        CREATE INDEX violation_outages_by_outage ON violation_outages(outage_id);

        CREATE TABLE webhook_outbox (
            id INTEGER PRIMARY KEY,
            created_ms INTEGER NOT NULL,
            payload TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_ms INTEGER NOT NULL,
            last_error TEXT
        );
        CREATE INDEX webhook_outbox_due ON webhook_outbox(next_attempt_ms);

        CREATE TABLE forward_outbox (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            local_id TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
            created_ms INTEGER NOT NULL
        );
        CREATE INDEX forward_outbox_by_kind ON forward_outbox(kind, seq);
        """

    /// One row per daemon run; a run that never recorded its stop was killed. The gaps between runs
    /// are the gateway's own downtime (issue 7): "unknown", not "no outage".
    static let gatewayRuns = """
        CREATE TABLE gateway_runs (
            id INTEGER PRIMARY KEY,
            started_ms INTEGER NOT NULL,
            alive_ms INTEGER NOT NULL,
            stopped_ms INTEGER
        );

        CREATE TABLE gateway_gaps (
            id INTEGER PRIMARY KEY,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            reason TEXT NOT NULL CHECK (reason IN ('killed', 'stopped')),
            CHECK (end_ms >= start_ms)
        );
        CREATE INDEX gateway_gaps_by_start ON gateway_gaps(start_ms);
        """
}
