#!/usr/bin/env python3
"""make bench-rules: GridWatch's rule engine against the same frequent-outage rules in DuckDB, same run.

Uses the data of the reliability benchmark (bench/reliability/generate.py, made once, deterministic, in
.build/bench-reliability: 1,000,000 meters, 10,000,000 outages of 2025) and prints side by side: loading,
the full re-check (the plan's 2 rules, and the default config/rules.yaml), the incremental check after
one new outage, and the violation counts of both engines (they must agree).

usage: run.py [--data DIR] [--meters N] [--outages N] [--areas N] [--binary .build/release/gridwatch]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
AT = "2025-12-31T23:59:59+08:00"
AT_SECONDS, YEAR_START, OFFSET = 1767196799, 1735660800, 28800


def swift_benchmark(binary, data, rules, incremental):
    output = subprocess.run(
        [binary, "rules", "benchmark", "--topology", f"{data}/topology.csv", "--outages", f"{data}/outages.csv",
         "--rules", rules, "--at", AT, "--incremental", str(incremental)],
        check=True, capture_output=True, text=True).stdout
    print(output, end="", file=sys.stderr)
    figures = {}
    for key, pattern in [("load", r"load CSV.*?([\d.]+) s"), ("index", r"index .*?([\d.]+) s"),
                         ("full", r"full re-check\s+([\d.]+) s best"), ("incremental", r"incremental .*?([\d.]+) ms median")]:
        match = re.search(pattern, output)
        figures[key] = float(match.group(1)) if match else None
    figures["violations"] = dict(re.findall(r"violations (\S+) (\d+)", output))
    return figures


def duckdb_benchmark(data, repeats, incremental):
    sql = open(os.path.join(HERE, "frequent_outages.sql")).read()
    connection = duckdb.connect()
    meter_ids = [row[0] for row in connection.execute(
        f"SELECT meter_id FROM read_csv('{data}/topology.csv', header = true, all_varchar = true)").fetchall()]
    started = time.perf_counter()
    connection.execute(f"""
        CREATE TABLE outages AS SELECT * FROM read_csv('{data}/outages.csv', header = true,
            types = {{'meter_id': 'VARCHAR', 'start': 'TIMESTAMPTZ', 'end': 'TIMESTAMPTZ', 'event_id': 'VARCHAR'}})""")
    connection.execute("ALTER TABLE outages ADD COLUMN IF NOT EXISTS cause VARCHAR")
    load = time.perf_counter() - started
    parameters = {"at": AT_SECONDS, "year_start": YEAR_START, "offset": OFFSET, "meter": ""}
    full_times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = connection.execute(sql, parameters).fetchone()
        full_times.append(time.perf_counter() - started)
    single_times, rerun_times = [], []
    for step in range(incremental):
        meter = meter_ids[(step * 7919) % len(meter_ids)]
        start = AT_SECONDS - 3600 * (step + 2)
        started = time.perf_counter()
        connection.execute("""INSERT INTO outages (meter_id, "start", "end", event_id, class)
                              VALUES (?, to_timestamp(?), to_timestamp(?), ?, 'fault_internal')""",
                           [meter, start, start + 3600, f"benchmark-{step}"])
        connection.execute(sql, {**parameters, "meter": meter}).fetchone()
        single_times.append(time.perf_counter() - started)
        if step < 3:
            started = time.perf_counter()
            connection.execute(sql, parameters).fetchone()
            rerun_times.append(time.perf_counter() - started)
    return {"load": load, "full": min(full_times), "incremental": statistics.median(single_times) * 1000,
            "rerun": min(rerun_times) if rerun_times else None,
            "violations": {"frequent-annual": str(result[0]), "frequent-60d": str(result[1])}}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(ROOT, ".build/bench-reliability"))
    parser.add_argument("--meters", type=int, default=1_000_000)
    parser.add_argument("--outages", type=int, default=10_000_000)
    parser.add_argument("--areas", type=int, default=20_000)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/gridwatch"))
    parser.add_argument("--incremental", type=int, default=50)
    args = parser.parse_args()
    marker = os.path.join(args.data, f"generated-{args.outages}-{args.meters}-{args.areas}")  # as bench/reliability/run.py
    if not os.path.exists(marker):
        print(f"generating {args.meters} meters, {args.outages} outages in {args.data} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench/reliability/generate.py"), "--out", args.data,
                        "--meters", str(args.meters), "--rows", str(args.outages), "--areas", str(args.areas)], check=True)
        open(marker, "w").close()
    plan = swift_benchmark(args.binary, args.data, os.path.join(HERE, "plan-rules.yaml"), args.incremental)
    default = swift_benchmark(args.binary, args.data, os.path.join(ROOT, "config/rules.yaml"), args.incremental)
    sql = duckdb_benchmark(args.data, 3, args.incremental)

    def cell(value, unit):
        return "-" if value is None else f"{value:.3f} {unit}"

    print(f"rules benchmark: {args.meters} meters, {args.outages} outages, at {AT}; DuckDB {duckdb.__version__}, "
          f"{os.cpu_count()} cores")
    rows = [
        ("load outages CSV", cell(plan["load"], "s"), cell(sql["load"], "s")),
        ("index (by meter, work orders, groups)", cell(plan["index"], "s"), "-"),
        ("full re-check, plan's 2 rules", cell(plan["full"], "s"), cell(sql["full"], "s")),
        ("full re-check, default rules.yaml", cell(default["full"], "s"), "-"),
        ("incremental check after 1 new outage, plan's 2 rules", cell(plan["incremental"], "ms"),
         cell(sql["incremental"], "ms") + " (insert + query of that meter)"),
        ("incremental check after 1 new outage, default rules.yaml", cell(default["incremental"], "ms"), "-"),
        ("full re-check after 1 new outage, plan's 2 rules", "-", cell(sql["rerun"], "s")),
    ]
    for rule in ("frequent-annual", "frequent-60d"):
        rows.append((f"violations {rule}", plan["violations"].get(rule, "?"), sql["violations"][rule]))
    width = max(len(row[0]) for row in rows)
    print(f"{'':{width}}  {'GridWatch (Swift)':>20}  {'DuckDB SQL':>20}")
    for name, swift, duck in rows:
        print(f"{name:{width}}  {swift:>20}  {duck:>20}")
    agree = all(plan["violations"].get(rule) == sql["violations"][rule] for rule in ("frequent-annual", "frequent-60d"))
    print("violation counts agree" if agree else "VIOLATION COUNTS DIFFER")
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
