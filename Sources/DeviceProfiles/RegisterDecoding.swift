/// Decoding of register words into numbers, and the inverse for simulators.
public enum RegisterDecoding {
    /// The raw number held by `registers` (exactly `type.registerCount` words, as read off the wire),
    /// before scale and offset. `nil` for a BCD word holding a non-decimal nibble.
    public static func raw(_ registers: [UInt16], type: PointType, order: WordOrder) -> Double? {
        raw(registers[...], type: type, order: order)
    }

    /// `raw(_:type:order:)` for a slice of a longer reply.
    public static func raw(_ registers: ArraySlice<UInt16>, type: PointType, order: WordOrder) -> Double? {
        let bits = bigEndianBits(registers, order: order)
        switch type {
        case .bool: return bits == 0 ? 0 : 1
        case .uint16, .uint32, .uint64: return Double(bits)
        case .int16: return Double(Int16(truncatingIfNeeded: bits))
        case .int32: return Double(Int32(truncatingIfNeeded: bits))
        case .int64: return Double(Int64(bitPattern: bits))
        case .float32: return shortestDouble(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .float64: return Double(bitPattern: bits)
        case .bcd16, .bcd32: return bcd(bits, digits: type.registerCount * 4).map { Double($0) }
        }
    }

    /// The words that hold `raw` in `type` and `order`: the inverse of `raw(_:type:order:)`.
    /// Values out of the type's range are clamped; fractions are rounded.
    public static func registers(for raw: Double, type: PointType, order: WordOrder) -> [UInt16] {
        let bits: UInt64
        switch type {
        case .bool: bits = raw == 0 ? 0 : 1
        case .uint16: bits = UInt64(clamped(raw, 0, Double(UInt16.max)))
        case .uint32: bits = UInt64(clamped(raw, 0, Double(UInt32.max)))
        case .uint64: bits = raw >= 0x1p64 ? .max : UInt64(clamped(raw, 0, 0x1p64))
        case .int16: bits = UInt64(UInt16(bitPattern: Int16(clamped(raw, -32768, 32767))))
        case .int32: bits = UInt64(UInt32(bitPattern: Int32(clamped(raw, -0x1p31, 0x1p31 - 1))))
        case .int64:
            bits = UInt64(bitPattern: raw >= 0x1p63 ? .max : Int64(clamped(raw, -0x1p63, 0x1p63)))
        case .float32: bits = UInt64(Float(raw).bitPattern)
        case .float64: bits = raw.bitPattern
        case .bcd16, .bcd32: bits = bcdBits(UInt64(clamped(raw, 0, Double(bcdLimit(type)))))
        }
        return wireWords(bits, count: type.registerCount, order: order)
    }

    /// The value a person reads: `raw × scale × 10^exponent + offset`. Division by the reciprocal when
    /// `scale` is one (0.1, 0.01), so that 2301 × 0.1 prints as 230.1.
    public static func engineering(raw: Double, scale: Double, exponent: Int = 0, offset: Double) -> Double {
        var value = applyScale(raw, scale)
        if exponent != 0 { value = applyScale(value, pow10(exponent)) }
        return value + offset
    }

    /// The raw number that decodes to `value`: the inverse of `engineering` (integer types round it
    /// when it is encoded).
    public static func raw(engineering value: Double, scale: Double, exponent: Int = 0, offset: Double) -> Double {
        (value - offset) / scale / pow10(exponent)
    }

    // MARK: - Helpers

    private static func applyScale(_ value: Double, _ scale: Double) -> Double {
        guard scale != 1 else { return value }
        if scale < 1 {
            let reciprocal = (1 / scale).rounded()
            if reciprocal * scale == 1 { return value / reciprocal }
        }
        return value * scale
    }

    private static func pow10(_ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(exponent) { result *= 10 }
        return exponent < 0 ? 1 / result : result
    }

    /// The Double closest to the float's shortest decimal form: a float32 of 230.1 decodes to 230.1.
    private static func shortestDouble(_ value: Float) -> Double {
        guard value.isFinite else { return Double(value) }
        return Double(value.description) ?? Double(value)
    }

    private static func bigEndianBits(_ registers: ArraySlice<UInt16>, order: WordOrder) -> UInt64 {
        var bits: UInt64 = 0
        for index in registers.indices {
            let word = registers[order.swapsWords ? registers.endIndex - 1 - (index - registers.startIndex) : index]
            bits = (bits << 16) | UInt64(order.swapsBytes ? word.byteSwapped : word)
        }
        return bits
    }

    private static func wireWords(_ bits: UInt64, count: Int, order: WordOrder) -> [UInt16] {
        var words = (0..<count).map { index in
            UInt16(truncatingIfNeeded: bits >> (16 * UInt64(count - 1 - index)))
        }
        if order.swapsBytes { words = words.map(\.byteSwapped) }
        if order.swapsWords { words.reverse() }
        return words
    }

    private static func bcd(_ bits: UInt64, digits: Int) -> UInt64? {
        var result: UInt64 = 0
        for index in (0..<digits).reversed() {
            let nibble = (bits >> (4 * UInt64(index))) & 0xF
            guard nibble <= 9 else { return nil }
            result = result * 10 + nibble
        }
        return result
    }

    private static func bcdBits(_ value: UInt64) -> UInt64 {
        var remaining = value, bits: UInt64 = 0, shift: UInt64 = 0
        while remaining > 0 {
            bits |= (remaining % 10) << shift
            remaining /= 10
            shift += 4
        }
        return bits
    }

    private static func bcdLimit(_ type: PointType) -> UInt64 { type == .bcd16 ? 9999 : 99_999_999 }

    private static func clamped(_ value: Double, _ low: Double, _ high: Double) -> Double {
        guard !value.isNaN else { return 0 }
        return min(max(value, low), high).rounded(.toNearestOrEven)
    }
}
