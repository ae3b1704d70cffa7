import CModbus
import Glibc

/// The one door to libmodbus: every `modbus_*` call of GridWatch goes through `call`.
enum LibModbus {
    /// Runs `body`, reads `errno` at once when `failed` says the call failed, retries on `EINTR`
    /// (a signal interrupted a wait; for reads, repeating the request is harmless), and throws a
    /// `ModbusError` classified from `errno`.
    @inline(__always)
    static func call<Result>(
        _ operation: StaticString, _ context: @autoclosure () -> ModbusError.Context,
        failed: (Result) -> Bool, _ body: () -> Result
    ) throws -> Result {
        while true {
            gw_set_errno(0)
            let result = body()
            guard failed(result) else { return result }
            let code = gw_errno()
            if code == EINTR { continue }
            throw error(errno: code, operation: "\(operation)", context: context())
        }
    }

    /// `call` for the many functions that return -1 on failure.
    @inline(__always)
    static func call(
        _ operation: StaticString, _ context: @autoclosure () -> ModbusError.Context, _ body: () -> Int32
    ) throws -> Int32 {
        try call(operation, context(), failed: { $0 == -1 }, body)
    }

    /// Classifies `errno` after a failed call.
    static func error(errno code: Int32, operation: String, context: ModbusError.Context) -> ModbusError {
        ModbusError(
            code: classify(code), context: context, operation: operation, errno: code,
            systemMessage: String(cString: modbus_strerror(code))
        )
    }

    static func classify(_ code: Int32) -> ModbusError.Code {
        let exceptionNumber = code - GW_MODBUS_ENOBASE
        if (1...11).contains(exceptionNumber), let exception = ModbusExceptionCode(rawValue: UInt8(exceptionNumber)) {
            return .exception(exception)
        }
        switch code {
        case ETIMEDOUT, EAGAIN: return .timeout
        case ECONNREFUSED: return .connectionRefused
        case ECONNRESET, EPIPE, ENOTCONN, ECONNABORTED, EBADF: return .connectionReset
        case GW_EMBBADCRC: return .crcError
        case GW_EMBBADDATA, GW_EMBMDATA, GW_EMBBADEXC, GW_EMBBADSLAVE: return .invalidResponse
        case EINVAL: return .invalidArgument
        default: return .io
        }
    }
}
