"""Deterministic benchmark data for `make bench-reliability`.

Writes, into the output folder:
  topology.csv / topology.parquet   1,000,000 meters in 20,000 areas (50 each), 2,000 lines, 100 counties, 10 regions
  outages.csv  / outages.parquet    10,000,000 outage records of 2025 (times ISO-8601 at +08:00), by start time
  DAILY.csv                         daily system SAIDI 2020-2024 for the Major Event Day threshold

Records come from interruption events: an event hits 1 to 50 meters of one area, each meter restored at its
own step; 12 % of events are momentary (reclose operations on half of them); classes follow a fixed mix;
some events of the last three days are still open; five storm days carry four times the usual events.
Parquet copies hold the same values typed (epoch seconds) for the pandas and DuckDB baselines.
"""
import argparse
import os

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

OFFSET = 8 * 3600                      # +08:00
PERIOD_START = 1735660800              # 2025-01-01T00:00:00+08:00
PERIOD_END = 1767196800                # 2026-01-01T00:00:00+08:00
DAY = 86400
CLASSES = np.array(["fault_internal", "fault_external", "planned", "temporary", "supply_shortage", "grid_limit"])
CLASS_SHARE = [0.55, 0.10, 0.20, 0.08, 0.04, 0.03]


def local_text(epoch, suffix="+08:00"):
    """Epoch seconds (int64 array) → ISO-8601 text at +08:00."""
    local = pa.array(epoch + OFFSET, type=pa.int64()).cast(pa.timestamp("s"))
    return pc.binary_join_element_wise(pc.strftime(local, format="%Y-%m-%dT%H:%M:%S"), suffix, "")


def topology(rng, meters, areas):
    per_area = meters // areas
    index = np.arange(meters)
    area = index // per_area
    line, county, region = area // 10, area // 200, area // 2000
    customers = np.where(rng.random(meters) < 0.05, rng.integers(2, 5, meters), 1)
    kva = np.round(rng.uniform(4, 20, meters), 1)
    days = (PERIOD_END - PERIOD_START) // DAY
    start_day = rng.integers(1, days, meters)
    end_day = rng.integers(1, days, meters)
    from_mask = rng.random(meters) < 0.02
    to_mask = (rng.random(meters) < 0.01) & ~from_mask
    in_from = np.where(from_mask, PERIOD_START + start_day * DAY, -1)
    in_to = np.where(to_mask, PERIOD_START + end_day * DAY, -1)
    dates = pc.strftime(pa.array(np.maximum(in_from, in_to) + OFFSET).cast(pa.timestamp("s")), format="%Y-%m-%d")
    none = pa.nulls(meters, pa.string())
    table = pa.table({
        "meter_id": pc.binary_join_element_wise("M", pc.utf8_lpad(pa.array(index.astype(str)), 7, "0"), ""),
        "area": pc.binary_join_element_wise("A", pc.utf8_lpad(pa.array(area.astype(str)), 5, "0"), ""),
        "line": pc.binary_join_element_wise("L", pc.utf8_lpad(pa.array(line.astype(str)), 4, "0"), ""),
        "county": pc.binary_join_element_wise("C", pc.utf8_lpad(pa.array(county.astype(str)), 3, "0"), ""),
        "region": pc.binary_join_element_wise("R", pc.utf8_lpad(pa.array(region.astype(str)), 2, "0"), ""),
        "customers": pa.array(customers, pa.int32()),
        "kva": pa.array(kva),
        "in_service_from": pc.if_else(pa.array(from_mask), dates, none),
        "in_service_to": pc.if_else(pa.array(to_mask), dates, none),
    })
    typed = table.drop_columns(["in_service_from", "in_service_to"]).append_column(
        "from_epoch", pa.array(np.where(from_mask, in_from, np.iinfo(np.int64).min))).append_column(
        "to_epoch", pa.array(np.where(to_mask, in_to, np.iinfo(np.int64).max)))
    return table, typed


