/// How a point's registers (or bit) are interpreted.
public enum PointType: String, Sendable, Hashable, CaseIterable, Codable {
    case uint16, int16, uint32, int32, uint64, int64, float32, float64, bcd16, bcd32
    /// A coil or discrete input.
    case bool

    /// `float32` and `float64`.
    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// Registers (16-bit words) the type occupies; a `bool` occupies one bit.
    public var registerCount: Int {
        switch self {
        case .uint16, .int16, .bcd16, .bool: 1
        case .uint32, .int32, .float32, .bcd32: 2
        case .uint64, .int64, .float64: 4
        }
    }
}

/// The order of bytes of a multi-register value, named by where the big-endian bytes A B C D land.
public enum WordOrder: String, Sendable, Hashable, CaseIterable, Codable {
    /// Big-endian: most significant word first, most significant byte first.
    case abcd = "ABCD"
    /// Word-swapped: least significant word first, bytes big-endian within each word.
    case cdab = "CDAB"
    /// Byte-swapped within each word, words in big-endian order.
    case badc = "BADC"
    /// Little-endian: least significant word first, bytes swapped within each word.
    case dcba = "DCBA"

    var swapsWords: Bool { self == .cdab || self == .dcba }
    var swapsBytes: Bool { self == .badc || self == .dcba }
}

/// The four Modbus read functions and the table each one reads.
public enum ModbusFunction: Int, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case coils = 1
    case discreteInputs = 2
    case holdingRegisters = 3
    case inputRegisters = 4

    /// Reads bits (coils, discrete inputs) rather than 16-bit registers.
    public var readsBits: Bool { self == .coils || self == .discreteInputs }

    /// The most a single request of this function may read (Modbus application protocol limits).
    public var maxCountPerRequest: Int { readsBits ? 2000 : 125 }

    /// The profile key naming the table: `coil`, `discrete`, `holding`, `input`.
    public var profileName: String {
        switch self {
        case .coils: "coil"
        case .discreteInputs: "discrete"
        case .holdingRegisters: "holding"
        case .inputRegisters: "input"
        }
    }

    public init?(profileName: String) {
        guard let match = Self.allCases.first(where: { $0.profileName == profileName }) else { return nil }
        self = match
    }

    public var description: String { "FC\(rawValue)" }
}
