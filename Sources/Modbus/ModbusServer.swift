import CModbus
import DeviceProfiles
import Foundation

/// A Modbus server on libmodbus's server API, serving several unit ids over TCP or an RTU serial
/// line, for simulators and tests. Each unit's registers can be changed while it serves; a unit can be
/// made silent (no reply, like a dead or unpowered meter) or made to refuse address ranges.
///
/// Unknown unit ids get no reply, as on a real RTU bus. The server runs on a thread of its own.
public final class ModbusServer: @unchecked Sendable {
    public enum Transport: Sendable, Hashable {
        /// Listen on `host` (a loopback address in tests); port 0 picks a free port.
        case tcp(host: String, port: Int)
        case rtu(SerialLine)
    }

    private let lock = NSLock()
    private var units: [Int: SimulatedUnit] = [:]
    private var loop: ServerLoop?
    private var servedRequests = 0

    public init(units unitIDs: [Int] = []) throws {
        for unit in unitIDs { try addUnit(unit) }
    }

    deinit { stop() }

    /// Starts serving (after stopping what it served before); returns the TCP port actually bound
    /// (0 for RTU).
    @discardableResult
    public func start(_ transport: Transport) throws -> Int {
        stop()
        let loop = try ServerLoop(transport: transport) { [unowned self] context, request in
            self.answer(context: context, request: request)
        }
        lock.withLock { self.loop = loop }
        loop.start()
        return loop.port
    }

    /// Stops serving and closes every connection; returns once the server thread has finished.
    public func stop() {
        let loop = lock.withLock { () -> ServerLoop? in
            defer { self.loop = nil }
            return self.loop
        }
        loop?.stop()
    }

    // MARK: - Units

    /// Adds a unit whose tables are all zero (no effect if it exists).
    public func addUnit(_ unit: Int) throws {
        let bank = try SimulatedUnit()
        lock.withLock { if units[unit] == nil { units[unit] = bank } }
    }

    public var unitIDs: [Int] { lock.withLock { units.keys.sorted() } }

    /// Writes registers (or bits, any non-zero word being 1) of `unit`.
    public func setRegisters(_ values: [UInt16], unit: Int, function: ModbusFunction, address: Int) {
        lock.withLock { units[unit]?.write(values, function: function, address: address) }
    }

    public func registers(unit: Int, function: ModbusFunction, address: Int, count: Int) -> [UInt16] {
        lock.withLock { units[unit]?.read(function: function, address: address, count: count) ?? [] }
    }

    /// A silent unit receives requests and never answers.
    public func setSilent(_ silent: Bool, unit: Int) {
        lock.withLock { units[unit]?.isSilent = silent }
    }

    /// Makes `unit` answer ILLEGAL DATA ADDRESS to any read touching `addresses` of `function`.
    public func refuse(unit: Int, function: ModbusFunction, addresses: Range<Int>) {
        lock.withLock { units[unit]?.refused.append((function, addresses)) }
    }

    /// Requests answered so far (replies and exceptions).
    public var requestsServed: Int { lock.withLock { servedRequests } }

    // MARK: - Answering

    /// Answers one complete request (`request` as received, header included): called on the server
    /// thread with the libmodbus context the request came in on.
    private func answer(context: OpaquePointer, request: UnsafeMutableBufferPointer<UInt8>) {
        let header = Int(modbus_get_header_length(context))
        guard request.count > header + 4 else { return }
        let unitID = Int(request[header - 1])
        let address = Int(request[header + 1]) << 8 | Int(request[header + 2])
        let count = Int(request[header + 3]) << 8 | Int(request[header + 4])
        lock.lock()
        defer { lock.unlock() }
        guard let unit = units[unitID], !unit.isSilent else { return }
        let serverContext = ModbusError.Context(endpoint: "server", unit: unitID)
        _ = try? LibModbus.call("modbus_set_slave", serverContext) { modbus_set_slave(context, Int32(unitID)) }
        if let function = ModbusFunction(rawValue: Int(request[header])),
           unit.refuses(function: function, addresses: address..<(address + max(count, 1))) {
            _ = try? LibModbus.call("modbus_reply_exception", serverContext) {
                modbus_reply_exception(context, request.baseAddress, UInt32(ModbusExceptionCode.illegalDataAddress.rawValue))
            }
        } else {
            _ = try? LibModbus.call("modbus_reply", serverContext) {
                modbus_reply(context, request.baseAddress, Int32(request.count), unit.mapping)
            }
        }
        servedRequests += 1
    }
}
