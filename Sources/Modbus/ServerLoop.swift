import CModbus
import Foundation
import Glibc

/// The thread behind a `ModbusServer`: waits on its sockets or serial line with `poll`, hands each
/// complete request to `answer`, and ends when `stop` writes to its wake-up pipe.
final class ServerLoop: @unchecked Sendable {
    typealias Answer = (OpaquePointer, UnsafeMutableBufferPointer<UInt8>) -> Void

    let transport: ModbusServer.Transport
    let context: OpaquePointer
    /// The listening socket (TCP) or the open serial device (RTU).
    let descriptor: Int32
    /// The TCP port bound, 0 for RTU.
    let port: Int
    let answer: Answer
    private let wake: (read: Int32, write: Int32)
    private let finished = DispatchSemaphore(value: 0)
    private var thread: Thread?

    init(transport: ModbusServer.Transport, answer: @escaping Answer) throws {
        self.transport = transport
        self.answer = answer
        (context, descriptor, port) = try Self.open(transport)
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            let code = errno
            close(descriptor)
            modbus_free(context)
            throw LibModbus.error(errno: code, operation: "pipe", context: ModbusError.Context(endpoint: "\(transport)"))
        }
        wake = (ends[0], ends[1])
    }

    func start() {
        let thread = Thread { [self] in
            switch transport {
            case .tcp: serveTCP()
            case .rtu(let line): serveRTU(line)
            }
            finished.signal()
        }
        thread.name = "gridwatch.modbus-server"
        self.thread = thread
        thread.start()
    }

    /// Wakes the thread, waits until it has finished, and releases the context.
    func stop() {
        guard thread != nil else { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        finished.wait()
        thread = nil
        close(descriptor)
        close(wake.read)
        close(wake.write)
        modbus_free(context)
    }

    /// Blocks until `descriptors` (plus the wake-up pipe) have input or `timeoutMilliseconds` pass.
    /// Returns `nil` when woken to stop, else the ready flags of `descriptors`.
    func waitForInput(_ descriptors: [Int32], timeoutMilliseconds: Int32) -> [Bool]? {
        var fds = ([wake.read] + descriptors).map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        while poll(&fds, nfds_t(fds.count), timeoutMilliseconds) == -1 && errno == EINTR {}
        if fds[0].revents != 0 { return nil }
        return fds.dropFirst().map { $0.revents != 0 }
    }

    /// Creates the context and opens the listening socket or serial device.
    private static func open(_ transport: ModbusServer.Transport) throws -> (OpaquePointer, Int32, Int) {
        let origin = ModbusError.Context(endpoint: "\(transport)")
        switch transport {
        case .tcp(let host, let port):
            let context = try LibModbus.call("modbus_new_tcp", origin, failed: { $0 == nil }) { modbus_new_tcp(host, Int32(port)) }!
            do {
                let socket = try LibModbus.call("modbus_tcp_listen", origin) { modbus_tcp_listen(context, 16) }
                return (context, socket, boundPort(of: socket))
            } catch {
                modbus_free(context)
                throw error
            }
        case .rtu(let line):
            let context = try LibModbus.call("modbus_new_rtu", origin, failed: { $0 == nil }) {
                modbus_new_rtu(line.device, Int32(line.baud), line.parityCharacter, Int32(line.dataBits), Int32(line.stopBits))
            }!
            do {
                _ = try LibModbus.call("modbus_connect", origin) { modbus_connect(context) }
                return (context, try LibModbus.call("modbus_get_socket", origin) { modbus_get_socket(context) }, 0)
            } catch {
                modbus_free(context)
                throw error
            }
        }
    }

    private static func boundPort(of socket: Int32) -> Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
