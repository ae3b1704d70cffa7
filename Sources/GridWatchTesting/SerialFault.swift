/// A fault a `SerialFaultRelay` injects into one Modbus RTU reply.
public enum SerialFault: String, CaseIterable, Sendable {
    /// The CRC's last byte is flipped.
    case badCRC = "bad-crc"
    /// A byte inside the frame is garbled (the CRC no longer matches).
    case garbledByte = "garble"
    /// Only the first half of the reply arrives.
    case truncatedFrame = "truncate"
    /// The reply arrives after the client's response timeout.
    case delayPastTimeout = "delay"
    /// The reply never arrives (a slave that missed the request).
    case silence

    /// `reply` as this fault changes it (empty for silence; unchanged for a delay).
    func apply(to reply: [UInt8], random: inout SeededRandom) -> [UInt8] {
        var frame = reply
        switch self {
        case .badCRC: frame[frame.count - 1] ^= 0xFF
        case .garbledByte: frame[1 + random.upTo(frame.count - 3)] ^= UInt8(1 + random.upTo(254))
        case .truncatedFrame: frame = Array(frame.prefix(frame.count / 2))
        case .delayPastTimeout: break
        case .silence: frame = []
        }
        return frame
    }
}
