#!/usr/bin/env python3
"""Lets bench/modbus's clients take turns over connections they keep open: every client runs one turn
back to back with a turn of the C loop, the C loop first in every other pair of a client, the clients'
order turning from round to round. Writes one line per turn: PAIR KEY <the client's line>.
Usage: turns.py OUT_DIR PORT SECONDS ROUNDS RESULTS"""
import subprocess
import sys

out, port, seconds, rounds, results = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
gridwatch = [".build/release/gridwatch", "bench-modbus", "--tcp", f"127.0.0.1:{port}", "--turns", "--caller"]
commands = {
    "C": [f"{out}/client_loop", port, "--turns"],
    "GP": gridwatch + ["preferred"],
    "GI": gridwatch + ["isolated"],
    "GT": gridwatch + ["task"],
    "PY": ["python3", "bench/modbus/pymodbus_loop.py", port, "--turns"],
    "CC": [f"{out}/client_loop", port, "--turns"],
}
clients = {key: subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
           for key, command in commands.items()}


def turn(key):
    """One loop of SECONDS by client `key`: its line."""
    client = clients[key]
    client.stdin.write(f"{seconds}\n")
    client.stdin.flush()
    line = client.stdout.readline()
    if not line:
        sys.exit(f"client {key} ({' '.join(commands[key])}) stopped")
    return line.strip()


# A turn each first, not recorded: every client has started, connected and read before the rounds.
for key in clients:
    turn(key)
paired = [key for key in commands if key != "C"]
pair = 0
with open(results, "w") as lines:
    for round in range(rounds):
        for index in range(len(paired)):
            position = (index + round) % len(paired)
            key = paired[position]
            pair += 1
            for client in ("C", key) if (round + position) % 2 == 0 else (key, "C"):
                lines.write(f"{pair} {client} {turn(client)}\n")
for client in clients.values():
    client.stdin.close()
    client.wait()
