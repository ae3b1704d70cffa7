#!/usr/bin/env python3
"""Prints bench/modbus/run.sh's rounds side by side: median and best reads/s, and % of the C loop."""
import re
import statistics
import sys

import pymodbus

path, seconds, rounds = sys.argv[1], sys.argv[2], sys.argv[3]
names = {
    "C": "C libmodbus loop (the ceiling)",
    "GI": "gridwatch, loop isolated to connection",
    "GP": "gridwatch, task on the connection's queue",
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
print(f"{'client':42} {'median/s':>9} {'best/s':>9} {'median %C':>10} {'best %C':>8} {'CPU us/read':>12}")
for key, name in names.items():
    median, best = statistics.median(rates[key]), max(rates[key])
    cpu = statistics.median(cpus[key])
    print(f"{name:42} {median:9.0f} {best:9.0f} {100 * median / c_median:9.1f}% {100 * best / c_best:7.1f}% {cpu:12.1f}")
