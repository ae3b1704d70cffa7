extension StoreSchema {
    /// Outage records, the meters' event-log records and the last `outage_count` seen per meter.
    ///
    /// A record read from a meter's log carries `log_start_s` (the start as the meter logged it, before
    /// clock correction); `(meter_id, log_start_s)` is unique, so re-reading a log never duplicates a
    /// record. Provisional records (terminal unit, inference) have no `log_start_s` until confirmed.
    /// `annotated_ms` is set when a person classified the record; later log re-reads keep that class.
    static let outagesAndMeterLogs = """
        CREATE TABLE outages (
            id INTEGER PRIMARY KEY,
            meter_id TEXT NOT NULL,
            area TEXT,
            line TEXT,
            start_s INTEGER NOT NULL,
            end_s INTEGER,
            class TEXT NOT NULL,
            cause TEXT,
            cause_code TEXT,
            work_order TEXT,
            event_id TEXT,
            reclose_operations INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL,
            confidence REAL NOT NULL,
            log_start_s INTEGER,
            annotated_ms INTEGER,
            updated_ms INTEGER NOT NULL,
            CHECK (end_s IS NULL OR end_s >= start_s)
        );
        CREATE UNIQUE INDEX outages_log_identity ON outages(meter_id, log_start_s);
        CREATE INDEX outages_by_meter ON outages(meter_id, start_s);
        CREATE INDEX outages_by_area ON outages(area, start_s);
        CREATE INDEX outages_by_line ON outages(line, start_s);
        CREATE INDEX outages_by_start ON outages(start_s);
        CREATE INDEX outages_by_event ON outages(event_id);
        CREATE INDEX outages_open ON outages(meter_id) WHERE end_s IS NULL;

        -- Raw records of a meter's outage event log, as the meter's clock gave them.
        CREATE TABLE meter_log_records (
            meter_id TEXT NOT NULL,
            logged_start_s INTEGER NOT NULL,
            logged_end_s INTEGER,
            clock_offset_ms INTEGER NOT NULL,
            read_ms INTEGER NOT NULL,
            PRIMARY KEY (meter_id, logged_start_s)
        ) WITHOUT ROWID;

        -- Per meter: the last outage_count read and the meter clock offset (meter clock minus gateway).
        CREATE TABLE meter_log_state (
            meter_id TEXT PRIMARY KEY NOT NULL,
            outage_count INTEGER,
            clock_offset_ms INTEGER,
            read_ms INTEGER NOT NULL
        );
        """

    /// Interruption events, their annotations, planned-outage notices and daily figures.
    ///
    /// `daily_figures` is a long table: one value per (day, level, scope, name), so the aggregator can
    /// keep whatever numerators and denominators it needs (customers, customer_interruptions,
    /// customer_minutes, saidi_minutes, ...) without a migration per figure.
    static let eventsNoticesAndDailyFigures = """
        CREATE TABLE interruption_events (
            id TEXT PRIMARY KEY NOT NULL,
            area TEXT,
            line TEXT,
            start_s INTEGER NOT NULL,
            end_s INTEGER,
            meters INTEGER NOT NULL,
            class TEXT NOT NULL,
            cause TEXT,
            cause_code TEXT,
            work_order TEXT,
            planned_notice_id TEXT,
            annotated_ms INTEGER,
            updated_ms INTEGER NOT NULL
        );
        CREATE INDEX interruption_events_by_start ON interruption_events(start_s);
        CREATE INDEX interruption_events_by_area ON interruption_events(area, start_s);

        CREATE TABLE event_annotations (
            id INTEGER PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES interruption_events(id) ON DELETE CASCADE,
            time_ms INTEGER NOT NULL,
            class TEXT,
            cause TEXT,
            cause_code TEXT,
            work_order TEXT,
            author TEXT
        );
        CREATE INDEX event_annotations_by_event ON event_annotations(event_id, time_ms);

        CREATE TABLE planned_notices (
            id INTEGER PRIMARY KEY,
            notice_id TEXT NOT NULL,
            scope_level TEXT NOT NULL CHECK (scope_level IN ('area', 'line')),
            scope_id TEXT NOT NULL,
            start_s INTEGER NOT NULL,
            end_s INTEGER NOT NULL,
            description TEXT,
            imported_ms INTEGER NOT NULL,
            UNIQUE (notice_id, scope_level, scope_id),
            CHECK (end_s >= start_s)
        );
        CREATE INDEX planned_notices_by_scope ON planned_notices(scope_level, scope_id, start_s);

        CREATE TABLE daily_figures (
            day TEXT NOT NULL,
            level TEXT NOT NULL,
            scope_id TEXT NOT NULL,
            name TEXT NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (level, scope_id, day, name)
        ) WITHOUT ROWID;
        CREATE INDEX daily_figures_by_day ON daily_figures(day);
        """
}
