import GridWatchCore
import Reliability

/// Voltage samples by column, meters by topology number, indexed by meter in time order.
public struct VoltageSamples: Sendable {
    public private(set) var meter: [Int32] = []
    /// Unix seconds.
    public private(set) var time: [Int64] = []
    /// RMS volts.
    public private(set) var voltage: [Double] = []
    /// 0 when the sample names no phase, else 1, 2, 3 for A, B, C.
    public private(set) var phase: [UInt8] = []
    private var offsets: [Int] = [0]
    private var order: [Int32] = []

    public init() {}

    public var count: Int { meter.count }

    public mutating func append(meter: Int32, time: Int64, voltage: Double, phase: UInt8 = 0) {
        self.meter.append(meter)
        self.time.append(time)
        self.voltage.append(voltage)
        self.phase.append(phase)
    }

    /// Builds the by-meter index; call once after the last `append`.
    public mutating func index(meterCount: Int) {
        var offsets = [Int](repeating: 0, count: meterCount + 1)
        for meter in meter { offsets[Int(meter) + 1] += 1 }
        for meter in 0..<meterCount { offsets[meter + 1] += offsets[meter] }
        var next = offsets
        var order = [Int32](repeating: 0, count: count)
        for (sample, meter) in meter.enumerated() {
            order[next[Int(meter)]] = Int32(sample)
            next[Int(meter)] += 1
        }
        for meter in 0..<meterCount where offsets[meter + 1] - offsets[meter] > 1 {
            let range = offsets[meter]..<offsets[meter + 1]
            let isSorted = zip(order[range].dropFirst(), order[range]).allSatisfy { time[Int($0)] >= time[Int($1)] }
            if !isSorted { order[range].sort { (time[Int($0)], $0) < (time[Int($1)], $1) } }
        }
        self.offsets = offsets
        self.order = order
    }

    /// Meter `meter`'s sample numbers in time order (empty before `index(meterCount:)`).
    public func samples(ofMeter meter: Int) -> ArraySlice<Int32> {
        meter + 1 < offsets.count ? order[offsets[meter]..<offsets[meter + 1]] : []
    }

    /// Loads `voltage.csv`: `meter_id,time,voltage[,phase]`; times ISO-8601 with offset, phases empty,
    /// A/B/C or 1/2/3. Every meter must be in `topology`.
    public static func load(path: String, topology: Topology) throws(CSVFileError) -> VoltageSamples {
        let reader = try CSVByteReader(path: path)
        let header = try reader.readHeader()
        let meterColumn = try header.requiredColumn("meter_id"), timeColumn = try header.requiredColumn("time")
        let voltageColumn = try header.requiredColumn("voltage"), phaseColumn = header.optionalColumn("phase")
        let field = FieldParser(reader: reader)
        var samples = VoltageSamples()
        while try reader.nextRecord() {
            guard let meter = topology.meterIndex(of: String(decoding: try field.required("meter_id", meterColumn), as: UTF8.self)) else {
                throw CSVFileError(.unknownMeter, file: path, line: reader.line,
                                   "meter_id \"\(reader.string(meterColumn))\" is not in the topology, expected a meter listed in the topology file")
            }
            guard let time = try field.time("time", timeColumn) else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "time is empty, expected an ISO-8601 time with offset")
            }
            guard let volts = try field.number("voltage", voltageColumn) else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "voltage is empty, expected a number of volts")
            }
            let phaseText = String(decoding: field.trimmed(phaseColumn), as: UTF8.self).uppercased()
            guard let phase = ["": 0, "A": 1, "B": 2, "C": 3, "1": 1, "2": 2, "3": 3, "L1": 1, "L2": 2, "L3": 3][phaseText] else {
                throw CSVFileError(.badValue, file: path, line: reader.line, "phase \"\(reader.string(phaseColumn))\" is not valid, expected empty, A, B, C, 1, 2 or 3")
            }
            samples.append(meter: Int32(meter), time: time.unixSeconds, voltage: volts, phase: UInt8(phase))
        }
        samples.index(meterCount: topology.meterCount)
        return samples
    }
}
