import GridWatchCore
import Modbus

extension DeviceReadResult: PollOutcome {
    /// A cycle succeeded when any reply came back; its failure is the error that stopped it otherwise.
    public var report: CycleReport {
        CycleReport(
            dataReceived: answered,
            failure: answered ? nil : failure?.code.readingQuality ?? .disconnected,
            errorCode: failure.map { $0.code.identifier },
            errorDescription: failure.map(String.init(describing:)),
            unsupportedPoints: points.count { $0.quality == .unsupported },
            latency: latency
        )
    }
}

extension ModbusError.Code {
    /// The code as stored and shown to machines: `timeout`, `connection_refused`, `exception_2_...`.
    public var identifier: String {
        description.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce(into: "") { $0.append($1) }
    }
}
