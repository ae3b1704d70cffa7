import Foundation
import Glibc

/// A Modbus RTU line with faults: two pty pairs joined by a relay that passes requests unchanged and,
/// with probability `faultRate`, damages a reply with the next of `faults` in turn.
/// The client opens `clientEnd`, the server (`gridwatch simulate --rtu`) `serverEnd`. Bytes are not
/// paced: each reply is one burst, faulted whole.
public final class SerialFaultRelay: @unchecked Sendable {
    public let clientEnd: String
    public let serverEnd: String
    private let clientSide: PtyPair
    private let serverSide: PtyPair
    private let faults: [SerialFault]
    private let faultRate: Double
    private let delay: TimeInterval
    private let lock = NSLock()
    private var random: SeededRandom
    private var injected: [SerialFault: Int] = [:]
    private var enabled = true
    private var running = true

    public init(faults: [SerialFault] = SerialFault.allCases, faultRate: Double, delay: TimeInterval, seed: UInt64) throws {
        precondition(!faults.isEmpty && (0...1).contains(faultRate))
        clientSide = try PtyPair()
        serverSide = try PtyPair()
        clientEnd = clientSide.first
        serverEnd = serverSide.second
        self.faults = faults
        self.faultRate = faultRate
        self.delay = delay
        random = SeededRandom(seed: seed)
        let client = open(clientSide.second, O_RDWR | O_NOCTTY), server = open(serverSide.first, O_RDWR | O_NOCTTY)
        guard client >= 0, server >= 0 else { throw TestSupportError("cannot open the relay's pty ends: errno \(errno)") }
        Thread.detachNewThread { [self] in relay(client: client, server: server) }
    }

    deinit { close() }

    /// Faults injected so far, by kind.
    public var injectedFaults: [SerialFault: Int] { lock.withLock { injected } }

    /// Stops (or resumes) injecting: replies pass unchanged while disabled.
    public func setInjecting(_ on: Bool) { lock.withLock { enabled = on } }

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
        var buffer = [UInt8](repeating: 0, count: 512)
        while isRunning {
            var fds = [pollfd(fd: client, events: Int16(POLLIN), revents: 0), pollfd(fd: server, events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, 20) > 0 else { continue }
            if fds[0].revents & Int16(POLLIN) != 0 {
                let count = read(client, &buffer, buffer.count)
                if count > 0 { _ = write(server, buffer, count) }
            }
            if fds[1].revents & Int16(POLLIN) != 0 {
                let count = read(server, &buffer, buffer.count)
                guard count > 0 else { continue }
                let (fault, frame) = decide(Array(buffer[0..<count]))
                if fault == .delayPastTimeout { Thread.sleep(forTimeInterval: delay) }
                if !frame.isEmpty { _ = frame.withUnsafeBytes { write(client, $0.baseAddress, frame.count) } }
            }
        }
    }

    private func decide(_ reply: [UInt8]) -> (SerialFault?, [UInt8]) {
        lock.withLock {
            guard enabled, reply.count >= 4, Double(random.next() >> 11) / Double(1 << 53) < faultRate else { return (nil, reply) }
            // In turn, so that a short run injects every kind.
            let fault = faults[injected.values.reduce(0, +) % faults.count]
            injected[fault, default: 0] += 1
            return (fault, fault.apply(to: reply, random: &random))
        }
    }
}
