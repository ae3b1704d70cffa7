#!/usr/bin/env bash
# Modbus client benchmark: 10 holding registers over loopback from one plain libmodbus server, read by
# a C libmodbus loop (the ceiling), GridWatch's client path (request planned, values decoded) and a
# pymodbus client loop. GridWatch's client path for the goal is a task on the connection's queue
# awaiting `connection.read(profile:unit:)`, as the collector's pollers do; a polling loop isolated
# to the connection and a task on Swift's cooperative pool are shown beside it. The clients take
# turns for ROUNDS rounds of SECONDS each (each round starting with the next client), so that noise
# from a shared machine hits all of them; the median and best round of each are printed side by side.
# Usage: bench/modbus/run.sh [SECONDS] [ROUNDS]     (builds gridwatch in release mode if needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-2}"
rounds="${2:-5}"
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
        C) "$out/client_loop" "$port" "$seconds" ;;
        GP) gridwatch preferred ;;
        GI) gridwatch isolated ;;
        GT) gridwatch task ;;
        PY) python3 bench/modbus/pymodbus_loop.py "$port" "$seconds" ;;
    esac
}
clients=(C GP GI GT PY)
for round in $(seq "$rounds"); do
    # Each round starts with the next client, so that no client always follows the same one.
    for index in "${!clients[@]}"; do
        key="${clients[(index + round - 1) % ${#clients[@]}]}"
        echo "$key $(run_client "$key")" >> "$results"
    done
done
python3 bench/modbus/report.py "$results" "$seconds" "$rounds"
