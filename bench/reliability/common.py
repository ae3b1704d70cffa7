"""What the three implementations share: the benchmark's parameters, the names of the per-group sums, and
turning sums into indices with the column names of `gridwatch indices --format csv`.

The heavy part, computing the sums from 10 million records, is each engine's own (pandas, DuckDB, GridWatch).
Definitions follow shared/reliability-spec.md and Sources/Reliability (see the README of this folder).
"""
import json
import math
import time

PERIOD_START = 1735660800          # 2025-01-01T00:00:00+08:00
PERIOD_END = 1767196800            # 2026-01-01T00:00:00+08:00
AS_OF = PERIOD_END                 # open outages count their duration up to the end of the period
OFFSET = 8 * 3600
DAY = 86400
HOURS = (PERIOD_END - PERIOD_START) / 3600
SUSTAINED_ABOVE = 300
SHORT_AT_MOST = 180
MOMENTARY_WINDOW = 300
CEMI_N = [1, 2, 3, 4, 5]
CELID_SINGLE_SECONDS = 180 * 60
CELID_TOTAL_SECONDS = 360 * 60
LEVELS = ["area", "line", "county", "region", "system"]
FAULT = ("fault_internal", "fault_external")
HISTORY_FROM = "2020-01-01"        # five years before the period
HISTORY_TO = "2025-01-01"

IEEE_SUMS = (["ci", "cmi", "cn", "kva_int", "kva_min", "mom_ops", "mom_events", "celid_s", "celid_t"]
             + [f"cemi_{n}" for n in CEMI_N] + [f"cemsmi_{n}" for n in CEMI_N])
DLT_SUMS = ["ch", "users", "ext_h", "ext_u", "shortage_h", "shortage_u", "fault_h", "fault_u", "pre_h", "pre_u",
            "short_u"]
EVENT_SUMS = ["events", "fault_events", "fault_event_h", "pre_events", "pre_event_h"]


def ratio(numerator, denominator):
    return None if denominator == 0 else numerator / denominator


def ieee_indices(s, prefix, customers, kva):
    ci, cmi, cn = s[prefix + "ci"], s[prefix + "cmi"], s[prefix + "cn"]
    customer_hours = customers * HOURS
    values = {
        "CI": ci, "CMI_minutes": cmi, "SAIFI": ratio(ci, customers), "SAIDI_minutes": ratio(cmi, customers),
        "CAIDI_minutes": ratio(cmi, ci), "CTAIDI_minutes": ratio(cmi, cn), "CAIFI": ratio(ci, cn),
        "ASAI": ratio(customer_hours - cmi / 60, customer_hours), "ASIFI": ratio(s[prefix + "kva_int"], kva),
        "ASIDI_minutes": ratio(s[prefix + "kva_min"], kva), "MAIFI": ratio(s[prefix + "mom_ops"], customers),
        "MAIFIe": ratio(s[prefix + "mom_events"], customers),
    }
    values.update({f"CEMI.{n}": ratio(s[prefix + f"cemi_{n}"], customers) for n in CEMI_N})
    values.update({f"CEMSMI.{n}": ratio(s[prefix + f"cemsmi_{n}"], customers) for n in CEMI_N})
    values["CELID_s"] = ratio(s[prefix + "celid_s"], customers)
    values["CELID_t"] = ratio(s[prefix + "celid_t"], customers)
    return values


def dlt_indices(s, users):
    aihc1 = ratio(s["ch"], users)
    aihc2 = None if aihc1 is None else aihc1 - s["ext_h"] / users
    aihc3 = None if aihc1 is None else aihc1 - s["shortage_h"] / users
    rs = lambda a: None if a is None else (1 - a / HOURS) * 100
    return {
        "customer_hours": s["ch"], "AIHC1_hours": aihc1, "AIHC2_hours": aihc2, "AIHC3_hours": aihc3,
        "RS1_percent": rs(aihc1), "RS2_percent": rs(aihc2), "RS3_percent": rs(aihc3),
        "AITC1": ratio(s["users"], users), "AITC2": ratio(s["users"] - s["ext_u"], users),
        "AITC3": ratio(s["users"] - s["shortage_u"], users),
        "fault_hours_per_user": ratio(s["fault_h"], users), "fault_count_per_user": ratio(s["fault_u"], users),
        "prearranged_hours_per_user": ratio(s["pre_h"], users), "prearranged_count_per_user": ratio(s["pre_u"], users),
        "fault_mean_duration_hours": ratio(s["fault_event_h"], s["fault_events"]),
        "prearranged_mean_duration_hours": ratio(s["pre_event_h"], s["pre_events"]),
        "fault_mean_duration_hours_weighted": ratio(s["fault_h"], s["fault_u"]),
        "prearranged_mean_duration_hours_weighted": ratio(s["pre_h"], s["pre_u"]),
        "mean_users_per_outage": ratio(s["users"], s["events"]),
        "short_outages_per_user": ratio(s["short_u"], users),
    }


def indices(sums_rows):
    """Sums per group (dicts with `by`, `id`, `customers`, `kva` and the sums) → rows keyed like GridWatch's CSV."""
    rows = {}
    for s in sums_rows:
        row = {"customers": s["customers"]}
        row.update({"ieee1366." + k: v for k, v in ieee_indices(s, "", s["customers"], s["kva"]).items()})
        row.update({"dlt836." + k: v for k, v in dlt_indices(s, s["customers"]).items()})
        row.update({"ieee1366_excluding_med." + k: v
                    for k, v in ieee_indices(s, "x_", s["customers"], s["kva"]).items()})
        rows[(s["by"], s["id"])] = row
    return rows


def med_threshold(history_saidi):
    """α, β (sample) and T_MED from the history's non-zero daily SAIDI values."""
    logs = [math.log(v) for v in history_saidi if v > 0]
    alpha = sum(logs) / len(logs)
    beta = math.sqrt(sum((x - alpha) ** 2 for x in logs) / (len(logs) - 1))
    return alpha, beta, math.exp(alpha + 2.5 * beta)


def compare(reference, other, tolerance=1e-9):
    """Differences between two result sets: missing groups or values apart by more than the relative tolerance."""
    problems = []
    for key, row in reference.items():
        if key not in other:
            problems.append(f"{key}: missing")
            continue
        for column, value in row.items():
            theirs = other[key].get(column)
            if value is None or theirs is None:
                if value != theirs:
                    problems.append(f"{key} {column}: {value} vs {theirs}")
            elif abs(value - theirs) > tolerance * max(1.0, abs(value), abs(theirs)):
                problems.append(f"{key} {column}: {value!r} vs {theirs!r}")
    problems += [f"{key}: extra" for key in other if key not in reference]
    return problems


def time_and_write(load, compute, result_path):
    """Times `load()` then `compute(loaded)` → (sums, med); writes them to `result_path`, prints the timings as JSON."""
    started = time.perf_counter()
    loaded = load()
    load_done = time.perf_counter()
    sums, med = compute(loaded)
    done = time.perf_counter()
    with open(result_path, "w") as handle:
        json.dump({"sums": sums, "med": med}, handle)
    print(json.dumps({"load_s": load_done - started, "compute_s": done - load_done}))
