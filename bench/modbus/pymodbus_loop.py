#!/usr/bin/env python3
"""pymodbus client loop: read 10 holding registers over one connection.
Usage: pymodbus_loop.py PORT SECONDS, or pymodbus_loop.py PORT --turns: one loop per line of standard input
(its length in seconds) over the same connection."""
import resource
import sys
import time
import warnings

warnings.simplefilter("ignore")
from pymodbus.client import ModbusTcpClient  # noqa: E402


def cpu():
    """CPU time of the process so far, in seconds: in user space and in the kernel."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime, usage.ru_stime


def run(client, seconds):
    """Reads for `seconds` and prints reads/s and CPU per read."""
    reads, checksum = 0, 0
    (user_start, sys_start), start = cpu(), time.monotonic()
    end = start + seconds
    while time.monotonic() < end:
        response = client.read_holding_registers(0, count=10, device_id=1)
        checksum += response.registers[9]
        reads += 1
    elapsed, (user_end, sys_end) = time.monotonic() - start, cpu()
    user, sys_ = (user_end - user_start) * 1e6 / reads, (sys_end - sys_start) * 1e6 / reads
    print(f"pymodbus {reads / elapsed:.0f} reads/s ({reads} reads, cpu {user + sys_:.1f} us/read, user {user:.2f}, "
          f"sys {sys_:.2f}, checksum {checksum})", flush=True)


client = ModbusTcpClient("127.0.0.1", port=int(sys.argv[1]))
client.connect()
if sys.argv[2] == "--turns":
    for line in sys.stdin:
        run(client, float(line))
else:
    run(client, float(sys.argv[2]))
client.close()
