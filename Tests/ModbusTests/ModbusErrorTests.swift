import CModbus
import Glibc
@testable import Modbus
import XCTest

final class ModbusErrorTests: XCTestCase {
    private func code(_ errno: Int32) -> ModbusError.Code { LibModbus.classify(errno) }

    func testErrnoValues_mapToMatchableCodes() {
        XCTAssertEqual(code(ETIMEDOUT), .timeout)
        XCTAssertEqual(code(ECONNREFUSED), .connectionRefused)
        XCTAssertEqual(code(ECONNRESET), .connectionReset)
        XCTAssertEqual(code(EPIPE), .connectionReset)
        XCTAssertEqual(code(GW_EMBBADCRC), .crcError)
        XCTAssertEqual(code(GW_EMBBADDATA), .invalidResponse)
        XCTAssertEqual(code(GW_EMBBADSLAVE), .invalidResponse)
        XCTAssertEqual(code(ENOENT), .io)
    }

    func testModbusExceptions_mapToTheirNamedCodes() {
        XCTAssertEqual(code(GW_EMBXILFUN), .illegalFunction)
        XCTAssertEqual(code(GW_EMBXILADD), .illegalDataAddress)
        XCTAssertEqual(code(GW_EMBXSFAIL), .serverDeviceFailure)
        XCTAssertEqual(code(GW_EMBXGTAR), .gatewayTargetDeviceFailedToRespond)
        XCTAssertEqual(code(GW_EMBXGTAR).exceptionCode?.rawValue, 11)
        XCTAssertEqual(ModbusError.Code.illegalDataAddress.description, "exception 2 ILLEGAL DATA ADDRESS")
    }

    func testDescription_namesEndpointUnitFunctionAddressAndCount() {
        let error = LibModbus.error(
            errno: ETIMEDOUT, operation: "modbus_read_registers",
            context: .init(endpoint: "tcp://10.0.0.5:502", unit: 3, function: .holdingRegisters, address: 100, count: 10)
        )
        XCTAssertEqual(error.description, "timeout, tcp://10.0.0.5:502, unit 3, FC3, address 100, count 10 (modbus_read_registers: Connection timed out)")
        XCTAssertTrue(ModbusError.Code.timeout ~= error)
    }

    func testOpeningAMissingSerialDevice_failsWithAnIOError() async {
        let bus = ModbusConnection(endpoint: .rtu(SerialLine(device: "/dev/gridwatch-no-such-tty")))
        do {
            _ = try await bus.read(unit: 1, function: .holdingRegisters, address: 0, count: 1)
            XCTFail("opened a missing device")
        } catch let error as ModbusError {
            XCTAssertEqual(error.code, .io)
            XCTAssertEqual(error.errno, ENOENT)
        } catch {
            XCTFail("\(error)")
        }
    }
}
