import CModbus
import Glibc

extension ServerLoop {
    /// Accepts clients and answers their requests until stopped.
    func serveTCP() {
        let origin = ModbusError.Context(endpoint: "\(transport)")
        _ = try? LibModbus.call("modbus_set_indication_timeout", origin) { modbus_set_indication_timeout(context, 1, 0) }
        var clients: [Int32] = []
        var request = [UInt8](repeating: 0, count: Int(MODBUS_TCP_MAX_ADU_LENGTH))
        defer { clients.forEach { _ = close($0) } }
        while let ready = waitForInput([descriptor] + clients, timeoutMilliseconds: -1) {
            if ready[0] {
                var listening = descriptor
                if let client = try? LibModbus.call("modbus_tcp_accept", origin, { modbus_tcp_accept(context, &listening) }) {
                    clients.append(client)
                }
            }
            let readable = zip(clients, ready.dropFirst()).filter(\.1).map(\.0)
            for client in readable {
                _ = try? LibModbus.call("modbus_set_socket", origin) { modbus_set_socket(context, client) }
                let length = try? request.withUnsafeMutableBufferPointer { buffer in
                    try LibModbus.call("modbus_receive", origin) { modbus_receive(context, buffer.baseAddress) }
                }
                guard let length else {
                    close(client)
                    clients.removeAll { $0 == client }
                    continue
                }
                guard length > 0 else { continue }
                request.withUnsafeMutableBufferPointer { buffer in
                    answer(context, UnsafeMutableBufferPointer(rebasing: buffer[..<Int(length)]))
                }
            }
        }
    }
}
