/// Where a device keeps its outage event log: N records of (start, end) Unix seconds, newest first,
/// an end of 0 meaning "not yet restored".
public struct OutageLogLayout: Sendable, Hashable {
    public var function: ModbusFunction
    /// Address of the first register of the newest record.
    public var address: Int
    public var records: Int
    /// Type of each time stamp (`uint32` unless the profile says otherwise).
    public var timeType: PointType
    public var wordOrder: WordOrder
    /// The poll group that reads the log (`events` by default).
    public var group: String?
    /// A point holding how many records are in use (`outage_count`): records beyond it are ignored.
    public var countPoint: String?
    public var line: Int

    public init(
        function: ModbusFunction = .holdingRegisters, address: Int, records: Int, timeType: PointType = .uint32,
        wordOrder: WordOrder = .abcd, group: String? = "events", countPoint: String? = nil, line: Int = 0
    ) {
        self.function = function
        self.address = address
        self.records = records
        self.timeType = timeType
        self.wordOrder = wordOrder
        self.group = group
        self.countPoint = countPoint
        self.line = line
    }

    /// Registers one record takes (start and end).
    public var recordSize: Int { 2 * timeType.registerCount }
    /// Registers the whole log takes.
    public var registerCount: Int { records * recordSize }
    public var endAddress: Int { address + registerCount }
}

/// One record of a device's outage log, in Unix seconds.
public struct OutageLogEntry: Sendable, Hashable, Codable {
    public var start: Int64
    /// `nil` while the outage is still in progress (the device stores 0).
    public var end: Int64?

    public init(start: Int64, end: Int64?) {
        self.start = start
        self.end = end
    }
}
