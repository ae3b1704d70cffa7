import CModbus
import DeviceProfiles
import Glibc

/// One libmodbus client context. Blocking: it lives on one `ModbusConnection`'s queue and is never
/// touched from two threads at once.
///
/// It connects lazily, reconnects after a broken TCP link (retrying the read once when an idle link
/// turns out dead), flushes an RTU line after a timeout or a garbled frame, and keeps the RTU silent
/// interval (t3.5) between frames, which libmodbus does not.
final class ModbusClient {
    let endpoint: ModbusEndpoint
    let options: ConnectionOptions
    /// `endpoint.description`, made once: every error context names it.
    private let endpointName: String
    private var context: OpaquePointer?
    private var isConnected = false
    /// t3.5 of an RTU line; `nil` over TCP.
    private let interFrameGap: Duration?
    private var lastFrameEnd: ContinuousClock.Instant?
    /// The unit id libmodbus addresses now, so that it is set only when it changes.
    private var selectedUnit: Int?

    init(endpoint: ModbusEndpoint, options: ConnectionOptions) {
        self.endpoint = endpoint
        self.options = options
        endpointName = endpoint.description
        if case .rtu(let line) = endpoint { interFrameGap = line.interFrameGap } else { interFrameGap = nil }
    }

    deinit { release() }

