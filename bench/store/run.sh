#!/usr/bin/env bash
# Store benchmark: rows/s of GridWatch's reading writer (release build) against a raw sqlite3 C
# prepared-insert loop on the same schema, pragmas, statement, batch size and rows, in the same run;
# the layouts compared; and enqueue-to-commit latency at a collector-like rate.
#   bench/store/run.sh            (ROWS, DEVICES, POINTS, LAYOUT_ROWS, RUNS override the sizes)
# The figures are wall-clock: on a shared machine, compare runs made side by side, as here.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${ROWS:-2000000}
DEVICES=${DEVICES:-1000}
POINTS=${POINTS:-20}
BATCH=10000
LAYOUT_ROWS=${LAYOUT_ROWS:-500000}

swift build -c release --product gridwatch >/dev/null
GRIDWATCH=$(swift build -c release --show-bin-path)/gridwatch
CLOOP=.build/bench-store-c_insert
cc -O2 -Wall -o "$CLOOP" bench/store/c_insert.c -lsqlite3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

rate() { sed -n 's/.*rows_per_s=\([0-9]*\).*/\1/p'; }
echo "store benchmark: $ROWS readings over $DEVICES devices x $POINTS points, $BATCH per transaction"
echo "sqlite $(cc -E -dM -include sqlite3.h - </dev/null | sed -n 's/#define SQLITE_VERSION "\(.*\)"/\1/p'), WAL, synchronous=NORMAL"
echo
echo "1. writer against the C loop (same table readings_recent, settling off for both), alternating runs"
RUNS=${RUNS:-5}
best_c=0; best_swift=0; ratios=()
for run in $(seq "$RUNS"); do
    "$GRIDWATCH" store-load --database "$work/c$run.db" --readings 0 >/dev/null
    c=$("$CLOOP" "$work/c$run.db" "$ROWS" "$DEVICES" "$POINTS" "$BATCH" | rate)
    s=$("$GRIDWATCH" store-load --database "$work/s$run.db" --readings "$ROWS" --devices "$DEVICES" --points "$POINTS" \
        --batch-size "$BATCH" --settle-rows 1000000000000 --benchmark | rate)
    printf '   run %d: C loop %8d rows/s   GridWatch writer %8d rows/s   (%d%%)\n' "$run" "$c" "$s" $((100 * s / c))
    (( c > best_c )) && best_c=$c; (( s > best_swift )) && best_swift=$s
    ratios+=($((100 * s / c)))
    rm -f "$work"/c$run.db* "$work"/s$run.db*
done
median=$(printf '%s\n' "${ratios[@]}" | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p")
printf '   best:  C loop %8d rows/s   GridWatch writer %8d rows/s   ratio of bests %d%%, median of pairs %d%% (goal >= 80%%)\n' \
    "$best_c" "$best_swift" $((100 * best_swift / best_c)) "$median"
echo
echo "2. writer end to end, settling into the series-ordered table as it runs (default 200,000)"
"$GRIDWATCH" store-load --database "$work/e.db" --readings "$ROWS" --devices "$DEVICES" --points "$POINTS" \
    --batch-size "$BATCH" --benchmark | sed 's/^/   /'
echo
echo "3. layouts, C loop, $LAYOUT_ROWS rows into one table (series-major is what direct inserts would cost)"
for layout in time-major without-rowid rowid-index; do
    printf '   %-14s %8d rows/s\n' "$layout" "$("$CLOOP" "$work/l-$layout.db" "$LAYOUT_ROWS" "$DEVICES" "$POINTS" "$BATCH" "$layout" | rate)"
done
echo
echo "4. enqueue-to-commit latency (default batch interval 1 s, batch size 10,000)"
for rate in 1333 20000; do
    printf '   %5d readings/s for 10 s: ' "$rate"
    "$GRIDWATCH" store-load --database "$work/lat$rate.db" --readings $((rate * 10)) --devices "$DEVICES" --points "$POINTS" \
        --rate "$rate" --benchmark | tail -1
done
echo "   (1,333 readings/s is 1,000 devices x 20 points every 15 s)"
