import Foundation

/// A TCP server on 127.0.0.1 that accepts connections and never reads nor answers: a device whose
/// firmware hung with its network stack still up.
public final class SilentServer: @unchecked Sendable {
    public let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var connections: [Int32] = []
    private var stopped = false

    public init() throws {
        (listener, port) = try LoopbackSocket.listen()
        Thread.detachNewThread { [self] in
            while true {
                let fd = accept(listener, nil, nil)
                guard fd >= 0 else { return }
                lock.withLock { connections.append(fd) }
            }
        }
    }

    deinit { stop() }

    /// Connections accepted so far.
    public var accepted: Int { lock.withLock { connections.count } }

    public func stop() {
        let open: [Int32] = lock.withLock {
            if stopped { return [] }
            stopped = true
            return connections
        }
        guard !open.isEmpty || accepted >= 0 else { return }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for fd in open { close(fd) }
    }
}
