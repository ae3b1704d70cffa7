"""`make bench-fleet`: store-and-forward throughput and the fleet's regional index report (issue 8).

1. Records per second forwarded (`gridwatch central forward`: outbox → idempotent batches → PostgreSQL)
   from one gateway and from three at once, against `COPY` of the same rows into the same table, the
   ceiling, measured in the same run on the same server.
2. The regional index report (every index by area, line, county, region and system) for 1 million
   meters' year of outages (bench/reliability/generate.py: 10 million records) computed from the central
   database (`gridwatch indices --central`), against the same report from the CSV files, and checked equal.
   `--meters` and `--index-rows` choose a smaller fleet (50 meters an area).

Usage: run.py --gridwatch .build/release/gridwatch [--rows 200000] [--batch-size 5000] [--meters N] [--index-rows N]
A throwaway PostgreSQL (scripts/postgres-test-server.sh, port 55433 unless GRIDWATCH_PG_PORT says otherwise, in
WORK/pg unless GRIDWATCH_PG_DIR does) is started and stopped.
"""
import argparse
import glob
import os
import resource
import sqlite3
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SERVER = os.path.join(ROOT, "scripts", "postgres-test-server.sh")
OUTAGE_COLUMNS = ["id", "meter_id", "area", "line", "start_s", "end_s", "class", "cause", "cause_code", "work_order",
                  "event_id", "reclose_operations", "source", "confidence", "log_start_s", "annotated_ms", "updated_ms"]


