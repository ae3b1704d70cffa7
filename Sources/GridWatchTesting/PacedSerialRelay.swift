import Foundation
import Glibc

/// A serial line that keeps time: two pty pairs joined by a relay that delivers each burst of bytes
/// when its last byte would have arrived at `baud`, one direction at a time (RS-485 is half-duplex).
///
/// The client opens `clientEnd`, the server `serverEnd`. The relay counts requests that the client
/// started before the line had been silent for t3.5 after the previous frame: on a real bus with
/// several slaves, those are the frames that slaves misread.
public final class PacedSerialRelay: @unchecked Sendable {
    public var clientEnd: String { bridge.clientEnd }
    public var serverEnd: String { bridge.serverEnd }
    private var bridge: PtyBridge!
    private let characterTime: Double
    private let silentInterval: Double
    private let lock = NSLock()
    private var violations = 0
    private var frames = 0
    private var busy = 0.0
    private var masterGaps = (seconds: 0.0, count: 0)
    private var turnarounds = (seconds: 0.0, count: 0)
    /// Line state, used on the bridge's thread only.
    private var lineFreeAt = 0.0
    private var lastFromClient = false

    /// `bitsPerCharacter` is 10 for 8N1 and 11 for 8E1 or 8N2.
    public init(baud: Int, bitsPerCharacter: Int = 10) throws {
        characterTime = Double(bitsPerCharacter) / Double(baud)
        silentInterval = baud > 19200 ? 0.00175 : 3.5 * 11 / Double(baud)
        bridge = try PtyBridge(name: "gridwatch.paced-relay") { [weak self] burst in self?.pace(burst) }
    }

    deinit { close() }

    /// Requests the client began less than t3.5 after the previous frame ended.
    public var gapViolations: Int { lock.withLock { violations } }
    /// Requests seen from the client.
    public var requestFrames: Int { lock.withLock { frames } }
    /// Seconds the line has carried characters, both directions (for bus utilisation).
    public var busySeconds: Double { lock.withLock { busy } }
    /// Mean silence from the end of a reply to the start of the next request: the master's share of
    /// the idle line (at least t3.5 when it keeps the gap); `nil` before two exchanges.
    public var meanMasterGapSeconds: Double? { lock.withLock { Self.mean(masterGaps) } }
    /// Mean silence from the end of a request to the start of its reply: the slave's (and this
    /// relay's) share of the idle line; `nil` before a reply.
    public var meanTurnaroundSeconds: Double? { lock.withLock { Self.mean(turnarounds) } }

    public func close() { bridge?.close() }

    /// Delivers a burst when its last byte would have arrived, counting requests sent too early.
    private func pace(_ burst: PtyBridge.Burst) {
        let arrival = Self.now()
        if burst.fromClient && !(lastFromClient && arrival < lineFreeAt) {
            lock.withLock {
                frames += 1
                if arrival < lineFreeAt + silentInterval * 0.95 { violations += 1 }
                if !lastFromClient && frames > 1 { masterGaps = (masterGaps.seconds + arrival - lineFreeAt, masterGaps.count + 1) }
            }
        } else if !burst.fromClient && lastFromClient {
            lock.withLock { turnarounds = (turnarounds.seconds + max(0, arrival - lineFreeAt), turnarounds.count + 1) }
        }
        lastFromClient = burst.fromClient
        lineFreeAt = max(arrival, lineFreeAt) + Double(burst.bytes.count) * characterTime
        lock.withLock { busy += Double(burst.bytes.count) * characterTime }
        Self.sleep(until: lineFreeAt)
        burst.deliver(burst.bytes)
    }

    private static func mean(_ sum: (seconds: Double, count: Int)) -> Double? {
        sum.count == 0 ? nil : sum.seconds / Double(sum.count)
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
