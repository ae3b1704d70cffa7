#!/usr/bin/env bash
# Modbus client benchmark: 10 holding registers over loopback from one plain libmodbus server, read by
# a C libmodbus loop (the ceiling), GridWatch's client path (request planned, values decoded: a
# polling loop isolated to the connection, a task running on the connection's queue, and a task on
# Swift's cooperative pool) and a pymodbus client loop. The clients take turns for ROUNDS rounds of SECONDS each, so that noise
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
for round in $(seq "$rounds"); do
    echo "C $("$out/client_loop" "$port" "$seconds")" >> "$results"
    echo "GI $(.build/release/gridwatch bench-modbus --tcp "127.0.0.1:$port" --seconds "$seconds" --caller isolated)" >> "$results"
    echo "GP $(.build/release/gridwatch bench-modbus --tcp "127.0.0.1:$port" --seconds "$seconds" --caller preferred)" >> "$results"
    echo "GT $(.build/release/gridwatch bench-modbus --tcp "127.0.0.1:$port" --seconds "$seconds" --caller task)" >> "$results"
    echo "PY $(python3 bench/modbus/pymodbus_loop.py "$port" "$seconds")" >> "$results"
done
python3 bench/modbus/report.py "$results" "$seconds" "$rounds"
