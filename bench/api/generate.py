#!/usr/bin/env python3
"""Fills a GridWatch database (schema made by `gridwatch run`, devices registered) with a year of
voltage_a data for every device and a year of outage records and events:
  - raw readings every 60 s over the last day,
  - per-minute aggregates from 7 days ago to 1 day ago,
  - 15-minute aggregates from 365 days ago to 7 days ago,
  - about 5 outage records per meter over the year, grouped into area events.
Watermarks are set so the store reads each tier where it holds data.

usage: generate.py DATABASE [--seed N]
"""
import argparse, math, random, sqlite3, time

DAY_MS = 86_400_000


def series_ids(db):
    devices = [row[0] for row in db.execute("SELECT id FROM devices ORDER BY id")]
    for device in devices:
        db.execute("INSERT OR IGNORE INTO series(device_id, point) VALUES (?, 'voltage_a')", (device,))
    return {device: sid for device, sid in db.execute("SELECT device_id, id FROM series WHERE point = 'voltage_a'")}


def voltage(series, t_ms):
    day = (t_ms % DAY_MS) / DAY_MS
    return 228 + 4 * math.sin(2 * math.pi * day) + (series % 7) * 0.3


def fill_tier(db, table, ids, start, end, step):
    rows = 0
    for sid in sorted(ids.values()):
        batch = []
        for t in range(start, end, step):
            v = voltage(sid, t)
            n = step // 1000 if table != "readings_1m" else 1
            batch.append((sid, t, n, n, v * n, v - 1.5, v + 1.5, v))
        db.executemany(f"INSERT OR REPLACE INTO {table}(series_id, bucket_ms, samples, count, sum, min, max, last) VALUES (?,?,?,?,?,?,?,?)", batch)
        rows += len(batch)
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("database")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    random.seed(args.seed)
    started = time.time()
    db = sqlite3.connect(args.database)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    now = int(time.time() * 1000) // 60_000 * 60_000
    ids = series_ids(db)
    raw = []
    for device, sid in ids.items():
        raw.extend((sid, t, voltage(sid, t), 0) for t in range(now - DAY_MS, now - 60_000, 60_000))
    db.executemany("INSERT OR IGNORE INTO readings(series_id, time_ms, value, quality) VALUES (?,?,?,?)", raw)
    minute = fill_tier(db, "readings_1m", ids, now - 7 * DAY_MS, now - DAY_MS, 60_000)
    quarter = fill_tier(db, "readings_15m", ids, now - 365 * DAY_MS, now - 7 * DAY_MS, 900_000)
    for key, value in (("condensed_1m_through_ms", now - DAY_MS), ("condensed_15m_through_ms", now - 7 * DAY_MS)):
        db.execute("INSERT OR REPLACE INTO store_state(key, value) VALUES (?, ?)", (key, value))

    meters = list(db.execute("SELECT id, area, line FROM devices ORDER BY id"))
    by_area = {}
    for meter in meters:
        by_area.setdefault(meter[1], []).append(meter)
    outages = events = 0
    start_of_year = now // 1000 - 365 * 86_400
    for area, members in sorted(by_area.items()):
        for n in range(len(members) * 5 // 4):
            start = start_of_year + random.randrange(0, 360 * 86_400)
            duration = random.choice([30, 120, 600, 1800, 3600, 7200, 14400])
            affected = random.sample(members, k=random.randint(1, min(len(members), 6)))
            event_id = f"bench-{area}-{n}"
            db.execute("INSERT INTO interruption_events(id, area, line, start_s, end_s, meters, class, updated_ms) VALUES (?,?,?,?,?,?,?,?)",
                       (event_id, area, affected[0][2], start, start + duration, len(affected), "fault_internal", now))
            events += 1
            for meter in affected:
                db.execute("INSERT INTO outages(meter_id, area, line, start_s, end_s, class, event_id, source, confidence, updated_ms) "
                           "VALUES (?,?,?,?,?,'fault_internal',?,'imported',1,?)", (meter[0], area, meter[2], start, start + duration, event_id, now))
                outages += 1
    db.execute("INSERT INTO store_state(key, value) VALUES ('records_version', 1) ON CONFLICT(key) DO UPDATE SET value = value + 1")
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    print(f"generated {len(raw)} raw readings, {minute} minute and {quarter} quarter-hour aggregates, "
          f"{outages} outage records in {events} events for {len(ids)} devices in {time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
