import DeviceProfiles
import XCTest

final class DecodingTests: XCTestCase {
    private func raw(_ words: [UInt16], _ type: PointType, _ order: WordOrder = .abcd) -> Double? {
        RegisterDecoding.raw(words, type: type, order: order)
    }

    func test16BitTypes_decodeUnsignedAndTwosComplement() {
        XCTAssertEqual(raw([0x1234], .uint16), 4660)
        XCTAssertEqual(raw([0xFFFE], .uint16), 65534)
        XCTAssertEqual(raw([0xFFFE], .int16), -2)
        XCTAssertEqual(raw([0x7FFF], .int16), 32767)
        XCTAssertEqual(raw([0x0001], .bool), 1)
        XCTAssertEqual(raw([0x0000], .bool), 0)
    }

    func test32BitIntegers_decodeInEveryWordOrder() {
        let vectors: [(WordOrder, [UInt16])] = [
            (.abcd, [0x1234, 0x5678]), (.cdab, [0x5678, 0x1234]), (.badc, [0x3412, 0x7856]), (.dcba, [0x7856, 0x3412]),
        ]
        for (order, words) in vectors {
            XCTAssertEqual(raw(words, .uint32, order), 0x1234_5678, "\(order)")
        }
        XCTAssertEqual(raw([0xFFFF, 0xFFFE], .int32, .abcd), -2)
        XCTAssertEqual(raw([0xFFFE, 0xFFFF], .int32, .cdab), -2)
        XCTAssertEqual(raw([0xFFFF, 0xFEFF], .int32, .badc), -2)
        XCTAssertEqual(raw([0xFEFF, 0xFFFF], .int32, .dcba), -2)
    }

    func testFloat32_decodesToItsShortestDecimalInEveryWordOrder() {
        let vectors: [(WordOrder, [UInt16])] = [
            (.abcd, [0x4366, 0x199A]), (.cdab, [0x199A, 0x4366]), (.badc, [0x6643, 0x9A19]), (.dcba, [0x9A19, 0x6643]),
        ]
        for (order, words) in vectors {
            XCTAssertEqual(raw(words, .float32, order), 230.1, "\(order)")
        }
        XCTAssertEqual(raw([0xBF00, 0x0000], .float32), -0.5)
    }

    func test64BitTypes_decodeInEveryWordOrder() {
        let vectors: [(WordOrder, [UInt16])] = [
            (.abcd, [0x0102, 0x0304, 0x0506, 0x0708]), (.cdab, [0x0708, 0x0506, 0x0304, 0x0102]),
            (.badc, [0x0201, 0x0403, 0x0605, 0x0807]), (.dcba, [0x0807, 0x0605, 0x0403, 0x0201]),
        ]
        for (order, words) in vectors {
            XCTAssertEqual(raw(words, .uint64, order), Double(0x0102_0304_0506_0708 as UInt64), "\(order)")
        }
        XCTAssertEqual(raw([0xFFFF, 0xFFFF, 0xFFFF, 0xFFFF], .int64), -1)
        XCTAssertEqual(raw([0x4093, 0x4A45, 0x6D5C, 0xFAAD], .float64), 1234.5678)
        XCTAssertEqual(raw([0xFAAD, 0x6D5C, 0x4A45, 0x4093], .float64, .cdab), 1234.5678)
    }

    func testBCD_decodesDecimalDigitsAndRejectsHexNibbles() {
        XCTAssertEqual(raw([0x1234], .bcd16), 1234)
        XCTAssertEqual(raw([0x0012, 0x3456], .bcd32), 123_456)
        XCTAssertEqual(raw([0x3456, 0x0012], .bcd32, .cdab), 123_456)
        XCTAssertNil(raw([0x12A4], .bcd16))
    }

    func testScaleAndOffset_giveTheEngineeringValueExactly() {
        let voltage = Point(name: "voltage_a", function: .holdingRegisters, address: 0, type: .uint16, scale: 0.1)
        XCTAssertEqual(voltage.decode([2301]), 230.1)
        let temperature = Point(name: "t", function: .holdingRegisters, address: 0, type: .int16, scale: 0.5, offset: -40)
        XCTAssertEqual(temperature.decode([100]), 10)
        let current = Point(name: "current_a", function: .holdingRegisters, address: 0, type: .int16, scaleFactor: "a_sf")
        XCTAssertEqual(current.decode([930], scaleExponent: -2), 9.3)
        XCTAssertEqual(current.decode([93], scaleExponent: 2), 9300)
    }

    func testNotAvailableSentinel_decodesToNoValue() {
        let signed = Point(name: "p", function: .holdingRegisters, address: 0, type: .int16, notAvailable: -32768)
        XCTAssertNil(signed.decode([0x8000]))
        XCTAssertEqual(signed.decode([0x8001]), -32767)
        let bitPattern = Point(name: "p", function: .holdingRegisters, address: 0, type: .int16, notAvailable: 0x8000)
        XCTAssertNil(bitPattern.decode([0x8000]))
        let unsigned = Point(name: "p", function: .holdingRegisters, address: 0, type: .uint32, notAvailable: 0xFFFF_FFFF)
        XCTAssertNil(unsigned.decode([0xFFFF, 0xFFFF]))
        XCTAssertEqual(unsigned.decode([0, 7]), 7)
    }

    func testEncoding_isTheInverseOfDecodingForEveryTypeAndOrder() {
        let samples: [PointType: Double] = [
            .uint16: 4660, .int16: -2, .uint32: 305_419_896, .int32: -70000, .uint64: 0x1p60,
            .int64: -5, .float32: 230.1, .float64: 1234.5678, .bcd16: 1234, .bcd32: 12_345_678, .bool: 1,
        ]
        for (type, value) in samples {
            for order in WordOrder.allCases {
                let function: ModbusFunction = type == .bool ? .coils : .holdingRegisters
                let point = Point(name: "p", function: function, address: 0, type: type, wordOrder: order)
                let words = point.encode(value)
                XCTAssertEqual(words.count, type.registerCount)
                XCTAssertEqual(point.decode(words), value, "\(type) \(order)")
            }
        }
        let scaled = Point(name: "v", function: .holdingRegisters, address: 0, type: .uint16, scale: 0.1)
        XCTAssertEqual(scaled.encode(230.1), [2301])
        let sentinel = Point(name: "v", function: .holdingRegisters, address: 0, type: .int16, notAvailable: -32768)
        XCTAssertEqual(sentinel.encode(nil), [0x8000])
    }
}
