import Foundation
import Glibc

/// Two pty pairs joined by a thread: the client opens `clientEnd`, the server `serverEnd`, and every
/// burst of bytes read from either side goes to `forward`, which decides what the other side gets
/// (on the bridge's thread, one burst at a time). The base of the relays that shape a serial line.
final class PtyBridge: @unchecked Sendable {
    /// A burst read from one side, and how to write bytes to the other.
    struct Burst {
        let fromClient: Bool
        let bytes: [UInt8]
        let deliver: ([UInt8]) -> Void
    }

    let clientEnd: String
    let serverEnd: String
    private let clientSide: PtyPair
    private let serverSide: PtyPair
    private let lock = NSLock()
    private var running = true

    init(name: String, forward: @escaping @Sendable (Burst) -> Void) throws {
        clientSide = try PtyPair()
        serverSide = try PtyPair()
        clientEnd = clientSide.first
        serverEnd = serverSide.second
        let inner = (open(clientSide.second, O_RDWR | O_NOCTTY), open(serverSide.first, O_RDWR | O_NOCTTY))
        guard inner.0 >= 0, inner.1 >= 0 else { throw TestSupportError("cannot open the relay's pty ends: errno \(errno)") }
        let thread = Thread { [self] in relay(client: inner.0, server: inner.1, forward: forward) }
        thread.name = name
        thread.start()
    }

    deinit { close() }

    func close() {
        let wasRunning = lock.withLock { () -> Bool in
            defer { running = false }
            return running
        }
        guard wasRunning else { return }
        Thread.sleep(forTimeInterval: 0.06)  // the relay thread polls every 20 ms
        clientSide.close()
        serverSide.close()
    }

    private var isRunning: Bool { lock.withLock { running } }

    private func relay(client: Int32, server: Int32, forward: @Sendable (Burst) -> Void) {
        defer {
            Glibc.close(client)
            Glibc.close(server)
        }
        var buffer = [UInt8](repeating: 0, count: 512)
        while isRunning {
            var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: server, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, 20) > 0 else { continue }
            for (index, (from, to)) in [(client, server), (server, client)].enumerated() where fds[index].revents & Int16(POLLIN) != 0 {
                let count = read(from, &buffer, buffer.count)
                guard count > 0 else { continue }
                forward(Burst(fromClient: index == 0, bytes: Array(buffer[0..<count])) { bytes in
                    _ = bytes.withUnsafeBytes { write(to, $0.baseAddress, bytes.count) }
                })
            }
        }
    }
}
