"""The benchmark's indices computed in DuckDB SQL: prints timings as JSON, writes the per-group sums as JSON.

Usage: baseline_duckdb.py DATA_DIR RESULT.json csv|parquet
"""
import sys

import duckdb

import common as c

FIRST_DAY = (c.PERIOD_START + c.OFFSET) // c.DAY
DAYS = (c.PERIOD_END - c.PERIOD_START) // c.DAY


def load(con, data, source):
    if source == "csv":
        con.execute(f"""
            CREATE TABLE topo AS SELECT row_number() OVER () - 1 AS m, meter_id, area, line, county, region,
                coalesce(customers, 1)::DOUBLE AS customers, coalesce(kva, 0)::DOUBLE AS kva,
                epoch(in_service_from)::BIGINT - {c.OFFSET} AS from_epoch, epoch(in_service_to)::BIGINT - {c.OFFSET} AS to_epoch
            FROM read_csv('{data}/topology.csv', header = true, columns = {{'meter_id': 'VARCHAR', 'area': 'VARCHAR',
                'line': 'VARCHAR', 'county': 'VARCHAR', 'region': 'VARCHAR', 'customers': 'INTEGER', 'kva': 'DOUBLE',
                'in_service_from': 'DATE', 'in_service_to': 'DATE'}})""")
        con.execute(f"""
            CREATE TABLE o AS SELECT meter_id, epoch("start")::BIGINT AS "start", epoch("end")::BIGINT AS "end",
                event_id, class, coalesce(reclose_operations, 0) AS reclose
            FROM read_csv('{data}/outages.csv', header = true, columns = {{'meter_id': 'VARCHAR', 'start': 'TIMESTAMPTZ',
                'end': 'TIMESTAMPTZ', 'event_id': 'VARCHAR', 'class': 'VARCHAR', 'reclose_operations': 'INTEGER'}})""")
    else:
        con.execute(f"""
            CREATE TABLE topo AS SELECT row_number() OVER () - 1 AS m, meter_id, area, line, county, region,
                customers::DOUBLE AS customers, kva,
                CASE WHEN from_epoch = -9223372036854775808 THEN NULL ELSE from_epoch END AS from_epoch,
                CASE WHEN to_epoch = 9223372036854775807 THEN NULL ELSE to_epoch END AS to_epoch
            FROM read_parquet('{data}/topology.parquet')""")
        con.execute(f"""CREATE TABLE o AS SELECT meter_id, "start", "end", event_id, class, reclose_operations AS reclose
                        FROM read_parquet('{data}/outages.parquet')""")
    con.execute(f"CREATE TABLE history AS SELECT * FROM read_csv('{data}/DAILY.csv', header = true)")


def momentary_events(con, rows):
    """Table `ev(m, ev)`: momentary events per meter not followed by a lockout, from table `rows`."""
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE seq AS SELECT m, "start", dur, dur > {c.SUSTAINED_ABOVE} AS sus,
            lag("start") OVER w AS prev_start, lag(dur > {c.SUSTAINED_ABOVE}) OVER w AS prev_sus,
            row_number() OVER w AS pos
        FROM {rows} WINDOW w AS (PARTITION BY m ORDER BY "start", rid)""")
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE mom AS SELECT m, "start", "start" + dur AS e, pos,
            prev_start IS NULL OR prev_sus OR "start" - prev_start > {c.MOMENTARY_WINDOW} AS opens
        FROM seq WHERE NOT sus""")
    # An event groups operations within 5 min of its FIRST one: split until no operation lies further.
    while True:
        before = con.execute("SELECT count(*) FILTER (opens) FROM mom").fetchone()[0]
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE mom AS SELECT m, "start", e, pos,
                opens OR (beyond AND NOT coalesce(lag(beyond) OVER (PARTITION BY m, sid ORDER BY pos), false)) AS opens
            FROM (SELECT *, NOT opens AND "start" - max(CASE WHEN opens THEN "start" END) OVER (PARTITION BY m, sid)
                              > {c.MOMENTARY_WINDOW} AS beyond
                  FROM (SELECT *, sum(opens::INTEGER) OVER (PARTITION BY m ORDER BY pos ROWS UNBOUNDED PRECEDING) AS sid
                        FROM mom))""")
        if con.execute("SELECT count(*) FILTER (opens) FROM mom").fetchone()[0] == before:
            break
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE ev AS
        WITH segments AS (SELECT m, sid, max(e) AS last_end, max(pos) AS last_pos
                          FROM (SELECT *, sum(opens::INTEGER) OVER (PARTITION BY m ORDER BY pos ROWS UNBOUNDED PRECEDING) AS sid
                                FROM mom) GROUP BY m, sid)
        SELECT s.m, count(*) FILTER (NOT coalesce(n.sus AND n."start" - s.last_end <= {c.MOMENTARY_WINDOW}, false)) AS ev
        FROM segments s LEFT JOIN seq n ON n.m = s.m AND n.pos = s.last_pos + 1 GROUP BY s.m""")


