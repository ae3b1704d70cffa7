import Foundation
import Glibc

/// A serial line that keeps time: two pty pairs joined by a relay that delivers each burst of bytes
/// when its last byte would have arrived at `baud`, one direction at a time (RS-485 is half-duplex).
///
/// The client opens `clientEnd`, the server `serverEnd`. The relay counts requests that the client
/// started before the line had been silent for t3.5 after the previous frame: on a real bus with
/// several slaves, those are the frames that slaves misread.
public final class PacedSerialRelay: @unchecked Sendable {
    public let clientEnd: String
    public let serverEnd: String
    private let clientSide: PtyPair
    private let serverSide: PtyPair
    private let characterTime: Double
    private let silentInterval: Double
    private let lock = NSLock()
    private var violations = 0
    private var frames = 0
    private var running = true
    private var thread: Thread?

    /// `bitsPerCharacter` is 10 for 8N1 and 11 for 8E1 or 8N2.
    public init(baud: Int, bitsPerCharacter: Int = 10) throws {
        clientSide = try PtyPair()
        serverSide = try PtyPair()
        clientEnd = clientSide.first
        serverEnd = serverSide.second
        characterTime = Double(bitsPerCharacter) / Double(baud)
        silentInterval = baud > 19200 ? 0.00175 : 3.5 * 11 / Double(baud)
        let inner = (open(clientSide.second, O_RDWR | O_NOCTTY), open(serverSide.first, O_RDWR | O_NOCTTY))
        guard inner.0 >= 0, inner.1 >= 0 else { throw TestSupportError("cannot open the relay's pty ends: errno \(errno)") }
        let thread = Thread { [self] in relay(client: inner.0, server: inner.1) }
        thread.name = "gridwatch.paced-relay"
        self.thread = thread
        thread.start()
    }

    deinit { close() }

    /// Requests the client began less than t3.5 after the previous frame ended.
    public var gapViolations: Int { lock.withLock { violations } }
    /// Requests seen from the client.
    public var requestFrames: Int { lock.withLock { frames } }

    public func close() {
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

    private func relay(client: Int32, server: Int32) {
        defer {
            Glibc.close(client)
            Glibc.close(server)
        }
        var lineFreeAt = 0.0
        var lastFromClient = false
        var buffer = [UInt8](repeating: 0, count: 512)
        while isRunning {
            var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: server, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, 20) > 0 else { continue }
            for (index, (from, to)) in [(client, server), (server, client)].enumerated() where fds[index].revents & Int16(POLLIN) != 0 {
                let count = read(from, &buffer, buffer.count)
                guard count > 0 else { continue }
                let arrival = Self.now()
                let fromClient = index == 0
                if fromClient && !(lastFromClient && arrival < lineFreeAt) {
                    lock.withLock {
                        frames += 1
                        if arrival < lineFreeAt + silentInterval * 0.95 { violations += 1 }
                    }
                }
                lastFromClient = fromClient
                lineFreeAt = max(arrival, lineFreeAt) + Double(count) * characterTime
                Self.sleep(until: lineFreeAt)
                _ = write(to, buffer, count)
            }
        }
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func sleep(until deadline: Double) {
        let wait = deadline - now()
        if wait > 0 { usleep(UInt32(wait * 1e6)) }
    }
}
