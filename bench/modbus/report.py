#!/usr/bin/env python3
"""Prints bench/modbus/run.sh's rounds side by side: median and best reads/s, and % of the C loop."""
import re
import statistics
import sys

import pymodbus

path, seconds, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
GOAL = "GP"
names = {
    "C": "C libmodbus loop (the ceiling)",
    "GP": "gridwatch client path (as the collector) *",
    "GI": "gridwatch, loop isolated to the connection",
    "GT": "gridwatch, task on the cooperative pool",
    "PY": f"pymodbus {pymodbus.__version__} client loop",
}
rates = {key: [] for key in names}
cpus = {key: [] for key in names}
for line in open(path):
    key, _, rate = line.split()[:3]
    rates[key].append(float(rate))
    cpus[key].append(float(re.search(r"cpu ([0-9.]+) us/read", line).group(1)))
c_median, c_best = statistics.median(rates["C"]), max(rates["C"])
print(f"10 holding registers over loopback, one connection, {rounds} rounds x {seconds} s, taking turns")
print(f"{'client':44} {'median/s':>9} {'best/s':>9} {'median %C':>10} {'best %C':>8} {'CPU us/read':>12}")
for key, name in names.items():
    median, best = statistics.median(rates[key]), max(rates[key])
    cpu = statistics.median(cpus[key])
    print(f"{name:44} {median:9.0f} {best:9.0f} {100 * median / c_median:9.1f}% {100 * best / c_best:7.1f}% {cpu:12.1f}")
goal, python = statistics.median(rates[GOAL]), statistics.median(rates["PY"])
print(f"* gridwatch's client path for the goal: a task on the connection's queue awaiting")
print(f"  connection.read(profile:unit:) (planned request, decoded values), as the collector's pollers run.")
print(f"Goal >= 90% of the C loop: {100 * goal / c_median:.1f}% ({'met' if goal >= 0.9 * c_median else 'NOT met'}); "
      f"{goal / python:.2f}x pymodbus (medians)")