    /// Reads `count` registers, or `count` bits as words of 0 and 1.
    func read(unit: Int, function: ModbusFunction, address: Int, count: Int) throws -> [UInt16] {
        try [UInt16](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: 0)
            initialized = count
            try read(unit: unit, function: function, address: address, into: buffer)
        }
    }

    /// Reads `registers.count` registers (or bits, as words of 0 and 1) straight into `registers`.
    func read(unit: Int, function: ModbusFunction, address: Int, into registers: UnsafeMutableBufferPointer<UInt16>) throws {
        let request = ModbusError.Context(
            endpoint: endpointName, unit: unit, function: function, address: address, count: registers.count
        )
        guard (1...function.maxCountPerRequest).contains(registers.count), address >= 0, address + registers.count <= 65536 else {
            throw ModbusError(code: .invalidArgument, context: request, operation: "read", systemMessage: "count must be 1-\(function.maxCountPerRequest) within addresses 0-65535")
        }
        let wasConnected = isConnected
        do {
            try transact(unit: unit, function: function, address: address, into: registers, context: request)
        } catch ModbusError.Code.connectionReset where wasConnected && !endpoint.isSerial {
            try transact(unit: unit, function: function, address: address, into: registers, context: request)
        }
    }

    /// Closes the link; the next read opens it again.
    func close() {
        guard let context, isConnected else { return }
        modbus_close(context)
        isConnected = false
    }

    // MARK: - One transaction

    private func transact(
        unit: Int, function: ModbusFunction, address: Int, into registers: UnsafeMutableBufferPointer<UInt16>,
        context request: ModbusError.Context
    ) throws {
        let context = try connectedContext(request)
        if selectedUnit != unit {
            _ = try LibModbus.call("modbus_set_slave", request) { modbus_set_slave(context, Int32(unit)) }
            selectedUnit = unit
        }
        keepInterFrameGap()
        defer { if interFrameGap != nil { lastFrameEnd = .now } }
        do {
            try Self.read(context, function: function, address: address, into: registers, request)
        } catch let error as ModbusError {
            recover(after: error)
            throw error
        }
    }

    private static func read(
        _ context: OpaquePointer, function: ModbusFunction, address: Int, into registers: UnsafeMutableBufferPointer<UInt16>,
        _ request: ModbusError.Context
    ) throws {
        let (start, total) = (Int32(address), Int32(registers.count))
        guard function.readsBits else {
            _ = try LibModbus.call(function == .holdingRegisters ? "modbus_read_registers" : "modbus_read_input_registers", request) {
                function == .holdingRegisters
                    ? modbus_read_registers(context, start, total, registers.baseAddress)
                    : modbus_read_input_registers(context, start, total, registers.baseAddress)
            }
            return
        }
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: registers.count) { bits in
            bits.initialize(repeating: 0)
            _ = try LibModbus.call(function == .coils ? "modbus_read_bits" : "modbus_read_input_bits", request) {
                function == .coils
                    ? modbus_read_bits(context, start, total, bits.baseAddress)
                    : modbus_read_input_bits(context, start, total, bits.baseAddress)
            }
            for (index, bit) in bits.enumerated() { registers[index] = UInt16(bit) }
        }
    }

    /// After a failure: drop a broken or desynchronised TCP link; on an RTU line, let a late reply
    /// finish and discard it, so that it can neither be taken for the answer to the next request nor
    /// collide with it on the bus.
    private func recover(after error: ModbusError) {
        if error.code.isLinkFailure {
            close()
        } else if error.code.exceptionCode == nil, let context, isConnected {
            if case .rtu(let line) = endpoint {
                drainUntilSilent(context, line: line)
                _ = try? LibModbus.call("modbus_flush", ModbusError.Context(endpoint: endpointName)) { modbus_flush(context) }
            } else {
                close()
            }
        }
    }

    // MARK: - Connecting

    private func connectedContext(_ request: ModbusError.Context) throws -> OpaquePointer {
        let context = try self.context ?? makeContext(request)
        self.context = context
        guard !isConnected else { return context }
        try setTimeout(context, options.connectTimeout, request)
        _ = try LibModbus.call("modbus_connect", request) { modbus_connect(context) }
        isConnected = true
        try setTimeout(context, options.responseTimeout, request)
        let (byteSeconds, byteMicros) = options.byteTimeout.secondsAndMicroseconds
        _ = try LibModbus.call("modbus_set_byte_timeout", request) { modbus_set_byte_timeout(context, byteSeconds, byteMicros) }
        if options.pauseAfterConnect > .zero { sleep(for: options.pauseAfterConnect) }
        lastFrameEnd = .now
        return context
    }

    private func setTimeout(_ context: OpaquePointer, _ timeout: Duration, _ request: ModbusError.Context) throws {
        let (seconds, micros) = timeout.secondsAndMicroseconds
        _ = try LibModbus.call("modbus_set_response_timeout", request) { modbus_set_response_timeout(context, seconds, micros) }
    }

    private func makeContext(_ request: ModbusError.Context) throws -> OpaquePointer {
        switch endpoint {
        case .tcp(let host, let port):
            return try LibModbus.call("modbus_new_tcp_pi", request, failed: { $0 == nil }) {
                modbus_new_tcp_pi(host, String(port))
            }!
        case .rtu(let line):
            return try LibModbus.call("modbus_new_rtu", request, failed: { $0 == nil }) {
                modbus_new_rtu(line.device, Int32(line.baud), line.parityCharacter, Int32(line.dataBits), Int32(line.stopBits))
            }!
        }
    }

    private func release() {
        close()
        if let context { modbus_free(context) }
        context = nil
    }

    // MARK: - RTU silent interval

    /// Reads and drops whatever still arrives until the line has been silent for t3.5 (at most 1 s):
    /// a slave answering after the response timeout is still sending when the timeout fires.
    private func drainUntilSilent(_ context: OpaquePointer, line: SerialLine) {
        guard let descriptor = try? LibModbus.call("modbus_get_socket", ModbusError.Context(endpoint: endpointName), {
            modbus_get_socket(context)
        }) else { return }
        let gapMillis = Int32(max(1, (line.interFrameGap.seconds * 1000).rounded(.up)))
        let deadline = ContinuousClock.now + .seconds(1)
        var discard = [UInt8](repeating: 0, count: 256)
        while ContinuousClock.now < deadline {
            var watch = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&watch, 1, gapMillis)
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0, Glibc.read(descriptor, &discard, discard.count) > 0 else { return }
        }
    }

    /// Waits until the line has been silent for t3.5 since the last frame ended.
    private func keepInterFrameGap() {
        guard let interFrameGap, let lastFrameEnd else { return }
        let wait = lastFrameEnd + interFrameGap - .now
        if wait > .zero { sleep(for: wait) }
    }

    private func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
    }
}
