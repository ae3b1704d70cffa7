#!/usr/bin/env python3
"""Prints bench/modbus/run.sh's turns side by side: median and best reads/s and their % of the C loop,
the median and middle half of the per-pair ratios (client / its C partner), and CPU time per read."""
import re
import statistics
import sys
from collections import defaultdict

import pymodbus

path, seconds, rounds, pinned = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
GOAL = "GP"
names = {
    "C": "C libmodbus loop (the ceiling)",
    "GP": "gridwatch client path (as the collector) *",
    "GI": "gridwatch, loop isolated to the connection",
    "GT": "gridwatch, task on the cooperative pool",
    "PY": f"pymodbus {pymodbus.__version__} client loop",
    "CC": "C libmodbus loop again (control pair)",
}
LINE = re.compile(r"^(\d+) (\w+) \S+ ([0-9.]+) reads/s \((\d+) reads, cpu ([0-9.]+) us/read, user ([0-9.]+), sys ([0-9.]+),")
rates, cpus = defaultdict(list), defaultdict(list)
# Reads and user and kernel CPU seconds over all turns of each client.
totals = defaultdict(lambda: [0, 0.0, 0.0])
pairs = defaultdict(dict)
for line in open(path):
    pair, key, rate, reads, cpu, user, system = LINE.match(line).groups()
    rates[key].append(float(rate))
    cpus[key].append(float(cpu))
    total = totals[key]
    total[0] += int(reads)
    total[1] += float(user) * int(reads)
    total[2] += float(system) * int(reads)
    pairs[pair][key] = (float(rate), float(cpu))
# Per pair, client / its C partner: reads/s, and CPU per read.
ratios, cpu_ratios = defaultdict(list), defaultdict(list)
for runs in pairs.values():
    (key, (rate, cpu)), = ((key, run) for key, run in runs.items() if key != "C")
    ratios[key].append(100 * rate / runs["C"][0])
    cpu_ratios[key].append(100 * cpu / runs["C"][1])


def pair_columns(key):
    """Median of the client's pair ratios and their middle half (25th-75th percentile), then the
    median of its CPU-per-read pair ratios."""
    if key not in ratios:
        return f"{'-':>7} {'-':>13} {'-':>11}"
    quartiles = statistics.quantiles(ratios[key], n=4, method="inclusive")
    return (f"{statistics.median(ratios[key]):6.1f}% {quartiles[0]:6.1f}-{quartiles[2]:5.1f}%"
            f" {statistics.median(cpu_ratios[key]):10.1f}%")


def user_and_system(key):
    """User and kernel CPU per read over all of the client's turns."""
    reads, user, system = totals[key]
    return f"{user / reads:8.2f} {system / reads:7.2f}"


c_median, c_best = statistics.median(rates["C"]), max(rates["C"])
print(f"10 holding registers over loopback, one connection per client; {rounds} rounds of turns of {seconds} s, "
      f"every client's turn paired back to back with a C loop turn; server and clients on CPU {pinned}")
print(f"{'client':44} {'median/s':>9} {'best/s':>9} {'median %C':>10} {'best %C':>8} {'CPU us/read':>12}"
      f" {'pair %C':>7} {'pairs mid 50%':>13} {'CPU pair %C':>11} {'user us':>8} {'sys us':>7}")
for key, name in names.items():
    median, best = statistics.median(rates[key]), max(rates[key])
    print(f"{name:44} {median:9.0f} {best:9.0f} {100 * median / c_median:9.1f}% {100 * best / c_best:7.1f}%"
          f" {statistics.median(cpus[key]):12.1f} {pair_columns(key)} {user_and_system(key)}")
print("* gridwatch's client path for the goal: a task on the connection's queue awaiting")
print("  connection.read(profile:unit:) (planned request, decoded values), as the collector's pollers run.")
print("pair %C: median over the client's pairs of turns of its reads/s / its C partner's (C first in every other pair);")
print("  the control pair (C against C) shows how far the method's noise moves it. CPU us/read: median of user +")
print("  kernel CPU per read from each client's getrusage over its turn; CPU pair %C: median of its pairs' ratios")
print("  of that; user us, sys us: its split over all turns (the kernel splits by clock ticks: totals only).")
print(f"Goal pairs (% of C): {' '.join(f'{ratio:.1f}' for ratio in ratios[GOAL])}")
goal_pairs, python = statistics.median(ratios[GOAL]), statistics.median(rates["PY"])
at_goal = sum(ratio >= 90 for ratio in ratios[GOAL])
print(f"Goal >= 90% of the C loop: {goal_pairs:.1f}% by pairs ({at_goal} of {len(ratios[GOAL])} pairs >= 90%), "
      f"{100 * statistics.median(rates[GOAL]) / c_median:.1f}% by medians "
      f"({'met' if goal_pairs >= 90 else 'NOT met'}, by pairs); {statistics.median(rates[GOAL]) / python:.2f}x pymodbus (medians)")
