#!/usr/bin/env python3
"""Independent Modbus peers for GridWatch's tests, built on pymodbus (or plain sockets).

    modbus_peer.py tcp --port P [--units 1] [--input-floats 0=230.1,2=231.2] [--holding 0=7,1=8]
                       [--sparse] [--pattern]
    modbus_peer.py rtu --device /dev/pts/N --baud 9600 --parity N [--units 1,2,3] [--pattern] ...
    modbus_peer.py silent --port P      # accepts connections, reads requests, never answers
    modbus_peer.py half --port P        # answers every request with the first 5 bytes of a reply only
    modbus_peer.py badcrc --device D    # RTU: answers every read with a frame whose CRC is wrong

--input-floats writes big-endian float32 values into input registers; --holding writes holding
registers; --pattern fills holding registers 0..99 with unit*1000 + address; --sparse makes every
address not given answer ILLEGAL DATA ADDRESS. Prints READY once it serves.
"""
import argparse
import asyncio
import socket
import struct
import sys
import threading

from pymodbus.datastore import (ModbusDeviceContext, ModbusSequentialDataBlock,
                                ModbusServerContext, ModbusSparseDataBlock)
from pymodbus.server import ModbusSerialServer, ModbusTcpServer


def pairs(text):
    result = {}
    for item in filter(None, (text or "").split(",")):
        key, value = item.split("=")
        result[int(key)] = value
    return result


def registers(args, unit):
    holding, inputs = {}, {}
    for address, value in pairs(args.input_floats).items():
        high, low = struct.unpack(">HH", struct.pack(">f", float(value)))
        inputs[address], inputs[address + 1] = high, low
    for address, value in pairs(args.holding).items():
        holding[address] = int(value) & 0xFFFF
    if args.pattern:
        for address in range(100):
            holding[address] = unit * 1000 + address
    return holding, inputs


def block(values, sparse):
    if sparse and values:
        return ModbusSparseDataBlock(dict(values))
    table = [0] * 1000
    for address, value in values.items():
        table[address] = value
    return ModbusSequentialDataBlock(1, table)  # pymodbus 3.16: block address 1 is protocol address 0


def context(args):
    devices = {}
    for unit in [int(u) for u in args.units.split(",")]:
        holding, inputs = registers(args, unit)
        devices[unit] = ModbusDeviceContext(hr=block(holding, args.sparse), ir=block(inputs, args.sparse))
    return ModbusServerContext(devices=devices, single=False)


def wait_listening(port):
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return
        except OSError:
            threading.Event().wait(0.01)


async def serve_tcp(args):
    server = ModbusTcpServer(context(args), address=("127.0.0.1", args.port))
    threading.Thread(target=lambda: (wait_listening(args.port), print(f"READY {args.port}", flush=True)), daemon=True).start()
    await server.serve_forever()


async def serve_rtu(args):
    server = ModbusSerialServer(context(args), port=args.device, baudrate=args.baud, parity=args.parity,
                                bytesize=8, stopbits=1, timeout=0.05)
    serving = asyncio.create_task(server.serve_forever())
    while server.transport is None and not serving.done():
        await asyncio.sleep(0.01)  # READY only once the serial device is open
    print("READY", flush=True)
    await serving


def serve_silent(args):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(8)
    print(f"READY {args.port}", flush=True)
    clients = []
    while True:
        client, _ = listener.accept()
        clients.append(client)  # kept open, never answered


def serve_half(args):
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(8)
    print(f"READY {args.port}", flush=True)
    while True:
        client, _ = listener.accept()
        request = client.recv(260)
        # MBAP header of a reply (transaction id, protocol 0, length 5), then silence.
        client.sendall(request[:4] + bytes([0, 5]))
        threading.Event().wait(30)
        client.close()


def serve_badcrc(args):
    import serial
    line = serial.Serial(args.device, args.baud, timeout=0.05)
    print("READY", flush=True)
    while True:
        request = line.read(8)
        if len(request) == 8:
            # unit, function, byte count 2, one register, and a CRC that does not match
            line.write(bytes([request[0], request[1], 2, 0x12, 0x34, 0x00, 0x00]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["tcp", "rtu", "silent", "half", "badcrc"])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--device")
    parser.add_argument("--baud", type=int, default=9600)
    parser.add_argument("--parity", default="N")
    parser.add_argument("--units", default="1")
    parser.add_argument("--input-floats")
    parser.add_argument("--holding")
    parser.add_argument("--sparse", action="store_true")
    parser.add_argument("--pattern", action="store_true")
    args = parser.parse_args()
    if args.mode == "silent":
        serve_silent(args)
    elif args.mode == "half":
        serve_half(args)
    elif args.mode == "badcrc":
        serve_badcrc(args)
    else:
        asyncio.run(serve_tcp(args) if args.mode == "tcp" else serve_rtu(args))


if __name__ == "__main__":
    sys.exit(main())
