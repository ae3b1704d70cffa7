#!/usr/bin/env python3
"""pymodbus client loop: read 10 holding registers over one connection. Usage: pymodbus_loop.py PORT SECONDS"""
import sys
import time
import warnings

warnings.simplefilter("ignore")
from pymodbus.client import ModbusTcpClient  # noqa: E402

port, seconds = int(sys.argv[1]), float(sys.argv[2])
client = ModbusTcpClient("127.0.0.1", port=port)
client.connect()
reads, checksum = 0, 0
start, cpu_start = time.monotonic(), time.process_time()
end = start + seconds
while time.monotonic() < end:
    response = client.read_holding_registers(0, count=10, device_id=1)
    checksum += response.registers[9]
    reads += 1
elapsed, cpu = time.monotonic() - start, time.process_time() - cpu_start
print(f"pymodbus {reads / elapsed:.0f} reads/s ({reads} reads, cpu {cpu * 1e6 / reads:.1f} us/read, checksum {checksum})")
client.close()