def ieee_sums(con, rows, prefix):
    """Per-area IEEE sums (columns prefixed) from table `rows` into table `{prefix}ieee`."""
    momentary_events(con, rows)
    cemi = ", ".join(f"sum(customers * (cnt > {n})::INTEGER) AS {prefix}cemi_{n}, "
                     f"sum(customers * (cnt + ev > {n})::INTEGER) AS {prefix}cemsmi_{n}" for n in c.CEMI_N)
    con.execute(f"""
        CREATE OR REPLACE TEMP TABLE {prefix}ieee AS
        WITH per_meter AS (
            SELECT m, count(*) FILTER (dur > {c.SUSTAINED_ABOVE}) AS cnt,
                coalesce(sum(dur) FILTER (dur > {c.SUSTAINED_ABOVE}), 0) AS sec,
                coalesce(max(dur) FILTER (dur > {c.SUSTAINED_ABOVE}), 0) AS longest,
                sum(CASE WHEN dur > {c.SUSTAINED_ABOVE} THEN reclose ELSE greatest(reclose, 1) END) AS ops
            FROM {rows} GROUP BY m),
        joined AS (SELECT p.*, coalesce(ev.ev, 0) AS ev, t.customers, t.kva, t.area
                   FROM per_meter p JOIN topo t USING (m) LEFT JOIN ev USING (m))
        SELECT area, sum(customers * cnt) AS {prefix}ci, sum(customers * sec / 60) AS {prefix}cmi,
            sum(customers * (cnt > 0)::INTEGER) AS {prefix}cn, sum(kva * cnt) AS {prefix}kva_int,
            sum(kva * sec / 60) AS {prefix}kva_min, sum(customers * ops) AS {prefix}mom_ops,
            sum(customers * ev) AS {prefix}mom_events,
            sum(customers * (cnt > 0 AND longest >= {c.CELID_SINGLE_SECONDS})::INTEGER) AS {prefix}celid_s,
            sum(customers * (cnt > 0 AND sec >= {c.CELID_TOTAL_SECONDS})::INTEGER) AS {prefix}celid_t, {cemi}
        FROM joined GROUP BY area""")


