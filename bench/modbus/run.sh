#!/usr/bin/env bash
# Modbus client benchmark: 10 holding registers over loopback from one plain libmodbus server, read by
# a C libmodbus loop (the ceiling), GridWatch's client path (request planned, values decoded) and a
# pymodbus client loop. GridWatch's client path for the goal is a task on the connection's queue
# awaiting `connection.read(profile:unit:)`, as the collector's pollers do; a polling loop isolated
# to the connection and a task on Swift's cooperative pool are shown beside it.
# Every client runs in pairs with a C loop run, back to back (C first in every other pair), ROUNDS
# times for SECONDS each, the clients' order turning from round to round; a control pair (C against C)
# shows the method's own noise. Printed side by side: median and best reads/s of each client and
# their share of the C loop's; the median (and middle half) of the per-pair ratios client / its C
# partner, which cancels noise slower than a pair; and CPU time per read (user + kernel, from each
# client's getrusage over its loop), which does not depend on scheduling.
# Usage: bench/modbus/run.sh [SECONDS] [ROUNDS]     (builds gridwatch in release mode if needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-1}"
rounds="${2:-8}"
out=.build/bench-modbus
mkdir -p "$out"
flags="$(pkg-config --cflags --libs libmodbus)"
gcc -O2 -o "$out/server" bench/modbus/server.c $flags
gcc -O2 -o "$out/client_loop" bench/modbus/client_loop.c $flags
[ -x .build/release/gridwatch ] || swift build -c release --product gridwatch
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$out/server" "$port" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q READY "$out/server.log" && break; sleep 0.05; done

results="$out/results.txt"
: > "$results"
gridwatch() { .build/release/gridwatch bench-modbus --tcp "127.0.0.1:$port" --seconds "$seconds" --caller "$1"; }
run_client() {
    case "$1" in
        C | CC) "$out/client_loop" "$port" "$seconds" ;;
        GP) gridwatch preferred ;;
        GI) gridwatch isolated ;;
        GT) gridwatch task ;;
        PY) python3 bench/modbus/pymodbus_loop.py "$port" "$seconds" ;;
    esac
}
clients=(GP GI GT PY CC)
pair=0
for round in $(seq "$rounds"); do
    # Each round starts with the next client; a client's pairs alternate between C first and C last.
    for index in "${!clients[@]}"; do
        position=$(((index + round - 1) % ${#clients[@]}))
        key="${clients[position]}"
        pair=$((pair + 1))
        if (( (round + position) % 2 == 0 )); then order=(C "$key"); else order=("$key" C); fi
        for client in "${order[@]}"; do
            echo "$pair $client $(run_client "$client")" >> "$results"
        done
    done
done
python3 bench/modbus/report.py "$results" "$seconds" "$rounds"
