/// The exception codes of the Modbus application protocol (1-11), named as the specification names them.
public enum ModbusExceptionCode: UInt8, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case illegalFunction = 1
    case illegalDataAddress = 2
    case illegalDataValue = 3
    case serverDeviceFailure = 4
    case acknowledge = 5
    case serverDeviceBusy = 6
    case negativeAcknowledge = 7
    case memoryParityError = 8
    case gatewayPathUnavailable = 10
    case gatewayTargetDeviceFailedToRespond = 11

    /// The specification's name, e.g. `ILLEGAL DATA ADDRESS`.
    public var description: String {
        switch self {
        case .illegalFunction: "ILLEGAL FUNCTION"
        case .illegalDataAddress: "ILLEGAL DATA ADDRESS"
        case .illegalDataValue: "ILLEGAL DATA VALUE"
        case .serverDeviceFailure: "SERVER DEVICE FAILURE"
        case .acknowledge: "ACKNOWLEDGE"
        case .serverDeviceBusy: "SERVER DEVICE BUSY"
        case .negativeAcknowledge: "NEGATIVE ACKNOWLEDGE"
        case .memoryParityError: "MEMORY PARITY ERROR"
        case .gatewayPathUnavailable: "GATEWAY PATH UNAVAILABLE"
        case .gatewayTargetDeviceFailedToRespond: "GATEWAY TARGET DEVICE FAILED TO RESPOND"
        }
    }
}
