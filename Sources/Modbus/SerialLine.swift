/// An RTU serial line's settings.
public struct SerialLine: Sendable, Hashable, CustomStringConvertible {
    public enum Parity: String, Sendable, Hashable, CaseIterable {
        case none = "N", even = "E", odd = "O"
    }

    /// Device path such as `/dev/ttyUSB0` or one end of a socat pty pair.
    public var device: String
    public var baud: Int
    public var parity: Parity
    public var dataBits: Int
    public var stopBits: Int

    public init(device: String, baud: Int = 9600, parity: Parity = .none, dataBits: Int = 8, stopBits: Int = 1) {
        self.device = device
        self.baud = baud
        self.parity = parity
        self.dataBits = dataBits
        self.stopBits = stopBits
    }

    /// Duration of one character on the wire: start bit, data bits, parity bit, stop bits.
    public var characterSeconds: Double {
        Double(1 + dataBits + (parity == .none ? 0 : 1) + stopBits) / Double(baud)
    }

    /// The silent interval that must separate two frames (t3.5): 3.5 characters of 11 bits,
    /// fixed at 1.75 ms above 19200 baud as the Modbus serial-line specification says.
    public var interFrameGap: Duration {
        baud > 19200 ? .microseconds(1750) : .nanoseconds(Int64((3.5 * 11 / Double(baud) * 1e9).rounded(.up)))
    }

    /// `/dev/ttyUSB0@9600/8N1`.
    public var description: String { "\(device)@\(baud)/\(dataBits)\(parity.rawValue)\(stopBits)" }
}

extension SerialLine {
    /// The parity letter as libmodbus takes it (`'N'`, `'E'`, `'O'`).
    var parityCharacter: CChar { CChar(UInt8(ascii: parity.rawValue.unicodeScalars.first!)) }
}
