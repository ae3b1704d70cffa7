#!/usr/bin/env python3
"""Collector benchmark (issue 3), every figure beside a baseline measured in the same run.

1. RTU: three reference meters on one paced 9600-baud line (gridwatch-bench paced-line keeps RS-485
   timing: each frame arrives when its last byte would, at 10 bits a character), polled as fast as they
   answer by `gridwatch run`, then by mbpoll with a 10 ms pause, reading the same registers: the whole
   profile (what a gateway reads each cycle) and the fast group alone. Printed: the share of wall time
   the line carries frames beside its ceiling for those frames, and readings per unit.
2. TCP, 1,000 devices every 15 s against `gridwatch simulate` on loopback: reads/s, CPU per 1,000
   reads, peak resident memory, readings committed.
3. TCP, 200 devices (one connection each) as fast as they answer: reads/s against the ceiling of the
   same simulator ports read by plain C libmodbus loops (bench/modbus/client_loop.c), CPU per 1,000 reads.

Usage: bench/collector/run.py [--seconds N]   (builds release binaries if needed)
"""
import argparse, os, shutil, signal, socket, sqlite3, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.path.join(ROOT, ".build", "release")
GRIDWATCH = os.path.join(BIN, "gridwatch")
DEVICES = os.path.join(ROOT, "devices")
FAST_POINTS = 5  # the reference meter's `fast` group: voltage, current, power, frequency, power factor


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(args, **kw):
    return subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)


