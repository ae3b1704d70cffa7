import DeviceProfiles

/// A failed Modbus operation: a code to match on and the context a person needs.
///
/// Match with `catch let error as ModbusError where error.code == .timeout`, or on the code alone:
/// `catch ModbusError.Code.illegalDataAddress`.
public struct ModbusError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Kind: Hashable {
            case timeout, connectionRefused, connectionReset, crcError, invalidResponse, io, invalidArgument
            case exception(ModbusExceptionCode)
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// No (complete) reply within the response or byte timeout.
        public static let timeout = Code(.timeout)
        /// Nothing listens at the endpoint.
        public static let connectionRefused = Code(.connectionRefused)
        /// The peer closed or reset the connection, or it was never up.
        public static let connectionReset = Code(.connectionReset)
        /// An RTU frame whose CRC does not match.
        public static let crcError = Code(.crcError)
        /// A reply that does not fit the request (wrong unit, function, length or transaction).
        public static let invalidResponse = Code(.invalidResponse)
        /// Any other system error (`errno` in the error's context), e.g. a serial device that does not exist.
        public static let io = Code(.io)
        /// A request or setting libmodbus refused before sending anything.
        public static let invalidArgument = Code(.invalidArgument)
        /// The device answered with a Modbus exception.
        public static func exception(_ code: ModbusExceptionCode) -> Code { Code(.exception(code)) }
        public static let illegalFunction = exception(.illegalFunction)
        public static let illegalDataAddress = exception(.illegalDataAddress)
        public static let illegalDataValue = exception(.illegalDataValue)
        public static let serverDeviceFailure = exception(.serverDeviceFailure)
        public static let gatewayPathUnavailable = exception(.gatewayPathUnavailable)
        public static let gatewayTargetDeviceFailedToRespond = exception(.gatewayTargetDeviceFailedToRespond)

        /// The Modbus exception, when the device answered with one.
        public var exceptionCode: ModbusExceptionCode? {
            if case .exception(let code) = kind { return code }
            return nil
        }

        /// Whether the link itself failed (rather than the device refusing or garbling one request).
        public var isLinkFailure: Bool {
            kind == .connectionRefused || kind == .connectionReset || kind == .io
        }

        public var description: String {
            switch kind {
            case .timeout: "timeout"
            case .connectionRefused: "connection refused"
            case .connectionReset: "connection reset"
            case .crcError: "CRC error"
            case .invalidResponse: "invalid response"
            case .io: "I/O error"
            case .invalidArgument: "invalid argument"
            case .exception(let code): "exception \(code.rawValue) \(code)"
            }
        }

        /// Lets `catch ModbusError.Code.timeout { }` match a thrown `ModbusError`.
        public static func ~= (code: Code, error: any Error) -> Bool {
            (error as? ModbusError)?.code == code
        }
    }

    /// Where and what was asked when the operation failed.
    public struct Context: Sendable, Hashable {
        /// `tcp://host:port` or `rtu:/dev/ttyS0@9600/8N1`.
        public var endpoint: String
        public var unit: Int?
        public var function: ModbusFunction?
        public var address: Int?
        public var count: Int?

        public init(endpoint: String, unit: Int? = nil, function: ModbusFunction? = nil, address: Int? = nil, count: Int? = nil) {
            self.endpoint = endpoint
            self.unit = unit
            self.function = function
            self.address = address
            self.count = count
        }
    }

    public var code: Code
    public var context: Context
    /// The libmodbus call that failed (`modbus_read_registers`).
    public var operation: String
    /// `errno` right after the failing call.
    public var errno: Int32
    /// libmodbus's own text for `errno`.
    public var systemMessage: String

    public init(code: Code, context: Context, operation: String, errno: Int32 = 0, systemMessage: String = "") {
        self.code = code
        self.context = context
        self.operation = operation
        self.errno = errno
        self.systemMessage = systemMessage
    }

    public var description: String {
        var parts = ["\(code)", context.endpoint]
        if let unit = context.unit { parts.append("unit \(unit)") }
        if let function = context.function { parts.append(function.description) }
        if let address = context.address { parts.append("address \(address)") }
        if let count = context.count { parts.append("count \(count)") }
        let detail = systemMessage.isEmpty ? operation : "\(operation): \(systemMessage)"
        return parts.joined(separator: ", ") + " (\(detail))"
    }
}
