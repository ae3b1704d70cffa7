import Foundation
import Glibc

/// A Modbus RTU line with faults: two pty pairs joined by a relay that passes requests unchanged and,
/// with probability `faultRate`, damages a reply with the next of `faults` in turn.
/// The client opens `clientEnd`, the server (`gridwatch simulate --rtu`) `serverEnd`. Bytes are not
/// paced: each reply is one burst, faulted whole.
public final class SerialFaultRelay: @unchecked Sendable {
    public var clientEnd: String { bridge.clientEnd }
    public var serverEnd: String { bridge.serverEnd }
    private var bridge: PtyBridge!
    private let faults: [SerialFault]
    private let faultRate: Double
    private let delay: TimeInterval
    private let lock = NSLock()
    private var random: SeededRandom
    private var injected: [SerialFault: Int] = [:]
    private var enabled = true

    public init(faults: [SerialFault] = SerialFault.allCases, faultRate: Double, delay: TimeInterval, seed: UInt64) throws {
        precondition(!faults.isEmpty && (0...1).contains(faultRate))
        self.faults = faults
        self.faultRate = faultRate
        self.delay = delay
        random = SeededRandom(seed: seed)
        bridge = try PtyBridge(name: "gridwatch.fault-relay") { [weak self] burst in
            guard let self, !burst.fromClient else { return burst.deliver(burst.bytes) }
            let (fault, frame) = decide(burst.bytes)
            if fault == .delayPastTimeout { Thread.sleep(forTimeInterval: delay) }
            if !frame.isEmpty { burst.deliver(frame) }
        }
    }

    deinit { close() }

    /// Faults injected so far, by kind.
    public var injectedFaults: [SerialFault: Int] { lock.withLock { injected } }

    /// Stops (or resumes) injecting: replies pass unchanged while disabled.
    public func setInjecting(_ on: Bool) { lock.withLock { enabled = on } }

    public func close() { bridge?.close() }

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
