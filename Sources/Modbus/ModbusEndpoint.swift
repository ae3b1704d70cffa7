/// Where a Modbus device is reached. Several unit ids may share one endpoint: an RTU bus, or RTU
/// devices behind a Modbus TCP gateway.
public enum ModbusEndpoint: Sendable, Hashable, CustomStringConvertible {
    case tcp(host: String, port: Int)
    case rtu(SerialLine)

    /// Parses `HOST:PORT` (port 502 when omitted; port 0 lets a server pick a free port).
    public static func tcp(_ text: String) -> ModbusEndpoint? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard let host = parts.first, !host.isEmpty, parts.count <= 2 else { return nil }
        guard parts.count == 2 else { return .tcp(host: String(host), port: 502) }
        guard let port = Int(parts[1]), (0...65535).contains(port) else { return nil }
        return .tcp(host: String(host), port: port)
    }

    public var isSerial: Bool {
        if case .rtu = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        case .rtu(let line): "rtu:\(line)"
        }
    }
}
