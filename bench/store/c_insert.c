/* Baseline for the store benchmark: a raw sqlite3 C loop inserting the same readings as
 * `gridwatch store-load` (reading k: device k % D, point (k / D) % P, one second per round of all
 * series, value k), with one prepared INSERT, the same statement, pragmas and batch size.
 *
 *   c_insert DB ROWS DEVICES POINTS BATCH [LAYOUT]
 *
 * Without LAYOUT, DB must already hold GridWatch's schema (made by `gridwatch store-load --readings 0`)
 * and rows go where GridWatch's writer puts them: `readings_recent`.
 * With LAYOUT, DB must be new and a `readings` table is created in that layout, to compare layouts:
 *   without-rowid   PRIMARY KEY (series_id, time_ms) WITHOUT ROWID   (GridWatch's layout)
 *   rowid-index     rowid table plus an index on (series_id, time_ms)
 *   time-major      PRIMARY KEY (time_ms, series_id) WITHOUT ROWID   (append-only; slow range reads by series)
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static sqlite3 *db;

static void check(int rc, const char *what) {
    if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
        fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
        exit(1);
    }
}

static void exec(const char *sql) { check(sqlite3_exec(db, sql, NULL, NULL, NULL), sql); }

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static void create_layout(const char *layout) {
    exec("PRAGMA auto_vacuum = INCREMENTAL");
    exec("CREATE TABLE devices (id TEXT PRIMARY KEY NOT NULL, updated_ms INTEGER NOT NULL DEFAULT 0);"
         "CREATE TABLE series (id INTEGER PRIMARY KEY, device_id TEXT NOT NULL REFERENCES devices(id),"
         " point TEXT NOT NULL, UNIQUE (device_id, point))");
    if (strcmp(layout, "without-rowid") == 0) {
        exec("CREATE TABLE readings (series_id INTEGER NOT NULL, time_ms INTEGER NOT NULL, value REAL,"
             " quality INTEGER NOT NULL, PRIMARY KEY (series_id, time_ms)) WITHOUT ROWID");
    } else if (strcmp(layout, "rowid-index") == 0) {
        exec("CREATE TABLE readings (series_id INTEGER NOT NULL, time_ms INTEGER NOT NULL, value REAL,"
             " quality INTEGER NOT NULL);"
             "CREATE UNIQUE INDEX readings_by_series ON readings(series_id, time_ms)");
    } else if (strcmp(layout, "time-major") == 0) {
        exec("CREATE TABLE readings (series_id INTEGER NOT NULL, time_ms INTEGER NOT NULL, value REAL,"
             " quality INTEGER NOT NULL, PRIMARY KEY (time_ms, series_id)) WITHOUT ROWID");
    } else {
        fprintf(stderr, "unknown layout %s\n", layout);
        exit(2);
    }
}

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s DB ROWS DEVICES POINTS BATCH [LAYOUT]\n", argv[0]);
        return 2;
    }
    long rows = atol(argv[2]), devices = atol(argv[3]), points = atol(argv[4]), batch = atol(argv[5]);
    check(sqlite3_open(argv[1], &db), "open");
    exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA journal_size_limit = 67108864;"
         "PRAGMA foreign_keys = ON");
    if (argc > 6) create_layout(argv[6]);

    /* Series ids, created as GridWatch creates them (outside the timed loop: a handful of rows). */
    long series_count = devices * points;
    sqlite3_int64 *series = malloc(sizeof *series * series_count);
    sqlite3_stmt *device_stmt, *series_stmt;
    check(sqlite3_prepare_v2(db, "INSERT OR IGNORE INTO devices(id, updated_ms) VALUES (?, 0)", -1, &device_stmt, NULL), "prepare");
    check(sqlite3_prepare_v2(db, "INSERT INTO series(device_id, point) VALUES (?, ?)", -1, &series_stmt, NULL), "prepare");
    exec("BEGIN");
    for (long d = 0; d < devices; d++) {
        char device[32], point[32];
        snprintf(device, sizeof device, "D%ld", d);
        sqlite3_bind_text(device_stmt, 1, device, -1, SQLITE_TRANSIENT);
        check(sqlite3_step(device_stmt), "device");
        sqlite3_reset(device_stmt);
        for (long p = 0; p < points; p++) {
            snprintf(point, sizeof point, "p%ld", p);
            sqlite3_bind_text(series_stmt, 1, device, -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(series_stmt, 2, point, -1, SQLITE_TRANSIENT);
            check(sqlite3_step(series_stmt), "series");
            sqlite3_reset(series_stmt);
            series[d * points + p] = sqlite3_last_insert_rowid(db);
        }
    }
    exec("COMMIT");

    sqlite3_stmt *insert;
    check(sqlite3_prepare_v2(db, argc > 6
        ? "INSERT OR REPLACE INTO readings(series_id, time_ms, value, quality) VALUES (?, ?, ?, ?)"
        : "INSERT OR REPLACE INTO readings_recent(series_id, time_ms, value, quality) VALUES (?, ?, ?, ?)",
        -1, &insert, NULL), "prepare insert");
    const sqlite3_int64 origin = 1767225600000LL;
    double start = now();
    exec("BEGIN");
    for (long k = 0; k < rows; k++) {
        long d = k % devices, p = (k / devices) % points;
        sqlite3_bind_int64(insert, 1, series[d * points + p]);
        sqlite3_bind_int64(insert, 2, origin + (sqlite3_int64)(k / series_count) * 1000);
        sqlite3_bind_double(insert, 3, (double)k);
        sqlite3_bind_int(insert, 4, 0);
        check(sqlite3_step(insert), "insert");
        sqlite3_reset(insert);
        if ((k + 1) % batch == 0) exec("COMMIT; BEGIN");
    }
    exec("COMMIT");
    double seconds = now() - start;
    printf("rows=%ld seconds=%.3f rows_per_s=%.0f\n", rows, seconds, rows / seconds);
    sqlite3_finalize(insert);
    sqlite3_finalize(device_stmt);
    sqlite3_finalize(series_stmt);
    free(series);
    return sqlite3_close(db) == SQLITE_OK ? 0 : 1;
}