def compute(con):
    con.execute(f"""
        CREATE TEMP TABLE r AS SELECT t.m, o."start", greatest(coalesce(o."end", {c.AS_OF}) - o."start", 0) AS dur,
            o.class AS klass, coalesce(o.reclose, 0) AS reclose, o.event_id AS event, o.rowid AS rid,
            t.customers AS cust, (o."start" + {c.OFFSET}) // {c.DAY} - {FIRST_DAY} AS day
        FROM o JOIN topo t USING (meter_id) WHERE o."start" >= {c.PERIOD_START} AND o."start" < {c.PERIOD_END}""")
    # Major Event Days: threshold from the history, daily SAIDI = daily CMI / customers in service that day.
    alpha, beta = con.execute(f"""SELECT avg(ln(saidi_minutes)), stddev_samp(ln(saidi_minutes)) FROM history
        WHERE "date" >= DATE '{c.HISTORY_FROM}' AND "date" < DATE '{c.HISTORY_TO}' AND saidi_minutes > 0""").fetchone()
    threshold = float(con.execute(f"SELECT exp({alpha} + 2.5 * {beta})").fetchone()[0])
    con.execute(f"""
        CREATE TEMP TABLE med AS
        WITH bounds AS (SELECT customers,
                 least(greatest((greatest(coalesce(from_epoch, {c.PERIOD_START}), {c.PERIOD_START}) + {c.OFFSET}) // {c.DAY} - {FIRST_DAY}, 0), {DAYS}) AS d0,
                 least(greatest((least(coalesce(to_epoch, {c.PERIOD_END}), {c.PERIOD_END}) + {c.OFFSET}) // {c.DAY} - {FIRST_DAY}, 0), {DAYS}) AS d1
             FROM topo),
        changes AS (SELECT d0 AS d, sum(customers) AS delta FROM bounds GROUP BY d0
                    UNION ALL SELECT d1, -sum(customers) FROM bounds GROUP BY d1),
        daily_customers AS (SELECT d, sum(sum(delta)) OVER (ORDER BY d) AS n FROM changes GROUP BY d),
        days AS (SELECT range AS d FROM range({DAYS})),
        customers_by_day AS (SELECT days.d, (SELECT n FROM daily_customers c WHERE c.d <= days.d ORDER BY c.d DESC LIMIT 1) AS n
                             FROM days),
        cmi AS (SELECT day AS d, sum(cust * dur / 60) AS cmi FROM r WHERE dur > {c.SUSTAINED_ABOVE} GROUP BY day)
        SELECT d FROM customers_by_day LEFT JOIN cmi USING (d) WHERE coalesce(cmi, 0) / n > {threshold}""")
    med_days = con.execute("SELECT count(*) FROM med").fetchone()[0]
    con.execute("CREATE TEMP TABLE r_x AS SELECT * FROM r WHERE day NOT IN (SELECT d FROM med)")
    ieee_sums(con, "r", "")
    ieee_sums(con, "r_x", "x_")
    fault = "klass IN ('fault_internal', 'fault_external')"
    con.execute(f"""
        CREATE TEMP TABLE leaf AS
        WITH base AS (SELECT area, sum(customers * w) AS customers, sum(kva * w) AS kva FROM (
                SELECT area, customers, kva, greatest(least(coalesce(to_epoch, {c.PERIOD_END}), {c.PERIOD_END})
                    - greatest(coalesce(from_epoch, {c.PERIOD_START}), {c.PERIOD_START}), 0)::DOUBLE
                    / {c.PERIOD_END - c.PERIOD_START} AS w FROM topo) GROUP BY area),
        dlt AS (SELECT t.area,
                sum(cust * dur / 3600) FILTER (dur > {c.SHORT_AT_MOST}) AS ch,
                sum(cust) FILTER (dur > {c.SHORT_AT_MOST}) AS users,
                sum(cust * dur / 3600) FILTER (dur > {c.SHORT_AT_MOST} AND klass = 'fault_external') AS ext_h,
                sum(cust) FILTER (dur > {c.SHORT_AT_MOST} AND klass = 'fault_external') AS ext_u,
                sum(cust * dur / 3600) FILTER (dur > {c.SHORT_AT_MOST} AND klass = 'supply_shortage') AS shortage_h,
                sum(cust) FILTER (dur > {c.SHORT_AT_MOST} AND klass = 'supply_shortage') AS shortage_u,
                sum(cust * dur / 3600) FILTER (dur > {c.SHORT_AT_MOST} AND {fault}) AS fault_h,
                sum(cust) FILTER (dur > {c.SHORT_AT_MOST} AND {fault}) AS fault_u,
                sum(cust * dur / 3600) FILTER (dur > {c.SHORT_AT_MOST} AND NOT {fault}) AS pre_h,
                sum(cust) FILTER (dur > {c.SHORT_AT_MOST} AND NOT {fault}) AS pre_u,
                sum(cust) FILTER (dur <= {c.SHORT_AT_MOST}) AS short_u
            FROM r JOIN topo t USING (m) GROUP BY t.area)
        SELECT * FROM base LEFT JOIN ieee USING (area) LEFT JOIN x_ieee USING (area) LEFT JOIN dlt USING (area)""")
    con.execute(f"""CREATE TEMP TABLE parts AS SELECT t.area, t.line, t.county, t.region, r.event, {fault} AS f,
                        min(r."start") AS first, max(r."start" + r.dur) AS last
                    FROM r JOIN topo t USING (m) WHERE r.dur > {c.SHORT_AT_MOST}
                    GROUP BY t.area, t.line, t.county, t.region, r.event, f""")
    sums_columns = ["customers", "kva"] + c.IEEE_SUMS + ["x_" + s for s in c.IEEE_SUMS] + c.DLT_SUMS
    summed = ", ".join(f"coalesce(sum({s}), 0) AS {s}" for s in sums_columns)
    results = []
    for level in c.LEVELS:
        group = "'system'" if level == "system" else level
        frame = con.execute(f"""
            WITH areas AS (SELECT DISTINCT area, line, county, region FROM topo),
            sums AS (SELECT {group} AS id, {summed} FROM leaf JOIN areas USING (area) GROUP BY ALL),
            event_parts AS (SELECT {group} AS id, event, f, min(first) AS first, max(last) AS last FROM parts GROUP BY ALL),
            events AS (SELECT id, count(DISTINCT event) AS events,
                    count(*) FILTER (f) AS fault_events, coalesce(sum((last - first) / 3600) FILTER (f), 0) AS fault_event_h,
                    count(*) FILTER (NOT f) AS pre_events, coalesce(sum((last - first) / 3600) FILTER (NOT f), 0) AS pre_event_h
                FROM event_parts GROUP BY id)
            SELECT sums.*, coalesce(events, 0) AS events, coalesce(fault_events, 0) AS fault_events,
                coalesce(fault_event_h, 0) AS fault_event_h, coalesce(pre_events, 0) AS pre_events,
                coalesce(pre_event_h, 0) AS pre_event_h
            FROM sums LEFT JOIN events USING (id)""").fetchall()
        names = [d[0] for d in con.description]
        for values in frame:
            row = {name: (float(v) if name != "id" else v) for name, v in zip(names, values)}
            row["by"] = level
            results.append(row)
    return results, {"alpha": alpha, "beta": beta, "threshold_minutes": threshold, "med_days": med_days}


def main():
    data, result_path, source = sys.argv[1], sys.argv[2], sys.argv[3]
    con = duckdb.connect()
    c.time_and_write(lambda: load(con, data, source), lambda _: compute(con), result_path)


if __name__ == "__main__":
    main()
