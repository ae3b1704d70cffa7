extension StoreSchema {
    /// Columns added after the first release: the collector's missed deadlines and unsupported points
    /// in device health, and who acknowledged a violation.
    static let healthCountersAndAcknowledgers = """
        ALTER TABLE device_health ADD COLUMN missed_deadlines INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE device_health ADD COLUMN unsupported_points INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE device_health_history ADD COLUMN missed_deadlines INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE device_health_history ADD COLUMN unsupported_points INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE violations ADD COLUMN acknowledged_by TEXT;
        """
}
