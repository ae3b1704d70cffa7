/// One Modbus read the planner decided on: a contiguous span of one table, and what it carries.
public struct ReadRequest: Sendable, Hashable {
    public var function: ModbusFunction
    public var address: Int
    /// Registers (or bits) read.
    public var count: Int
    /// The points this read carries, by address.
    public var points: [Point]
    /// The outage-log records this read carries.
    public var outageRecords: [OutageRecordSlot]

    public init(
        function: ModbusFunction, address: Int, count: Int, points: [Point], outageRecords: [OutageRecordSlot] = []
    ) {
        self.function = function
        self.address = address
        self.count = count
        self.points = points
        self.outageRecords = outageRecords
    }

    public var endAddress: Int { address + count }
    /// How many separate things (points and log records) the read carries.
    public var itemCount: Int { points.count + outageRecords.count }
}

/// Where one outage-log record sits: record `index` (0 = newest) at `address`, `count` registers.
public struct OutageRecordSlot: Sendable, Hashable {
    public var index: Int
    public var address: Int
    public var count: Int

    public init(index: Int, address: Int, count: Int) {
        self.index = index
        self.address = address
        self.count = count
    }
}
