#!/usr/bin/env bash
# API benchmark (issue 6): 1,000 devices polled over Modbus TCP by `gridwatch run` (5 buses of 200
# units served by `gridwatch simulate`, every 5 s), a year of stored data, and wrk on loopback against
# /api/v1/devices, one device's readings over a day, and /api/v1/indices by area for a year. The
# collector's read rate (sum of gridwatch_modbus_requests_total) is measured in the same run without
# load (the baseline) and under each load.
#
# The whole measurement runs twice in one go: with `concurrent_requests: 1` (the default on 2 cores) and
# with `concurrent_requests: 8` (every wrk connection computed at once), side by side.
#
# usage: bench/api/run.sh [BINARY] [WORK_DIR]   (BINARY default .build/release/gridwatch)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${1:-$root/.build/release/gridwatch}
work=${2:-$(mktemp -d /tmp/gridwatch-api-bench.XXXXXX)}
duration=${DURATION:-20}
buses=5 units=200
mkdir -p "$work"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
http_port=$(port)
config=$work/gateway.yaml
{
  echo "database: $work/gridwatch.db"
  echo "devices_dir: $root/devices"
  echo "http: {listen: \"127.0.0.1:$http_port\", concurrent_requests: CONCURRENCY}"
  echo "buses:"
  for bus in $(seq 1 $buses); do
    modbus_port=$(port)
    "$binary" simulate --devices-dir "$root/devices" --profile gridwatch-lv-meter --tcp "127.0.0.1:$modbus_port" \
      --units "$(seq -s, 1 $units)" > "$work/simulator-$bus.log" 2>&1 &
    pids+=($!)
    echo "  - id: bus$bus"
    echo "    tcp: 127.0.0.1:$modbus_port"
    echo "    timeout_ms: 200"
    echo "    devices:"
    for unit in $(seq 1 $units); do
      n=$(( (bus - 1) * units + unit ))
      printf '      - {id: D%04d, unit: %d, profile: gridwatch-lv-meter, interval: 5s, area: A%02d, line: L%02d}\n' \
        "$n" "$unit" $(( (n - 1) / 20 + 1 )) $(( (n - 1) / 100 + 1 ))
    done
  done
} > "$config"
sleep 2
base=http://127.0.0.1:$http_port

wait_ready() {
  for _ in $(seq 1 120); do curl -sf "$base/health" > /dev/null && return 0; sleep 0.5; done
  echo "daemon not ready; log:"; tail -20 "$work/daemon.log"; exit 1
}

sed -i 's/CONCURRENCY/1/' "$config"
if [ ! -f "$work/generated" ]; then
  "$binary" run --config "$config" > "$work/daemon.log" 2>&1 & daemon=$!
  wait_ready
  kill -TERM $daemon; wait $daemon || true
  python3 "$root/bench/api/generate.py" "$work/gridwatch.db"
  touch "$work/generated"
fi

reads() { curl -s "$base/metrics" | awk '/^gridwatch_modbus_requests_total\{/ { sum += $2 } END { printf "%d", sum }'; }
rate_over() { # rate_over COMMAND...: runs the command, prints the collector's reads per second meanwhile
  local before after start end
  before=$(reads); start=$(date +%s.%N)
  "$@"
  after=$(reads); end=$(date +%s.%N)
  python3 -c "print(f'{($after - $before) / ($end - $start):.1f}')"
}

measure() { # measure CONCURRENCY
sed -i "s/concurrent_requests: [0-9]*/concurrent_requests: $1/" "$config"
"$binary" run --config "$config" >> "$work/daemon.log" 2>&1 &
local daemon=$!
pids+=($daemon)
wait_ready
sleep 15   # every device polled a few times, logs read
echo
echo "== concurrent_requests: $1 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
day_ago=$(date -u -d '1 day ago' +%Y-%m-%dT%H:%M:%SZ)
year_ago=$(date -u -d '365 days ago' +%Y-%m-%dT%H:%M:%SZ)
declare -A urls=(
  [devices]="/api/v1/devices?limit=1000"
  [readings-day-raw]="/api/v1/devices/D0500/readings?point=voltage_a&from=$day_ago&to=$now"
  [readings-day-15m]="/api/v1/devices/D0500/readings?point=voltage_a&from=$day_ago&to=$now&step=15m"
  [indices-year-area]="/api/v1/indices?by=area&from=$year_ago&to=$now"
)

echo "work dir $work; $(curl -s "$base/api/v1/devices?limit=1" -o /dev/null -D - | awk -F': ' 'tolower($1)=="x-total-count" {print $2}' | tr -d '\r') devices"
for name in "${!urls[@]}"; do
  printf '%-20s %s bytes\n' "$name" "$(curl -s "$base${urls[$name]}" | wc -c)"
done
baseline=$(rate_over sleep "$duration")
printf '\n%-20s %10s %10s %10s %14s %8s\n' endpoint "req/s" "p50" "p99" "collector r/s" "drop"
printf '%-20s %10s %10s %10s %14s %8s\n' "(no load)" "" "" "" "$baseline" ""
for name in devices readings-day-raw readings-day-15m indices-year-area; do
  out=$work/wrk-$name.txt
  rate=$(rate_over sh -c "wrk -t1 -c8 -d${duration}s --latency '$base${urls[$name]}' > '$out'")
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  p50=$(awk '$1=="50%" {print $2}' "$out"); p99=$(awk '$1=="99%" {print $2}' "$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$out")
  drop=$(python3 -c "print(f'{(1 - $rate / $baseline) * 100:.1f}%')")
  printf '%-20s %10s %10s %10s %14s %8s %s\n' "$name" "$rps" "$p50" "$p99" "$rate" "$drop" "$errors"
done
kill -TERM $daemon; wait $daemon || true
}

measure 1
measure 8
