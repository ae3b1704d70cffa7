/// A fault a `FaultProxy` injects into one Modbus TCP reply.
public enum ModbusFault: String, CaseIterable, Sendable {
    /// The reply is held back past the client's response timeout, then sent (late, stale).
    case delayPastTimeout = "delay"
    /// Half the reply is sent, then the connection is closed.
    case dropMidFrame = "drop"
    /// The reply's header bytes (transaction id, protocol id, function code) are garbled.
    case garbledBytes = "garble"
    /// An exception reply (server device busy) takes the place of the reply.
    case exceptionReply = "exception"
    /// The reply names another unit id than the one asked.
    case foreignUnit = "foreign-unit"

    /// `reply` (a whole Modbus TCP frame) as this fault changes it; `nil` for faults that send no frame.
    func apply(to reply: [UInt8], random: inout SeededRandom) -> [UInt8] {
        var frame = reply
        switch self {
        case .delayPastTimeout, .dropMidFrame:
            break
        case .garbledBytes:
            // Transaction id, protocol id or function code: a TCP frame has no CRC, so only a garbled
            // header is detectable; a garbled value would be a plausible wrong reading.
            let positions = [0, 1, 2, 3, 7]
            frame[positions[random.upTo(positions.count - 1)]] ^= UInt8(1 + random.upTo(254))
        case .exceptionReply:
            frame = Array(reply[0..<4]) + [0, 3, reply[6], reply[7] | 0x80, 0x06]
        case .foreignUnit:
            frame[6] = reply[6] &+ 1 + UInt8(random.upTo(100))
        }
        return frame
    }
}
