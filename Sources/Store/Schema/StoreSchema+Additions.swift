extension StoreSchema {
    /// Added after the first release: the collector's missed deadlines and unsupported points in device
    /// health, who acknowledged a violation, and the device input the aggregator rejected as untrusted
    /// (a NaN clock, a log record ending before it starts...), one row per device and reason.
    static let healthCountersAcknowledgersAndInputFlags = """
        ALTER TABLE device_health ADD COLUMN missed_deadlines INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE device_health ADD COLUMN unsupported_points INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE device_health_history ADD COLUMN missed_deadlines INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE device_health_history ADD COLUMN unsupported_points INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE violations ADD COLUMN acknowledged_by TEXT;

        CREATE TABLE input_flags (
            device_id TEXT NOT NULL,
            reason TEXT NOT NULL,
            first_ms INTEGER NOT NULL,
            last_ms INTEGER NOT NULL,
            last_value TEXT,
            PRIMARY KEY (device_id, reason)
        ) WITHOUT ROWID;
        """
}
