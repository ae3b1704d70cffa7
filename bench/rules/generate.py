#!/usr/bin/env python3
"""Deterministic synthetic inputs for the rules benchmark: topology.csv and outages.csv.

1,000,000 meters (50 per transformer area, 10 areas per line) and 10,000,000 outage records in 2025
(+08:00): area-wide interruption events (every meter of an area off together, each with its own restore
time) and single-meter outages. Classes, causes (force majeure, external damage), short outages,
work orders of planned outages and a few open outages are mixed in so that every filter of
config/rules.yaml has work to do. Same seed, same files.

usage: generate.py OUT_DIR [--meters N] [--outages N]
"""
import argparse
import os

import numpy as np

METERS_PER_AREA = 50
AREAS_PER_LINE = 10
YEAR_START = np.datetime64("2025-01-01T00:00:00")  # local time; written with +08:00
YEAR_SECONDS = 365 * 86_400
CLASSES = np.array(["fault_internal", "fault_external", "planned", "temporary"])
CLASS_WEIGHTS = [0.70, 0.10, 0.15, 0.05]


def local_iso(seconds):
    """Local seconds since 2025-01-01 00:00 as ISO-8601 with +08:00."""
    text = np.datetime_as_string(YEAR_START + seconds.astype("timedelta64[s]"), unit="s")
    return np.char.add(text, "+08:00")


def write_topology(path, meters):
    ids = np.char.add("M", np.arange(meters).astype(str))
    areas = np.char.add("A", (np.arange(meters) // METERS_PER_AREA).astype(str))
    lines = np.char.add("L", (np.arange(meters) // (METERS_PER_AREA * AREAS_PER_LINE)).astype(str))
    with open(path, "w") as out:
        out.write("meter_id,area,line,county,region\n")
        for start in range(0, meters, 200_000):
            chunk = slice(start, start + 200_000)
            rows = [f"{m},{a},{l},C1,R1" for m, a, l in zip(ids[chunk], areas[chunk], lines[chunk])]
            out.write("\n".join(rows) + "\n")


def write_outages(path, meters, total, rng):
    areas = meters // METERS_PER_AREA
    area_records = int(total * 0.8)
    events = area_records // METERS_PER_AREA
    single = total - events * METERS_PER_AREA
    # Area events: one start, class, cause per event; every meter of the area joins within 60 s.
    event_area = rng.integers(0, areas, events)
    event_start = rng.integers(0, YEAR_SECONDS - 86_400, events)
    event_class = rng.choice(len(CLASSES), events, p=CLASS_WEIGHTS)
    event_cause = rng.choice(3, events, p=[0.92, 0.05, 0.03])
    meter = (event_area[:, None] * METERS_PER_AREA + np.arange(METERS_PER_AREA)[None, :]).ravel()
    start = (event_start[:, None] + rng.integers(0, 60, (events, METERS_PER_AREA))).ravel()
    record_event = np.repeat(np.arange(events), METERS_PER_AREA)
    # Single-meter outages.
    meter = np.concatenate([meter, rng.integers(0, meters, single)])
    start = np.concatenate([start, rng.integers(0, YEAR_SECONDS - 86_400, single)])
    record_event = np.concatenate([record_event, events + np.arange(single)])
    record_class = np.concatenate([event_class[record_event[: events * METERS_PER_AREA]], rng.choice(len(CLASSES), single, p=CLASS_WEIGHTS)])
    record_cause = np.concatenate([event_cause[record_event[: events * METERS_PER_AREA]], rng.choice(3, single, p=[0.92, 0.05, 0.03])])
    # Durations: log-uniform 1 min to 10 h, so that about a fifth are under 5 min.
    duration = np.exp(rng.uniform(np.log(60), np.log(36_000), total)).astype(np.int64)
    end = start + duration
    order = rng.permutation(total)
    cause_text = np.array(["", "force_majeure", "external_damage"])
    meter_text = np.char.add("M", meter.astype(str))
    event_text = np.char.add("E", record_event.astype(str))
    start_text, end_text = local_iso(start), local_iso(end)
    open_rows = set(order[:100].tolist())  # a hundred outages still open
    with open(path, "w") as out:
        out.write("meter_id,start,end,event_id,class,cause,work_order\n")
        for begin in range(0, total, 500_000):
            rows = []
            for i in order[begin:begin + 500_000]:
                planned = record_class[i] == 2
                rows.append(f"{meter_text[i]},{start_text[i]},{'' if i in open_rows else end_text[i]},{event_text[i]},"
                            f"{CLASSES[record_class[i]]},{cause_text[record_cause[i]]},{'W' + event_text[i] if planned else ''}")
            out.write("\n".join(rows) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--meters", type=int, default=1_000_000)
    parser.add_argument("--outages", type=int, default=10_000_000)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(20251127)
    write_topology(os.path.join(args.out, "topology.csv"), args.meters)
    write_outages(os.path.join(args.out, "outages.csv"), args.meters, args.outages, rng)


if __name__ == "__main__":
    main()
