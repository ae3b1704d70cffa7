"""The benchmark's indices computed with pandas: prints timings as JSON, writes results as JSON.

Usage: baseline_pandas.py DATA_DIR RESULT.json [parquet|csv]
From CSV, the files GridWatch reads are read with pandas' pyarrow engine (its fastest CSV reader, several
threads) and turned into the Parquet copies' columns: epoch seconds, in-service dates as local midnights.
"""
import sys

import numpy as np
import pandas as pd

import common as c


def load(data, source):
    if source == "csv":
        topo, out = load_csv(data)
    else:
        topo = pd.read_parquet(f"{data}/topology.parquet")
        out = pd.read_parquet(f"{data}/outages.parquet")
    history = pd.read_csv(f"{data}/DAILY.csv")
    return topo, out, history


def epoch_seconds(times):
    """Timestamps (with time zone) → epoch seconds as float, NaN where missing."""
    return (times - pd.Timestamp(0, tz="UTC")) / pd.Timedelta(seconds=1)


def load_csv(data):
    topo = pd.read_csv(f"{data}/topology.csv", engine="pyarrow")
    for column, epoch, missing in (("in_service_from", "from_epoch", np.iinfo(np.int64).min),
                                   ("in_service_to", "to_epoch", np.iinfo(np.int64).max)):
        midnight = ((pd.to_datetime(topo.pop(column)) - pd.Timestamp(0)) / pd.Timedelta(seconds=1) - c.OFFSET).to_numpy()
        values = np.full(len(midnight), missing, dtype=np.int64)
        values[~np.isnan(midnight)] = midnight[~np.isnan(midnight)].astype(np.int64)
        topo[epoch] = values
    out = pd.read_csv(f"{data}/outages.csv", engine="pyarrow")
    out["start"] = epoch_seconds(out["start"]).astype(np.int64)
    out["end"] = epoch_seconds(out["end"])
    out["reclose_operations"] = out["reclose_operations"].fillna(0).astype(np.int32)
    return topo, out


def customer_weights(topo):
    start = topo["from_epoch"].clip(lower=c.PERIOD_START)
    stop = topo["to_epoch"].clip(upper=c.PERIOD_END)
    return ((stop - start).clip(lower=0) / (c.PERIOD_END - c.PERIOD_START)).astype(float)