def wait_line(process, prefix, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        line = process.stdout.readline()
        if line.startswith(prefix):
            return line.strip()
        if not line and process.poll() is not None:
            break
    raise SystemExit(f"no '{prefix}' line from {process.args}: {process.stderr.read()}")


def stop(process, sig=signal.SIGTERM, timeout=30):
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def stored_readings(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        return sum(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("readings", "readings_recent"))
    finally:
        db.close()


def readings_per_device(database):
    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        rows = {}
        for table in ("readings", "readings_recent"):
            for device, count in db.execute(
                f"SELECT s.device_id, count(*) FROM {table} r JOIN series s ON s.id = r.series_id "
                "WHERE s.point = 'voltage_a' AND r.value IS NOT NULL GROUP BY s.device_id"):
                rows[device] = rows.get(device, 0) + count
        return rows
    finally:
        db.close()


def write_config(folder, buses, interval, intervals=None, timeout_ms=300):
    lines = [f"database: {folder}/gridwatch.db", f"devices_dir: {DEVICES}",
             "store: {batch_interval: 1s}", "buses:"]
    for bus_id, endpoint, devices in buses:
        lines += [f"  - id: {bus_id}", f"    {endpoint}", f"    timeout_ms: {timeout_ms}", "    devices:"]
        for device_id, unit in devices:
            extra = f", intervals: {{{intervals}}}" if intervals else ""
            lines.append(f"      - {{id: {device_id}, unit: {unit}, profile: gridwatch-lv-meter, interval: {interval}{extra}}}")
    path = os.path.join(folder, "gateway.yaml")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")
    return path


def run_daemon(config, seconds):
    # Its log goes to a file: a pipe nobody reads fills up and blocks the daemon's writes to stderr.
    log = open(os.path.join(os.path.dirname(config), "daemon.log"), "w")
    daemon = subprocess.Popen([GRIDWATCH, "run", "--config", config], stdout=log, stderr=log)
    time.sleep(1.0)  # start-up: open the store, connect
    cpu0, t0 = cpu_seconds(daemon.pid), time.time()
    time.sleep(seconds)
    cpu1, t1 = cpu_seconds(daemon.pid), time.time()
    rss = peak_rss_mb(daemon.pid)
    stop(daemon)
    log.close()
    return cpu1 - cpu0, t1 - t0, rss


# RTU workloads: (label, gridwatch device keys, registers the one request reads). The whole reference
# meter profile is what a gateway reads each cycle by default (`interval: 15s` for every group): its
# points and its outage log, addresses 0-51, in one request. The fast group alone is addresses 0-5.
RTU_WORKLOADS = [
    ("whole profile, 52 registers", "interval: 1ms", 52),
    ("fast group, 6 registers", "interval: 1h, intervals: {fast: 1ms}", 6),
]
BAUD = 9600


def rtu_ceiling(registers, slave_waits=False):
    """Share of wall time a 9600-baud 8N1 line can carry one read of `registers` holding registers per
    transaction: request 8 characters, reply 5 + 2 x registers, 10 bits each, and the master's t3.5
    (3.5 characters of 11 bits) after every reply; `slave_waits`: a slave that also keeps t3.5 before
    answering (the simulator answers at once)."""
    busy = (8 + 5 + 2 * registers) * 10 / BAUD
    gap = 3.5 * 11 / BAUD
    return busy / (busy + gap * (2 if slave_waits else 1))


def line_use(relay_stats, per_unit):
    """(line busy share, readings per unit, t3.5 violations, requests, mean ms idle after a reply, mean ms before one)."""
    return (float(relay_stats["busy_seconds"]) / float(relay_stats["wall_seconds"]), per_unit,
            int(relay_stats["gap_violations"]), int(relay_stats["frames"]),
            float(relay_stats["master_gap_seconds"]) * 1000, float(relay_stats["turnaround_seconds"]) * 1000)


def rtu(seconds, work, device_keys, registers):
    def line():
        relay = start([os.path.join(BIN, "gridwatch-bench"), "paced-line", "--baud", str(BAUD)])
        fields = dict(kv.split("=") for kv in wait_line(relay, "client=").split())
        return relay, fields["client"], fields["server"]

    def finish(relay):
        stop(relay, signal.SIGINT)
        out = relay.stdout.read()
        return dict(kv.split("=") for kv in out.strip().split())

    def simulator(server):
        sim = start([GRIDWATCH, "simulate", "--devices-dir", DEVICES, "--profile", "gridwatch-lv-meter",
                     "--rtu", server, "--baud", str(BAUD), "--units", "1,2,3"])
        wait_line(sim, "serving")
        return sim

    results = {}
    # gridwatch run: three units, each cycle as soon as the previous one ends.
    relay, client, server = line()
    sim = simulator(server)
    folder = tempfile.mkdtemp(dir=work)
    lines = [f"database: {folder}/gridwatch.db", f"devices_dir: {DEVICES}", "store: {batch_interval: 1s}", "buses:",
             "  - id: rs485", f"    rtu: {{device: {client}, baud: {BAUD}}}", "    timeout_ms: 500", "    devices:"]
    lines += [f"      - {{id: M{u}, unit: {u}, profile: gridwatch-lv-meter, {device_keys}}}" for u in (1, 2, 3)]
    config = os.path.join(folder, "gateway.yaml")
    with open(config, "w") as f:
        f.write("\n".join(lines) + "\n")
    run_daemon(config, seconds)
    relay_stats = finish(relay)
    stop(sim)
    per_unit = readings_per_device(os.path.join(folder, "gridwatch.db"))
    results["gridwatch"] = line_use(relay_stats, per_unit)
    # mbpoll: the same registers of units 1-3, with a 10 ms pause between polls.
    relay, client, server = line()
    sim = simulator(server)
    # Its output goes nowhere: a pipe nobody reads fills up (64 KB, about 90 polls of 52 registers) and
    # then stops mbpoll in the middle of its run.
    mbpoll = subprocess.Popen(["mbpoll", "-m", "rtu", "-b", str(BAUD), "-P", "none", "-a", "1:3", "-t", "4", "-r", "1",
                    "-c", str(registers), "-l", "10", "-o", "0.5", client],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds + 1)
    stop(mbpoll, signal.SIGINT)
    relay_stats = finish(relay)
    stop(sim)
    results["mbpoll"] = line_use(relay_stats, None)
    return results


def simulators(ports_and_units):
    processes = []
    for port, units in ports_and_units:
        p = start([GRIDWATCH, "simulate", "--devices-dir", DEVICES, "--profile", "gridwatch-lv-meter",
                   "--tcp", f"127.0.0.1:{port}", "--units", ",".join(map(str, units))])
        wait_line(p, "serving")
        processes.append(p)
    return processes


def tcp_slow(seconds, work):
    ports = [(free_port(), list(range(1, 201))) for _ in range(5)]
    sims = simulators(ports)
    folder = tempfile.mkdtemp(dir=work)
    buses = [(f"gw{n}", f"tcp: 127.0.0.1:{port}", [(f"M{n}-{u}", u) for u in units]) for n, (port, units) in enumerate(ports)]
    config = write_config(folder, buses, "15s")
    cpu, wall, rss = run_daemon(config, seconds)
    for s in sims:
        stop(s)
    rows = stored_readings(os.path.join(folder, "gridwatch.db"))
    return cpu, wall, rss, rows


def tcp_fast(seconds, work):
    ports = [(free_port(), list(range(1, 51))) for _ in range(4)]
    sims = simulators(ports)
    # The ceiling: one plain C libmodbus loop per simulator port, all at once.
    out = os.path.join(ROOT, ".build", "bench-modbus")
    os.makedirs(out, exist_ok=True)
    flags = subprocess.check_output(["pkg-config", "--cflags", "--libs", "libmodbus"], text=True).split()
    subprocess.check_call(["gcc", "-O2", "-o", f"{out}/client_loop", os.path.join(ROOT, "bench/modbus/client_loop.c")] + flags)
    loops = [start([f"{out}/client_loop", str(port), str(min(seconds, 5))]) for port, _ in ports]
    c_reads = 0.0
    for loop in loops:
        text, _ = loop.communicate(timeout=60)
        c_reads += float(text.split()[1])  # "c-libmodbus N reads/s ..."
    folder = tempfile.mkdtemp(dir=work)
    buses = [(f"d{port}-{u}", f"tcp: 127.0.0.1:{port}", [(f"M{port}-{u}", u)]) for port, units in ports for u in units]
    config = write_config(folder, buses, "1h", "fast: 1ms")
    db = os.path.join(folder, "gridwatch.db")
    cpu, wall, rss = run_daemon(config, seconds)
    for s in sims:
        stop(s)
    return c_reads, cpu, wall, rss, stored_readings(db)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    if not (os.access(GRIDWATCH, os.X_OK) and os.access(os.path.join(BIN, "gridwatch-bench"), os.X_OK)):
        subprocess.check_call(["swift", "build", "-c", "release", "--product", "gridwatch"], cwd=ROOT)
        subprocess.check_call(["swift", "build", "-c", "release", "--product", "gridwatch-bench"], cwd=ROOT)
    work = tempfile.mkdtemp(prefix="gridwatch-bench-collector-")
    try:
        print(f"Collector benchmark, {args.seconds:.0f} s per measurement, {os.cpu_count()} cores\n")
        for label, device_keys, registers in RTU_WORKLOADS:
            r = rtu(args.seconds, work, device_keys, registers)
            g, m = r["gridwatch"], r["mbpoll"]
            print(f"RTU, 3 meters on one paced {BAUD}-baud 8N1 line, {label} (addresses 0-{registers - 1}), as fast as they answer")
            print(f"  {'client':<28}{'line busy':>10}{'requests':>10}{'t3.5 violations':>17}{'idle after reply':>18}{'before reply':>14}")
            print(f"  {'ceiling (master keeps t3.5)':<28}{rtu_ceiling(registers) * 100:>9.1f}%{'':>27}{3.5 * 11 / BAUD * 1000:>15.2f} ms{0:>11.2f} ms")
            print(f"  {'  and slave waits t3.5 too':<28}{rtu_ceiling(registers, slave_waits=True) * 100:>9.1f}%{'':>27}{3.5 * 11 / BAUD * 1000:>15.2f} ms{3.5 * 11 / BAUD * 1000:>11.2f} ms")
            for name, x in (("gridwatch run", g), ("mbpoll, 10 ms pause", m)):
                print(f"  {name:<28}{x[0]*100:>9.1f}%{x[3]:>10}{x[2]:>17}{x[4]:>15.2f} ms{x[5]:>11.2f} ms")
            print(f"  readings per unit (gridwatch): {', '.join(f'{k} {v}' for k, v in sorted(g[1].items()))}\n")

        cpu, wall, rss, rows = tcp_slow(args.seconds * 3, work)
        cycles = rows / 8  # the whole profile: 8 points (the outage log is read in the same request)
        due = 1000 * (int((wall + 1) // 15) + 1)  # each device at 0 s, 15 s, 30 s, ... of the run
        print("TCP, 1,000 devices every 15 s (5 simulators x 200 unit ids)")
        print(f"  {cycles:,.0f} poll cycles stored in {wall + 1:.0f} s ({due:,} due), CPU {cpu / wall * 100:.1f} % of a core, "
              f"{cpu / max(cycles, 1) * 1e6:.1f} ms CPU per 1,000 cycles, peak RSS {rss:.1f} MB\n")

        c_reads, cpu, wall, rss, rows = tcp_fast(args.seconds, work)
        reads = rows / FAST_POINTS / wall
        print("TCP, 200 devices as fast as they answer (200 connections to 4 simulators)")
        print(f"  {'client':<34}{'reads/s':>10}{'% of C':>8}{'CPU ms/1,000 reads':>20}")
        print(f"  {'C libmodbus loops (1 per port)':<34}{c_reads:>10,.0f}{100:>7.0f}%{'':>20}")
        print(f"  {'gridwatch run (stored readings)':<34}{reads:>10,.0f}{reads / c_reads * 100:>7.1f}%{cpu / (reads * wall) * 1e6:>20.1f}")
        print(f"  peak RSS {rss:.1f} MB, {rows:,} readings committed")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
