import ArgumentParser
import Modbus

/// Where to reach (or serve) Modbus devices: `--tcp HOST:PORT` or `--rtu DEVICE` with line settings.
struct ModbusEndpointOptions: ParsableArguments {
    @Option(name: .customLong("tcp"), help: "Modbus TCP endpoint HOST:PORT (simulate: port 0 picks a free port).")
    var tcp: String?

    @Option(name: .customLong("rtu"), help: "Serial device for Modbus RTU (e.g. /dev/ttyUSB0).")
    var rtu: String?

    @Option(help: "RTU baud rate.")
    var baud: Int = 9600

    @Option(help: "RTU parity: N, E or O.")
    var parity: String = "N"

    @Option(name: .customLong("data-bits"), help: "RTU data bits (7 or 8).")
    var dataBits: Int = 8

    @Option(name: .customLong("stop-bits"), help: "RTU stop bits (1 or 2).")
    var stopBits: Int = 1

    func validate() throws {
        guard (tcp == nil) != (rtu == nil) else { throw ValidationError("give exactly one of --tcp HOST:PORT and --rtu DEVICE") }
        if let tcp, ModbusEndpoint.tcp(tcp) == nil { throw ValidationError("--tcp '\(tcp)' is not HOST:PORT") }
        guard SerialLine.Parity(rawValue: parity.uppercased()) != nil else { throw ValidationError("--parity must be N, E or O") }
        guard (5...8).contains(dataBits), (1...2).contains(stopBits), baud > 0 else {
            throw ValidationError("--data-bits must be 5-8, --stop-bits 1 or 2, --baud positive")
        }
    }

    var endpoint: ModbusEndpoint {
        if let rtu {
            return .rtu(SerialLine(device: rtu, baud: baud, parity: SerialLine.Parity(rawValue: parity.uppercased()) ?? .none, dataBits: dataBits, stopBits: stopBits))
        }
        return ModbusEndpoint.tcp(tcp ?? "") ?? .tcp(host: "127.0.0.1", port: 502)
    }
}
