#!/usr/bin/env python3
"""pymodbus client loop: read 10 holding registers over one connection. Usage: pymodbus_loop.py PORT SECONDS"""
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


port, seconds = int(sys.argv[1]), float(sys.argv[2])
client = ModbusTcpClient("127.0.0.1", port=port)
client.connect()
reads, checksum = 0, 0
(user_start, sys_start), start = cpu(), time.monotonic()
end = start + seconds
while time.monotonic() < end:
    response = client.read_holding_registers(0, count=10, device_id=1)
    checksum += response.registers[9]
    reads += 1
elapsed, (user_end, sys_end) = time.monotonic() - start, cpu()
user, sys_ = (user_end - user_start) * 1e6 / reads, (sys_end - sys_start) * 1e6 / reads
print(f"pymodbus {reads / elapsed:.0f} reads/s ({reads} reads, cpu {user + sys_:.1f} us/read, user {user:.2f}, sys {sys_:.2f}, "
      f"checksum {checksum})")
client.close()
