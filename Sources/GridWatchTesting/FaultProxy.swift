import Foundation

/// A Modbus TCP proxy on 127.0.0.1 between a client (the daemon) and a server (`gridwatch simulate`)
/// that injects faults into replies: each reply, with probability `faultRate` drawn from a seeded generator,
/// gets the next of `faults` in turn, so a run's sequence of faults replays. Counts what it injected.
public final class FaultProxy: @unchecked Sendable {
    public let port: Int
    public let upstreamPort: Int
    private let listener: Int32
    private let faults: [ModbusFault]
    private let faultRate: Double
    private let delay: TimeInterval
    private let lock = NSLock()
    private var random: SeededRandom
    private var injected: [ModbusFault: Int] = [:]
    private var forwarded = 0
    private var enabled = true
    private var sockets: Set<Int32> = []
    private var stopped = false

    /// Starts listening; `delay` is how long a delayed reply is held (longer than the client's timeout).
    public init(upstreamPort: Int, faults: [ModbusFault] = ModbusFault.allCases, faultRate: Double, delay: TimeInterval, seed: UInt64) throws {
        precondition(!faults.isEmpty && (0...1).contains(faultRate))
        (listener, port) = try LoopbackSocket.listen()
        self.upstreamPort = upstreamPort
        self.faults = faults
        self.faultRate = faultRate
        self.delay = delay
        random = SeededRandom(seed: seed)
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    /// Faults injected so far, by kind.
    public var injectedFaults: [ModbusFault: Int] { lock.withLock { injected } }
    /// Replies passed on unchanged so far.
    public var forwardedReplies: Int { lock.withLock { forwarded } }

    /// Stops (or resumes) injecting: replies pass unchanged while disabled.
    public func setInjecting(_ on: Bool) { lock.withLock { enabled = on } }

    /// Closes the listener and every connection.
    public func stop() {
        let open: Set<Int32> = lock.withLock {
            guard !stopped else { return [] }
            stopped = true
            return sockets.union([listener])
        }
        for fd in open { shutdown(fd, Int32(SHUT_RDWR)); close(fd) }
    }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            guard let server = try? LoopbackSocket.connect(port: upstreamPort), track([client, server]) else {
                close(client)
                continue
            }
            Thread.detachNewThread { [self] in relay(client: client, server: server) }
        }
    }

    private func track(_ fds: [Int32]) -> Bool {
        lock.withLock {
            if stopped { return false }
            sockets.formUnion(fds)
            return true
        }
    }

    private func relay(client: Int32, server: Int32) {
        defer {
            lock.withLock { _ = sockets.remove(client); _ = sockets.remove(server) }
            close(client)
            close(server)
        }
        while let request = Self.readFrame(client), LoopbackSocket.write(server, request), let reply = Self.readFrame(server) {
            let (fault, frame) = decide(reply)
            switch fault {
            case .delayPastTimeout?:
                Thread.sleep(forTimeInterval: delay)
                LoopbackSocket.write(client, frame)
            case .dropMidFrame?:
                LoopbackSocket.write(client, Array(frame.prefix(frame.count / 2)))
                return
            default:
                guard LoopbackSocket.write(client, frame) else { return }
            }
        }
    }

    /// Whether to fault `reply`, which fault, and the frame to send.
    private func decide(_ reply: [UInt8]) -> (ModbusFault?, [UInt8]) {
        lock.withLock {
            guard enabled, Double(random.next() >> 11) / Double(1 << 53) < faultRate else {
                forwarded += 1
                return (nil, reply)
            }
            // In turn, so that a short run injects every kind.
            let fault = faults[injected.values.reduce(0, +) % faults.count]
            injected[fault, default: 0] += 1
            return (fault, fault.apply(to: reply, random: &random))
        }
    }

    /// One Modbus TCP frame: the 7-byte MBAP header, then `length - 1` bytes.
    static func readFrame(_ fd: Int32) -> [UInt8]? {
        guard let header = LoopbackSocket.read(fd, count: 7) else { return nil }
        let length = Int(header[4]) << 8 | Int(header[5])
        guard (1...254).contains(length), let body = LoopbackSocket.read(fd, count: length - 1) else { return nil }
        return header + body
    }
}
