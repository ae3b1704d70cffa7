/// One value a device exposes: where it lives, how to decode it, what it means.
public struct Point: Sendable, Hashable {
    /// A name from the shared vocabulary (`voltage_a`, ...) or a model-specific one.
    public var name: String
    public var function: ModbusFunction
    /// 0-based protocol address of the first register (or bit).
    public var address: Int
    public var type: PointType
    public var wordOrder: WordOrder
    /// The decoded value is `raw × scale × 10^scaleFactor + offset`.
    public var scale: Double
    public var offset: Double
    /// Name of another point of the same profile whose raw value is a power-of-ten exponent
    /// (SunSpec `sunssf`).
    public var scaleFactor: String?
    /// Engineering unit shown to people (`V`, `A`, `kWh`).
    public var unit: String?
    /// A raw value meaning "not available"; it decodes to no value rather than a number.
    public var notAvailable: Double?
    /// The poll group the point belongs to (`fast`, `slow`, `events`); `nil` for the default group.
    public var group: String?
    /// Line in the profile file, for messages about this point.
    public var line: Int

    public init(
        name: String, function: ModbusFunction, address: Int, type: PointType, wordOrder: WordOrder = .abcd,
        scale: Double = 1, offset: Double = 0, scaleFactor: String? = nil, unit: String? = nil,
        notAvailable: Double? = nil, group: String? = nil, line: Int = 0
    ) {
        self.name = name
        self.function = function
        self.address = address
        self.type = type
        self.wordOrder = wordOrder
        self.scale = scale
        self.offset = offset
        self.scaleFactor = scaleFactor
        self.unit = unit
        self.notAvailable = notAvailable
        self.group = group
        self.line = line
    }

    /// Registers (or bits) the point occupies.
    public var count: Int { type.registerCount }
    /// One past the last register (or bit) the point occupies.
    public var endAddress: Int { address + count }
}