def outages(rng, rows, meters, areas):
    per_area = meters // areas
    events = int(rows / 17) + 1000
    sizes = np.where(rng.random(events) < 0.3, 1, rng.integers(2, per_area + 1, events))
    last = np.searchsorted(np.cumsum(sizes), rows)
    sizes = sizes[: last + 1]
    sizes[-1] -= sizes.sum() - rows
    events = len(sizes)
    days = (PERIOD_END - PERIOD_START) // DAY
    weights = np.ones(days)
    weights[rng.choice(days, 5, replace=False)] = 4.0
    day = rng.choice(days, events, p=weights / weights.sum())
    start = PERIOD_START + day * DAY + rng.integers(0, DAY, events)
    momentary = rng.random(events) < 0.12
    base = np.where(momentary, rng.integers(1, 301, events),
                    np.clip(rng.lognormal(np.log(5400), 1.0, events), 301, 3 * DAY).astype(np.int64))
    klass = rng.choice(len(CLASSES), events, p=CLASS_SHARE)
    is_open = (start > PERIOD_END - 3 * DAY) & (rng.random(events) < 0.05)
    offset = rng.integers(0, per_area, events)
    area = rng.integers(0, areas, events)

    event_of_row = np.repeat(np.arange(events), sizes)
    member = np.arange(rows) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    meter = area[event_of_row] * per_area + (offset[event_of_row] + member) % per_area
    row_start = start[event_of_row] + rng.integers(0, 31, rows)
    step = np.where(momentary[event_of_row], 1.0, rng.uniform(0.5, 1.0, rows))
    duration = np.maximum(1, (base[event_of_row] * step).astype(np.int64))
    reclose = np.where(momentary[event_of_row] & (rng.random(rows) < 0.5), rng.integers(1, 4, rows),
                       np.where(rng.random(rows) < 0.1, rng.integers(0, 3, rows), 0))
    row_open = is_open[event_of_row]
    order = np.argsort(row_start, kind="stable")
    meter, row_start, duration, reclose, row_open, event_of_row = (
        meter[order], row_start[order], duration[order], reclose[order], row_open[order], event_of_row[order])
    row_end = row_start + duration
    return meter, row_start, row_end, row_open, event_of_row, klass[event_of_row], reclose


def daily_history(rng):
    first = (PERIOD_START + OFFSET) // DAY - 5 * 365 - 1
    days = np.arange(first, (PERIOD_START + OFFSET) // DAY)
    saidi = np.round(rng.lognormal(np.log(1.8), 0.4, len(days)), 4)
    saidi[rng.random(len(days)) < 0.1] = 0
    dates = pc.strftime(pa.array(days * DAY).cast(pa.timestamp("s")), format="%Y-%m-%d")
    return pa.table({"date": dates, "saidi_minutes": pa.array(saidi)})


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--meters", type=int, default=1_000_000)
    parser.add_argument("--areas", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--seed", type=int, default=20251127)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    plain = pacsv.WriteOptions(quoting_style="none")

    topo_csv, topo_typed = topology(rng, args.meters, args.areas)
    pacsv.write_csv(topo_csv, os.path.join(args.out, "topology.csv"), write_options=plain)
    pq.write_table(topo_typed, os.path.join(args.out, "topology.parquet"))

    meter, start, end, is_open, event, klass, reclose = outages(rng, args.rows, args.meters, args.areas)
    meter_ids = topo_csv.column("meter_id").combine_chunks()
    event_ids = pc.binary_join_element_wise("E", pc.utf8_lpad(pa.array(np.arange(event.max() + 1).astype(str)), 7, "0"), "")
    meter_col, event_col = meter_ids.take(pa.array(meter)), event_ids.take(pa.array(event))
    class_col = pa.array(CLASSES).take(pa.array(klass))
    open_mask = pa.array(is_open)
    csv_table = pa.table({
        "meter_id": meter_col,
        "start": local_text(start),
        "end": pc.if_else(open_mask, pa.nulls(len(end), pa.string()), local_text(end)),
        "event_id": event_col,
        "class": class_col,
        "reclose_operations": pc.if_else(pa.array(reclose == 0), pa.nulls(len(reclose), pa.int64()), pa.array(reclose)),
    })
    pacsv.write_csv(csv_table, os.path.join(args.out, "outages.csv"), write_options=plain)
    pq.write_table(pa.table({
        "meter_id": meter_col, "start": pa.array(start),
        "end": pc.if_else(open_mask, pa.nulls(len(end), pa.int64()), pa.array(end)),
        "event_id": event_col, "class": class_col, "reclose_operations": pa.array(reclose, pa.int32()),
    }), os.path.join(args.out, "outages.parquet"))
    pacsv.write_csv(daily_history(rng), os.path.join(args.out, "DAILY.csv"), write_options=plain)
    print(f"wrote {args.rows} outages of {args.meters} meters in {args.areas} areas to {args.out}")


if __name__ == "__main__":
    main()
