import CModbus
import DeviceProfiles

/// One unit id served by a `ModbusServer`: the four tables (all 65536 addresses), whether it is
/// silent, and the address ranges it refuses with ILLEGAL DATA ADDRESS. Guarded by the server's lock.
final class SimulatedUnit {
    let mapping: UnsafeMutablePointer<modbus_mapping_t>
    var isSilent = false
    var refused: [(function: ModbusFunction, addresses: Range<Int>)] = []

    init() throws {
        let context = ModbusError.Context(endpoint: "server")
        mapping = try LibModbus.call("modbus_mapping_new", context, failed: { $0 == nil }) {
            modbus_mapping_new(65536, 65536, 65536, 65536)
        }!
    }

    deinit { modbus_mapping_free(mapping) }

    func write(_ values: [UInt16], function: ModbusFunction, address: Int) {
        for (offset, value) in values.enumerated() where address + offset < 65536 {
            switch function {
            case .coils: mapping.pointee.tab_bits[address + offset] = value == 0 ? 0 : 1
            case .discreteInputs: mapping.pointee.tab_input_bits[address + offset] = value == 0 ? 0 : 1
            case .holdingRegisters: mapping.pointee.tab_registers[address + offset] = value
            case .inputRegisters: mapping.pointee.tab_input_registers[address + offset] = value
            }
        }
    }

    func read(function: ModbusFunction, address: Int, count: Int) -> [UInt16] {
        (address..<min(address + count, 65536)).map { index in
            switch function {
            case .coils: UInt16(mapping.pointee.tab_bits[index])
            case .discreteInputs: UInt16(mapping.pointee.tab_input_bits[index])
            case .holdingRegisters: mapping.pointee.tab_registers[index]
            case .inputRegisters: mapping.pointee.tab_input_registers[index]
            }
        }
    }

    func refuses(function: ModbusFunction, addresses: Range<Int>) -> Bool {
        refused.contains { $0.function == function && $0.addresses.overlaps(addresses) }
    }
}