def run(command, env=None, **kwargs):
    result = subprocess.run(command, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result.stdout


def psql(url, sql):
    return run(["psql", url.split("?")[0], "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql])


def gateway(work, name, url_file, batch_size):
    folder = os.path.join(work, name)
    os.makedirs(folder, exist_ok=True)
    config = os.path.join(folder, "gateway.yaml")
    with open(config, "w") as handle:
        handle.write(f"""gateway_id: {name}
database: {name}.sqlite
forward:
  postgres_url_file: {url_file}
  batch_size: {batch_size}
buses:
  - id: bus1
    tcp: 127.0.0.1:1502
    devices:
      - {{id: {name}-M000000, unit: 1, profile: gridwatch-lv-meter, area: {name}-A0000}}
""")
    return config, os.path.join(folder, f"{name}.sqlite")


def outage_rows(name, rows):
    """Deterministic outage records of one gateway: 1,000 meters in 20 areas over 2025."""
    start0 = 1735660800
    for i in range(rows):
        meter = i % 1000
        start = start0 + (i * 7919) % (365 * 86400)
        end = start + 60 + (i * 104729) % 7200
        yield (i + 1, f"{name}-M{meter:06d}", f"{name}-A{meter // 50:04d}", f"{name}-L{meter // 200}", start, end,
               "fault_internal" if i % 5 else "planned", None, None, None, f"{name}-E{start // 3600}", i % 3,
               "meter_log", 1.0, start, None, 1764201600000)


def fill_outbox(database, name, rows):
    db = sqlite3.connect(database)
    db.execute("DELETE FROM outages")
    db.execute("DELETE FROM forward_outbox")
    db.executemany(f"INSERT INTO outages({', '.join(OUTAGE_COLUMNS)}) VALUES ({', '.join('?' * len(OUTAGE_COLUMNS))})",
                   outage_rows(name, rows))
    db.execute("INSERT INTO forward_outbox(kind, local_id, op, created_ms) "
               "SELECT 'outage', CAST(id AS TEXT), 'upsert', 0 FROM outages ORDER BY id")
    db.commit()
    db.close()


def copy_file(name, rows, path):
    with open(path, "w") as handle:
        for row in outage_rows(name, rows):
            values = [name, str(row[0])] + ["" if v is None else str(v) for v in row]
            handle.write(",".join(values) + "\n")


def timed(commands):
    """Starts every command at once; returns the wall seconds until the last one ended."""
    started = time.perf_counter()
    processes = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in commands]
    for process, command in zip(processes, commands):
        out, err = process.communicate()
        if process.returncode != 0:
            sys.exit(f"{' '.join(command)} failed:\n{out}\n{err}")
    return time.perf_counter() - started


def forwarding(args, url, url_file, work):
    names = ["gw1", "gw2", "gw3", "gw4"]
    configs = {}
    for name in names:
        config, database = gateway(work, name, url_file, args.batch_size)
        run([args.gridwatch, "central", "forward", "--config", config])  # creates the database, publishes topology
        fill_outbox(database, name, args.rows)
        configs[name] = config
        copy_file(f"copy-{name}", args.rows, os.path.join(work, f"{name}.csv"))
    copy_columns = "gateway_id, local_id, " + ", ".join(OUTAGE_COLUMNS)

    def copy_command(name):
        return ["psql", url.split("?")[0], "-v", "ON_ERROR_STOP=1", "-qc",
                f"\\copy fleet_outages({copy_columns}) FROM '{os.path.join(work, name + '.csv')}' CSV"]

    one = timed([[args.gridwatch, "central", "forward", "--config", configs["gw1"]]])
    three = timed([[args.gridwatch, "central", "forward", "--config", configs[n]] for n in names[1:]])
    copy_one = timed([copy_command("gw1")])
    copy_three = timed([copy_command(n) for n in names[1:]])
    count = int(psql(url, "SELECT count(*) FROM fleet_outages WHERE gateway_id NOT LIKE 'copy-%'"))
    expected = 4 * args.rows
    print(f"forwarding {args.rows:,} outage records per gateway, batch {args.batch_size} "
          f"(central rows after forwarding: {count:,} of {expected:,})")
    print(f"  {'':32} {'seconds':>9} {'records/s':>11} {'COPY s':>8} {'COPY rec/s':>11} {'share of COPY':>14}")
    for label, seconds, copy_seconds, gateways in [("one gateway", one, copy_one, 1), ("three gateways at once", three, copy_three, 3)]:
        rate, copy_rate = gateways * args.rows / seconds, gateways * args.rows / copy_seconds
        print(f"  {label:32} {seconds:9.2f} {rate:11,.0f} {copy_seconds:8.2f} {copy_rate:11,.0f} {rate / copy_rate:13.0%}")
    if count != expected:
        sys.exit("central row count differs from the gateways'")
    # The index report compares the central database with the CSV files: only their records may be there.
    psql(url, "TRUNCATE fleet_outages, fleet_meters, fleet_gateways")


def index_report(args, url, url_file, work):
    data = os.path.join(ROOT, ".build", "bench-reliability")
    areas = max(1, args.meters // 50)
    marker = os.path.join(data, f"generated-{args.index_rows}-{args.meters}-{areas}")
    if not os.path.exists(marker):
        print(f"generating {args.index_rows:,} outage records of {args.meters:,} meters ...", flush=True)
        for stale in glob.glob(os.path.join(data, "generated-*")):  # the folder holds one size at a time
            os.remove(stale)
        run([sys.executable, os.path.join(ROOT, "bench", "reliability", "generate.py"), "--out", data,
             "--rows", str(args.index_rows), "--meters", str(args.meters), "--areas", str(areas)])
        open(marker, "w").close()
    started = time.perf_counter()
    psql(url, "CREATE TABLE stage_topology (meter_id text, area text, line text, county text, region text, customers int, "
              "kva float8, in_service_from text, in_service_to text)")
    psql(url, "CREATE TABLE stage_outages (meter_id text, start_t text, end_t text, event_id text, class text, reclose int)")
    run(["psql", url.split("?")[0], "-qc", f"\\copy stage_topology FROM '{data}/topology.csv' CSV HEADER"])
    run(["psql", url.split("?")[0], "-qc", f"\\copy stage_outages FROM '{data}/outages.csv' CSV HEADER"])
    local_midnight = "extract(epoch FROM ({0} || 'T00:00:00+08:00')::timestamptz)::bigint"
    psql(url, "INSERT INTO fleet_meters SELECT meter_id, 'region-bench', area, line, county, region, customers, kva, "
              f"{local_midnight.format('in_service_from')}, {local_midnight.format('in_service_to')}, 220 FROM stage_topology")
    psql(url, "INSERT INTO fleet_outages(gateway_id, local_id, id, meter_id, start_s, end_s, class, event_id, "
              "reclose_operations, source, confidence, updated_ms) "
              "SELECT 'region-bench', n::text, n, meter_id, extract(epoch FROM start_t::timestamptz)::bigint, "
              "extract(epoch FROM end_t::timestamptz)::bigint, class, event_id, coalesce(reclose, 0), 'imported', 1, 0 "
              "FROM (SELECT row_number() OVER () AS n, * FROM stage_outages) s")
    psql(url, "DROP TABLE stage_topology, stage_outages; ANALYZE fleet_outages; ANALYZE fleet_meters")
    loaded = time.perf_counter() - started
    period = ["--from", "2025-01-01T00:00:00+08:00", "--to", "2026-01-01T00:00:00+08:00",
              "--as-of", "2026-01-01T00:00:00+08:00", "--by", "area,line,county,region,system", "--format", "csv"]
    env = dict(os.environ, GRIDWATCH_POSTGRES_URL=url)
    results = {}
    for label, source in [("central database (--central)", ["--central"]),
                          ("CSV files (baseline)", ["--topology", f"{data}/topology.csv", "--outages", f"{data}/outages.csv"])]:
        out = os.path.join(work, f"indices-{len(results)}.csv")
        with open(out, "w") as handle:
            started, usage = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            result = subprocess.run([args.gridwatch, "indices", *source, *period, "--timings"], env=env, stdout=handle,
                                    stderr=subprocess.PIPE, text=True)
            seconds, ended = time.perf_counter() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = ended.ru_utime - usage.ru_utime + ended.ru_stime - usage.ru_stime
        if result.returncode != 0:
            sys.exit(f"indices {source[0]} failed:\n{result.stderr}")
        results[label] = (seconds, f"gridwatch cpu {cpu:.1f} s {result.stderr.strip()}", open(out).read())
    # For scale: PostgreSQL computing just two of the report's indices (SAIFI and SAIDI of sustained
    # interruptions by area, constant customer counts) in one GROUP BY over the same rows.
    started = time.perf_counter()
    psql(url, "WITH served AS (SELECT area, sum(customers) AS n FROM fleet_meters GROUP BY area), "
              "hit AS (SELECT m.area, sum(m.customers) FILTER (WHERE o.end_s - o.start_s > 300) AS ci, "
              "sum(m.customers * (o.end_s - o.start_s) / 60.0) FILTER (WHERE o.end_s - o.start_s > 300) AS cmi "
              "FROM fleet_outages o JOIN fleet_meters m USING (meter_id) "
              "WHERE o.start_s >= 1735660800 AND o.start_s < 1767196800 GROUP BY m.area) "
              "SELECT sum(saifi), sum(saidi) FROM (SELECT area, coalesce(ci, 0) / n AS saifi, coalesce(cmi, 0) / n AS saidi "
              "FROM served LEFT JOIN hit USING (area)) AS by_area")
    sql_only = time.perf_counter() - started
    rows = int(psql(url, "SELECT count(*) FROM fleet_outages WHERE gateway_id = 'region-bench'"))
    print(f"\nregional index report, {args.meters:,} meters, {rows:,} outage records of 2025 "
          f"(loaded into the central database by COPY in {loaded:.1f} s)")
    for label, (seconds, timings, _) in results.items():
        print(f"  {label:32} {seconds:7.2f} s   {timings}")
    print(f"  {'PostgreSQL, SAIFI+SAIDI only':32} {sql_only:7.2f} s   (one GROUP BY by area, for scale; not the report)")
    print(f"  load average {os.getloadavg()[0]:.2f}")
    outputs = [text for _, _, text in results.values()]
    print(f"  reports identical: {'yes' if outputs[0] == outputs[1] else 'NO'} ({outputs[0].count(chr(10)) - 1:,} groups)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gridwatch", required=True)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--meters", type=int, default=1_000_000)
    parser.add_argument("--index-rows", type=int, default=10_000_000)
    parser.add_argument("--work", default=os.path.join(ROOT, ".build", "bench-fleet"))
    args = parser.parse_args()
    args.gridwatch = os.path.abspath(args.gridwatch)
    os.makedirs(args.work, exist_ok=True)
    env = dict(os.environ, GRIDWATCH_PG_DIR=os.environ.get("GRIDWATCH_PG_DIR", os.path.join(args.work, "pg")),
               GRIDWATCH_PG_PORT=os.environ.get("GRIDWATCH_PG_PORT", "55433"))
    url = run([SERVER, "start"], env=env).strip().splitlines()[-1]
    try:
        url_file = os.path.join(args.work, "central.url")
        with open(url_file, "w") as handle:
            handle.write(url + "\n")
        run([args.gridwatch, "central", "migrate", "--postgres-url-file", url_file])
        forwarding(args, url, url_file, args.work)
        index_report(args, url, url_file, args.work)
    finally:
        run([SERVER, "stop"], env=env)


if __name__ == "__main__":
    main()