def daily_customers(topo, days):
    """Customers in service on each local day (in-service dates are local midnights)."""
    first_day = (c.PERIOD_START + c.OFFSET) // c.DAY
    start = ((topo["from_epoch"].clip(lower=c.PERIOD_START) + c.OFFSET) // c.DAY - first_day).clip(0, days)
    stop = ((topo["to_epoch"].clip(upper=c.PERIOD_END) + c.OFFSET) // c.DAY - first_day).clip(0, days)
    changes = pd.Series(topo["customers"].to_numpy(), index=start).groupby(level=0).sum().reindex(range(days + 1), fill_value=0)
    changes -= pd.Series(topo["customers"].to_numpy(), index=stop).groupby(level=0).sum().reindex(range(days + 1), fill_value=0)
    return changes.cumsum().iloc[:days].to_numpy(dtype=float)


def momentary_events(r):
    """Per meter: momentary events not followed by a lockout. `r` sorted by meter, start, row."""
    meter, start, sustained = r["m"].to_numpy(), r["start"].to_numpy(), r["sustained"].to_numpy()
    end = start + r["dur"].to_numpy()
    same_meter_as_prev = np.r_[False, meter[1:] == meter[:-1]]
    prev_sustained = np.r_[True, sustained[:-1]]
    prev_start = np.r_[0, start[:-1]]
    momentary = ~sustained
    opens = momentary & (~same_meter_as_prev | prev_sustained | (start - prev_start > c.MOMENTARY_WINDOW))
    # Events group operations within 5 min of their FIRST operation: split until no operation lies further.
    while True:
        segment = pd.Series(np.cumsum(opens))
        first = pd.Series(np.where(opens, start, 0)).groupby(segment).transform("max").to_numpy()
        beyond = momentary & ~opens & (start - first > c.MOMENTARY_WINDOW)
        new = beyond & ~(np.r_[False, beyond[:-1]] & (segment.to_numpy() == np.r_[-1, segment.to_numpy()[:-1]]))
        if not new.any():
            break
        opens |= new
    segment = np.cumsum(opens)
    frame = pd.DataFrame({"segment": segment[momentary], "end": end[momentary], "position": np.flatnonzero(momentary),
                          "m": meter[momentary]})
    events = frame.groupby("segment").agg(m=("m", "first"), last_end=("end", "max"), last=("position", "max"))
    after = events["last"].to_numpy() + 1
    has_next = after < len(meter)
    after = np.minimum(after, len(meter) - 1)
    locked = has_next & (meter[after] == events["m"].to_numpy()) & sustained[after] & (
        start[after] - events["last_end"].to_numpy() <= c.MOMENTARY_WINDOW)
    return pd.Series(~locked, index=events["m"].to_numpy()).groupby(level=0).sum()


def ieee_sums(r, topo):
    """Per-area IEEE sums from rows `r` (sorted by meter, start, row)."""
    sus = r[r["sustained"]]
    per = sus.groupby("m")["dur"].agg(["count", "sum", "max"])
    ops = np.where(r["sustained"], r["reclose"], np.maximum(r["reclose"], 1))
    per = per.join(pd.Series(ops, index=r["m"]).groupby(level=0).sum().rename("ops"), how="outer")
    per = per.join(momentary_events(r).rename("ev"), how="outer").fillna(0)
    cust = topo["customers"].to_numpy()[per.index]
    kva = topo["kva"].to_numpy()[per.index]
    cnt, sec, longest, ev = per["count"].to_numpy(), per["sum"].to_numpy(), per["max"].to_numpy(), per["ev"].to_numpy()
    columns = {
        "ci": cust * cnt, "cmi": cust * sec / 60, "cn": cust * (cnt > 0), "kva_int": kva * cnt, "kva_min": kva * sec / 60,
        "mom_ops": cust * per["ops"].to_numpy(), "mom_events": cust * ev,
        "celid_s": cust * ((cnt > 0) & (longest >= c.CELID_SINGLE_SECONDS)),
        "celid_t": cust * ((cnt > 0) & (sec >= c.CELID_TOTAL_SECONDS)),
    }
    for n in c.CEMI_N:
        columns[f"cemi_{n}"] = cust * (cnt > n)
        columns[f"cemsmi_{n}"] = cust * (cnt + ev > n)
    frame = pd.DataFrame(columns)
    frame["area"] = topo["area_code"].to_numpy()[per.index]
    return frame.groupby("area").sum()


def compute(topo, out, history):
    topo["area_code"], areas = pd.factorize(topo["area"])
    topo["w"] = customer_weights(topo)
    m = pd.Index(topo["meter_id"]).get_indexer(out["meter_id"])
    start = out["start"].to_numpy()
    dur = np.where(out["end"].isna(), c.AS_OF - start, out["end"].fillna(0).to_numpy() - start).clip(min=0).astype(np.int64)
    r = pd.DataFrame({"m": m, "start": start, "dur": dur, "klass": out["class"].to_numpy(),
                      "reclose": out["reclose_operations"].to_numpy(), "event": out["event_id"].to_numpy(),
                      "row": np.arange(len(out))})
    r = r[(r["start"] >= c.PERIOD_START) & (r["start"] < c.PERIOD_END)].sort_values(["m", "start", "row"], kind="stable")
    r["sustained"] = r["dur"] > c.SUSTAINED_ABOVE
    r["cust"] = topo["customers"].to_numpy()[r["m"].to_numpy()]

    # Major Event Days from the history and the period's daily system SAIDI.
    dates = history["date"]
    alpha, beta, threshold = c.med_threshold(history.loc[(dates >= c.HISTORY_FROM) & (dates < c.HISTORY_TO), "saidi_minutes"])
    days = (c.PERIOD_END - c.PERIOD_START) // c.DAY
    r["day"] = (r["start"] + c.OFFSET) // c.DAY - (c.PERIOD_START + c.OFFSET) // c.DAY
    sustained_rows = r[r["sustained"]]
    daily_cmi = (sustained_rows["cust"] * sustained_rows["dur"] / 60).groupby(sustained_rows["day"]).sum().reindex(range(days), fill_value=0)
    daily = daily_cmi.to_numpy() / daily_customers(topo, days)
    med = daily > threshold

    leaf = pd.DataFrame({"customers": topo["customers"] * topo["w"], "kva": topo["kva"] * topo["w"],
                         "area": topo["area_code"]}).groupby("area").sum()
    leaf = leaf.join(ieee_sums(r, topo)).join(ieee_sums(r[~med[r["day"].to_numpy()]], topo).add_prefix("x_")).fillna(0)

    counted = r[r["dur"] > c.SHORT_AT_MOST]
    hours = counted["cust"] * counted["dur"] / 3600
    fault = counted["klass"].isin(c.FAULT)
    dlt = pd.DataFrame({
        "ch": hours, "users": counted["cust"], "ext_h": hours.where(counted["klass"] == "fault_external", 0),
        "ext_u": counted["cust"].where(counted["klass"] == "fault_external", 0),
        "shortage_h": hours.where(counted["klass"] == "supply_shortage", 0),
        "shortage_u": counted["cust"].where(counted["klass"] == "supply_shortage", 0),
        "fault_h": hours.where(fault, 0), "fault_u": counted["cust"].where(fault, 0),
        "pre_h": hours.where(~fault, 0), "pre_u": counted["cust"].where(~fault, 0),
    })
    dlt["area"] = topo["area_code"].to_numpy()[counted["m"].to_numpy()]
    short = r[r["dur"] <= c.SHORT_AT_MOST]
    leaf = leaf.join(dlt.groupby("area").sum()).join(
        short["cust"].groupby(topo["area_code"].to_numpy()[short["m"].to_numpy()]).sum().rename("short_u")).fillna(0)

    # Roll areas up; DL/T event counts are counted per level (an event counts once in a group).
    counted = counted.assign(is_fault=fault, end=counted["start"] + counted["dur"])
    results = []
    for level in c.LEVELS:
        if level == "area":
            group_of_area, names = leaf.index.to_numpy(), areas
        elif level == "system":
            group_of_area, names = np.zeros(len(leaf), dtype=int), pd.Index(["system"])
        else:
            codes, names = pd.factorize(topo[level])
            group_of_area = pd.Series(codes).groupby(topo["area_code"]).first().loc[leaf.index].to_numpy()
        sums = leaf.groupby(group_of_area).sum()
        group_of_meter = group_of_area[topo["area_code"].to_numpy()]
        events = counted.assign(g=group_of_meter[counted["m"].to_numpy()])
        parts = events.groupby(["g", "event", "is_fault"]).agg(first=("start", "min"), last=("end", "max")).reset_index()
        parts["h"] = (parts["last"] - parts["first"]) / 3600
        sums["events"] = parts.groupby("g")["event"].nunique()
        by_kind = parts.groupby(["g", "is_fault"])["h"].agg(["count", "sum"]).unstack(fill_value=0)
        sums["fault_events"] = by_kind[("count", True)] if ("count", True) in by_kind else 0
        sums["fault_event_h"] = by_kind[("sum", True)] if ("sum", True) in by_kind else 0
        sums["pre_events"] = by_kind[("count", False)] if ("count", False) in by_kind else 0
        sums["pre_event_h"] = by_kind[("sum", False)] if ("sum", False) in by_kind else 0
        sums = sums.fillna(0)
        for g, row in zip(sums.index, sums.to_dict("records")):
            row.update(by=level, id=names[g])
            results.append(row)
    return results, {"alpha": alpha, "beta": beta, "threshold_minutes": threshold, "med_days": int(med.sum())}


def main():
    data, result_path = sys.argv[1], sys.argv[2]
    source = sys.argv[3] if len(sys.argv) > 3 else "parquet"
    c.time_and_write(lambda: load(data, source), lambda loaded: compute(*loaded), result_path)


if __name__ == "__main__":
    main()
