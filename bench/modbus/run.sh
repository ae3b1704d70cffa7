#!/usr/bin/env bash
# Modbus client benchmark: 10 holding registers over loopback from one plain libmodbus server, read by
# a C libmodbus loop (the ceiling), GridWatch's client path (request planned, values decoded) and a
# pymodbus client loop. GridWatch's client path for the goal is a task on the connection's queue
# awaiting `connection.read(profile:unit:)`, as the collector's pollers do; a polling loop isolated
# to the connection and a task on Swift's cooperative pool are shown beside it.
# The clients keep their connections open and take turns (bench/modbus/turns.py): every client's turn
# of SECONDS runs back to back with a turn of the C loop (C first in every other pair), ROUNDS times,
# the clients' order turning from round to round; a control pair (C against C) shows the method's own
# noise. Printed side by side: median and best reads/s of each client and their share of the C
# loop's; the median (and middle half) of the per-pair ratios client / its C partner, which cancels
# noise slower than a pair; and CPU time per read (user + kernel, from each client's getrusage over
# its turn), which does not depend much on scheduling.
# The server and every client run on one CPU, the last (CPUS=LIST picks others, CPUS= none): left
# free, the kernel puts a client on the server's CPU or on the other one at random, and the same C
# loop then reads about 43,000 or about 9,000 times per second (2 vCPUs); pinned, every client meets
# the same placement, and its own CPU time per read weighs in full on its reads per second.
# Usage: [CPUS=LIST] bench/modbus/run.sh [SECONDS] [ROUNDS]     (builds gridwatch in release mode if needed)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-0.2}"
rounds="${2:-30}"
out=.build/bench-modbus
mkdir -p "$out"
flags="$(pkg-config --cflags --libs libmodbus)"
gcc -O2 -o "$out/server" bench/modbus/server.c $flags
gcc -O2 -o "$out/client_loop" bench/modbus/client_loop.c $flags
[ -x .build/release/gridwatch ] || swift build -c release --product gridwatch
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cpus="${CPUS-$(($(nproc) - 1))}"
pin=()
[ -n "$cpus" ] && pin=(taskset -c "$cpus")
"${pin[@]}" "$out/server" "$port" > "$out/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do grep -q READY "$out/server.log" && break; sleep 0.05; done

results="$out/results.txt"
"${pin[@]}" python3 bench/modbus/turns.py "$out" "$port" "$seconds" "$rounds" "$results"
python3 bench/modbus/report.py "$results" "$seconds" "$rounds" "${cpus:-any}"
