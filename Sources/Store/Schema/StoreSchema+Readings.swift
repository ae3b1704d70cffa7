extension StoreSchema {
    /// Devices, series and readings.
    ///
    /// Physical layout, chosen for write speed and for range reads by (device, point, time):
    /// - a series is one (device, point) pair with a compact integer id, so a reading row holds no text;
    /// - the writer appends to `readings_recent`, clustered on `(time_ms, series_id)`: readings arrive in
    ///   time order, so every commit writes only the last few pages;
    /// - the writer later moves them, a range of series at a time, into `readings`, clustered on
    ///   `(series_id, time_ms)` so that a range read is one contiguous scan. Inserting straight into
    ///   that order would touch one page per series per commit: with 20,000 series, a C loop managed
    ///   about 60,000 rows/s against 900,000 for the time-ordered table (`bench/store`), and a gateway
    ///   would rewrite megabytes of flash every second. Moving many readings per series at once writes
    ///   each page once per move. Both are `WITHOUT ROWID`: one B-tree instead of a rowid table plus an
    ///   index (which measured no faster: `bench/store`, layout `rowid-index`);
    /// - readings carry no foreign key to `series`: checking one per row would cost a lookup per insert,
    ///   and only the store's writer creates series (inside the same transaction as their first reading);
    /// - `quality` is a small integer (`reading_qualities` names the codes for ad-hoc SQL).
    /// The per-minute and per-15-minute aggregates have the same layout; their `sum`/`count` combine
    /// exactly when re-aggregated and `last` is the bucket's last non-null value (energy registers).
    static let devicesAndReadings = """
        CREATE TABLE devices (
            id TEXT PRIMARY KEY NOT NULL,
            bus TEXT,
            unit INTEGER,
            profile TEXT,
            area TEXT,
            line TEXT,
            in_service_from_s INTEGER,
            in_service_to_s INTEGER,
            updated_ms INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX devices_by_area ON devices(area);
        CREATE INDEX devices_by_line ON devices(line);

        CREATE TABLE series (
            id INTEGER PRIMARY KEY,
            device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
            point TEXT NOT NULL,
            UNIQUE (device_id, point)
        );

        CREATE TABLE reading_qualities (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO reading_qualities(code, name) VALUES
            (0, 'good'), (1, 'timeout'), (2, 'exception'), (3, 'crc_error'),
            (4, 'unsupported'), (5, 'stale'), (6, 'disconnected');

        CREATE TABLE readings (
            series_id INTEGER NOT NULL,
            time_ms INTEGER NOT NULL,
            value REAL,
            quality INTEGER NOT NULL,
            PRIMARY KEY (series_id, time_ms)
        ) WITHOUT ROWID;

        CREATE TABLE readings_recent (
            time_ms INTEGER NOT NULL,
            series_id INTEGER NOT NULL,
            value REAL,
            quality INTEGER NOT NULL,
            PRIMARY KEY (time_ms, series_id)
        ) WITHOUT ROWID;

        CREATE TABLE readings_1m (
            series_id INTEGER NOT NULL,
            bucket_ms INTEGER NOT NULL,
            samples INTEGER NOT NULL,
            count INTEGER NOT NULL,
            sum REAL,
            min REAL,
            max REAL,
            last REAL,
            PRIMARY KEY (series_id, bucket_ms)
        ) WITHOUT ROWID;

        CREATE TABLE readings_15m (
            series_id INTEGER NOT NULL,
            bucket_ms INTEGER NOT NULL,
            samples INTEGER NOT NULL,
            count INTEGER NOT NULL,
            sum REAL,
            min REAL,
            max REAL,
            last REAL,
            PRIMARY KEY (series_id, bucket_ms)
        ) WITHOUT ROWID;

        -- Bookkeeping of the maintenance job (condensing watermarks and the like).
        CREATE TABLE store_state (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL) WITHOUT ROWID;
        """

    /// The current health snapshot per device, and every snapshot as history.
    static let deviceHealth = """
        CREATE TABLE device_health (
            device_id TEXT PRIMARY KEY NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            time_ms INTEGER NOT NULL,
            last_success_ms INTEGER,
            last_error_ms INTEGER,
            last_error TEXT,
            last_error_code TEXT,
            consecutive_failures INTEGER NOT NULL,
            success_ratio_hour REAL,
            success_ratio_day REAL,
            latency_p50_ms REAL,
            latency_p99_ms REAL,
            timeouts INTEGER NOT NULL,
            exceptions INTEGER NOT NULL,
            crc_errors INTEGER NOT NULL,
            offline_transitions INTEGER NOT NULL
        );

        CREATE TABLE device_health_history (
            device_id TEXT NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
            time_ms INTEGER NOT NULL,
            status TEXT NOT NULL,
            last_success_ms INTEGER,
            last_error_ms INTEGER,
            last_error TEXT,
            last_error_code TEXT,
            consecutive_failures INTEGER NOT NULL,
            success_ratio_hour REAL,
            success_ratio_day REAL,
            latency_p50_ms REAL,
            latency_p99_ms REAL,
            timeouts INTEGER NOT NULL,
            exceptions INTEGER NOT NULL,
            crc_errors INTEGER NOT NULL,
            offline_transitions INTEGER NOT NULL,
            PRIMARY KEY (device_id, time_ms)
        ) WITHOUT ROWID;
        """
}
