/// How a point's registers become its value: type, word order, scale, offset and sentinel, without
/// the names a point also carries. A plain value, cheap to copy in a hot read loop.
public struct PointFormat: Sendable, Hashable {
    public var type: PointType
    public var wordOrder: WordOrder
    public var scale: Double
    public var offset: Double
    /// A raw value meaning "not available".
    public var notAvailable: Double?

    public init(type: PointType, wordOrder: WordOrder = .abcd, scale: Double = 1, offset: Double = 0, notAvailable: Double? = nil) {
        self.type = type
        self.wordOrder = wordOrder
        self.scale = scale
        self.offset = offset
        self.notAvailable = notAvailable
    }

    /// Whether `raw` is the "not available" sentinel. A signed type's sentinel may be written either
    /// as a negative number or as its unsigned bit pattern (`-32768` or `0x8000`).
    public func isNotAvailable(raw: Double) -> Bool {
        guard let sentinel = notAvailable else { return false }
        if sentinel == raw { return true }
        switch type {
        case .int16: return raw < 0 && sentinel == raw + 0x1p16
        case .int32: return raw < 0 && sentinel == raw + 0x1p32
        case .int64: return raw < 0 && sentinel == raw + 0x1p64
        default: return sentinel.isNaN && raw.isNaN
        }
    }

    /// The value held by `registers` (exactly `type.registerCount` words, or one bit as 0/1):
    /// `nil` for the "not available" sentinel or an invalid BCD word.
    public func decode(_ registers: ArraySlice<UInt16>, scaleExponent: Int = 0) -> Double? {
        guard let raw = RegisterDecoding.raw(registers, type: type, order: wordOrder),
              !isNotAvailable(raw: raw)
        else { return nil }
        return RegisterDecoding.engineering(raw: raw, scale: scale, exponent: scaleExponent, offset: offset)
    }

    /// The registers that decode to `value`; `nil` encodes the sentinel (or zero).
    public func encode(_ value: Double?, scaleExponent: Int = 0) -> [UInt16] {
        let raw = value.map {
            RegisterDecoding.raw(engineering: $0, scale: scale, exponent: scaleExponent, offset: offset)
        } ?? notAvailable ?? 0
        return RegisterDecoding.registers(for: raw, type: type, order: wordOrder)
    }
}
