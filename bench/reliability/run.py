"""`make bench-reliability`: every IEEE 1366 and DL/T 836 index for every area, line, county, region and the
system over one year of 10 million outage records, computed by GridWatch (release build), pandas and DuckDB
in one run, printed side by side with peak memory, and checked to agree.

Usage: run.py --gridwatch .build/release/gridwatch [--data DIR] [--rows N --meters N --areas N] [--gridwatch-only]
GridWatch reads the CSV files; pandas and DuckDB each run twice, once reading the same CSV files and once
reading Parquet copies of them (typed columns, epoch seconds). Every time includes reading the input.
Each implementation runs in its own process; wall time, CPU time (user + system) and peak RSS are that
process's (os.wait4). On a shared machine CPU time is the steadier figure: wall time includes waiting for a CPU.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import time

import common as c

HERE = os.path.dirname(os.path.abspath(__file__))


def run_measured(command, stdout_path):
    """Runs a command with stdout to a file; returns (wall s, CPU s (user + system), peak RSS MiB, stderr) of
    this very child (os.wait4)."""
    with open(stdout_path, "w") as out, open(stdout_path + ".err", "w") as err:
        started = time.perf_counter()
        pid = os.posix_spawnp(command[0], command, os.environ,
                              file_actions=[(os.POSIX_SPAWN_DUP2, out.fileno(), 1), (os.POSIX_SPAWN_DUP2, err.fileno(), 2)])
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - started
    stderr = open(stdout_path + ".err").read()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(command)} failed:\n{stderr}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, stderr


def gridwatch_results(path):
    rows = {}
    with open(path) as handle:
        for record in csv.DictReader(handle):
            key = (record.pop("by"), record.pop("id"))
            rows[key] = {k: (None if v == "" else float(v)) for k, v in record.items()}
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gridwatch", required=True)
    parser.add_argument("--data", default=".build/bench-reliability")
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--meters", type=int, default=1_000_000)
    parser.add_argument("--areas", type=int, default=20_000)
    parser.add_argument("--gridwatch-only", action="store_true",
                        help="run GridWatch only and compare it with the baselines' results of an earlier run")
    args = parser.parse_args()
    data = args.data
    marker = os.path.join(data, f"generated-{args.rows}-{args.meters}-{args.areas}")
    if not os.path.exists(marker):
        print(f"generating {args.rows:,} outage records over {args.meters:,} meters in {args.areas:,} areas ...", flush=True)
        subprocess.run([sys.executable, os.path.join(HERE, "generate.py"), "--out", data, "--rows", str(args.rows),
                        "--meters", str(args.meters), "--areas", str(args.areas)], check=True)
        open(marker, "w").close()
    size = os.path.getsize(os.path.join(data, "outages.csv")) / 2**20
    print(f"data: {data} (outages.csv {size:.0f} MiB)\n", flush=True)

    results, figures = {}, []
    gw_out = os.path.join(data, "gridwatch.csv")
    wall, cpu, rss, stderr = run_measured([
        args.gridwatch, "indices", "--topology", f"{data}/topology.csv", "--outages", f"{data}/outages.csv",
        "--from", "2025-01-01T00:00:00+08:00", "--to", "2026-01-01T00:00:00+08:00", "--by", ",".join(c.LEVELS),
        "--med-history", f"{data}/DAILY.csv", "--as-of", "2026-01-01T00:00:00+08:00", "--format", "csv", "--timings"],
        gw_out)
    timing = json.loads(stderr.strip().splitlines()[-1])
    figures.append(("GridWatch (Swift, release)", "CSV", timing["load_s"], timing["compute_s"], wall, cpu, rss))
    results["GridWatch"] = gridwatch_results(gw_out)

    for name, script, source in [("pandas", "baseline_pandas.py", "CSV"), ("pandas", "baseline_pandas.py", "Parquet"),
                                 ("DuckDB", "baseline_duckdb.py", "CSV"), ("DuckDB", "baseline_duckdb.py", "Parquet")]:
        result_path = os.path.join(data, f"{name.lower()}-{source.lower()}.json")
        if args.gridwatch_only:
            if os.path.exists(result_path):
                results[f"{name} ({source}, earlier run)"] = c.indices(json.load(open(result_path))["sums"])
            continue
        command = [sys.executable, os.path.join(HERE, script), data, result_path, source.lower()]
        wall, cpu, rss, stderr = run_measured(command, result_path + ".stdout")
        timing = json.loads(open(result_path + ".stdout").read().strip().splitlines()[-1])
        figures.append((name, source, timing["load_s"], timing["compute_s"], wall, cpu, rss))
        results[f"{name} ({source})"] = c.indices(json.load(open(result_path))["sums"])

    print(f"{'implementation':27} {'input':8} {'load s':>7} {'compute s':>9} {'wall s':>7} {'CPU s':>7} {'peak MiB':>8}"
          f" {'wall vs GW':>10} {'CPU vs GW':>9}")
    reference_wall, reference_cpu = figures[0][4], figures[0][5]
    for name, source, load, compute, wall, cpu, rss in figures:
        print(f"{name:27} {source:8} {load:7.2f} {compute:9.2f} {wall:7.2f} {cpu:7.2f} {rss:8.0f}"
              f" {wall / reference_wall:9.1f}x {cpu / reference_cpu:8.1f}x")
    print(f"(load and compute: wall seconds measured inside each program; wall, CPU and peak RSS: the whole process."
          f" Load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: wall times include waiting for a CPU.)")
    print()
    reference = results["GridWatch"]
    values = sum(len(row) for row in reference.values())
    failed = False
    for name, other in results.items():
        if name == "GridWatch":
            continue
        problems = c.compare(reference, other)
        verdict = "agree" if not problems else f"DISAGREE in {len(problems)} values"
        print(f"GridWatch vs {name}: {len(other)} groups, {values:,} values, relative tolerance 1e-9: {verdict}")
        for problem in problems[:10]:
            print("   ", problem)
        failed |= bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
