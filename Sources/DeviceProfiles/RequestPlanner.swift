/// Points in, the fewest reads out: nearby points of one table merge into one request of at most
/// 125 registers (2000 bits), bridging gaps of up to `maxGap` unread registers.
public struct RequestPlanner: Sendable {
    public var maxGap: Int
    public var maxRegisters: Int
    public var oneRequestPerPoint: Bool

    public init(maxGap: Int = 8, maxRegisters: Int = 125, oneRequestPerPoint: Bool = false) {
        self.maxGap = maxGap
        self.maxRegisters = maxRegisters
        self.oneRequestPerPoint = oneRequestPerPoint
    }

    /// The planner a profile's `workarounds` block asks for.
    public init(workarounds: Workarounds) {
        self.init(
            maxGap: workarounds.maxGap, maxRegisters: workarounds.maxRegistersPerRequest,
            oneRequestPerPoint: workarounds.oneRequestPerPoint
        )
    }

    /// Reads that fetch every point and every record of `outageLog`, ordered by table and address.
    /// No read bridges a gap across a point of `avoiding` (addresses the device refused).
    public func plan(_ points: [Point], outageLog: OutageLogLayout? = nil, avoiding: [Point] = []) -> [ReadRequest] {
        let records = outageLog.map { log in
            (0..<log.records).map { index in
                Self.single(
                    log.function,
                    record: OutageRecordSlot(
                        index: index, address: log.address + index * log.recordSize, count: log.recordSize
                    )
                )
            }
        } ?? []
        return merge(points.map(Self.single) + records, avoiding: avoiding)
    }

    /// Splits a read the device refused (ILLEGAL DATA ADDRESS) into two reads of half its items each;
    /// empty when the read carries a single item, which is then the one the device does not support.
    public func split(_ request: ReadRequest) -> [ReadRequest] {
        let items = Self.items(of: request)
        guard items.count > 1 else { return [] }
        let unbounded = RequestPlanner(maxGap: .max, maxRegisters: .max)
        return [items[..<(items.count / 2)], items[(items.count / 2)...]].flatMap { unbounded.merge(Array($0)) }
    }

    // MARK: - Merging

    private func merge(_ items: [ReadRequest], avoiding: [Point] = []) -> [ReadRequest] {
        let sorted = items.sorted { ($0.function.rawValue, $0.address) < ($1.function.rawValue, $1.address) }
        var requests: [ReadRequest] = []
        for item in sorted {
            if !oneRequestPerPoint, let last = requests.last, canAppend(item, to: last),
               !avoiding.contains(where: { $0.function == item.function && $0.address < item.address && $0.endAddress > last.endAddress }) {
                requests[requests.count - 1] = Self.joined(last, item)
            } else {
                requests.append(item)
            }
        }
        return requests
    }

    private func canAppend(_ item: ReadRequest, to request: ReadRequest) -> Bool {
        guard item.function == request.function, item.address - request.endAddress <= maxGap else { return false }
        let limit = item.function.readsBits
            ? item.function.maxCountPerRequest
            : min(maxRegisters, item.function.maxCountPerRequest)
        return max(request.endAddress, item.endAddress) - request.address <= limit
    }

    private static func joined(_ request: ReadRequest, _ item: ReadRequest) -> ReadRequest {
        ReadRequest(
            function: request.function, address: request.address,
            count: max(request.endAddress, item.endAddress) - request.address,
            points: request.points + item.points, outageRecords: request.outageRecords + item.outageRecords
        )
    }

    private static func single(_ point: Point) -> ReadRequest {
        ReadRequest(function: point.function, address: point.address, count: point.count, points: [point])
    }

    private static func single(_ function: ModbusFunction, record: OutageRecordSlot) -> ReadRequest {
        ReadRequest(function: function, address: record.address, count: record.count, points: [], outageRecords: [record])
    }

    /// A request's items as single reads, by address.
    private static func items(of request: ReadRequest) -> [ReadRequest] {
        (request.points.map(single) + request.outageRecords.map { single(request.function, record: $0) })
            .sorted { $0.address < $1.address }
    }
}
