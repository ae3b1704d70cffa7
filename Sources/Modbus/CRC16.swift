/// The Modbus RTU frame check (CRC-16, polynomial 0xA001 reflected, initial value 0xFFFF).
enum CRC16 {
    static func modbus(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xA001 : crc >> 1 }
        }
        return crc
    }

    /// Whether the last two bytes of `frame` (low byte first) are the CRC of the rest.
    static func isValid(_ frame: ArraySlice<UInt8>) -> Bool {
        guard frame.count >= 4 else { return false }
        let body = frame.dropLast(2)
        let received = UInt16(frame[frame.endIndex - 2]) | UInt16(frame[frame.endIndex - 1]) << 8
        return modbus(body) == received
    }
}
