extension Point {
    /// What decoding the point needs, without its names.
    public var format: PointFormat {
        PointFormat(type: type, wordOrder: wordOrder, scale: scale, offset: offset, notAvailable: notAvailable)
    }

    /// Whether `raw` is the point's "not available" sentinel (see `PointFormat.isNotAvailable`).
    public func isNotAvailable(raw: Double) -> Bool { format.isNotAvailable(raw: raw) }

    /// The point's value from its own registers (exactly `count` words, or one bit as 0/1):
    /// `nil` for the "not available" sentinel or an invalid BCD word.
    public func decode(_ registers: [UInt16], scaleExponent: Int = 0) -> Double? {
        format.decode(registers[...], scaleExponent: scaleExponent)
    }

    /// `decode(_:scaleExponent:)` for the point's slice of a longer reply.
    public func decode(_ registers: ArraySlice<UInt16>, scaleExponent: Int = 0) -> Double? {
        format.decode(registers, scaleExponent: scaleExponent)
    }

    /// The registers that make the point decode to `value`; `nil` encodes the sentinel (or zero).
    public func encode(_ value: Double?, scaleExponent: Int = 0) -> [UInt16] {
        format.encode(value, scaleExponent: scaleExponent)
    }
}
